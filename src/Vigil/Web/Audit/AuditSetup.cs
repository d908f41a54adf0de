using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Hosting;

namespace Vigil.Web.Audit;

public static class AuditSetup
{
    /// <summary>The auditor role only: the log shows who looked at which record, which the administrator (an insider in the threat model) must not browse.</summary>
    public const string Policy = "auditors";

    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        // The newest head this host saw committed, kept beside the database (not in it): a head put back is caught.
        services.AddSingleton(sp => new AuditWitness(Path.Combine(sp.GetRequiredService<HostSettings>().DataDirectory, AuditWitness.FileName)));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IAuditActor, HttpAuditActor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<AuditStatus>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditVerifier>();
        services.AddHostedService<AuditWorker>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor));

        // Sign-in and sign-out, whichever page or endpoint does them: wrap the authentication service.
        services.AddScoped<AuthenticationService>();
        services.AddScoped<IAuthenticationService, AuditedAuthenticationService>();
        return services;
    }

    /// <summary>The DbContext registration: the provider, then the audit interceptor.</summary>
    public static void ConfigureDbContext(IServiceProvider services, HostSettings settings, Microsoft.EntityFrameworkCore.DbContextOptionsBuilder options)
    {
        settings.Storage.Apply(options);
        options.AddInterceptors(services.GetRequiredService<AuditInterceptor>());
    }
}

/// <summary>
/// The current user's id in a request; "anonymous" in a request without a signed-in user (public
/// reporters: no IP address, no user agent); "system" outside requests (workers, start-up, CLI).
/// </summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string Current => http.HttpContext is not { } context
        ? IAuditActor.System
        : context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? id
            : IAuditActor.Anonymous;
}

/// <summary>Records completed sign-ins (cookie or bearer token) and sign-outs; partial two-factor steps are not sign-ins.</summary>
public sealed class AuditedAuthenticationService(AuthenticationService inner, IServiceProvider services) : IAuthenticationService
{
    private static readonly HashSet<string> SignInSchemes = [IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme];

    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => inner.AuthenticateAsync(context, scheme);

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ChallengeAsync(context, scheme, properties);

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => inner.ForbidAsync(context, scheme, properties);

    public async Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties)
    {
        await inner.SignInAsync(context, scheme, principal, properties);
        if (scheme is not null && SignInSchemes.Contains(scheme) && principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
        {
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEvent(AuditActions.SignIn, nameof(VigilUser), id, scheme == IdentityConstants.BearerScheme ? "bearer token" : "cookie", Actor: id),
                context.RequestAborted);
        }
    }

    public async Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
    {
        var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        await inner.SignOutAsync(context, scheme, properties);
        if (scheme == IdentityConstants.ApplicationScheme && id is not null)
        {
            await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActions.SignOut, nameof(VigilUser), id, Actor: id), context.RequestAborted);
        }
    }
}

/// <summary>
/// /health is unhealthy while the audit log refuses appends (<see cref="AuditWriter.Refusal"/>): every audited write,
/// and every audited read, answers 503 until an administrator has looked.
/// </summary>
public sealed class AuditLogHealthCheck(AuditWriter writer) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public const string Name = "audit-log";

    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.Refusal is { } refusal
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(refusal.Message)
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
}

/// <summary>Writes a signed checkpoint and verifies the whole chain at start and then every <see cref="AuditOptions.CheckpointInterval"/>.</summary>
public sealed class AuditWorker(IServiceScopeFactory scopes, TimeProvider clock, AuditStatus status, Microsoft.Extensions.Options.IOptions<AuditOptions> options,
    ILogger<AuditWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<AuditWriter>().CheckpointAsync(db, stoppingToken);
                }
                catch (AuditLogBrokenException refused)
                {
                    // Never signed; the verification below names every problem.
                    logger.LogCritical("Audit checkpoint refused: {Problem}", refused.Message);
                }
                var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct: stoppingToken);
                status.Set(verification);
                if (verification.FirstBroken is { } broken)
                {
                    logger.LogError("Audit log verification failed at entry {Sequence}: {Problem}", broken.Sequence, broken.What);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not yet migrated; try again next time.
                logger.LogWarning("Audit checkpoint failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
