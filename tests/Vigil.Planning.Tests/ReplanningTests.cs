using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

public sealed class ReplanningTests
{
    private static RotationProblem FourSites(int[]? leaveOfO2 = null) => Read(Problem(6,
        [Site("A"), Site("B", 1), Site("C", 2), Site("D", 3)],
        [Officer("O1", "A", periodsAt: 1), Officer("O2", "B", leave: leaveOfO2), Officer("O3", "C"), Officer("O4")],
        maxConsecutive: 3, minReturn: 4));

    [Fact]
    public void Replan_KeepsFrozenPeriods()
    {
        var before = FourSites();
        var plan = RotationPlanner.Plan(before, Deterministic(), TestContext.Current.CancellationToken);
        // O2 now takes leave in periods 1 to 3: the first two periods are published and must not change.
        var after = FourSites(leaveOfO2: [1, 2, 3]);
        var replan = RotationReplanner.Replan(after, new ReplanRequest { Previous = plan.Postings, FrozenPeriods = 2 }, Deterministic(), TestContext.Current.CancellationToken);
        Assert.True(PlanValidator.Validate(after, replan.Postings).IsValid);
        Assert.Equal(plan.Postings.Where(p => p.Period < 2).OrderBy(p => p.OfficerId).ThenBy(p => p.Period),
            replan.Postings.Where(p => p.Period < 2).OrderBy(p => p.OfficerId).ThenBy(p => p.Period));
    }

    [Fact]
    public void Replan_FrozenPostingNowBreakingARule_IsInfeasibleInWords()
    {
        var before = FourSites();
        var plan = RotationPlanner.Plan(before, Deterministic(), TestContext.Current.CancellationToken);
        var o1AtZero = plan.Postings.Single(p => p.OfficerId == "O1" && p.Period == 0).SiteId;
        // A contingent of O1's nationality arrives where O1 is posted in a published period.
        var json = Problem(6, [Site("A", contingents: o1AtZero == "A" ? ["KEN"] : null), Site("B", 1, contingents: o1AtZero == "B" ? ["KEN"] : null),
            Site("C", 2, contingents: o1AtZero == "C" ? ["KEN"] : null), Site("D", 3, contingents: o1AtZero == "D" ? ["KEN"] : null)],
            [Officer("O1", "A", periodsAt: 1), Officer("O2", "B", nationality: "FRA"), Officer("O3", "C", nationality: "FRA"), Officer("O4", nationality: "FRA")],
            maxConsecutive: 3, minReturn: 4);
        var replan = RotationReplanner.Replan(Read(json), new ReplanRequest { Previous = plan.Postings, FrozenPeriods = 1 }, Deterministic(), TestContext.Current.CancellationToken);
        Assert.Equal(PlanStatus.Infeasible, replan.Status);
        Assert.Contains(replan.Infeasible, r => r.Contains("O1", StringComparison.Ordinal) && r.Contains("conflict-of-interest", StringComparison.Ordinal));
    }

    [Fact]
    public void Replan_StabilityKeepsAnEquallyGoodPreviousPlan()
    {
        // Two new officers, two sites: any plan covering both costs 0, so only stability decides.
        var problem = Read(Problem(4, [Site("A"), Site("B", 1)], [Officer("O1"), Officer("O2")]));
        Posting[] previous = [.. Postings("O1", "B", "B", "B", "B"), .. Postings("O2", "A", "A", "A", "A")];
        Assert.Equal(0, PlanValidator.Validate(problem, previous).Objective);
        var replan = RotationReplanner.Replan(problem, new ReplanRequest { Previous = previous, StabilityWeight = 1000 }, Deterministic(), TestContext.Current.CancellationToken);
        Assert.Equal(PlanStatus.Optimal, replan.Status);
        Assert.Equal(0, replan.Objective);
        Assert.Equal(0, RotationReplanner.ChangedPostings(problem, previous, replan.Postings));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Replan_StabilityReducesChangesAfterLeaveIsAdded(int seed)
    {
        var random = new Random(seed);
        var before = FourSites();
        var plan = RotationPlanner.Plan(before, Deterministic(), TestContext.Current.CancellationToken);
        var after = FourSites(leaveOfO2: [random.Next(0, 6)]);
        var loose = RotationReplanner.Replan(after, new ReplanRequest { Previous = plan.Postings }, Deterministic(), TestContext.Current.CancellationToken);
        var stable = RotationReplanner.Replan(after, new ReplanRequest { Previous = plan.Postings, StabilityWeight = 5000 }, Deterministic(), TestContext.Current.CancellationToken);
        Assert.True(PlanValidator.Validate(after, stable.Postings).IsValid);
        Assert.True(RotationReplanner.ChangedPostings(after, plan.Postings, stable.Postings) <= RotationReplanner.ChangedPostings(after, plan.Postings, loose.Postings));
        // The plan in force is still valid (leave breaks no hard rule): with a high stability weight, nothing moves
        // unless it saves more than the stability cost.
        var unchanged = PlanValidator.Validate(after, plan.Postings).Objective!.Value;
        Assert.True(stable.Objective + (5000L * RotationReplanner.ChangedPostings(after, plan.Postings, stable.Postings)) <= unchanged);
    }

    [Fact]
    public void WhatIf_ReturnsEachVariantWithItsBreakdownAndChanges()
    {
        var problem = FourSites();
        var plan = RotationPlanner.Plan(problem, Deterministic(), TestContext.Current.CancellationToken);
        WhatIfVariant[] variants =
        [
            new("as is", problem.Rules.Weights),
            new("no travel cost", problem.Rules.Weights with { TravelKm = 0, Move = 0 }),
        ];
        var outcomes = RotationReplanner.WhatIf(problem, variants, new ReplanRequest { Previous = plan.Postings }, Deterministic(), TestContext.Current.CancellationToken);
        Assert.Equal(["as is", "no travel cost"], outcomes.Select(o => o.Name));
        Assert.Equal(plan.Objective, outcomes[0].Plan.Objective);
        Assert.Equal(0, outcomes[1].Plan.Breakdown!.TravelKm + outcomes[1].Plan.Breakdown!.Move);
        foreach (var outcome in outcomes)
        {
            var check = PlanValidator.Validate(problem with { Rules = problem.Rules with { Weights = outcome.Weights } }, outcome.Plan.Postings);
            Assert.True(check.IsValid);
            Assert.Equal(check.Objective, outcome.Plan.Objective);
            Assert.Equal(RotationReplanner.ChangedPostings(problem, plan.Postings, outcome.Plan.Postings), outcome.ChangedPostings);
        }
    }
}
