using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Data;

namespace Vigil.Web.Access;

public static class Policies
{
    /// <summary>Any signed-in staff member with a Vigil role.</summary>
    public const string Staff = "staff";

    /// <summary>Roles that may read personnel records; see <see cref="Roles.PersonnelReaders"/>.</summary>
    public const string PersonnelReaders = "personnel-readers";

    /// <summary>Conduct officers and chiefs, who receive and triage reports.</summary>
    public const string IntakeHandlers = "intake-handlers";

    /// <summary>Screening officers: the registry, screening runs and decisions.</summary>
    public const string ScreeningOfficers = "screening-officers";

    /// <summary>Screening officers and conduct chiefs, who may read the candidates of their missions.</summary>
    public const string ScreeningReaders = "screening-readers";
}

/// <summary>How long a sign-in lasts; settings under "Sessions".</summary>
public sealed class SessionLimits
{
    /// <summary>A browser session ends after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A browser session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lifetime of a bearer token; there is no refresh: a program signs in again, with a new code.</summary>
    public TimeSpan BearerLifetime { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Sign-in: ASP.NET Core Identity with a required TOTP second factor. People use a cookie; programs
/// may use the same cookie or a bearer token from <c>POST /api/v1/auth/token</c>. One policy scheme
/// picks the handler per request. Optional OpenID Connect sign-in: see <see cref="ExternalSignIn"/>.
/// </summary>
public static class AccessSetup
{
    public const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>Rate-limit policy of the sign-in page, the second-factor page and the token endpoint.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>The "amr" claim values that prove a second factor: our TOTP, or the organisation's identity provider.</summary>
    public static readonly IReadOnlySet<string> SecondFactorMethods = new HashSet<string>(StringComparer.Ordinal) { "mfa", ExternalSignIn.AuthenticationMethod };

    private const string SignedInAtItem = "vigil.signed-in-at";

    public static IServiceCollection AddVigilAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.Configure<SessionLimits>(configuration.GetSection("Sessions"));
        services.Configure<SignInRateLimits>(configuration.GetSection("RateLimits"));
        var sessions = configuration.GetSection("Sessions").Get<SessionLimits>() ?? new SessionLimits();
        services.AddIdentity<VigilUser, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B); common passwords refused by PasswordRules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
            })
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddUserStore<VigilUserStore>()
            .AddUserManager<VigilUserManager>()
            .AddSignInManager<VigilSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name)
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<VigilClaimsPrincipalFactory>();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultAuthenticateScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                IsBearerRequest(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = sessions.BearerLifetime;
                o.RefreshTokenExpiration = sessions.BearerLifetime;
            });
        ExternalSignIn.AddIfConfigured(authentication, configuration);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "vigil";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = sessions.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/signin";
            o.AccessDeniedPath = "/status/403";
            // Programs get status codes, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            // Sliding renewal moves IssuedUtc, so the moment of sign-in is kept apart for the absolute limit.
            o.Events.OnSigningIn = context =>
            {
                if (!context.Properties.Items.ContainsKey(SignedInAtItem))
                {
                    context.Properties.Items[SignedInAtItem] = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds()
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<SessionLimits>>().Value.AbsoluteTimeout;
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                    || !long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > limit)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // Then Identity's own check: a changed security stamp ("sign out everywhere") ends the session.
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // Every request checks the security stamp: "sign out everywhere" takes effect at once.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The check rebuilds the principal from the database; keep how the person signed in.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var amr in current.FindAll("amr").Where(c => !identity.HasClaim("amr", c.Value)))
                    {
                        identity.AddClaim(new Claim("amr", amr.Value));
                    }
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true || IsRoutingRejection(context.Resource))
                .Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.PersonnelReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.PersonnelReaders))
            .AddPolicy(Policies.IntakeHandlers, p => p.RequireAuthenticatedUser().RequireRole(Roles.IntakeHandlers))
            .AddPolicy(Policies.ScreeningOfficers, p => p.RequireAuthenticatedUser().RequireRole(Roles.ScreeningOfficer))
            .AddPolicy(Policies.ScreeningReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.ScreeningOfficer, Roles.ConductChief));

        services.Configure<RateLimiterOptions>(o =>
        {
            static SignInRateLimits Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<SignInRateLimits>>().Value;
            // Sign-in attempts per address: reading the form is free, each post counts. Identity's
            // lockout (5 failures, 15 minutes) protects each account on top of this.
            o.AddPolicy(SignInPolicy, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("form")
                : RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).SignInAttemptsPerWindow, Window = Limits(context).Window }));
            // Every anonymous request, on every route, counts against its address; signed-in staff are not limited here.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("staff")
                    : RateLimitPartition.GetFixedWindowLimiter("anonymous:" + ClientAddress(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).AnonymousRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        // The caller's claims plus their active break-glass grants (read per request by UseBreakGlassGrants).
        services.AddScoped(sp =>
        {
            var grants = sp.GetRequiredService<Core.Governance.ActiveGrants>();
            return CallerScope.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new())
                .WithBreakGlass(grants.Missions, grants.Cases, grants.Unmasked);
        });
        services.AddScoped<AccountAdministration>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<PasswordStep>();
        return services;
    }

    /// <summary>
    /// After authentication: a bearer token is honoured only while the account's security stamp is
    /// unchanged (cookies get the same check from Identity), and a principal without a second factor
    /// is treated as anonymous for every role that requires one — whatever path signed it in.
    /// </summary>
    public static void UseSessionChecks(this WebApplication app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
            var secondFactorMissing = SecondFactor.IsRequiredFor(roles) && !user.FindAll("amr").Any(c => SecondFactorMethods.Contains(c.Value));
            var stampStale = IsBearerRequest(context.Request)
                && await context.RequestServices.GetRequiredService<SignInManager<VigilUser>>().ValidateSecurityStampAsync(user) is null;
            if (secondFactorMissing || stampStale)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next();
    });

    public static string ClientAddress(HttpContext context) => (context.Connection.RemoteIpAddress ?? System.Net.IPAddress.None).ToString();

    private static bool IsBearerRequest(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Deny by default: every endpoint without its own decision needs a signed-in user. The only
    /// exceptions are routing's own 405/415 answers, which carry no data and must reach the caller as such.
    /// </summary>
    private static bool IsRoutingRejection(object? resource) =>
        resource is HttpContext { } http && http.GetEndpoint()?.DisplayName is { } name
        && (name.StartsWith("405 HTTP", StringComparison.Ordinal) || name.StartsWith("415 HTTP", StringComparison.Ordinal));

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Limits for sign-in and anonymous traffic, under "RateLimits" (with the public-report limits).</summary>
public sealed class SignInRateLimits
{
    /// <summary>Password, code and token posts one address may make per window.</summary>
    public int SignInAttemptsPerWindow { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests per minute from one address without a sign-in, on any route.</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 300;
}
