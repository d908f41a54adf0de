using System.Security.Claims;
using Vigil.Core.Governance;

namespace Vigil.Web.Governance;

public static class BreakGlassSetup
{
    public static IServiceCollection AddBreakGlass(this IServiceCollection services, IConfiguration configuration)
    {
        // Invalid settings (no positive, bounded grant; a justification floor under 30) stop the host, naming the key.
        services.AddOptions<BreakGlassOptions>().Bind(configuration.GetSection(BreakGlassOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BreakGlassOptions>, BreakGlassOptionsValidator>();
        services.AddScoped<ActiveGrants>();
        services.AddScoped<BreakGlassLedger>();
        services.AddScoped<BreakGlassService>();
        services.AddScoped<PersonnelExport>();
        return services;
    }

    /// <summary>
    /// After sign-in is known: reads the caller's active break-glass grants into <see cref="ActiveGrants"/>,
    /// from which their <see cref="Core.Access.CallerScope"/> is built. Grants never enter the cookie or the
    /// token, so an expired or given-back grant stops working on the very next request.
    /// Signed-in responses are not cached anywhere (they may hold personal data) unless an endpoint says otherwise.
    /// </summary>
    public static void UseBreakGlassGrants(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var grants = await context.RequestServices.GetRequiredService<BreakGlassLedger>().ActiveGrantsAsync(userId, context.RequestAborted);
            context.RequestServices.GetRequiredService<ActiveGrants>().Set(grants);
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey("Cache-Control"))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
        }
        await next();
    });
}
