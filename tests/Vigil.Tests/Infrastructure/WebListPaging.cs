using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Vigil.Tests.Infrastructure;

/// <summary>
/// What every web list page does with a page number out of range (Vigil.Web.Platform.ListPage): page 1 with a
/// notice naming the value for 0, -1, a word or a number too large for a page; an empty page with a notice and a
/// link to page 1 for a page past the last. Never a 500, never page 1's rows under another number.
/// </summary>
public static class WebListPaging
{
    /// <summary>Values that are not page numbers: each shows page 1 with a notice naming it.</summary>
    public static readonly string[] NotPageNumbers = ["0", "-1", "abc", "99999999999", "1.5"];

    /// <param name="browser">A signed-in browser that sees at least one row on <paramref name="list"/>.</param>
    /// <param name="list">The list's path, with any filters, without the page number.</param>
    /// <param name="parameter">The page number's query name ("page", or "p" on the audit log).</param>
    /// <param name="ct">The test's cancellation.</param>
    public static async Task AssertOutOfRangePagesAsync(HttpClient browser, string list, string parameter, CancellationToken ct)
    {
        var parser = new HtmlParser();
        var join = list.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var plain = parser.ParseDocument(await browser.GetStringAsync(list, ct));
        var firstPage = Rows(plain);
        Assert.NotEmpty(firstPage);
        Assert.Null(plain.QuerySelector(".page-notice"));

        foreach (var value in NotPageNumbers)
        {
            var url = $"{list}{join}{parameter}={Uri.EscapeDataString(value)}";
            var response = await browser.GetAsync(url, ct);
            // 0 and -1 showed page 1 with no word said; a word or 99999999999 too (the binding failed quietly).
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            var page = parser.ParseDocument(await response.Content.ReadAsStringAsync(ct));
            var notice = page.QuerySelector(".page-notice")?.TextContent ?? "";
            Assert.True(notice.Contains($"There is no page '{value}'", StringComparison.Ordinal), $"{url}: notice '{notice.Trim()}'");
            Assert.Equal(firstPage, Rows(page));
        }

        var farUrl = $"{list}{join}{parameter}={int.MaxValue}";
        var far = await browser.GetAsync(farUrl, ct);
        Assert.True(far.StatusCode == HttpStatusCode.OK, $"{farUrl}: {(int)far.StatusCode}");
        var farPage = parser.ParseDocument(await far.Content.ReadAsStringAsync(ct));
        Assert.Empty(Rows(farPage));
        var farNotice = farPage.QuerySelector(".page-notice");
        Assert.NotNull(farNotice);
        Assert.Contains($"Page {int.MaxValue} is past the last page (", farNotice.TextContent, StringComparison.Ordinal);
        var back = farNotice.QuerySelector("a")?.GetAttribute("href");
        Assert.NotNull(back);
        Assert.Equal(firstPage, Rows(parser.ParseDocument(await browser.GetStringAsync(back.StartsWith('?') ? list.Split('?')[0] + back : back, ct))));
    }

    private static List<string> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("table tbody tr").Select(r => string.Join(" ", r.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];
}
