using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>Components above the branch-and-price size: a first search before diving, group moves, restricted neighbourhoods.</summary>
public sealed class LargeComponentTests
{
    /// <summary>One mission of more than 48 officers (sites, officers, seed, seconds).</summary>
    public static TheoryData<int, int, int, double> Instances() => new()
    {
        { 32, 50, 1, 6 },
        { 36, 56, 2, 8 },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void Plan_LargeComponent_IsValid_NoWorseThanGreedy_WithinTheLimit_AndReportsIt(int siteCount, int officerCount, int seed, double seconds)
    {
        var problem = Generate([siteCount], officerCount, seed);
        IReadOnlyList<ComponentSummary>? report = null;
        var plan = RotationPlanner.Plan(problem, Deterministic(seconds) with { ComponentReport = r => report = r }, TestContext.Current.CancellationToken);
        var greedy = GreedyPlanner.Plan(problem);
        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Objective < greedy.Objective, $"planner {plan.Objective} not below greedy {greedy.Objective}");
        Assert.True(plan.Bound <= plan.Objective);
        Assert.True(plan.SolveSeconds <= seconds + 1, $"took {plan.SolveSeconds} s of {seconds}");
        // The per-component report: one mission, its objective the plan's, found by a phase after greedy.
        var only = Assert.Single(report!);
        Assert.Equal((officerCount, siteCount), (only.Officers, only.Sites));
        Assert.Equal(plan.Objective, only.Objective);
        Assert.Equal(plan.Bound, only.Bound);
        Assert.NotEqual("greedy", only.FoundBy);
        Assert.InRange(only.FoundAt, 0, plan.SolveSeconds);
        Assert.InRange(only.Seconds, 0.1, plan.SolveSeconds);
    }
}
