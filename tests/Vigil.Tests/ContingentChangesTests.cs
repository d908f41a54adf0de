using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Planning;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// A contingent's departure and the corrections of its record, by the chief, reach the coverage view, the next problem
/// built and the approval of a plan built before. The world is <see cref="PresenceAppTests"/>' (clock 2026-03-10, default
/// horizon from 2026-04-01): CDO-T001 (GHA) posted at Bangui, where Rwanda has troops, and CDO-T002 (RWA) at Bria, where a
/// Pakistani company (MINUSCA-BRI-PAK-1) is deployed (CDO-T002 left Kaga-Bandoro in November: no return there within a year).
/// </summary>
public sealed class ContingentChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }

    private static IEnumerable<string?> Codes(JsonElement answer, string property) =>
        answer.GetProperty(property).EnumerateArray().Select(c => c.GetString());

    private static Task<List<string?>> AuditAsync(TestHost host, string code) =>
        host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(e => e.RecordType == "Contingent" && e.RecordId == code && e.Action == "update" && e.Detail!.Contains(": "))
            .OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync(Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADeparture_EndsTheConflictOnCoverage_LeavesTheNextProblem_AndIsAReviewLineOfAPlanBuiltBefore_WhichIsApproved(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/contingents/MINUSCA-BGI-GHA-1/departure";
        // A Ghanaian unit at Bangui since January: CDO-T001 (GHA), posted there, is in conflict of interest.
        await host.WithDbAsync(async db =>
        {
            var bangui = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-BGI", Ct);
            db.Contingents.Add(new Vigil.Core.Reference.Contingent { Code = "MINUSCA-BGI-GHA-1", Site = bangui, ContributingCountry = "GHA", Category = Vigil.Core.Reference.PersonnelCategory.MilitaryContingent, UnitName = "GHANBATT", Strength = 750, From = new DateOnly(2026, 1, 15) });
            await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(1, (await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct)).GetProperty("conflicts").GetInt32());
        // A plan built while the unit is there: it moves CDO-T001 away from Bangui.
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);

        // Who may: the chief of the mission; a conduct officer of it is refused, another mission's chief and an analyst find nothing.
        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, new { lastDay = "2026-03-09" }, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/presence/contingents/MINUSCA-BGI-GHA-1", Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, new { lastDay = "2026-03-09" }, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(Route, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/presence/contingents/MINUSCA-BGI-GHA-1", Ct)).StatusCode);
        }
        using (var analyst = await host.ApiAsync("analyst-hq"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync(Route, new { lastDay = "2026-03-09" }, Ct)).StatusCode);
        }
        // The day is named: missing, before the arrival, too long ago.
        Assert.True((await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { }, Ct))).TryGetProperty("lastDay", out _));
        Assert.Equal("'2026-01-10' is before the contingent's arrival (2026-01-15).",
            (await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { lastDay = "2026-01-10" }, Ct))).GetProperty("lastDay")[0].GetString());
        Assert.True((await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { lastDay = "2025-11-01" }, Ct))).TryGetProperty("lastDay", out _));

        // A departure at the end of April: the conflict ends after it (CDO-T001 may serve at Bangui from May); withdrawn, it is back.
        var april = await chief.PostAsJsonAsync(Route, new { lastDay = "2026-04-30" }, Ct);
        Assert.Equal(HttpStatusCode.OK, april.StatusCode);
        var answer = await april.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("2026-04-30", "MINUSCA-BGI"), (answer.GetProperty("contingent").GetProperty("lastDay").GetString(), answer.GetProperty("contingent").GetProperty("site").GetString()));
        Assert.Equal(["CDO-T001"], Codes(answer, "conflictsEnded"));
        Assert.Empty(Codes(answer, "conflictsCreated"));
        var withdrawn = await chief.DeleteAsync(Route, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        answer = await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("contingent").GetProperty("lastDay").ValueKind);
        Assert.Equal(["CDO-T001"], Codes(answer, "conflictsCreated"));

        // It left yesterday: the coverage view no longer flags CDO-T001.
        var left = await chief.PostAsJsonAsync("/api/v1/presence/contingents/minusca-bgi-gha-1/departure", new { lastDay = "2026-03-09" }, Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(["CDO-T001"], Codes(await left.Content.ReadFromJsonAsync<JsonElement>(Ct), "conflictsEnded"));
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(0, coverage.GetProperty("conflicts").GetInt32());
        // Reached, it stays on record.
        var stays = await chief.DeleteAsync(Route, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stays.StatusCode);
        Assert.Contains("MINUSCA-BGI-GHA-1 left on 2026-03-09: that stays on record.", await stays.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The plan built before breaks no rule: its review says that it keeps Ghanaian officers away from Bangui (in English
        // and French), and it is approved. The next problem no longer carries GHA at Bangui.
        var review = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}", Ct);
        Assert.Contains("Contingent MINUSCA-BGI-GHA-1 (GHA) left MINUSCA-BGI on 2026-03-09, after this problem was built: the plan keeps officers of GHA away from MINUSCA-BGI (it is still valid; plan again to post them there).",
            review.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        using (var browser = await host.BrowserAsync("chief-caf"))
        {
            Assert.Contains("Le contingent MINUSCA-BGI-GHA-1 (GHA) a quitté MINUSCA-BGI le 2026-03-09, après la construction de ce problème : le plan tient les agents de nationalité GHA à l'écart de MINUSCA-BGI",
                System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/rotation/{run}?lang=fr", Ct)), StringComparison.Ordinal);
        }
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.True(approval.StatusCode == HttpStatusCode.OK, await approval.Content.ReadAsStringAsync(Ct));
        var next = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, next);
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{next}/problem.json", Ct)).Problem!;
        Assert.Equal(["RWA"], problem.Sites.Single(s => s.Id == "MINUSCA-BGI").ContingentNationalities);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{next}/approve", null, Ct)).StatusCode);

        // Each change in the audit log, by the contingent's code, with the last day before and after.
        Assert.Equal(["departure recorded: last day none -> 2026-04-30", "departure withdrawn: last day 2026-04-30 -> none", "departure recorded: last day none -> 2026-03-09"],
            await AuditAsync(host, "MINUSCA-BGI-GHA-1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADeparture_FromASiteThePlanLeftOutAsClosing_IsNoReviewLine_ThePlanPostsNobodyThere_AndIsApproved(string provider)
    {
        // PlanRecheck's case: a Ghanaian company at Kaga-Bandoro, which closes at the end of April, inside the horizon (so the
        // problem leaves the site out); the company leaves after the problem was built. The plan posts nobody at Kaga-Bandoro
        // in any period, so the nationality gone there changes nothing it decided, and planning again would not post anyone
        // there either: the review says the site is left out (as before) and nothing about the company.
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        await host.WithDbAsync(async db =>
        {
            var kaga = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-KAG", Ct);
            db.Contingents.Add(new Vigil.Core.Reference.Contingent { Code = "MINUSCA-KAG-GHA-1", Site = kaga, ContributingCountry = "GHA", Category = Vigil.Core.Reference.PersonnelCategory.MilitaryContingent, UnitName = "GHANCOY", Strength = 150, From = new DateOnly(2026, 1, 15) });
            await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/sites/MINUSCA-KAG/closure", new { lastDay = "2026-04-30" }, Ct)).StatusCode);
        // Two periods of a month from 1 April: the horizon ends on 31 May, after the closure.
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{run}/problem.json", Ct)).Problem!;
        Assert.DoesNotContain(problem.Sites, s => s.Id == "MINUSCA-KAG");
        using (var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{run}/plan.json", Ct)))
        {
            var sites = plan.RootElement.GetProperty("postings").EnumerateArray().Select(p => p.GetProperty("site").GetString()).ToList();
            Assert.NotEmpty(sites);
            Assert.DoesNotContain("MINUSCA-KAG", sites);
        }

        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-KAG-GHA-1/departure", new { lastDay = "2026-03-09" }, Ct)).StatusCode);
        var warnings = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}", Ct)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains("Site MINUSCA-KAG closes on 2026-04-30, within this horizon: it is left out of the plan.", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("MINUSCA-KAG-GHA-1", StringComparison.Ordinal) || w.Contains("officers of GHA", StringComparison.Ordinal));
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.True(approval.StatusCode == HttpStatusCode.OK, await approval.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACorrection_NamesEveryFault_RefusesAnOlderForm_SaysTheConflictItCreates_AndIsCheckedInAPlanBuiltBefore(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/correction";
        var record = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/contingents/MINUSCA-BRI-PAK-1", Ct);
        Assert.Equal(("PAK", "military-contingent", "PAKENGCOY", 300, "2025-01-01"), (record.GetProperty("country").GetString(), record.GetProperty("category").GetString(),
            record.GetProperty("unit").GetString(), record.GetProperty("strength").GetInt32(), record.GetProperty("from").GetString()));
        var version = record.GetProperty("version").GetString();
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);

        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, new { country = "RWA" }, Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, new { country = "RWA" }, Ct)).StatusCode);
        }

        // Every fault at once, each under its field; nothing written.
        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { country = "pakistan", category = "army", unit = " ", strength = 0 }, Ct));
        Assert.Equal(["category", "country", "from", "strength", "unit"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("'PAKISTAN' is not an ISO 3166-1 alpha-3 country code.", errors.GetProperty("country")[0].GetString());
        Assert.StartsWith("'army' is not a category: choose one of military-contingent, formed-police,", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        // The arrival day is not after the last day (a departure recorded for the end of the year).
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/departure", new { lastDay = "2026-12-31" }, Ct)).StatusCode);
        var late = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { country = "PAK", category = "military-contingent", unit = "PAKENGCOY", strength = 300, from = "2027-01-05" }, Ct));
        Assert.Equal("'2027-01-05' is after the contingent's last day (2026-12-31).", late.GetProperty("from")[0].GetString());
        Assert.Equal("PAK", await host.WithDbAsync((db, _) => db.Contingents.Where(c => c.Code == "MINUSCA-BRI-PAK-1").Select(c => c.ContributingCountry).SingleAsync(Ct)));

        // The unit was Rwandan police all along: CDO-T002 (RWA), posted at Bria, now has a conflict of interest.
        var corrected = await chief.PostAsJsonAsync(Route, new { country = " rwa", category = "formed-police", unit = "PAKENGCOY", strength = 280, from = "2025-01-01", version }, Ct);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var answer = await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["CDO-T002"], Codes(answer, "conflictsCreated"));
        Assert.Empty(Codes(answer, "conflictsEnded"));
        Assert.Equal(("RWA", "formed-police", 280), (answer.GetProperty("contingent").GetProperty("country").GetString(), answer.GetProperty("contingent").GetProperty("category").GetString(),
            answer.GetProperty("contingent").GetProperty("strength").GetInt32()));
        Assert.Equal(1, (await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct)).GetProperty("conflicts").GetInt32());
        // A form opened before it is refused rather than undoing it.
        var stale = await chief.PostAsJsonAsync(Route, new { country = "PAK", category = "military-contingent", unit = "PAKENGCOY", strength = 300, from = "2025-01-01", version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("MINUSCA-BRI-PAK-1's record was changed by someone else", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(["departure recorded: last day none -> 2026-12-31", "corrected: country PAK -> RWA; category military-contingent -> formed-police; strength 300 -> 280"],
            await AuditAsync(host, "MINUSCA-BRI-PAK-1"));
        // The plan built before: Pakistan gone from Bria is a review line (it breaks no rule); Rwanda there breaks
        // CDO-T002's posting if the plan keeps them there, which refuses the approval, naming that alone.
        var review = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}", Ct);
        Assert.Contains("No contingent of PAK is at MINUSCA-BRI in this horizon any more (a contingent's record was corrected after this problem was built): the plan keeps officers of PAK away from MINUSCA-BRI (it is still valid; plan again to post them there).",
            review.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var plan = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}/plan.json", Ct);
        var atBria = plan.GetProperty("postings").EnumerateArray()
            .Where(p => p.GetProperty("officer").GetString() == "CDO-T002" && p.GetProperty("site").GetString() == "MINUSCA-BRI").Select(p => p.GetProperty("period").GetInt32()).ToList();
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        var said = await approval.Content.ReadAsStringAsync(Ct);
        if (atBria.Count > 0)
        {
            Assert.True(approval.StatusCode == HttpStatusCode.Conflict, said);
            Assert.Contains($"a contingent of RWA is now at MINUSCA-BRI: CDO-T002's posting there from 2026-0{4 + atBria.Min()}-01 breaks the conflict-of-interest rule", said, StringComparison.Ordinal);
            Assert.DoesNotContain("PAK", said, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(approval.StatusCode == HttpStatusCode.OK, said);
        }
    }

    /// <summary>
    /// A contingent corrected to another nationality with no officer in the mission: the nationality gone breaks no rule,
    /// the plan built before is approved; one corrected to an officer's nationality where the plan posts them is refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACorrectionThatRemovesANationality_KeepsAPlanBuiltBeforeApprovable_ButOneThatBreaksTheConflictRule_IsRefused(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);
        var plan = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}/plan.json", Ct);
        // Where the plan posts CDO-T001 (GHA) first: a Ghanaian unit recorded there would break its posting.
        var first = plan.GetProperty("postings").EnumerateArray().Where(p => p.GetProperty("officer").GetString() == "CDO-T001")
            .OrderBy(p => p.GetProperty("period").GetInt32()).First();
        var site = first.GetProperty("site").GetString()!;

        // Bria's Pakistani company was Senegalese all along (no Senegalese officer): Pakistan is gone, no rule is broken.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/correction",
            new { country = "SEN", category = "military-contingent", unit = "PAKENGCOY", strength = 300, from = "2025-01-01" }, Ct)).StatusCode);
        var warnings = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}", Ct)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("No contingent of PAK is at MINUSCA-BRI in this horizon any more (a contingent's record was corrected after this problem was built): the plan keeps officers of PAK away from MINUSCA-BRI (it is still valid; plan again to post them there).", warnings);

        // A Ghanaian unit arriving where CDO-T001 is to serve breaks a hard rule: refused, naming it (and not the note).
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/presence/contingents",
            new { code = "MINUSCA-GHA-NEW-1", site, country = "GHA", category = "formed-police", unit = "GHAFPU 1", strength = 140, from = "2026-03-20" }, Ct)).StatusCode);
        var refused = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        var said = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, said);
        Assert.Contains($"a contingent of GHA is now at {site}: CDO-T001's posting there from 2026-0{4 + first.GetProperty("period").GetInt32()}-01 breaks the conflict-of-interest rule", said, StringComparison.Ordinal);
        Assert.DoesNotContain("PAK", said, StringComparison.Ordinal);

        // The unit leaves again before the horizon: nothing breaks a rule any more, and the plan is approved.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-GHA-NEW-1/departure", new { lastDay = "2026-03-25" }, Ct)).StatusCode);
        var approved = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSitePage_LinksTheForms_ForTheChiefOnly_AndTheFormsNameTheirFaultsInFrench(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();

        var site = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct));
        Assert.NotNull(site.QuerySelector("a[href='/contingents/MINUSCA-BRI-PAK-1/departure']"));
        Assert.NotNull(site.QuerySelector("a[href='/contingents/MINUSCA-BRI-PAK-1/correct']"));
        using (var officer = await host.BrowserAsync("officer-caf"))
        {
            Assert.DoesNotContain("/contingents/", await officer.GetStringAsync("/sites/MINUSCA-BRI", Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/contingents/MINUSCA-BRI-PAK-1/correct", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/contingents/MINUSCA-BRI-PAK-1/departure", Ct)).StatusCode);
        }

        // The correction form, in French: every fault named under its control.
        var form = parser.ParseDocument(await browser.GetStringAsync("/contingents/MINUSCA-BRI-PAK-1/correct?lang=fr", Ct));
        Assert.Equal("PAKENGCOY", form.QuerySelector("input[name='Form.Unit']")!.GetAttribute("value"));
        Dictionary<string, string> Correction(string country, string strength) => new()
        {
            ["Form.Country"] = country,
            ["Form.Category"] = "military-contingent",
            ["Form.Unit"] = "PAKENGCOY",
            ["Form.Strength"] = strength,
            ["Form.From"] = "2025-01-01",
            ["Form.Version"] = form.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var refused = await browser.PostAsync("/contingents/MINUSCA-BRI-PAK-1/correct?lang=fr", new FormUrlEncodedContent(Correction("XX", "trois cents")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = parser.ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        foreach (var (name, text) in new[] { ("Form.Strength", "Indiquez l'effectif autorisé, un nombre entier d'au moins 1."), ("Form.Country", "« XX » n'est pas un code de pays ISO 3166-1 alpha-3") })
        {
            var input = page.QuerySelector($"input[name='{name}']")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains(text, page.GetElementById(input.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        }

        var saved = await browser.PostAsync("/contingents/MINUSCA-BRI-PAK-1/correct", new FormUrlEncodedContent(Correction("RWA", "300")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/sites/MINUSCA-BRI", saved.Headers.Location!.ToString());
        var notice = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct)).QuerySelector("main")!.TextContent;
        // In French, as the form was.
        Assert.Contains("Fiche de MINUSCA-BRI-PAK-1 corrigée.", notice, StringComparison.Ordinal);
        Assert.Contains("Agents de ce site pour qui cela crée un conflit d'intérêts : CDO-T002.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("corrigée.", parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The departure form: a day too long ago is named; yesterday ends CDO-T002's conflict, said on the site page.
        var departure = parser.ParseDocument(await browser.GetStringAsync("/contingents/MINUSCA-BRI-PAK-1/departure?lang=fr", Ct));
        Dictionary<string, string> Departure(string day) => new()
        {
            ["LastDay"] = day,
            ["__RequestVerificationToken"] = departure.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var tooOld = parser.ParseDocument(await (await browser.PostAsync("/contingents/MINUSCA-BRI-PAK-1/departure?lang=fr", new FormUrlEncodedContent(Departure("2025-01-31")), Ct)).Content.ReadAsStringAsync(Ct));
        var day = tooOld.QuerySelector("input[name='LastDay']")!;
        Assert.Equal("true", day.GetAttribute("aria-invalid"));
        Assert.Contains("« 2025-01-31 » remonte à plus de 90 jours", tooOld.GetElementById(day.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var left = await browser.PostAsync("/contingents/MINUSCA-BRI-PAK-1/departure", new FormUrlEncodedContent(Departure("2026-03-09")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        notice = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("Départ de MINUSCA-BRI-PAK-1 enregistré : dernier jour le 2026-03-09.", notice, StringComparison.Ordinal);
        Assert.Contains("Agents de ce site dont cela met fin au conflit d'intérêts : CDO-T002.", notice, StringComparison.Ordinal);
    }
}
