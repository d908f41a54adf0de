using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

public sealed class PlanValidatorTests
{
    [Fact]
    public void Validate_HandComputedObjective()
    {
        // A (needs fr) at lon 0, B at lon 1 (111 km), C needs nobody. O1 (en) at A, then B; O2 is new, always at C.
        var problem = Read(Problem(4,
            [Site("A", 0, languages: ["fr"]), Site("B", 1), Site("C", 2, required: 0)],
            [Officer("O1", "A"), Officer("O2")]));
        var check = PlanValidator.Validate(problem, [.. Postings("O1", "A", "A", "B", "B"), .. Postings("O2", "C", "C", "C", "C")]);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(new ObjectiveBreakdown(Uncovered: 4 * 100000, LanguageGap: 2 * 500, Move: 200, TravelKm: 111), check.Breakdown);
        Assert.Equal(401311, check.Objective);
        Assert.Equal(4, check.Uncovered.Count);
    }

    [Fact]
    public void Validate_LeaveCoversNothingButStillCostsLanguageGap()
    {
        var problem = Read(Problem(2, [Site("A", 0, languages: ["fr"])], [Officer("O1", "A", leave: [0])]));
        var check = PlanValidator.Validate(problem, Postings("O1", "A", "A"));
        Assert.Equal(new ObjectiveBreakdown(100000, 1000, 0, 0), check.Breakdown);
        Assert.Equal([new UncoveredSitePeriod("A", 0, 1)], check.Uncovered);
    }

    [Fact]
    public void Validate_MoveFromCurrentSiteBeforePeriodZeroCounts()
    {
        var problem = Read(Problem(1, [Site("A", 0, required: 0), Site("C", 2, required: 0)], [Officer("O1", "A")]));
        Assert.Equal(new ObjectiveBreakdown(0, 0, 200, 222), PlanValidator.Validate(problem, Postings("O1", "C")).Breakdown);
    }

    [Fact]
    public void Validate_Rule1_MissingPosting()
    {
        var problem = Read(Problem(2, [Site("A")], [Officer("O1")]));
        var check = PlanValidator.Validate(problem, [new Posting("O1", 0, "A")]);
        Assert.Contains(check.Violations, v => v.StartsWith("rule 1:", StringComparison.Ordinal));
        Assert.Null(check.Objective);
    }

    [Fact]
    public void Validate_Rule2_ConflictOfInterest()
    {
        var problem = Read(Problem(1, [Site("A", contingents: ["KEN"])], [Officer("O1", nationality: "KEN")]));
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "A")).Violations, v => v.StartsWith("rule 2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Breaches_NameTheRuleOfficerSiteAndPeriod_AsTheViolationsDo()
    {
        var problem = Read(Problem(3, [Site("A", contingents: ["KEN"]), Site("B", 1)], [Officer("O1", "B", periodsAt: 1, nationality: "KEN")], maxConsecutive: 2));
        var check = PlanValidator.Validate(problem, Postings("O1", "B", "A", "A"));
        Assert.Equal(check.Violations, check.Breaches.Select(b => b.Text));
        Assert.Equal(
            [(HardRule.ConflictOfInterest, "A", 1), (HardRule.ConflictOfInterest, "A", 2)],
            check.Breaches.Select(b => (b.Rule, b.SiteId, b.Period ?? -1)));
        Assert.All(check.Breaches, b => Assert.Equal("O1", b.OfficerId));
        var tenure = Assert.Single(PlanValidator.Validate(problem, Postings("O1", "B", "B", "B")).Breaches);
        Assert.Equal((HardRule.Tenure, "B", 1), (tenure.Rule, tenure.SiteId, tenure.Period ?? -1));
    }

    [Fact]
    public void Validate_Rule3_TenureCountsPeriodsAlreadyServed()
    {
        var problem = Read(Problem(2, [Site("A"), Site("B", 1)], [Officer("O1", "A", periodsAt: 1)], maxConsecutive: 2));
        Assert.True(PlanValidator.Validate(problem, Postings("O1", "A", "B")).IsValid);
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "A", "A")).Violations, v => v.StartsWith("rule 3:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Rule4_NoEarlyReturn()
    {
        var problem = Read(Problem(3, [Site("A"), Site("B", 1)], [Officer("O1", "A")], minReturn: 2));
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "B", "A", "A")).Violations, v => v.StartsWith("rule 4:", StringComparison.Ordinal));
        Assert.True(PlanValidator.Validate(problem, Postings("O1", "B", "B", "A")).IsValid);
    }

    [Fact]
    public void Validate_Rule4_RecentSitesCount()
    {
        // Left B one period before the horizon with minPeriodsBeforeReturn 2: back from period 2 − 1 + 1 = 2.
        var problem = Read(Problem(3, [Site("A"), Site("B", 1)], [Officer("O1", "A", recent: [("B", 1)])], minReturn: 2));
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "A", "B", "B")).Violations, v => v.StartsWith("rule 4:", StringComparison.Ordinal));
        Assert.True(PlanValidator.Validate(problem, Postings("O1", "A", "A", "B")).IsValid);
    }

    [Fact]
    public void Validate_Rule5_OwnMission()
    {
        var problem = Read(Problem(1, [Site("A"), Site("N", mission: "N")], [Officer("O1")]));
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "N")).Violations, v => v.StartsWith("rule 5:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Rule6_PinnedKept()
    {
        var problem = Read(Problem(2, [Site("A"), Site("B", 1)], [Officer("O1")], pinned: [("O1", 1, "B")]));
        Assert.Contains(PlanValidator.Validate(problem, Postings("O1", "A", "A")).Violations, v => v.StartsWith("rule 6:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0, 1.0, 111)]
    [InlineData(4.3612, 18.5550, 0)]
    public void Geo_MatchesTheReference(double lat, double lon, int expected)
    {
        Assert.Equal(expected, lat == 0 ? Geo.Kilometres(0, 0, lat, lon) : Geo.Kilometres(lat, lon, lat, lon));
    }

    [Fact]
    public void Geo_RoundsHalfUpPerMove()
    {
        Assert.Equal(451, Geo.Kilometres(4.3612, 18.5550, 6.5423, 21.9863)); // Bangui – Bria, as the Python reference says
        Assert.Equal(1, Geo.Kilometres(0, 0, 0.0045, 0));                    // 0.5004 km
        Assert.Equal(0, Geo.Kilometres(0, 0, 0.00449, 0));                   // 0.4993 km
    }
}
