using System.Net;

namespace Vigil.Web.Platform;

/// <summary>A tiny self-contained HTML page for error statuses met by people in a browser.</summary>
public static class StatusPage
{
    public static string Render(int status, string? detail = null)
    {
        var title = WebUtility.HtmlEncode(ErrorHandling.TitleFor(status));
        var hint = status switch
        {
            401 => "<p><a href=\"/account/signin\">Sign in</a></p>",
            404 => "<p>The page does not exist, or it is outside what your role and scope allow.</p>",
            _ => string.Empty,
        };
        if (detail is not null)
        {
            hint = $"<p>{WebUtility.HtmlEncode(detail)}</p>" + hint;
        }
        return $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{status} {title} · Vigil</title><link rel="stylesheet" href="{SiteAssets.CssUrl}"></head>
            <body><main class="narrow"><h1>{status} · {title}</h1>{hint}<p><a href="/">Vigil home</a></p></main></body></html>
            """;
    }
}
