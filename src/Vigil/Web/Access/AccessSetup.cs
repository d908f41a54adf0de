using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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

/// <summary>
/// Sign-in: ASP.NET Core Identity. People use a cookie; programs may use the same cookie or a bearer
/// token from <c>POST /api/v1/auth/token</c>. One policy scheme picks the handler per request.
/// </summary>
public static class AccessSetup
{
    public const string CookieOrBearer = "cookie-or-bearer";

    public static IServiceCollection AddVigilAccess(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddIdentity<VigilUser, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<VigilClaimsPrincipalFactory>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultAuthenticateScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "vigil";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/signin";
            o.AccessDeniedPath = "/status/403";
            // Programs get status codes, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true || IsRoutingRejection(context.Resource))
                .Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.PersonnelReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.PersonnelReaders))
            .AddPolicy(Policies.IntakeHandlers, p => p.RequireAuthenticatedUser().RequireRole(Roles.IntakeHandlers))
            .AddPolicy(Policies.ScreeningOfficers, p => p.RequireAuthenticatedUser().RequireRole(Roles.ScreeningOfficer))
            .AddPolicy(Policies.ScreeningReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.ScreeningOfficer, Roles.ConductChief));

        // The caller's claims plus their active break-glass grants (read per request by UseBreakGlassGrants).
        services.AddScoped(sp =>
        {
            var grants = sp.GetRequiredService<Core.Governance.ActiveGrants>();
            return CallerScope.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new())
                .WithBreakGlass(grants.Missions, grants.Cases, grants.Unmasked);
        });
        services.AddScoped<AccountAdministration>();
        services.AddScoped<DemoAccounts>();
        return services;
    }

    /// <summary>
    /// Deny by default: every endpoint without its own decision needs a signed-in user. The only
    /// exceptions are routing's own 405/415 answers, which carry no data and must reach the caller as such.
    /// </summary>
    private static bool IsRoutingRejection(object? resource) =>
        resource is HttpContext { } http && http.GetEndpoint()?.DisplayName is { } name
        && (name.StartsWith("405 HTTP", StringComparison.Ordinal) || name.StartsWith("415 HTTP", StringComparison.Ordinal));

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
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
