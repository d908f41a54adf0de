using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// Tests that depend on how the planner shares a short time limit, or that keep both cores busy for it. They run
/// alone (no other test class of this assembly beside them): in the full suite on 2 cores, with a neighbourhood-search
/// test class running beside it, the first pass of the 8 s plan below overran its share and left no second pass.
/// </summary>
[CollectionDefinition(nameof(TimeSharing), DisableParallelization = true)]
public sealed class TimeSharing;

[Collection(nameof(TimeSharing))]
public sealed partial class SecondPassTests
{
    /// <summary>
    /// The planner's second pass runs branch and price on small missions the first pass left open: generator missions
    /// of 5, 6 and 24 sites on a short limit (the first pass gives the small ones a fraction of a second by size).
    /// </summary>
    [Fact]
    public void Planner_SecondPass_BranchesOnSmallMissions_PlanValid_TreesPlansKept_BoundsBelowObjectives()
    {
        var problem = Generate([5, 6, 24], 46, 5);
        var lines = new ConcurrentQueue<string>();
        IReadOnlyList<ComponentSummary>? report = null;
        var plan = RotationPlanner.Plan(problem, Deterministic(8) with { Trace = lines.Enqueue, ComponentReport = r => report = r },
            TestContext.Current.CancellationToken);
        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Bound <= plan.Objective, $"bound {plan.Bound} above the objective {plan.Objective}");
        var branched = lines.Select(l => SecondPassLine().Match(l)).Where(m => m.Success).ToList();
        Assert.True(branched.Count > 0, "no second-pass tree; the planner's trace:\n" + string.Join("\n", lines));
        foreach (var m in branched)
        {
            var summary = Assert.Single(report!, r => r.Name == m.Groups["name"].Value);
            Assert.True(summary.Officers <= 16, $"{summary.Name}: {summary.Officers} officers is not a small component");
            var (objective, bound) = (long.Parse(m.Groups["objective"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["bound"].Value, CultureInfo.InvariantCulture));
            Assert.True(bound <= objective, m.Value);
            Assert.True(summary.Objective <= objective, $"{summary.Name} ended at {summary.Objective}, above the tree's {objective}");
            Assert.InRange(summary.Bound, bound, summary.Objective);
        }
    }

    /// <summary>
    /// A small mission planned alone has no second pass, so it gets the same branch and price in its first: UN's UNTSO
    /// (8 officers, 5 sites, 24 periods, with leave; test data from the benchmark), whose plan the relaxation leaves
    /// open.
    /// </summary>
    [Fact]
    public void Planner_SmallMissionAlone_BranchesBeforeTheCompactModel_PlanValid_TreePlanKept_BoundBelowObjective()
    {
        var problem = ProblemReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "untso.problem.json")).Problem!;
        var lines = new ConcurrentQueue<string>();
        var plan = RotationPlanner.Plan(problem, Deterministic(8) with { Trace = lines.Enqueue }, TestContext.Current.CancellationToken);
        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Bound <= plan.Objective, $"bound {plan.Bound} above the objective {plan.Objective}");
        var m = AloneLine().Match(Assert.Single(lines, l => AloneLine().IsMatch(l)));
        var (objective, bound) = (long.Parse(m.Groups["objective"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["bound"].Value, CultureInfo.InvariantCulture));
        Assert.True(bound <= objective, m.Value);
        Assert.True(plan.Objective <= objective, $"the plan ended at {plan.Objective}, above the tree's {objective}");
        Assert.InRange(plan.Bound!.Value, bound, plan.Objective!.Value);
    }

    [GeneratedRegex(@"^second pass, branch and price: (?<name>\S+) \d+ nodes, objective (?<objective>\d+), bound (?<bound>-?\d+)")]
    private static partial Regex SecondPassLine();

    [GeneratedRegex(@"^alone, branch and price: (?<name>\S+) \d+ nodes, objective (?<objective>\d+), bound (?<bound>-?\d+)")]
    private static partial Regex AloneLine();
}
