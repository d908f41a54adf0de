namespace Vigil.Web.Platform;

/// <summary>
/// Strict headers on every response: nothing loads from third parties, no scripts run (no
/// script-src at all, so no inline script either), no framing, no referrer leaves the site, and
/// nothing is kept in a browser or proxy cache except the versioned stylesheet.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Two years, subdomains included: sent only over HTTPS (RFC 6797 ignores it over HTTP).</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        // Pages and API answers may carry personal data: never stored. Set as the answer starts, unless something set its
        // own: the stylesheet's long-lived caching, or antiforgery's "no-cache, no-store" on a page with a form (which
        // logged a warning on every such page when this was set first).
        context.Response.OnStarting(() =>
        {
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
