using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// A tiny self-contained HTML page for error statuses met by people in a browser, in the request's language (the
/// language chosen by ?lang= or the cookie; English when a text has no translation).
/// </summary>
public static class StatusPage
{
    public static string Render(HttpContext context, int status, Words? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The error handler runs outside the localisation middleware's culture scope: the request's culture is on the context.
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            string Html(string text) => WebUtility.HtmlEncode(text);
            var title = Html(t[ErrorHandling.TitleFor(status)]);
            var hint = status switch
            {
                401 => $"<p><a href=\"/account/signin\">{Html(t["Sign in"])}</a></p>",
                404 => $"<p>{Html(t["The page does not exist, or it is outside what your role and scope allow."])}</p>",
                _ => string.Empty,
            };
            if (detail is not null)
            {
                hint = $"<p>{Html(t.Say(detail))}</p>" + hint;
            }
            var language = culture.TwoLetterISOLanguageName;
            var direction = culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
            return $"""
                <!doctype html><html lang="{language}" dir="{direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>{status} {title} · Vigil</title><link rel="stylesheet" href="{SiteAssets.CssUrl}"></head>
                <body><main class="narrow"><h1>{status} · {title}</h1>{hint}<p><a href="/">{Html(t["Vigil home"])}</a></p></main></body></html>
                """;
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }
}
