using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Bench.Rotation;

namespace Vigil.Planning.Tests;

/// <summary>Small hand-made problems. Site A and B are 111 km apart (one degree of longitude on the equator), C 222 km from A.</summary>
internal static class TestProblems
{
    public static JsonObject Site(string id, double lon = 0, string mission = "M", int required = 1, string[]? languages = null, string[]? contingents = null) => new()
    {
        ["id"] = id,
        ["mission"] = mission,
        ["lat"] = 0.0,
        ["lon"] = lon,
        ["requiredOfficers"] = required,
        ["languages"] = new JsonArray([.. (languages ?? []).Select(l => (JsonNode)l)]),
        ["contingentNationalities"] = new JsonArray([.. (contingents ?? []).Select(c => (JsonNode)c)]),
    };

    public static JsonObject Officer(string id, string? current = null, int periodsAt = 0, string mission = "M", string nationality = "KEN",
        string[]? languages = null, int[]? leave = null, (string Site, int Since)[]? recent = null) => new()
        {
            ["id"] = id,
            ["mission"] = mission,
            ["nationality"] = nationality,
            ["languages"] = new JsonArray([.. (languages ?? ["en"]).Select(l => (JsonNode)l)]),
            ["currentSite"] = current,
            ["periodsAtCurrentSite"] = periodsAt,
            ["unavailablePeriods"] = new JsonArray([.. (leave ?? []).Select(p => (JsonNode)p)]),
            ["recentSites"] = new JsonArray([.. (recent ?? []).Select(r => (JsonNode)new JsonObject { ["site"] = r.Site, ["periodsSinceLeft"] = r.Since })]),
        };

    public static JsonObject Problem(int periods, JsonObject[] sites, JsonObject[] officers, int maxConsecutive = 6, int minReturn = 12,
        (string Officer, int Period, string Site)[]? pinned = null, bool crossMission = false) => new()
        {
            ["horizon"] = new JsonObject { ["start"] = "2027-01-01", ["periods"] = periods, ["periodMonths"] = 1 },
            ["rules"] = new JsonObject
            {
                ["maxConsecutivePeriods"] = maxConsecutive,
                ["minPeriodsBeforeReturn"] = minReturn,
                ["crossMissionMoves"] = crossMission,
                ["weights"] = new JsonObject { ["uncovered"] = 100000, ["languageGap"] = 500, ["move"] = 200, ["travelKm"] = 1 },
            },
            ["sites"] = new JsonArray([.. sites]),
            ["officers"] = new JsonArray([.. officers]),
            ["pinned"] = new JsonArray([.. (pinned ?? []).Select(p => (JsonNode)new JsonObject { ["officer"] = p.Officer, ["period"] = p.Period, ["site"] = p.Site })]),
        };

    public static RotationProblem Read(JsonObject json)
    {
        var result = ProblemReader.Read(json.ToJsonString());
        Assert.Null(result.Error);
        return result.Problem!;
    }

    public static IEnumerable<Posting> Postings(string officer, params string[] sites) =>
        sites.Select((s, t) => new Posting(officer, t, s));

    public static PlannerOptions Deterministic(double seconds = 20) => new() { Threads = 1, TimeLimit = TimeSpan.FromSeconds(seconds), RandomSeed = 3 };

    public static string Serialize(JsonObject json) => json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>A benchmark generator instance over 12 periods.</summary>
    public static RotationProblem Generate(int[] sitesPerMission, int officers, int seed) =>
        Read(InstanceGenerator.Generate(new InstanceSpec($"test-{seed}", sitesPerMission, officers, 12, seed)));

    /// <summary>Officer and site indices per mission.</summary>
    public static IEnumerable<(int[] Officers, int[] Sites)> Missions(RotationProblem problem) =>
        problem.Officers.Select(o => o.Mission).Distinct(StringComparer.Ordinal).Select(mission => (
            Enumerable.Range(0, problem.Officers.Count).Where(o => problem.Officers[o].Mission == mission).ToArray(),
            Enumerable.Range(0, problem.Sites.Count).Where(s => problem.Sites[s].Mission == mission).ToArray()));
}
