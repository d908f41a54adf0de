using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The coverage view against leave and evaluations. The world is <see cref="PresenceAppTests"/>' (clock 2026-03-10;
/// CDO-T002 alone at Bria since 2025-12-01, CDO-T001 at Bangui, nobody at Kaga-Bandoro).
/// </summary>
public sealed class CoverageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Site(JsonElement coverage, string code) =>
        coverage.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("code").GetString() == code);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OfficerOnLeaveToday_DoesNotCoverTheSite_WhichIsFlaggedAndCounted(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var before = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(1, before.GetProperty("withoutOfficer").GetInt32());

        Assert.Equal(HttpStatusCode.Created,
            (await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "CDO-T002", from = "2026-03-01", to = "2026-03-20" }, Ct)).StatusCode);
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(2, coverage.GetProperty("withoutOfficer").GetInt32());
        var bria = Site(coverage, "MINUSCA-BRI");
        Assert.False(bria.GetProperty("hasOfficer").GetBoolean());
        var away = bria.GetProperty("officers").EnumerateArray().Single();
        Assert.Equal(("CDO-T002", true), (away.GetProperty("code").GetString(), away.GetProperty("onLeave").GetBoolean()));
        Assert.True(Site(coverage, "MINUSCA-BGI").GetProperty("hasOfficer").GetBoolean());

        // The same count on the missions list, and the officer shown as on leave on the coverage page.
        var missions = await chief.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(2, missions.EnumerateArray().Single(m => m.GetProperty("code").GetString() == "MINUSCA").GetProperty("sitesWithoutOfficer").GetInt32());
        using var browser = await host.BrowserAsync("chief-caf");
        var page = await browser.GetStringAsync("/coverage?mission=MINUSCA", Ct);
        Assert.Contains("<strong>2</strong>", page, StringComparison.Ordinal);
        Assert.Contains("on leave", page, StringComparison.Ordinal);

        // A mission not in scope (mistyped, or another mission's) is said so, not an empty list that reads as covered.
        var other = await chief.GetAsync("/api/v1/presence/coverage?mission=MONUSCO", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("No mission MONUSCO in your scope.", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("No mission NOPE in your scope.", await browser.GetStringAsync("/coverage?mission=nope", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DaysSinceLastEvaluation_CountFromTheEvaluatedPeriodsEnd_NotFromWhenItWasTyped(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var officer = await host.ApiAsync("officer-caf");
        var commander = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=MINUSCA-BRI", Ct)).EnumerateArray()
            .Single(o => o.GetProperty("nationality").GetString() == "PAK").GetProperty("id").GetInt32();
        Assert.Equal(JsonValueKind.Null, Site(await officer.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct), "MINUSCA-BRI")
            .GetProperty("daysSinceLastEvaluation").ValueKind);

        // October–December 2025, typed in on 2026-03-10: 69 days after the period's end, not 0.
        var recorded = await officer.PostAsJsonAsync("/api/v1/evaluations", new
        {
            officialId = commander,
            evaluator = "CDO-T002",
            period = "2025-12-15",
            trainingCoveragePercent = 80,
            findings = "Synthetic: back-filled.",
            rating = "satisfactory",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var bria = Site(await officer.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct), "MINUSCA-BRI");
        Assert.Equal(69, bria.GetProperty("daysSinceLastEvaluation").GetInt32());
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ContingentOfThePostedOfficersNationality_IsFlaggedAsAConflictOfInterest_NowOrWhenItArrives(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        Assert.Equal(0, (await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct)).GetProperty("conflicts").GetInt32());

        // A Rwandan unit announced at Bria, where the Rwandan CDO-T002 is posted with no end: flagged before it arrives.
        async Task AddRwandansAsync(string code, DateOnly from, DateOnly? to) => await host.WithDbAsync(async db =>
        {
            var bria = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-BRI", Ct);
            db.Contingents.Add(new Vigil.Core.Reference.Contingent { Code = code, Site = bria, ContributingCountry = "RWA", Category = Vigil.Core.Reference.PersonnelCategory.FormedPolice, UnitName = "RWAFPU 9", Strength = 140, From = from, To = to });
            await db.SaveChangesAsync(Ct);
        });
        await AddRwandansAsync("MINUSCA-BRI-RWA-9", new DateOnly(2026, 5, 1), null);
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(1, coverage.GetProperty("conflicts").GetInt32());
        var conflict = Site(coverage, "MINUSCA-BRI").GetProperty("officers").EnumerateArray().Single().GetProperty("conflict");
        Assert.Equal(("MINUSCA-BRI-RWA-9", "RWA", "2026-05-01"),
            (conflict.GetProperty("contingent").GetString(), conflict.GetProperty("country").GetString(), conflict.GetProperty("arrives").GetString()));
        // The flagged site comes right after the uncovered ones; Bangui's Ghanaian officer has none.
        Assert.Equal(["MINUSCA-KAG", "MINUSCA-BRI"], coverage.GetProperty("sites").EnumerateArray().Take(2).Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, Site(coverage, "MINUSCA-BGI").GetProperty("officers").EnumerateArray().Single().GetProperty("conflict").ValueKind);

        // One already there (and one that left) is the present conflict, said as such on the page, in French too.
        await AddRwandansAsync("MINUSCA-BRI-RWA-8", new DateOnly(2026, 2, 1), null);
        await AddRwandansAsync("MINUSCA-BRI-RWA-7", new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 31));
        conflict = Site(await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct), "MINUSCA-BRI")
            .GetProperty("officers").EnumerateArray().Single().GetProperty("conflict");
        Assert.Equal("MINUSCA-BRI-RWA-8", conflict.GetProperty("contingent").GetString());
        using var browser = await host.BrowserAsync("chief-caf");
        var page = await browser.GetStringAsync("/coverage?mission=MINUSCA", Ct);
        Assert.Contains("Conflict of interest: contingent MINUSCA-BRI-RWA-8 of the officer&#x27;s nationality (RWA) is at this site since 2026-02-01.", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> with a conflict of interest", page, StringComparison.Ordinal);
        Assert.Contains("est sur ce site depuis le 2026-02-01", await browser.GetStringAsync("/coverage?mission=MINUSCA&lang=fr", Ct), StringComparison.Ordinal);
        // And on the chief's overdue dashboard, beside the overdue evaluations.
        var dashboard = await browser.GetStringAsync("/cases/dashboard?lang=en", Ct);
        Assert.Contains("Conduct officers with a conflict of interest (1)", dashboard, StringComparison.Ordinal);
        Assert.Contains("MINUSCA-BRI-RWA-8 (RWA)", dashboard, StringComparison.Ordinal);

        // Analysts see coverage without names, and without whose nationality conflicts.
        using var analyst = await host.ApiAsync("analyst-hq");
        var anonymous = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(0, anonymous.GetProperty("conflicts").GetInt32());
        // Nor on the site's page: at a one-officer site a grade and a nationality would name the officer.
        var posted = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/sites/MINUSCA-BRI", Ct)).GetProperty("officers").EnumerateArray().Single();
        Assert.Equal(("✓", "", "", ""), (posted.GetProperty("name").GetString(), posted.GetProperty("code").GetString(), posted.GetProperty("grade").GetString(), posted.GetProperty("nationality").GetString()));
    }
}
