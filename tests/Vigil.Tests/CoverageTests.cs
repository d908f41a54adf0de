using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
}
