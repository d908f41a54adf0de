using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// Components planned side by side in lanes, one per thread: how both passes hand them out, and a multi-mission plan on
/// two lanes (the other tests plan on one thread, so one lane).
/// </summary>
public sealed class LaneTests
{
    [Fact]
    public void LaneSchedule_SharesTheLanesTimeBySize_PassesTimeLeftOn_EndsWithTheLastComponent()
    {
        long[] size = [4, 2, 1, 1];
        var now = TimeSpan.Zero;
        var schedule = new RotationPlanner.LaneSchedule([0, 1, 2, 3], c => size[c], 2, TimeSpan.FromSeconds(10), () => now);

        // Two lanes, 10 s each: the largest gets half of 20 s, the next its share of the second lane's 10 s.
        Assert.Equal((0, TimeSpan.FromSeconds(10), false), schedule.Next(0));
        Assert.Equal((1, TimeSpan.FromSeconds(5), false), schedule.Next(1));
        // Lane 1 is free after 1 s (its component proven optimal early): its 9 s go to the two not started.
        now = TimeSpan.FromSeconds(1);
        Assert.Equal((2, TimeSpan.FromSeconds(4.5), false), schedule.Next(1));
        now = TimeSpan.FromSeconds(5.5);
        Assert.Equal((3, TimeSpan.FromSeconds(4.5), true), schedule.Next(1));
        Assert.Null(schedule.Next(0));
        Assert.Null(schedule.Next(1));
    }

    [Fact]
    public void LaneSchedule_GivesALeastTime_WhenTheShareIsSmaller()
    {
        long[] gap = [900, 100];
        var now = TimeSpan.Zero;
        // As the second pass: a component with branch and price gets at least 15 % of its lane's time left.
        var schedule = new RotationPlanner.LaneSchedule([1, 0], c => gap[c], 1, TimeSpan.FromSeconds(100), () => now,
            (c, own) => c == 1 ? own * 0.15 : TimeSpan.Zero);

        Assert.Equal((1, TimeSpan.FromSeconds(15), false), schedule.Next(0)); // its share alone would be 10 s
        now = TimeSpan.FromSeconds(15);
        Assert.Equal((0, TimeSpan.FromSeconds(85), true), schedule.Next(0));
    }

    [Fact]
    public void LaneSchedule_OneLane_SharesByTheSizesLeft_AtLeastATenth()
    {
        long[] size = [3, 1];
        var now = TimeSpan.Zero;
        var schedule = new RotationPlanner.LaneSchedule([0, 1], c => size[c], 1, TimeSpan.FromSeconds(8), () => now);

        Assert.Equal((0, TimeSpan.FromSeconds(6), false), schedule.Next(0));
        now = TimeSpan.FromSeconds(8); // the first used all of its time and more
        Assert.Equal((1, TimeSpan.FromSeconds(0.1), true), schedule.Next(0));
    }

}

/// <summary>
/// A plan on two lanes keeps both cores busy for its whole limit: it runs alone (see <see cref="TimeSharing"/>), so
/// that it does not starve the time-limited tests beside it.
/// </summary>
[Collection(nameof(TimeSharing))]
public sealed class LanePlanTests
{
    [Fact]
    public void Plan_FourMissionsOnTwoLanes_IsValid_BelowGreedy_WithinTheLimit_EveryMissionPlanned()
    {
        var problem = Generate([6, 8, 10, 12], 56, 11);
        IReadOnlyList<ComponentSummary>? report = null;
        var options = Deterministic(6) with { Threads = 2, ComponentReport = r => report = r };

        var plan = RotationPlanner.Plan(problem, options, TestContext.Current.CancellationToken);

        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Bound <= plan.Objective, $"bound {plan.Bound} above the objective {plan.Objective}");
        Assert.True(plan.SolveSeconds <= 7, $"took {plan.SolveSeconds} s of 6");
        Assert.Equal(4, report!.Count);
        Assert.Equal(plan.Objective, report.Sum(r => r.Objective)); // every site is in a mission with officers
        var greedy = GreedyPlanner.Plan(problem);
        Assert.True(plan.Objective < greedy.Objective, $"planner {plan.Objective} not below greedy {greedy.Objective}");
        foreach (var mission in report)
        {
            Assert.True(mission.Seconds > 0, $"{mission.Name} got no time");
            // Per pass: the first gave every mission time; the passes' seconds make the whole; the second pass only
            // keeps a better plan and a higher bound, and its figures are the mission's final ones.
            Assert.Equal(2, mission.Passes.Count);
            var (first, second) = (mission.Passes[0], mission.Passes[1]);
            Assert.True(first.Given > 0, $"{mission.Name} was given no time in the first pass");
            Assert.Equal(mission.Seconds, first.Seconds + second.Seconds, 6);
            Assert.True(second.Given > 0 || second.Seconds == 0, $"{mission.Name} took {second.Seconds} s of a second pass it was not given");
            Assert.Equal((mission.Objective, mission.Bound), (second.Objective, second.Bound));
            Assert.True(first.Objective >= second.Objective, $"{mission.Name}: {first.Objective} after the first pass, {second.Objective} at the end");
            Assert.InRange(first.Bound, long.MinValue, Math.Min(first.Objective, second.Bound));
        }
    }

    [Fact]
    public void Plan_Cancelled_ReturnsAValidPlanAtOnce_NotAtItsLimit()
    {
        // Ctrl+C or a stopped run: the best plan so far. Missions not yet started keep their greedy plan, and no
        // solver starts a search the cancellation could no longer stop (a cancelled UN run once went on for 42 s).
        var problem = Generate([6, 8, 10, 12], 56, 11);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var plan = RotationPlanner.Plan(problem, Deterministic(120) with { Threads = 2 }, cancel.Token);

        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Objective <= GreedyPlanner.Plan(problem).Objective);
        Assert.True(plan.SolveSeconds < 60, $"a cancelled run took {plan.SolveSeconds} s of its 120");
    }
}
