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

    /// <summary>Seeds and rules (seed, maxConsecutivePeriods, minPeriodsBeforeReturn) for <see cref="PricingCase"/>.</summary>
    public static TheoryData<int, int, int> PricingCases() => new()
    {
        { 1, 2, 4 },
        { 2, 2, 3 },
        { 3, 3, 4 },
        { 4, 2, 2 },
        { 5, 3, 5 },
        { 6, 1, 3 },
    };

    /// <summary>
    /// One officer, four sites, seven periods (4^7 = 16,384 schedules, few enough to enumerate), random rules around
    /// the officer and random scaled prices; the random source is returned for further draws.
    /// </summary>
    public static (PlanningIndex Index, LagrangianBound Pricing, long[][] Prices, Random Random) PricingCase(int seed, int maxConsecutive, int minReturn, long scale)
    {
        var random = new Random(seed);
        var sites = Enumerable.Range(0, 4).Select(k => Site($"S{k}", k * 0.4, languages: random.Next(2) == 0 ? ["fr"] : [])).ToArray();
        var officer = Officer("O1", $"S{random.Next(4)}", random.Next(0, maxConsecutive + 1), leave: [random.Next(7)],
            recent: [($"S{random.Next(4)}", random.Next(1, 3))]);
        var index = new PlanningIndex(Read(Problem(7, sites, [officer], maxConsecutive, minReturn)));
        var prices = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 7).Select(_ => (long)random.Next(0, 400 * (int)scale)).ToArray()).ToArray();
        return (index, new LagrangianBound(index, [0], [0, 1, 2, 3]), prices, random);
    }

    /// <summary>
    /// By enumeration: the least scaled reduced cost over the officer's valid schedules that <paramref name="keep"/>
    /// accepts (long.MaxValue when none).
    /// </summary>
    public static long BruteForceMinimum(PlanningIndex index, long[][] prices, long scale, Func<int[], bool> keep) =>
        ValidSchedules(index, prices, scale).Where(s => keep(s.Schedule)).Select(s => s.Value).DefaultIfEmpty(long.MaxValue).Min();

    /// <summary>Every valid schedule of the pricing case's officer (all 4^7), with its scaled reduced cost.</summary>
    public static IEnumerable<(int[] Schedule, long Value)> ValidSchedules(PlanningIndex index, long[][] prices, long scale)
    {
        for (var code = 0; code < 1 << 14; code++)
        {
            var seq = new int[7];
            for (var t = 0; t < 7; t++)
            {
                seq[t] = (code >> (2 * t)) & 3;
            }
            if (!Schedules.IsValid(index, 0, seq))
            {
                continue;
            }
            var value = scale * Schedules.Cost(index, 0, seq);
            for (var t = 0; t < 7; t++)
            {
                value -= index.OnLeave[0][t] ? 0 : prices[seq[t]][t];
            }
            yield return (seq, value);
        }
    }

    /// <summary>Officer and site indices per mission.</summary>
    public static IEnumerable<(int[] Officers, int[] Sites)> Missions(RotationProblem problem) =>
        problem.Officers.Select(o => o.Mission).Distinct(StringComparer.Ordinal).Select(mission => (
            Enumerable.Range(0, problem.Officers.Count).Where(o => problem.Officers[o].Mission == mission).ToArray(),
            Enumerable.Range(0, problem.Sites.Count).Where(s => problem.Sites[s].Mission == mission).ToArray()));
}
