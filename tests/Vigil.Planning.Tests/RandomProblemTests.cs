using System.Text.Json.Nodes;
using CsCheck;
using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// Random problems small enough to enumerate every plan (CsCheck draws a seed; a failure prints the problem file and
/// the seed that reproduces it): tenure, no early return, conflict of interest, leave, pins, recent sites and two
/// missions in random combinations. The planner must find the least objective over all valid plans, or call the
/// problem infeasible exactly when no valid plan exists; and the problem reader must survive any damage to a file.
/// </summary>
public sealed class RandomProblemTests
{
    private const int Problems = 60;

    [Fact]
    public void Plan_TinyRandomProblem_IsTheEnumeratedOptimumOrInfeasibleExactlyWhenNothingIsValid()
    {
        // What the draws covered, so that the property is not true of easy cases only.
        int infeasible = 0, uncovered = 0, pinned = 0, twoMissions = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var json = RandomProblem(seed);
            var problem = Read(json);
            var (best, valid) = Enumerate(problem);
            var plan = RotationPlanner.Plan(problem, Deterministic(30), TestContext.Current.CancellationToken);
            pinned += problem.Pinned.Count > 0 ? 1 : 0;
            twoMissions += problem.Sites.Select(s => s.Mission).Distinct().Count() > 1 ? 1 : 0;
            if (valid == 0)
            {
                infeasible++;
                Assert.Equal(PlanStatus.Infeasible, plan.Status);
                Assert.NotEmpty(plan.Infeasible);
                return;
            }
            Assert.True(plan.Status == PlanStatus.Optimal, $"status {plan.Status}: {string.Join("; ", plan.Infeasible)}");
            var check = PlanValidator.Validate(problem, plan.Postings);
            Assert.True(check.IsValid, string.Join("; ", check.Violations));
            Assert.Equal(check.Objective, plan.Objective);
            Assert.Equal(plan.Objective, plan.Breakdown!.Total);
            Assert.Equal(best, plan.Objective);
            Assert.Equal(best, plan.Bound);
            uncovered += plan.Uncovered.Count > 0 ? 1 : 0;
        }, iter: Problems, threads: 1, print: seed => Serialize(RandomProblem(seed)));
        TestContext.Current.TestOutputHelper?.WriteLine($"{infeasible} infeasible, {uncovered} with uncovered site-periods, {pinned} with pins, {twoMissions} with two missions of {Problems}");
        Assert.All(new[] { infeasible, uncovered, pinned, twoMissions }, n => Assert.InRange(n, 1, Problems - 1));
    }

    [Fact]
    public void Relaxations_TinyRandomProblem_BoundNeverAboveTheEnumeratedOptimum()
    {
        // The large-component machinery (Lagrangian relaxation, column generation, branch and price) on each mission
        // alone, against the enumerated optimum of that mission: every bound at or below it, every plan at or above it.
        var closed = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var problem = Read(RandomProblem(seed));
            var index = new PlanningIndex(problem);
            var (greedy, failed) = GreedyPlanner.Run(index);
            foreach (var (officers, sites) in Missions(problem))
            {
                if (officers.Length == 0 || officers.Any(o => failed[o] || !Schedules.IsValid(index, o, greedy[o])))
                {
                    continue;
                }
                var (optimum, valid) = Enumerate(Restrict(problem, officers, sites));
                var start = officers.Select(o => greedy[o]).ToArray();
                var startValue = RotationPlanner.ComponentObjective(index, start, officers, sites);
                Assert.True(valid > 0);
                Assert.True(startValue >= optimum);
                var cancel = TestContext.Current.CancellationToken;
                var lagrangian = new LagrangianBound(index, officers, sites).Run(startValue, TimeSpan.FromSeconds(5), 300, null, cancel);
                Assert.True(lagrangian.Bound <= optimum, $"Lagrangian bound {lagrangian.Bound} above the optimum {optimum}");
                var root = new ColumnGeneration(index, officers, sites, withStability: false).Run(
                    [.. officers.Select(o => (IEnumerable<int[]>)[greedy[o]])], long.MaxValue, TimeSpan.FromSeconds(5), 1, null, cancel);
                Assert.True(root.Bound <= optimum, $"column generation bound {root.Bound} above the optimum {optimum}");
                var tree = new BranchAndPrice(index, officers, sites).Run(root.Columns, start, startValue, root.Bound, TimeSpan.FromSeconds(5), 1, null, cancel);
                Assert.True(tree.Bound <= optimum, $"branch-and-price bound {tree.Bound} above the optimum {optimum}");
                Assert.True(tree.Objective >= optimum);
                Assert.Equal(tree.Objective, RotationPlanner.ComponentObjective(index, tree.Plan ?? start, officers, sites));
                if (tree.Closed)
                {
                    Assert.Equal(optimum, tree.Objective);
                    closed++;
                }
            }
        }, iter: Problems, threads: 1, print: seed => Serialize(RandomProblem(seed)));
        Assert.InRange(closed, 1, int.MaxValue);
    }

    [Fact]
    public void Read_DamagedProblemFile_IsAProblemOrAnErrorWithAJsonPath()
    {
        var gen = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 7], Gen.Int[0, int.MaxValue]);
        gen.Sample((seed, kind, where) =>
        {
            var text = Damage(Serialize(RandomProblem(seed)), kind, where);
            var result = ProblemReader.Read(text);
            Assert.True((result.Problem is null) != (result.Error is null));
            if (result.Error is { } error)
            {
                Assert.StartsWith("$", error.Path, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }, iter: 3_000, threads: 1, print: t => Damage(Serialize(RandomProblem(t.Item1)), t.Item2, t.Item3));
    }

    /// <summary>
    /// One or two missions, 2–3 sites each side of a few hundred kilometres, 1–2 officers per mission, 3–4 periods (at
    /// most 3^8 plans per mission): random tenure, return bar, languages, contingents, leave, recent sites and pins.
    /// </summary>
    private static JsonObject RandomProblem(int seed)
    {
        var random = new Random(seed);
        var periods = 3 + random.Next(2);
        var missions = random.Next(3) == 0 ? 2 : 1;
        var sites = new List<JsonObject>();
        var officers = new List<JsonObject>();
        var pins = new List<(string, int, string)>();
        string[] nationalities = ["KEN", "FRA"];
        for (var m = 0; m < missions; m++)
        {
            var mission = $"M{m}";
            var siteCount = 2 + random.Next(2);
            var officerCount = 1 + random.Next(siteCount == 2 && periods == 3 ? 3 : 2);
            var ids = Enumerable.Range(0, siteCount).Select(k => $"{mission}-S{k}").ToArray();
            foreach (var id in ids)
            {
                sites.Add(Site(id, random.NextDouble() * 3, mission, required: random.Next(4) == 0 ? 2 : random.Next(5) == 0 ? 0 : 1,
                    languages: random.Next(2) == 0 ? ["fr"] : [], contingents: random.Next(4) == 0 ? [nationalities[random.Next(2)]] : []));
            }
            for (var o = 0; o < officerCount; o++)
            {
                var id = $"{mission}-O{o}";
                var current = random.Next(4) == 0 ? null : ids[random.Next(siteCount)];
                officers.Add(Officer(id, current, current is null ? 0 : random.Next(0, 4), mission, nationalities[random.Next(2)],
                    random.Next(2) == 0 ? ["fr", "en"] : ["en"], leave: random.Next(3) == 0 ? [random.Next(periods)] : [],
                    recent: random.Next(3) == 0 ? [(ids[random.Next(siteCount)], 1 + random.Next(3))] : []));
                if (random.Next(5) == 0)
                {
                    pins.Add((id, random.Next(periods), ids[random.Next(siteCount)]));
                }
            }
        }
        return Problem(periods, [.. sites], [.. officers], maxConsecutive: random.Next(4) == 0 ? 1 : 2 + random.Next(2), minReturn: random.Next(4), pinned: [.. pins]);
    }

    /// <summary>The problem restricted to some officers and sites (one mission's), pins of those officers kept.</summary>
    private static RotationProblem Restrict(RotationProblem problem, int[] officers, int[] sites) => problem with
    {
        Officers = [.. officers.Select(o => problem.Officers[o])],
        Sites = [.. sites.Select(s => problem.Sites[s])],
        Pinned = [.. problem.Pinned.Where(p => officers.Any(o => problem.Officers[o].Id == p.OfficerId))],
    };

    /// <summary>The least objective over every valid plan, by enumeration per mission (missions share nothing), and how many plans are valid.</summary>
    private static (long Best, long Valid) Enumerate(RotationProblem problem)
    {
        long best = 0;
        long valid = 1;
        foreach (var mission in problem.Officers.Select(o => o.Mission).Concat(problem.Sites.Select(s => s.Mission)).Distinct(StringComparer.Ordinal))
        {
            var officers = problem.Officers.Where(o => o.Mission == mission).ToArray();
            var sites = problem.Sites.Where(s => s.Mission == mission).ToArray();
            var part = problem with { Officers = officers, Sites = sites, Pinned = [.. problem.Pinned.Where(p => officers.Any(o => o.Id == p.OfficerId))] };
            var cells = officers.Length * problem.Periods;
            var choice = new int[cells];
            var least = long.MaxValue;
            long count = 0;
            for (var code = 0L; code < (long)Math.Pow(sites.Length, cells); code++)
            {
                var rest = code;
                for (var c = 0; c < cells; c++)
                {
                    choice[c] = (int)(rest % sites.Length);
                    rest /= sites.Length;
                }
                var postings = Enumerable.Range(0, cells).Select(c => new Posting(officers[c / problem.Periods].Id, c % problem.Periods, sites[choice[c]].Id));
                var check = PlanValidator.Validate(part, postings);
                if (check.IsValid)
                {
                    count++;
                    least = Math.Min(least, check.Objective!.Value);
                }
            }
            if (count == 0)
            {
                return (0, 0);
            }
            best += least;
            valid *= count;
        }
        return (best, valid);
    }

    /// <summary>One kind of damage a file suffers: truncated, a character changed, a value's type or sign changed, a field dropped, an id changed.</summary>
    private static string Damage(string text, int kind, int where)
    {
        var at = where % Math.Max(1, text.Length);
        return kind switch
        {
            0 => text[..at],
            1 => text[..at] + (char)('!' + (where % 90)) + text[(at + 1)..],
            2 => text.Remove(at, Math.Min(text.Length - at, 1 + (where % 12))),
            3 => ReplaceNth(text, "\"periodsAtCurrentSite\":", where, "\"periodsAtCurrentSite\":-"),
            4 => ReplaceNth(text, "\"lat\":", where, "\"lat\":\"x\",\"_\":"),
            5 => ReplaceNth(text, "\"site\":\"", where, "\"site\":\"zz"),
            6 => ReplaceNth(text, "\"requiredOfficers\":", where, "\"requiredOfficers\":1e99,\"_\":"),
            _ => ReplaceNth(text, "\"id\":\"", where, "\"id\":null,\"_\":\""),
        };
    }

    private static string ReplaceNth(string text, string find, int n, string with)
    {
        var hits = new List<int>();
        for (var i = text.IndexOf(find, StringComparison.Ordinal); i >= 0; i = text.IndexOf(find, i + 1, StringComparison.Ordinal))
        {
            hits.Add(i);
        }
        if (hits.Count == 0)
        {
            return text;
        }
        var at = hits[n % hits.Count];
        return text[..at] + with + text[(at + find.Length)..];
    }
}
