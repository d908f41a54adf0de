using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The chief corrects an officer's or a site's record imported wrong (import only adds). The world is
/// <see cref="PresenceAppTests"/>': CDO-T002 (RWA) at Bria, where a Pakistani company is deployed.
/// </summary>
public sealed class RecordCorrectionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OfficerCorrected_ByTheChief_SaysWhatTheNewNationalityConflictsWith_AndIsAudited(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var officer = await host.ApiAsync("officer-caf");
        const string Route = "/api/v1/presence/officers/CDO-T002/correction";
        var body = new { fullName = "Test Officer Two", nationality = "PAK", grade = "P-4", languages = new[] { " FR", "sg", "fr" } };

        // The Rwandan evaluated the Pakistani commander, which was allowed; the record was wrong about the nationality.
        var commander = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=MINUSCA-BRI", Ct)).EnumerateArray()
            .Single(o => o.GetProperty("nationality").GetString() == "PAK").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/evaluations", new
        {
            officialId = commander,
            evaluator = "CDO-T002",
            period = "2025-12-15",
            trainingCoveragePercent = 90,
            findings = "Synthetic.",
            rating = "satisfactory",
        }, Ct)).StatusCode);

        // Who may: the chief of the mission; a conduct officer of it is refused, another mission's chief finds nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, body, Ct)).StatusCode);
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, body, Ct)).StatusCode);
        }

        // Every fault at once, each under its field; nothing written.
        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { fullName = " ", nationality = "pakistan", grade = "P-3", languages = new[] { "fr", "french" } }, Ct));
        Assert.Equal(["fullName", "languages", "nationality"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'french' is not an ISO 639 language code", errors.GetProperty("languages")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'PAKISTAN' is not an ISO 3166-1 alpha-3 country code", errors.GetProperty("nationality")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { fullName = "X", nationality = "PAK", grade = "P-3", languages = Array.Empty<string>() }, Ct))).TryGetProperty("languages", out _));
        // Two or three letters are not enough: the code must be one of ISO 639 (xyz is not), as the import requires; Nuer (nus) is.
        var unknown = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { fullName = "X", nationality = "PAK", grade = "P-3", languages = new[] { "nus", "xyz" } }, Ct));
        Assert.Equal("'xyz' is not an ISO 639 language code: give one such as fr, en or sag.", Assert.Single(unknown.EnumerateObject()).Value[0].GetString());

        // A plan built before the correction.
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);

        var auditBefore = await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct));
        var corrected = await chief.PostAsJsonAsync("/api/v1/presence/officers/cdo-t002/correction", body, Ct);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var answer = await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["MINUSCA-BRI-PAK-1"], answer.GetProperty("conflictingContingents").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, answer.GetProperty("coNationalEvaluations").GetInt32());
        var stored = await host.WithDbAsync((db, _) => db.ConductOfficers.AsNoTracking().SingleAsync(o => o.Code == "CDO-T002", Ct));
        Assert.Equal(("Test Officer Two", "PAK", "P-4"), (stored.FullName, stored.Nationality, stored.Grade));
        Assert.Equal(["fr", "sg"], stored.Languages);
        Assert.True(await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct)) > auditBefore);

        // The earlier plan is refused at approval, naming the correction as the cause.
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, approval.StatusCode);
        Assert.Contains("CDO-T002's nationality is now PAK (it was RWA)", await approval.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The coverage view now flags the posting.
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(1, coverage.GetProperty("conflicts").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Names_WithALineBreakOrAControlCharacter_AreRefusedNamingTheField_WithoutTheName(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Expected = "This name holds a line break or another control character (U+000A): type it on one line.";
        async Task RefusedAsync(string route, object body, string control = "U+000A")
        {
            var response = await chief.PostAsJsonAsync(route, body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            var errors = await ErrorsAsync(response);
            Assert.Equal(Expected.Replace("U+000A", control, StringComparison.Ordinal), errors.GetProperty("fullName")[0].GetString());
            Assert.DoesNotContain("Zqx", text, StringComparison.Ordinal); // the name is not echoed
        }
        await RefusedAsync("/api/v1/presence/officers/CDO-T002/correction", new { fullName = "Test Zqx\nOfficer", nationality = "RWA", grade = "P-3", languages = new[] { "fr" } });
        await RefusedAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test\r\nZqx Official", title = "Commander", role = "commander", nationality = "NPL", from = "2026-01-05" }, "U+000D");
        var commander = await host.WithDbAsync((db, _) => db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));
        await RefusedAsync($"/api/v1/evaluations/officials/{commander}/correction",
            new { fullName = "Test\tZqx", title = "Commander", role = "commander", nationality = "PAK", from = "2025-01-01" }, "U+0009");
        await RefusedAsync($"/api/v1/evaluations/officials/{commander}/correction",
            new { fullName = "Test\u2028Zqx", title = "Commander", role = "commander", nationality = "PAK", from = "2025-01-01" }, "U+2028");
        Assert.False(await host.WithDbAsync((db, _) => db.Officials.AnyAsync(o => o.FullName.Contains("Zqx"), Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.ConductOfficers.AnyAsync(o => o.FullName.Contains("Zqx"), Ct)));
        // A name with a zero-width non-joiner (Persian) is one line of text: accepted.
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test Mehr\u200Cnoush", title = "Commander", role = "commander", nationality = "NPL", from = "2026-01-05" }, Ct)).StatusCode);

        // The form says it in the page's language.
        using var browser = await host.BrowserAsync("chief-caf");
        var french = await browser.PostAsync("/evaluations?handler=AddOfficial&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test\nZqx",
            ["NewOfficial.Title"] = "Liaison",
            ["NewOfficial.Role"] = "commander",
            ["NewOfficial.Nationality"] = "NPL",
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Contains("Ce nom contient un saut de ligne ou un autre caractère de contrôle (U+000A) : saisissez-le sur une seule ligne.",
            System.Net.WebUtility.HtmlDecode(await french.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneLineFields_WithALineBreakOrAControlCharacter_AreRefusedNamingTheField_AndNothingChanges(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        async Task RefusedAsync(string route, object body, string field, string expected)
        {
            var response = await chief.PostAsJsonAsync(route, body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(expected, (await ErrorsAsync(response)).GetProperty(field)[0].GetString());
            Assert.DoesNotContain("Zqx", text, StringComparison.Ordinal); // the text is not echoed
        }
        // An official's title, added and corrected.
        await RefusedAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test Official", title = "Battalion\nZqx commander", role = "commander", nationality = "NPL", from = "2026-01-05" },
            "title", "The title holds a line break or another control character (U+000A): type it on one line.");
        var commander = await host.WithDbAsync((db, _) => db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));
        await RefusedAsync($"/api/v1/evaluations/officials/{commander}/correction",
            new { fullName = "Test Commander", title = "Company\u2029Zqx commander", role = "commander", nationality = "PAK", from = "2025-01-01" },
            "title", "The title holds a line break or another control character (U+2029): type it on one line.");
        // An officer's grade, a site's name, a contingent's unit.
        await RefusedAsync("/api/v1/presence/officers/CDO-T002/correction", new { fullName = "Test Officer", nationality = "RWA", grade = "P-3\tZqx", languages = new[] { "fr" } },
            "grade", "The grade holds a line break or another control character (U+0009): type it on one line.");
        await RefusedAsync("/api/v1/presence/sites/MINUSCA-BRI/correction", new { name = "Bria\r\nZqx", kind = "team-site", latitude = 6.5, longitude = 21.9, languages = new[] { "fr" } },
            "name", "The site's name holds a line break or another control character (U+000D): type it on one line.");
        await RefusedAsync("/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/correction",
            new { country = "PAK", category = "military-contingent", unit = "PAKENGCOY\nZqx", strength = 300, from = "2025-01-01" },
            "unit", "The unit holds a line break or another control character (U+000A): type it on one line.");
        Assert.False(await host.WithDbAsync((db, _) => db.Officials.AnyAsync(o => o.Title.Contains("Zqx"), Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.ConductOfficers.AnyAsync(o => o.Grade.Contains("Zqx"), Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.Sites.AnyAsync(o => o.Name.Contains("Zqx"), Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.Contingents.AnyAsync(o => o.UnitName.Contains("Zqx"), Ct)));
        // A line break at either end is trimmed away like a space: one line, accepted.
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test Trimmed", title = "Liaison officer\r\n", role = "head-of-office", nationality = "NPL", from = "2026-01-05" }, Ct)).StatusCode);
        Assert.Equal("Liaison officer", await host.WithDbAsync((db, _) => db.Officials.Where(o => o.FullName == "Test Trimmed").Select(o => o.Title).SingleAsync(Ct)));

        // The form: beside the title, in the page's language.
        using var browser = await host.BrowserAsync("chief-caf");
        var french = await browser.PostAsync("/evaluations?handler=AddOfficial&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test French",
            ["NewOfficial.Title"] = "Liaison\nZqx",
            ["NewOfficial.Role"] = "commander",
            ["NewOfficial.Nationality"] = "NPL",
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await french.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Le champ « intitulé » contient un saut de ligne ou un autre caractère de contrôle (U+000A) : saisissez-le sur une seule ligne.",
            AccessibilityTests.AssertTiedTo(page, "input[name='NewOfficial.Title']", "error-official-title", "Intitulé").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SiteCorrected_ByTheChief_WithEveryFaultNamed_AndNoTwoSitesOfOneName(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/sites/MINUSCA-BRI/correction";

        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { name = "Bria", latitude = 95.0, longitude = 21.9, languages = new[] { "fr" } }, Ct));
        Assert.Equal(["kind", "latitude"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("team-site", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        // A kind not in the list is named with the list, together with the other faults.
        var badKind = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { name = "Bria", kind = "camp", latitude = 6.5, longitude = 181.0, languages = new[] { "fr" } }, Ct));
        Assert.Equal("'camp' is not a kind of site: choose one of mission-hq, sector-hq, team-site, cob, tob.", badKind.GetProperty("kind")[0].GetString());
        Assert.True(badKind.TryGetProperty("longitude", out _));
        // A language code of the right shape that ISO 639 does not have is named too.
        var badLanguage = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { name = "Bria", kind = "team-site", latitude = 6.5, longitude = 21.9, languages = new[] { "fr", "qq" } }, Ct));
        Assert.Equal("'qq' is not an ISO 639 language code: give one such as fr, en or sag.", badLanguage.GetProperty("languages")[0].GetString());
        // A name already used in the mission, whatever its case, is named together with the other faults.
        var taken = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { name = "BANGUI", kind = "team-site", latitude = 95.0, longitude = 21.9, languages = new[] { "fr" } }, Ct));
        Assert.Equal("Mission MINUSCA already has a site named 'Bangui'.", taken.GetProperty("name")[0].GetString());
        Assert.True(taken.TryGetProperty("latitude", out _));

        var corrected = await chief.PostAsJsonAsync(Route, new { name = "Bria East", kind = "cob", latitude = 6.55, longitude = 22.0, languages = new[] { "fr", "SG", "ar" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var site = await chief.GetFromJsonAsync<JsonElement>("/api/v1/sites/MINUSCA-BRI", Ct);
        Assert.Equal("Bria East", site.GetProperty("name").GetString());
        var stored = await host.WithDbAsync((db, _) => db.Sites.AsNoTracking().SingleAsync(s => s.Code == "MINUSCA-BRI", Ct));
        Assert.Equal((Vigil.Core.Reference.SiteKind.CompanyOperatingBase, 6.55, 22.0), (stored.Kind, stored.Latitude, stored.Longitude));
        Assert.Equal(["fr", "sg", "ar"], stored.Languages);
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CorrectionForms_OnTheSitePage_ForTheChiefOnly(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();

        // The site page links both forms for the chief; a conduct officer sees neither link and no form.
        var sitePage = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct));
        Assert.NotNull(sitePage.QuerySelector("a[href='/sites/MINUSCA-BRI/correct']"));
        Assert.NotNull(sitePage.QuerySelector("a[href='/officers/CDO-T002/correct?site=MINUSCA-BRI']"));
        // The officer's form, opened from there, leads back to that site (a crafted code is not linked).
        var fromSite = parser.ParseDocument(await browser.GetStringAsync("/officers/CDO-T002/correct?site=MINUSCA-BRI", Ct));
        Assert.NotNull(fromSite.QuerySelector("a[href='/sites/MINUSCA-BRI']"));
        Assert.DoesNotContain("/sites/", await browser.GetStringAsync("/officers/CDO-T002/correct?site=%3Cb%3E", Ct), StringComparison.Ordinal);
        using (var officer = await host.BrowserAsync("officer-caf"))
        {
            Assert.DoesNotContain("/correct", await officer.GetStringAsync("/sites/MINUSCA-BRI", Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/sites/MINUSCA-BRI/correct", Ct)).StatusCode);
        }

        // The form opens filled in; a latitude typed with a decimal comma is read, a bad language code is named.
        var form = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI/correct", Ct));
        Assert.Equal("Bria", form.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Equal("fr, sg", form.QuerySelector("input[name='Form.Languages']")!.GetAttribute("value"));
        Dictionary<string, string> Site(string languages) => new()
        {
            ["Form.Name"] = "Bria",
            ["Form.Kind"] = "team-site",
            ["Form.Latitude"] = "6,61",
            ["Form.Longitude"] = "21.9863",
            ["Form.Languages"] = languages,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var refused = await browser.PostAsync("/sites/MINUSCA-BRI/correct", new FormUrlEncodedContent(Site("fr, sango")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = parser.ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        var languagesInput = refusedPage.QuerySelector("input[name='Form.Languages']")!;
        Assert.Equal("true", languagesInput.GetAttribute("aria-invalid"));
        // The message is tied to its control and named by the field's label (WCAG 3.3.1).
        Assert.Contains("'sango' is not an ISO 639 language code", refusedPage.GetElementById(languagesInput.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        // A kind not in the list (a crafted form) is refused on a French page with the kinds as the form names them.
        var crafted = Site("fr");
        crafted["Form.Kind"] = "camp";
        var refusedFr = await (await browser.PostAsync("/sites/MINUSCA-BRI/correct?lang=fr", new FormUrlEncodedContent(crafted), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("QG de la mission", System.Net.WebUtility.HtmlDecode(refusedFr), StringComparison.Ordinal);
        Assert.DoesNotContain("mission-hq, sector-hq", refusedFr, StringComparison.Ordinal);
        var saved = await browser.PostAsync("/sites/MINUSCA-BRI/correct", new FormUrlEncodedContent(Site("fr sg ar")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // The site page says so once, after the chief's own correction (not from the URL).
        Assert.Contains("Record corrected.", await browser.GetStringAsync(saved.Headers.Location!.ToString(), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("Record corrected.", await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct), StringComparison.Ordinal);
        var stored = await host.WithDbAsync((db, _) => db.Sites.AsNoTracking().SingleAsync(s => s.Code == "MINUSCA-BRI", Ct));
        Assert.Equal(6.61, stored.Latitude);
        Assert.Equal(["fr", "sg", "ar"], stored.Languages);

        // The officer's form, in French: the answer says what the corrected nationality conflicts with.
        var officerForm = parser.ParseDocument(await browser.GetStringAsync("/officers/CDO-T002/correct?lang=fr", Ct));
        var done = await browser.PostAsync("/officers/CDO-T002/correct?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.FullName"] = officerForm.QuerySelector("input[name='Form.FullName']")!.GetAttribute("value")!,
            ["Form.Nationality"] = "pak",
            ["Form.Grade"] = "P-3",
            ["Form.Languages"] = "fr",
            ["__RequestVerificationToken"] = officerForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var text = parser.ParseDocument(await done.Content.ReadAsStringAsync(Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("Contingents de la nationalité corrigée sur un site où l'agent est affecté : MINUSCA-BRI-PAK-1.", text, StringComparison.Ordinal);
        Assert.Equal("PAK", await host.WithDbAsync((db, _) => db.ConductOfficers.Where(o => o.Code == "CDO-T002").Select(o => o.Nationality).SingleAsync(Ct)));
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACorrectionFromAnOlderVersion_IsRefused_TheRulesInputsAreAuditedWithTheirValues_AndALinkedAccountFollows(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/officers/CDO-T002/correction";
        // An account linked to the officer carries its nationality (recusal and the evaluator rule read it).
        await host.WithDbAsync(async db =>
        {
            var officer = await db.ConductOfficers.SingleAsync(o => o.Code == "CDO-T002", Ct);
            var account = await db.Users.SingleAsync(u => u.UserName == "officer-caf", Ct);
            (account.OfficerId, account.Nationality) = (officer.Id, officer.Nationality);
            await db.SaveChangesAsync(Ct);
        });

        // Two chiefs opened the form on the same version; the first saves, the second's older form is refused.
        using var browser = await host.BrowserAsync("chief-caf");
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/officers/CDO-T002/correct", Ct));
        var version = form.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync(Route, new { fullName = "Test Officer Two", nationality = "HTI", grade = "P-3", languages = new[] { "fr" }, version }, Ct)).StatusCode);
        var stale = await browser.PostAsync("/officers/CDO-T002/correct", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.FullName"] = "Test Officer 2",
            ["Form.Nationality"] = "RWA",
            ["Form.Grade"] = "P-3",
            ["Form.Languages"] = "fr",
            ["Form.Version"] = version,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync(Ct));
        Assert.Contains("CDO-T002's record was changed by someone else since this correction was opened", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The form now shows the record as it is, to be corrected again.
        Assert.Equal("HTI", page.QuerySelector("input[name='Form.Nationality']")!.GetAttribute("value"));
        Assert.Equal("HTI", await host.WithDbAsync((db, _) => db.ConductOfficers.Where(o => o.Code == "CDO-T002").Select(o => o.Nationality).SingleAsync(Ct)));
        var apiStale = await chief.PostAsJsonAsync(Route, new { fullName = "X", nationality = "RWA", grade = "P-3", languages = new[] { "fr" }, version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, apiStale.StatusCode);

        // Without a version (an API client that does not send one) the correction applies; the audit log keeps the
        // nationality's values before and after, by the officer's code, but never the name.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync(Route, new { fullName = "Test Officer Two", nationality = "RWA", grade = "P-4", languages = new[] { "fr", "en" } }, Ct)).StatusCode);
        var details = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(e => e.RecordType == "ConductOfficer" && e.RecordId == "CDO-T002")
            .OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync(Ct));
        Assert.Equal(["corrected: nationality RWA -> HTI", "corrected: nationality HTI -> RWA; grade P-3 -> P-4; languages fr -> fr,en"], details);
        Assert.DoesNotContain(details, d => d!.Contains("Test Officer", StringComparison.Ordinal));
        Assert.Equal("RWA", await host.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "officer-caf").Select(u => u.Nationality).SingleAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AComingPostingWhereAContingentOfTheOfficersNationalityIs_IsFlagged(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        // CDO-T001 (GHA) goes to Bria from May; a Ghanaian unit is there from June: flagged on the coming posting.
        await host.WithDbAsync(async db =>
        {
            var officer = await db.ConductOfficers.SingleAsync(o => o.Code == "CDO-T001", Ct);
            var bria = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-BRI", Ct);
            db.Postings.Add(new Vigil.Core.Presence.Posting { OfficerId = officer.Id, Site = bria, From = new DateOnly(2026, 5, 1), To = new DateOnly(2026, 10, 31) });
            db.Contingents.Add(new Vigil.Core.Reference.Contingent { Code = "MINUSCA-BRI-GHA-1", Site = bria, ContributingCountry = "GHA", Category = Vigil.Core.Reference.PersonnelCategory.MilitaryContingent, UnitName = "GHANBATT", Strength = 600, From = new DateOnly(2026, 6, 1) });
            await db.SaveChangesAsync(Ct);
        });
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        var coming = coverage.GetProperty("comingPostings").EnumerateArray().Single(p => p.GetProperty("officerCode").GetString() == "CDO-T001");
        Assert.Equal(("MINUSCA-BRI-GHA-1", "2026-06-01"), (coming.GetProperty("conflict").GetProperty("contingent").GetString(), coming.GetProperty("conflict").GetProperty("arrives").GetString()));
        Assert.Equal(1, coverage.GetProperty("conflicts").GetInt32());
        using var browser = await host.BrowserAsync("chief-caf");
        Assert.Contains("MINUSCA-BRI-GHA-1 (GHA)", await browser.GetStringAsync("/cases/dashboard", Ct), StringComparison.Ordinal);
    }
}
