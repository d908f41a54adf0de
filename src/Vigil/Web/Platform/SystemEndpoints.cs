using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vigil.Web.Platform;

public static class SystemEndpoints
{
    public static void MapSystemEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString().ToLowerInvariant() });
            },
        }).AllowAnonymous();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var css = SiteAssets.Css;
        var etag = $"\"{SiteAssets.CssVersion}\"";
        app.MapGet("/assets/site.css", (HttpContext context) =>
            {
                // Pages link it with ?v=<hash>: a new version is a new URL, so it can be cached for good.
                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                context.Response.Headers.ETag = etag;
                return context.Request.Headers.IfNoneMatch == etag
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : Results.Bytes(css, "text/css; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();

        // The language switch: a plain form post, so it works without JavaScript.
        app.MapPost("/culture", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
            {
                SetCulture(context, culture is "fr" ? "fr" : "en");
                return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
            })
            .AllowAnonymous().ExcludeFromDescription()
            .DisableAntiforgery(); // a language preference is harmless to forge
    }

    /// <summary>
    /// A staff page opened with <c>?lang=fr</c> (a link shared in French) keeps that language: its forms post to a path
    /// without the query, so the choice is kept in the same cookie the language switch sets. Signed-in staff only: an
    /// anonymous reporter's device is left without a trace of the visit (the public pages carry the language in their
    /// links and forms).
    /// </summary>
    public static void UseLanguageFromLinks(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.User.Identity?.IsAuthenticated == true
            && context.Request.Query["lang"] is { Count: 1 } lang && lang[0] is "en" or "fr"
            && context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] != CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang[0]!)))
        {
            SetCulture(context, lang[0]!);
        }
        await next(context);
    });

    private static void SetCulture(HttpContext context, string culture) =>
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    /// <summary>
    /// A path on this site, by the rule LocalRedirect applies (which throws otherwise): one leading '/', not "//"
    /// nor "/\" (browsers read both as another host), and no control character.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

}

/// <summary>The one stylesheet, embedded in the executable, and its content hash for cache-busting URLs.</summary>
public static class SiteAssets
{
    public static byte[] Css { get; } = LoadAsset("site.css");

    public static string CssVersion { get; } = Convert.ToHexString(SHA256.HashData(Css))[..16].ToLowerInvariant();

    public static string CssUrl { get; } = "/assets/site.css?v=" + CssVersion;

    private static byte[] LoadAsset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Vigil.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
