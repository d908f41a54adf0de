using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// Components planned side by side in lanes, one per thread: how they are dealt, and a multi-mission plan on two
/// lanes (the other tests plan on one thread, so one lane).
/// </summary>
public sealed class LaneTests
{
    [Fact]
    public void Lanes_DealLargestFirst_ToTheLightestLane_KeepingTheOrder_NoEmptyLane()
    {
        long[] size = [10, 9, 8, 3, 2, 1];
        List<int> order = [0, 1, 2, 3, 4, 5];

        var two = RotationPlanner.Lanes(order, c => size[c], 2);
        var eight = RotationPlanner.Lanes([0, 1], c => size[c], 8);

        Assert.Equal([[0, 3, 4, 5], [1, 2]], two);
        Assert.Equal([[0], [1]], eight);
    }

    [Fact]
    public void Plan_FourMissionsOnTwoLanes_IsValid_BelowGreedy_WithinTheLimit_EveryMissionPlanned()
    {
        var problem = Generate([6, 8, 10, 12], 56, 11);
        IReadOnlyList<ComponentSummary>? report = null;
        var options = Deterministic(10) with { Threads = 2, ComponentReport = r => report = r };

        var plan = RotationPlanner.Plan(problem, options, TestContext.Current.CancellationToken);

        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Bound <= plan.Objective, $"bound {plan.Bound} above the objective {plan.Objective}");
        Assert.True(plan.SolveSeconds <= 11, $"took {plan.SolveSeconds} s of 10");
        Assert.Equal(4, report!.Count);
        Assert.Equal(plan.Objective, report.Sum(r => r.Objective)); // every site is in a mission with officers
        var greedy = GreedyPlanner.Plan(problem);
        Assert.True(plan.Objective < greedy.Objective, $"planner {plan.Objective} not below greedy {greedy.Objective}");
        foreach (var mission in report)
        {
            Assert.True(mission.Seconds > 0, $"{mission.Name} got no time");
        }
    }
}
