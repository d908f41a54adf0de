using Microsoft.AspNetCore.Html;
using Vigil.Core.Screening;

namespace Vigil.Web.Screening;

/// <summary>
/// A screened person in a page's list (a run's answer, the adjudication queue): the name, then the key in grey when it
/// means something to the officer (a roster's person_id, a personnel number). A hire's key is a digest of what was typed
/// (APPLICANT-…): the name the officer typed stands alone.
/// </summary>
public static class ScreenedPerson
{
    public static IHtmlContent Show(string? name, string key)
    {
        var html = new HtmlContentBuilder();
        if (!string.IsNullOrEmpty(name))
        {
            html.Append(name);
        }
        if (ScreeningRuns.IsApplicantKey(key) && !string.IsNullOrEmpty(name))
        {
            return html;
        }
        if (!string.IsNullOrEmpty(name))
        {
            html.AppendHtml(" ");
        }
        return html.AppendHtml("<span class=\"muted\">").Append(key).AppendHtml("</span>");
    }
}
