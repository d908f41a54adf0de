using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>The diving heuristic from the column-generation LP and its completion, on the benchmark generator's small instances.</summary>
public sealed class DiveTests
{
    /// <summary>Generator instances: one mission of 8 sites and 14 officers over 12 periods, and two missions of 10 and 6 sites.</summary>
    public static TheoryData<int[], int, int> Instances() => new()
    {
        { [8], 14, 1 },
        { [8], 14, 2 },
        { [8], 14, 3 },
        { [10, 6], 22, 4 },
        { [10, 6], 22, 5 },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryCompletedDive_IsAValidPlan_NeverWorseThanItsStart(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var plan = (int[][])greedy.Clone();
        var dives = 0;
        foreach (var (officers, sites) in Missions(problem))
        {
            var current = officers.Select(o => greedy[o]).ToArray();
            var best = RotationPlanner.ComponentObjective(index, current, officers, sites);
            new ColumnGeneration(index, officers, sites, withStability: false).Run(
                [.. officers.Select(o => (IEnumerable<int[]>)[greedy[o]])], long.MaxValue, TimeSpan.FromSeconds(10), 1, null, TestContext.Current.CancellationToken,
                new DiveSettings(TimeSpan.FromSeconds(4), best, Tail: 3, TailTime: TimeSpan.FromSeconds(1), OnDive: (dive, start) =>
                {
                    dives++;
                    // The start: the dive's fixed schedules and the LP's largest column for the others.
                    for (var i = 0; i < officers.Length; i++)
                    {
                        Assert.True(dive[i] is null || dive[i]!.AsSpan().SequenceEqual(start[i]));
                        Assert.True(Schedules.IsValid(index, officers[i], start[i]), "the dive's start breaks a rule");
                    }
                    var startValue = RotationPlanner.ComponentObjective(index, start, officers, sites);
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var completed = RotationPlanner.CompleteDive(index, officers, sites, dive, start, () => TimeSpan.FromSeconds(1) - watch.Elapsed, Deterministic(), 0,
                        TestContext.Current.CancellationToken);
                    var value = RotationPlanner.ComponentObjective(index, completed, officers, sites);
                    Assert.True(value <= startValue, $"completion {value} worse than its start {startValue}");
                    for (var i = 0; i < officers.Length; i++)
                    {
                        Assert.True(Schedules.IsValid(index, officers[i], completed[i]), "a completed schedule breaks a rule");
                        plan[officers[i]] = completed[i];
                    }
                }));
        }
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.True(dives > 0 || Missions(problem).All(m => m.Officers.Length == 0), "no dive ran");
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Planner_OnGeneratedInstances_IsValid_NoWorseThanGreedy_OptimalOnlyAtTheBound(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var plan = RotationPlanner.Plan(problem, Deterministic(8), TestContext.Current.CancellationToken);
        var greedy = GreedyPlanner.Plan(problem);
        Assert.True(plan.Status is PlanStatus.Optimal or PlanStatus.Feasible, plan.Status.ToString());
        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Objective <= greedy.Objective, $"planner {plan.Objective} worse than greedy {greedy.Objective}");
        Assert.True(plan.Bound <= plan.Objective);
        Assert.Equal(plan.Bound == plan.Objective, plan.Status == PlanStatus.Optimal);
        // The planner stops itself 0.5 s early; a second of slack covers a loaded test machine's scheduling.
        Assert.True(plan.SolveSeconds <= 9, $"took {plan.SolveSeconds} s of 8");
    }
}
