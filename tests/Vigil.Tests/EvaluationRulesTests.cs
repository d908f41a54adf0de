using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Presence;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Who may record an evaluation of an official, what a form or body must name, and the list of officials under
/// concurrent requests. The world is <see cref="PresenceAppTests"/>' (clock 2026-03-10; at Bria a Rwandan head of
/// office and a Pakistani commander; CDO-T002, Rwandan, posted at Bria since 2025-12-01; CDO-T001, Ghanaian, at Bangui).
/// </summary>
public sealed class EvaluationRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Body(int official, string evaluator) => new
    {
        officialId = official,
        evaluator,
        period = "2025-12-15",
        trainingCoveragePercent = 80,
        findings = "Synthetic: all in order.",
        rating = "satisfactory",
    };

    private static async Task<int> CommanderAsync(TestHost host) =>
        await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));

    private static Task SetAccountAsync(TestHost host, string userName, string? nationality, string? officerCode) =>
        host.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName, Ct);
            user.Nationality = nationality;
            user.OfficerId = officerCode is null ? null : await db.ConductOfficers.Where(o => o.Code == officerCode).Select(o => (int?)o.Id).SingleAsync(Ct);
            await db.SaveChangesAsync(Ct);
        });

    private static async Task<string> EvaluatorErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("evaluator")[0].GetString()!;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Record_ByACoNationalAccount_OrNamingAnotherOfficerThanTheAccounts_IsRefused(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        var commander = await CommanderAsync(host);
        using var officer = await host.ApiAsync("officer-caf");

        // A Pakistani account names a Rwandan colleague to evaluate the Pakistani commander: refused, nothing recorded.
        await SetAccountAsync(host, "officer-caf", "PAK", null);
        Assert.Contains("co-national", await EvaluatorErrorAsync(await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "CDO-T002"), Ct)), StringComparison.Ordinal);

        // An account linked to CDO-T001 records only CDO-T001's evaluations, whoever it names.
        await SetAccountAsync(host, "officer-caf", "GHA", "CDO-T001");
        Assert.Contains("record your own evaluations (evaluator CDO-T001)",
            await EvaluatorErrorAsync(await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "CDO-T002"), Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.OfficialEvaluations.CountAsync(Ct)));

        // Linked to CDO-T002 (Rwandan, posted at Bria), the account records CDO-T002's evaluation (the code typed in
        // lower case is that officer's too).
        await SetAccountAsync(host, "officer-caf", "RWA", "CDO-T002");
        var recorded = await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "cdo-t002"), Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("officer-caf", (await recorded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("recordedBy").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Record_WithoutOfficialOrEvaluator_Is400_NamingEachField(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var noOfficial = await chief.PostAsJsonAsync("/api/v1/evaluations", new { evaluator = "CDO-T002", findings = "x", rating = "satisfactory" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noOfficial.StatusCode);
        var errors = (await noOfficial.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("officialId", errors.GetProperty("officialId")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("body", out _));

        var commander = await CommanderAsync(host);
        var noEvaluator = await chief.PostAsJsonAsync("/api/v1/evaluations", new { officialId = commander, findings = "x", rating = "satisfactory" }, Ct);
        Assert.Contains("evaluating officer", await EvaluatorErrorAsync(noEvaluator), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Forms_WithoutRatingOrRole_AreRefused_NamingTheField_AndOfferNoDefault(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var commander = await CommanderAsync(host);

        // Both selects start with an empty option, so nothing is chosen for the user.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/evaluations", Ct));
        foreach (var name in new[] { "Form.Rating", "NewOfficial.Role", "Form.OfficialId", "NewOfficial.Site" })
        {
            var first = page.QuerySelector($"select[name='{name}'] option")!;
            Assert.Equal("", first.GetAttribute("value"));
        }
        var leave = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/rotation/leave", Ct));
        Assert.Equal("", leave.QuerySelector("select[name='Form.Officer'] option")!.GetAttribute("value"));

        // Opened from an overdue official, the form is for the overdue period, not today's.
        using var api = await host.ApiAsync("chief-caf");
        var row = (await api.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?mission=MINUSCA", Ct)).EnumerateArray()
            .Single(o => o.GetProperty("id").GetInt32() == commander);
        var overdue = row.GetProperty("missingPeriod").GetString();
        Assert.NotNull(overdue);
        // Overdue since the day the period was due by: its end and the grace days, as the overdue list says.
        var listed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/overdue?mission=MINUSCA", Ct)).EnumerateArray()
            .Single(o => o.GetProperty("officialId").GetInt32() == commander);
        Assert.Equal(listed.GetProperty("dueBy").GetString(), row.GetProperty("overdueSince").GetString());
        Assert.Equal(overdue, listed.GetProperty("periodStart").GetString());
        var opened = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/evaluations?official={commander}", Ct));
        Assert.Equal(overdue, opened.QuerySelector("input[name='Form.Period']")!.GetAttribute("value"));
        Assert.Equal(commander.ToString(System.Globalization.CultureInfo.InvariantCulture),
            opened.QuerySelector("select[name='Form.OfficialId'] option[selected]")!.GetAttribute("value"));

        var noRating = await browser.PostAsync("/evaluations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.OfficialId"] = commander.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Evaluator"] = "CDO-T002",
            ["Form.Period"] = "2025-12-01",
            ["Form.TrainingCoveragePercent"] = "20",
            ["Form.Findings"] = "Synthetic: curfew not enforced.",
            ["Form.Rating"] = "",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noRating.StatusCode);
        var noRatingPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await noRating.Content.ReadAsStringAsync(Ct));
        // Named by the labels the form's ratings show, not the API's tokens (the API: PresenceAppTests, and below).
        Assert.Contains("Choose satisfactory, needs improvement or unsatisfactory.",
            AccessibilityTests.AssertTiedTo(noRatingPage, "select[name='Form.Rating']", "error-evaluation-rating", "Rating").TextContent, StringComparison.Ordinal);
        Assert.Null(noRatingPage.QuerySelector("textarea[name='Form.Findings']")!.GetAttribute("aria-invalid"));
        var noRatingFrench = await browser.PostAsync("/evaluations?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.OfficialId"] = commander.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Evaluator"] = "CDO-T002",
            ["Form.Period"] = "2025-12-01",
            ["Form.TrainingCoveragePercent"] = "20",
            ["Form.Findings"] = "Synthetic: curfew not enforced.",
            ["Form.Rating"] = "",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noRatingFrench.StatusCode);
        var noRatingFrenchPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await noRatingFrench.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Choisissez satisfaisant, à améliorer ou insatisfaisant.",
            noRatingFrenchPage.QuerySelector("#error-evaluation-rating")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.OfficialEvaluations.CountAsync(Ct)));

        var noRole = await browser.PostAsync("/evaluations?handler=AddOfficial", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test No Role",
            ["NewOfficial.Title"] = "Liaison",
            ["NewOfficial.Nationality"] = "NPL",
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        var noRolePage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await noRole.Content.ReadAsStringAsync(Ct));
        // The page names the roles as its form does (the API by their tokens).
        Assert.Contains("Choose one of: Commander, Head of office.",
            AccessibilityTests.AssertTiedTo(noRolePage, "select[name='NewOfficial.Role']", "error-official-role", "Role").TextContent, StringComparison.Ordinal);
        // Tied to the form it is about: the correction form's fields of the same names are not marked.
        Assert.Null(noRolePage.QuerySelector("[id^='error-correction']"));
        Assert.False(await host.WithDbAsync((db, _) => db.Officials.AnyAsync(o => o.FullName == "Test No Role", Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Forms_AnUnreadableDay_IsRefusedUnderItsField_WithWhatWasTyped_AndTheFormKept(string provider)
    {
        // Before: the framework read the days, and 2026-13-01 showed the generic "Not saved" page; the form was lost.
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var commander = await CommanderAsync(host);
        var id = commander.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(string path, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations");
            var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return parser.ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        }

        // The evaluation's period, in English and French: named under its field, everything typed kept.
        foreach (var (lang, label, said) in new[]
        {
            ("en", "A day in the evaluated period (default: today)", "'2026-13-01' is not a valid date (YYYY-MM-DD)."),
            ("fr", "Un jour de la période évaluée (par défaut : aujourd'hui)", "« 2026-13-01 » n'est pas une date valide (AAAA-MM-JJ)."),
        })
        {
            var page = await RefusedAsync($"/evaluations?lang={lang}", new()
            {
                ["Form.OfficialId"] = id,
                ["Form.Evaluator"] = "CDO-T002",
                ["Form.Period"] = "2026-13-01",
                ["Form.TrainingCoveragePercent"] = "20",
                ["Form.Findings"] = "Synthetic: curfew not enforced.",
                ["Form.Rating"] = "Unsatisfactory",
            });
            Assert.Contains(said, AccessibilityTests.AssertTiedTo(page, "input[name='Form.Period']", "error-evaluation-period", label).TextContent, StringComparison.Ordinal);
            Assert.Single(page.QuerySelectorAll("[aria-invalid]"));
            Assert.Equal("2026-13-01", page.QuerySelector("input[name='Form.Period']")!.GetAttribute("value"));
            Assert.Equal("CDO-T002", page.QuerySelector("input[name='Form.Evaluator']")!.GetAttribute("value"));
            Assert.Equal("Synthetic: curfew not enforced.", page.QuerySelector("textarea[name='Form.Findings']")!.TextContent);
            Assert.Equal("Unsatisfactory", page.QuerySelector("select[name='Form.Rating'] option[selected]")!.GetAttribute("value"));
            Assert.Equal(id, page.QuerySelector("select[name='Form.OfficialId'] option[selected]")!.GetAttribute("value"));
        }

        // The end of an appointment: tied to the row's last day, which keeps what was typed.
        var ended = await RefusedAsync($"/evaluations?handler=EndOfficial&id={id}&lang=en", new() { ["to"] = "2026-02-30" });
        var row = $"form[action*='handler=EndOfficial'][action*='id={id}'] input[name=to]";
        Assert.Contains("'2026-02-30' is not a valid date (YYYY-MM-DD).", AccessibilityTests.AssertTiedTo(ended, row, "error-end-to", "Last day in post").TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-02-30", ended.QuerySelector(row)!.GetAttribute("value"));
        Assert.Single(ended.QuerySelectorAll("[aria-invalid]"));

        // A new official's first day, in French: named by the use case beside the form's other errors.
        var added = await RefusedAsync("/evaluations?handler=AddOfficial&lang=fr", new()
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test Unreadable Day",
            ["NewOfficial.Title"] = "Company commander",
            ["NewOfficial.Role"] = "commander",
            ["NewOfficial.Nationality"] = "XX",
            ["NewOfficial.From"] = "2026-13-01",
        });
        Assert.Contains("« 2026-13-01 » n'est pas une date valide (AAAA-MM-JJ).",
            AccessibilityTests.AssertTiedTo(added, "input[name='NewOfficial.From']", "error-official-from", "Premier jour en poste").TextContent, StringComparison.Ordinal);
        AccessibilityTests.AssertTiedTo(added, "input[name='NewOfficial.Nationality']", "error-official-nationality", "Nationalité");
        Assert.Equal("2026-13-01", added.QuerySelector("input[name='NewOfficial.From']")!.GetAttribute("value"));
        Assert.Equal("Test Unreadable Day", added.QuerySelector("input[name='NewOfficial.FullName']")!.GetAttribute("value"));

        Assert.Equal(0, await host.WithDbAsync((db, _) => db.OfficialEvaluations.CountAsync(Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.Officials.AnyAsync(o => o.FullName == "Test Unreadable Day" || o.To != null, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddOrCorrectOfficial_WithAnUnknownRole_ReportsEveryFieldError_NotTheRoleAlone(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string roleMessage = "'captain' is not a role: choose one of: commander, head-of-office.";

        // The API: the role was refused while the body was read ("not valid JSON"), and nothing else was looked at.
        var added = await chief.PostAsJsonAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = " ", title = "", role = "captain", nationality = "XX" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        var errors = (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["from", "fullName", "nationality", "role", "title"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(roleMessage, errors.GetProperty("role")[0].GetString());
        Assert.Equal("Give the official's full name.", errors.GetProperty("fullName")[0].GetString());

        // A correction, the same way; the record is unchanged.
        var commander = await CommanderAsync(host);
        var corrected = await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction",
            new { fullName = "", title = "Commander", role = "captain", nationality = "PAK", from = "2025-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, corrected.StatusCode);
        var correctionErrors = (await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["fullName", "role"], correctionErrors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(OfficialRole.Commander, await host.WithDbAsync((db, _) => db.Officials.Where(o => o.Id == commander).Select(o => o.Role).SingleAsync(Ct)));

        // Known roles in any case are still read, by the API and the form alike.
        var headOfOffice = await chief.PostAsJsonAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test Role Case", title = "Head of office", role = "Head-Of-Office", nationality = "NPL", from = "2026-01-05" }, Ct);
        Assert.Equal(HttpStatusCode.Created, headOfOffice.StatusCode);
        Assert.Equal(OfficialRole.HeadOfOffice, await host.WithDbAsync((db, _) => db.Officials.Where(o => o.FullName == "Test Role Case").Select(o => o.Role).SingleAsync(Ct)));

        // The page: a role the form does not offer (a tampered form) is a field error beside the others, with the form
        // (it was the generic "could not be read" page naming NewOfficial.Role alone).
        using var browser = await host.BrowserAsync("chief-caf");
        var page = await browser.PostAsync("/evaluations?handler=AddOfficial", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "",
            ["NewOfficial.Title"] = "Liaison",
            ["NewOfficial.Role"] = "captain",
            ["NewOfficial.Nationality"] = "XX",
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("'captain' is not a role: choose one of: Commander, Head of office.", html, StringComparison.Ordinal);
        Assert.Contains("Give the official's full name.", html, StringComparison.Ordinal);
        Assert.Contains("'XX' is not an ISO 3166-1 alpha-3 country code", html, StringComparison.Ordinal);
        Assert.NotNull(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("form[action*='handler=AddOfficial']"));
        Assert.False(await host.WithDbAsync((db, _) => db.Officials.AnyAsync(o => o.Title == "Liaison", Ct)));

        // In French, the role's refusal is French too, with the French labels of the form's roles (not the API's tokens).
        var french = await browser.PostAsync("/evaluations?handler=AddOfficial&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test French",
            ["NewOfficial.Title"] = "Liaison",
            ["NewOfficial.Role"] = "captain",
            ["NewOfficial.Nationality"] = "NPL",
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = await PresenceAppTests.TokenAsync(browser, "/evaluations"),
        }), Ct);
        var frenchHtml = System.Net.WebUtility.HtmlDecode(await french.Content.ReadAsStringAsync(Ct));
        Assert.True(frenchHtml.Contains("« captain » n'est pas un rôle : choisissez parmi : Commandant, Chef de bureau.", StringComparison.Ordinal), frenchHtml);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddOrCorrectOfficial_WithAMalformedFirstDay_ReportsItWithEveryOtherFault(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");

        // It stopped the other checks: the body was refused while it was read, naming "from" alone.
        var added = await chief.PostAsync("/api/v1/evaluations/officials", new StringContent(
            """{"site":"MINUSCA-KAG","fullName":" ","title":"Commander","role":"captain","nationality":"XX","from":"2027-02-30"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        var errors = (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["from", "fullName", "nationality", "role"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("'2027-02-30' is not a valid date (YYYY-MM-DD).", errors.GetProperty("from")[0].GetString());

        // The correction, the same way; a date that is not even a string is a field error too, and nothing changes.
        var commander = await CommanderAsync(host);
        var corrected = await chief.PostAsync($"/api/v1/evaluations/officials/{commander}/correction", new StringContent(
            """{"fullName":"","title":"Commander","role":"commander","nationality":"PAK","from":"2025-1-5"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        var correctionErrors = (await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["from", "fullName"], correctionErrors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("'2025-1-5' is not a valid date (YYYY-MM-DD).", correctionErrors.GetProperty("from")[0].GetString());
        var number = await chief.PostAsync($"/api/v1/evaluations/officials/{commander}/correction", new StringContent(
            """{"fullName":"Test","title":"Commander","role":"commander","nationality":"PAK","from":20250105}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.True((await number.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.NotEqual("Test", await host.WithDbAsync((db, _) => db.Officials.Where(o => o.Id == commander).Select(o => o.FullName).SingleAsync(Ct)));

        // A well-formed first day is still read, by the API and the form alike.
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/evaluations/officials",
            new { site = "MINUSCA-KAG", fullName = "Test Good Day", title = "Commander", role = "commander", nationality = "NPL", from = " 2026-01-05 " }, Ct)).StatusCode);
        Assert.Equal(new DateOnly(2026, 1, 5), await host.WithDbAsync((db, _) => db.Officials.Where(o => o.FullName == "Test Good Day").Select(o => o.From).SingleAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddOfficial_SentSixTimesAtOnce_IsRecordedOnce_TheOthersAre409(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var body = new { site = "MINUSCA-KAG", fullName = "Test Double Tap", title = "Commander", role = "commander", nationality = "NPL", from = "2026-02-01" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => chief.PostAsJsonAsync("/api/v1/evaluations/officials", body, Ct)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.Officials.CountAsync(o => o.FullName == "Test Double Tap", Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOfficialAppointedFromALaterDay_IsListedAsSuch_AndCannotBeChosenForAnEvaluationYet(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var api = await host.ApiAsync("chief-caf");
        var body = new { site = "MINUSCA-KAG", fullName = "Test Arriving Later", title = "Commander", role = "commander", nationality = "NPL", from = "2026-04-01" };
        var created = await api.PostAsJsonAsync("/api/v1/evaluations/officials", body, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await host.WithDbAsync((db, _) => db.Officials.Where(o => o.FullName == "Test Arriving Later").Select(o => o.Id).SingleAsync(Ct));

        // Recorded ahead (the clock says 2026-03-10), it is on the list with its first day, never overdue.
        var row = (await api.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?mission=MINUSCA", Ct)).EnumerateArray()
            .Single(o => o.GetProperty("id").GetInt32() == id);
        Assert.Equal("2026-04-01", row.GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("overdueSince").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("missingPeriod").ValueKind);

        using var browser = await host.BrowserAsync("chief-caf");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/evaluations", Ct));
        var link = page.QuerySelector($"a[href^='/evaluations?official={id}&']")!;
        Assert.Contains("in post from 2026-04-01", link.ParentElement!.TextContent, StringComparison.Ordinal);
        var choices = page.QuerySelectorAll("select[name='Form.OfficialId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.DoesNotContain(id.ToString(System.Globalization.CultureInfo.InvariantCulture), choices);
        Assert.Contains((await CommanderAsync(host)).ToString(System.Globalization.CultureInfo.InvariantCulture), choices);

        // Nor through the API, even for the period the first day falls in.
        var early = await api.PostAsJsonAsync("/api/v1/evaluations", Body(id, "CDO-T002"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("is in post from 2026-04-01", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.OfficialEvaluations.CountAsync(e => e.OfficialId == id, Ct)));
    }
}
