using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>The per-period matching minimum of uncovered postings, and the check's words when counting misses it.</summary>
public sealed class CoverageBoundTests
{
    // A, B host a Kenyan contingent: only the French officers X and Y may serve there. C, D are open to all.
    private static RotationProblem Hall(int[] leaveOfY, (string, int, string)[]? pinned = null) => Read(Problem(
        2,
        [Site("A", contingents: ["KEN"]), Site("B", 1, contingents: ["KEN"]), Site("C", 2), Site("D", 3)],
        [
            Officer("X", nationality: "FRA"), Officer("Y", nationality: "FRA", leave: leaveOfY),
            Officer("Z"), Officer("W"), Officer("V"),
        ],
        pinned: pinned));

    [Fact]
    public void SitesOnlyTheAbsentMayServe_AreShortEvenWhenOfficersAreEnough()
    {
        // Period 0: Y on leave. Four officers for four postings, so counting sees nothing; but A and B both need X.
        var index = new PlanningIndex(Hall([0]));
        var shortfall = Assert.Single(CoverageBound.Shortfalls(index, [0, 1, 2, 3, 4], [0, 1, 2, 3]));
        Assert.Equal(0, shortfall.Period);
        Assert.Equal(1, shortfall.Missing);
        Assert.Equal([0, 1], shortfall.Sites);
        Assert.Equal(2, shortfall.Required);
        Assert.Equal([0], shortfall.Officers);
        Assert.Equal(1, Checks.MinimumUncovered(index));

        var warning = Assert.Single(Checks.Run(index).Warnings);
        Assert.Equal(
            "Not every officer may serve at every site of mission M: at least 1 more officer-period(s) will be uncovered than the "
            + "number of officers explains (conflicts of interest, leave, pinned postings, sites left too recently). In period 0, "
            + "A, B (2 posting(s)) may be served only by X.",
            warning);
    }

    [Fact]
    public void ThePlannerReachesTheMinimum()
    {
        var problem = Hall([0]);
        var plan = RotationPlanner.Plan(problem, Deterministic(), TestContext.Current.CancellationToken);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(1, plan.Uncovered.Sum(u => u.Missing));
        Assert.True(PlanValidator.Validate(problem, plan.Postings).IsValid);
    }

    [Fact]
    public void NoShortfall_NoWarning()
    {
        var index = new PlanningIndex(Hall([]));
        Assert.Empty(CoverageBound.Shortfalls(index, [0, 1, 2, 3, 4], [0, 1, 2, 3]));
        Assert.Equal(0, Checks.MinimumUncovered(index));
        Assert.Empty(Checks.Run(index).Warnings);
    }

    [Fact]
    public void APinnedOfficerServesOnlyWherePinned()
    {
        // Nobody on leave, but Y is pinned at C in period 1: A and B share X then.
        var index = new PlanningIndex(Hall([], [("Y", 1, "C")]));
        var shortfall = Assert.Single(CoverageBound.Shortfalls(index, [0, 1, 2, 3, 4], [0, 1, 2, 3]));
        Assert.Equal(1, shortfall.Period);
        Assert.Contains("In period 1, A, B (2 posting(s)) may be served only by X", Assert.Single(Checks.Run(index).Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ASiteLeftTooRecently_CannotBeEnteredYet()
    {
        // Y left A last period (minimum 12 before return) and X is on leave in period 0: nobody may serve A then.
        var problem = Read(Problem(
            2,
            [Site("A", contingents: ["KEN"]), Site("C", 2)],
            [Officer("X", nationality: "FRA", leave: [0]), Officer("Y", "C", nationality: "FRA", recent: [("A", 1)]), Officer("Z")]));
        var index = new PlanningIndex(problem);
        var shortfall = Assert.Single(CoverageBound.Shortfalls(index, [0, 1, 2], [0, 1]));
        Assert.Equal((0, 1), (shortfall.Period, shortfall.Missing));
        Assert.Empty(shortfall.Officers);
        Assert.Contains("In period 0, A (1 posting(s)) may be served by no officer available then", Assert.Single(Checks.Run(index).Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ASiteNobodyMayEverServe_IsCountedInTheMinimum_AndWarnedOnce()
    {
        // B hosts a Kenyan contingent and every officer is Kenyan: its own warning says so, not the matching's too.
        var problem = Read(Problem(3, [Site("A"), Site("B", 1, contingents: ["KEN"])], [Officer("O1"), Officer("O2")]));
        var index = new PlanningIndex(problem);
        Assert.Equal(3, Checks.MinimumUncovered(index));
        var warning = Assert.Single(Checks.Run(index).Warnings);
        Assert.StartsWith("Site B cannot be covered", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void NeverAboveWhatThePlannerReaches_AndAtLeastTheCount(int seed)
    {
        // A lower bound: no valid plan has fewer uncovered postings; and it is never weaker than counting.
        var problem = Generate([4, 6], 9, seed);
        var index = new PlanningIndex(problem);
        var minimum = Checks.MinimumUncovered(index);
        var plan = RotationPlanner.Plan(problem, Deterministic(5), TestContext.Current.CancellationToken);
        Assert.True(plan.Uncovered.Sum(u => u.Missing) >= minimum);
        var counted = 0;
        foreach (var (officers, sites) in Missions(problem))
        {
            var required = sites.Sum(s => problem.Sites[s].RequiredOfficers);
            counted += Enumerable.Range(0, problem.Periods).Sum(t => Math.Max(0, required - officers.Count(o => !index.OnLeave[o][t])));
        }
        Assert.True(minimum >= counted, $"matching {minimum} below counting {counted}");
    }
}
