using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Tests.Infrastructure;
using Vigil.Web.Platform;

namespace Vigil.Tests;

/// <summary>
/// The one-time key in every staff form (<see cref="FormKeys"/>): a form sent again with its key (a second press, a
/// resend after a timeout on a field connection) records once and answers as the first send did.
/// </summary>
public sealed class FormKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The first form posted on the page that holds an element matching the selector.
    private static async Task<(string Token, string Key)> FormAsync(HttpClient browser, string path, string selector)
    {
        var form = new HtmlParser().ParseDocument(await browser.GetStringAsync(path, Ct)).QuerySelectorAll("form[method=post]")
            .First(f => f.QuerySelector(selector) is not null);
        return (form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            form.QuerySelector($"input[name={FormKeys.Field}]")!.GetAttribute("value")!);
    }

    private static FormUrlEncodedContent Leave(string token, string key, string from, string to) => new(new Dictionary<string, string>
    {
        ["Form.Officer"] = "CDO-T002",
        ["Form.From"] = from,
        ["Form.To"] = to,
        ["__RequestVerificationToken"] = token,
        [FormKeys.Field] = key,
    });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LeaveForm_SentAgainWithItsKey_IsRecordedOnce_ARefusalIsNotKept_AndOtherValuesAreANewSubmission(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        Task<int> CountAsync() => host.WithDbAsync((db, _) => db.OfficerLeaves.CountAsync(Ct));

        var (token, key) = await FormAsync(browser, "/rotation/leave", "input[name='Form.From']");
        var first = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-07-01", "2026-07-20"), Ct);
        var again = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-07-01", "2026-07-20"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync());
        // Showing a kept answer again is in the audit log, by route (the values are not written there).
        Assert.Equal("POST rotation/leave", await host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == IdempotencyKeys.Replayed).Select(e => e.Detail).SingleAsync(Ct)));

        // The page, sent back with other values under the same key (back, edit, send), is a new submission, and its own
        // resend is replayed too.
        var edited = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-09-01", "2026-09-10"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.False(edited.Headers.Contains("Idempotent-Replayed"));
        var editedAgain = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-09-01", "2026-09-10"), Ct);
        Assert.True(editedAgain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountAsync());

        // A body cut short (an upload broken off on a poor connection) is refused as the page would refuse it, not a 500.
        using var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        var cut = await browser.PostAsync("/rotation/leave", broken, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        // A form larger than the page accepts is told so with the limit, not a bare 400.
        var huge = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-12-01", new string('9', 2 * 1024 * 1024)), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("larger than this form accepts: at most 1 MiB", await huge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The status page speaks the page's language.
        var hugeFrench = await browser.PostAsync("/rotation/leave?lang=fr", Leave(token, key, "2026-12-01", new string('9', 2 * 1024 * 1024)), Ct);
        var hugeFrenchPage = System.Net.WebUtility.HtmlDecode(await hugeFrench.Content.ReadAsStringAsync(Ct));
        Assert.Contains("dépasse ce que ce formulaire accepte : au plus 1 Mio", hugeFrenchPage, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", hugeFrenchPage, StringComparison.Ordinal);
        using var lost = new HttpRequestMessage(HttpMethod.Get, "/no-such-page?lang=ar");
        lost.Headers.Accept.ParseAdd("text/html");
        var arabic = System.Net.WebUtility.HtmlDecode(await (await browser.SendAsync(lost, Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic, StringComparison.Ordinal);
        Assert.Contains("404 · غير موجود", arabic, StringComparison.Ordinal);

        // A refused form is not kept: corrected and sent with the same key, it is recorded.
        (token, key) = await FormAsync(browser, "/rotation/leave", "input[name='Form.From']");
        var refused = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-11-10", "2026-11-01"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is before the first", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // On a French page the refusal is in French, with its values (the API keeps the English message).
        var french = await browser.PostAsync("/rotation/leave?lang=fr", Leave(token, key, "2026-11-10", "2026-11-01"), Ct);
        Assert.Contains("Le dernier jour (2026-11-01) est antérieur au premier (2026-11-10).", System.Net.WebUtility.HtmlDecode(await french.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var corrected = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-11-01", "2026-11-10"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(3, await CountAsync());
        var overlap = await browser.PostAsync("/rotation/leave?lang=fr", Leave(token, key, "2026-11-05", "2026-11-06"), Ct);
        Assert.Contains("CDO-T002 a déjà un congé du 2026-11-01 au 2026-11-10, qui chevauche celui-ci.", System.Net.WebUtility.HtmlDecode(await overlap.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync());

        // Without a key (an older page, a script) the form works as before.
        var bare = await browser.PostAsync("/rotation/leave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Officer"] = "CDO-T002",
            ["Form.From"] = "2027-01-04",
            ["Form.To"] = "2027-01-08",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal(4, await CountAsync());
    }

    [Fact]
    public async Task APageOpenedInFrench_KeepsFrenchForItsForms_WhichPostWithoutTheLanguage()
    {
        await using var host = await PresenceAppTests.StartAsync("sqlite");
        using var browser = await host.BrowserAsync("chief-caf");
        var (token, key) = await FormAsync(browser, "/rotation/leave?lang=fr", "input[name='Form.From']");
        var refused = await browser.PostAsync("/rotation/leave", Leave(token, key, "2026-11-10", "2026-11-01"), Ct);
        Assert.Contains("Le dernier jour (2026-11-01) est antérieur au premier (2026-11-10).", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        // The public pages set no cookie for it: a reporter's device keeps no trace of the visit.
        using var anonymous = host.Anonymous();
        var report = await anonymous.GetAsync("/report?lang=fr", Ct);
        Assert.False(report.Headers.Contains("Set-Cookie") && report.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RosterForm_PressedThreeTimesAtOnce_ScreensOnce_AndEveryAnswerShowsThatRun(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("screener", Roles.ScreeningOfficer, "global");
        using var browser = await host.BrowserAsync("screener");

        var (token, key) = await FormAsync(browser, "/screening/runs", "input[name=file]");
        MultipartFormDataContent Upload() => new()
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(key), FormKeys.Field },
            { new StringContent("arrival"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("person_id,full_name\r\nX-1,Synthetic Person One\r\nX-2,Synthetic Person Two\r\n")), "file", "roster.csv" },
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var upload = Upload();
            var response = await browser.PostAsync("/screening/runs?handler=Roster", upload, Ct);
            return (response.StatusCode, Html: await response.Content.ReadAsStringAsync(Ct));
        }));
        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Contains("Screened 2 people against", a.Html, StringComparison.Ordinal);
        });
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.ScreeningRuns.CountAsync(r => r.Kind == ScreeningRunKind.Arrival, Ct)));

        // A new page is a new key: the same file screened again on purpose is a second run.
        (token, key) = await FormAsync(browser, "/screening/runs", "input[name=file]");
        using var second = Upload();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/screening/runs?handler=Roster", second, Ct)).StatusCode);
        Assert.Equal(2, await host.WithDbAsync((db, _) => db.ScreeningRuns.CountAsync(r => r.Kind == ScreeningRunKind.Arrival, Ct)));
    }

    [Fact]
    public async Task EveryPostedForm_CarriesItsOwnKey_AndNoGetFormDoes()
    {
        await using var host = await PresenceAppTests.StartAsync();
        using var browser = await host.BrowserAsync("chief-caf");
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/evaluations", Ct));
        var posted = page.QuerySelectorAll("main form[method=post]");
        Assert.True(posted.Length >= 4, $"{posted.Length} forms");
        var keys = posted.Select(f => f.QuerySelector($"input[name={FormKeys.Field}]")!.GetAttribute("value")!).ToList();
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(page.QuerySelectorAll("form[method=get]"), f => Assert.Null(f.QuerySelector($"input[name={FormKeys.Field}]")));
        // Nor the layout's language switch and sign-out, which record nothing.
        Assert.Null(page.QuerySelector($"form[action='/culture'] input[name={FormKeys.Field}]"));
        Assert.Null(page.QuerySelector($"form[action='/account/signout'] input[name={FormKeys.Field}]"));
        Assert.Null(page.QuerySelector("form[no-form-key]"));
        // Nor the account pages (sign-in, codes) or the public report (which has its own one-time key).
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        foreach (var path in new[] { "/account/signin", "/report" })
        {
            Assert.Null(new HtmlParser().ParseDocument(await anonymous.GetStringAsync(path, Ct)).QuerySelector($"input[name={FormKeys.Field}]"));
        }
        Assert.Null(new HtmlParser().ParseDocument(await browser.GetStringAsync("/account/security", Ct)).QuerySelector($"input[name={FormKeys.Field}]"));
    }
}
