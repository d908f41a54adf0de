using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// The integer master's enriched pool: near variants of the best plan (<see cref="Schedules.Neighbours"/>) and every
/// completed dive's schedules, on the benchmark generator's small instances, several seeds.
/// </summary>
public sealed class IntegerMasterTests
{
    [Theory]
    [MemberData(nameof(DiveTests.Instances), MemberType = typeof(DiveTests))]
    public void Neighbours_DifferInOneStayOrOneMove_AndTheValidOnesKeepEveryRule(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var valid = 0;
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            var neighbours = Schedules.Neighbours(index, o, greedy[o]).ToList();
            Assert.NotEmpty(neighbours);
            foreach (var neighbour in neighbours)
            {
                Assert.Equal(greedy[o].Length, neighbour.Length);
                Assert.False(neighbour.AsSpan().SequenceEqual(greedy[o]), "a neighbour equal to its schedule");
                // The changed periods are one contiguous block at one site, from the officer's eligible sites.
                var changed = Enumerable.Range(0, neighbour.Length).Where(t => neighbour[t] != greedy[o][t]).ToArray();
                Assert.Equal(changed.Length, changed[^1] - changed[0] + 1);
                Assert.Single(changed.Select(t => neighbour[t]).Distinct());
                Assert.Contains(neighbour[changed[0]], index.Eligible[o]);
                if (!Schedules.IsValid(index, o, neighbour))
                {
                    continue;
                }
                valid++;
                // A valid neighbour keeps every hard rule by the validator too.
                var single = problem with { Officers = [problem.Officers[o]], Pinned = [.. problem.Pinned.Where(p => p.OfficerId == problem.Officers[o].Id)] };
                var postings = Enumerable.Range(0, problem.Periods).Select(t => new Posting(problem.Officers[o].Id, t, problem.Sites[neighbour[t]].Id));
                var check = PlanValidator.Validate(single, postings);
                Assert.True(check.IsValid, string.Join("; ", check.Violations));
            }
        }
        Assert.True(valid > 0, "no valid neighbour at all");
    }

    [Theory]
    [MemberData(nameof(DiveTests.Instances), MemberType = typeof(DiveTests))]
    public void Master_OverDivesAndNeighbours_IsValid_NeverWorseThanItsHint_NeverBelowTheBound(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var plan = (int[][])greedy.Clone();
        foreach (var (officers, sites) in Missions(problem))
        {
            var current = officers.Select(o => greedy[o]).ToArray();
            var start = RotationPlanner.ComponentObjective(index, current, officers, sites);
            var dives = new List<int[][]>();
            var generation = new ColumnGeneration(index, officers, sites, withStability: false).Run(
                [.. officers.Select(o => (IEnumerable<int[]>)[greedy[o]])], long.MaxValue, TimeSpan.FromSeconds(6), 1, null, TestContext.Current.CancellationToken,
                new DiveSettings(TimeSpan.FromSeconds(3), start, Tail: 3, TailTime: TimeSpan.FromSeconds(0.5), OnDive: (dive, diveStart) =>
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    dives.Add(RotationPlanner.CompleteDive(index, officers, sites, dive, diveStart, () => TimeSpan.FromSeconds(0.5) - watch.Elapsed, Deterministic(), 0,
                        TestContext.Current.CancellationToken));
                }));
            var columns = officers.Select((o, i) => generation.Columns[i].Append(current[i]).Concat(dives.Select(d => d[i])).Concat(Schedules.Neighbours(index, o, current[i]))).ToArray();
            var master = new ScheduleModel(index, officers, sites, columns);
            // A deterministic-time limit: the same work however loaded the machine is (a wall-clock limit left one run empty-handed under load).
            var (chosen, value) = master.Solve(current, TimeSpan.FromSeconds(120), Deterministic() with { ExtraSolverParameters = "max_deterministic_time:3" },
                TestContext.Current.CancellationToken, generation.Bound);
            Assert.NotNull(chosen);
            var exact = RotationPlanner.ComponentObjective(index, chosen, officers, sites);
            Assert.Equal(exact, value);
            Assert.True(exact <= start, $"master {exact} worse than its hint {start}");
            foreach (var d in dives)
            {
                // The proven bound is never above any plan found.
                Assert.True(generation.Bound <= RotationPlanner.ComponentObjective(index, d, officers, sites));
            }
            Assert.True(generation.Bound <= exact, $"bound {generation.Bound} above the plan {exact}");
            for (var i = 0; i < officers.Length; i++)
            {
                plan[officers[i]] = chosen[i];
            }
        }
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
    }
}
