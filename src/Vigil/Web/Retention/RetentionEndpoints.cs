using System.Security.Claims;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Retention;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Retention;

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<RetentionService>();
        services.AddScoped<LegalHolds>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}

/// <summary>Legal holds on cases and reports: list, set, release (conduct chiefs and legal officers, with a reason).</summary>
public static class RetentionEndpoints
{
    public static void MapRetentionEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{reference}/legal-hold").WithTags("Retention").RequireAuthorization(Policies.Staff);
        cases.MapGet("/", async (string reference, LegalHolds holds, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await holds.ListForCaseAsync(scope, UserId(user), reference, ct)).ToHttp())
            .WithSummary("Legal holds on a case, active and released.");
        cases.MapPost("/", async (string reference, HoldRequest body, LegalHolds holds, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await holds.SetOnCaseAsync(scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary("Put a case under legal hold (with a reason): retention will not touch it or its reports.");
        cases.MapPost("/release", async (string reference, HoldRequest body, LegalHolds holds, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await holds.ReleaseOnCaseAsync(scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary("Release a case's legal hold (with a reason); a hold the legal office set only a legal officer releases.");

        // Conduct chiefs and legal officers hold reports (LegalHolds.MayHold); a conduct officer finds the report but may not (403).
        var reports = app.MapGroup("/api/v1/reports/{reference}/legal-hold").WithTags("Retention")
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.ConductOfficer},{Roles.ConductChief},{Roles.LegalOfficer}" });
        reports.MapGet("/", async (string reference, LegalHolds holds, CallerScope scope, CancellationToken ct) =>
                (await holds.ListForReportAsync(scope, reference, ct)).ToHttp())
            .WithSummary("Legal holds on a report, active and released.");
        reports.MapPost("/", async (string reference, HoldRequest body, LegalHolds holds, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await holds.SetOnReportAsync(scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary("Put a report under legal hold (with a reason).");
        reports.MapPost("/release", async (string reference, HoldRequest body, LegalHolds holds, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await holds.ReleaseOnReportAsync(scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary("Release a report's legal hold (with a reason); a hold the legal office set only a legal officer releases.");
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}

/// <summary>Runs retention on the injected clock when <c>Retention:Enabled</c> is set; every run is recorded.</summary>
public sealed class RetentionWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        // One delay after each run, not a periodic timer: after a long pause (or a clock jump) the
        // worker runs once, instead of catching up every missed interval back to back.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromHours(options.Value.IntervalHours), clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(dryRun: false, "scheduled", stoppingToken);
                logger.LogInformation("Retention run {RunId}: {Reports} report(s), {Cases} case(s) anonymised; {Messages} message(s), {Files} file(s) deleted; {Held} held",
                    result.RunId, result.ReportsAnonymised, result.CasesAnonymised, result.MessagesDeleted, result.EvidenceFilesDeleted, result.HeldSkipped);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down; try again at the next tick.
                logger.LogWarning("Retention run failed: {Error}", e.GetType().Name);
            }
        }
    }
}
