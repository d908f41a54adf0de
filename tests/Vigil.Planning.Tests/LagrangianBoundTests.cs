using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

public sealed class LagrangianBoundTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Bound_NeverExceedsTheProvenOptimum(int seed)
    {
        var problem = Read(RotationPlannerTests.RandomProblem(seed));
        var plan = RotationPlanner.Plan(problem, Deterministic() with { Decompose = false }, TestContext.Current.CancellationToken);
        if (plan.Status == PlanStatus.Infeasible)
        {
            return;
        }
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        var index = new PlanningIndex(problem);
        int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
        int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
        var result = new LagrangianBound(index, officers, sites).Run(plan.Objective!.Value, TimeSpan.FromSeconds(5), 2000, null, TestContext.Current.CancellationToken);
        Assert.True(result.Bound <= plan.Objective, $"bound {result.Bound} above the optimum {plan.Objective}");
        Assert.True(result.Bound > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WithoutMoveTables_TheSameBoundAndSchedules(int seed)
    {
        // Above LagrangianBound.MoveTableLimit (500 officers × 400 sites: 640 MB of tables) moves are costed as read.
        var problem = Generate([12, 9], 30, seed);
        var index = new PlanningIndex(problem);
        int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
        int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
        var tabled = new LagrangianBound(index, officers, sites).Run(long.MaxValue / 8, TimeSpan.FromSeconds(30), 40, null, TestContext.Current.CancellationToken);
        var computed = new LagrangianBound(index, officers, sites, moveTableLimit: 0).Run(long.MaxValue / 8, TimeSpan.FromSeconds(30), 40, null, TestContext.Current.CancellationToken);
        Assert.Equal(tabled.Bound, computed.Bound);
        Assert.Equal(tabled.Columns.Select(c => c.Count), computed.Columns.Select(c => c.Count));
    }

    [Fact]
    public void Run_StoppedBeforeAnIterationEnds_ClaimsNoBound()
    {
        // The hard limit (the planner's time limit) reaches inside an iteration: a partial iteration's value is no bound.
        var problem = Generate([12], 20, 4);
        var index = new PlanningIndex(problem);
        var asked = 0;
        var result = new LagrangianBound(index, [.. Enumerable.Range(0, 20)], [.. Enumerable.Range(0, 12)])
            .Run(long.MaxValue / 8, TimeSpan.FromSeconds(30), 1000, null, TestContext.Current.CancellationToken, proceed: () => ++asked <= 5);
        Assert.Equal(0, result.Bound);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(6, asked);
    }

    [Fact]
    public void Bound_CountsForcedMovesAndCertainShortfall()
    {
        // O1 must leave A at period 0 (tenure 2 served); B is 111 km away; one officer for two sites leaves one
        // site uncovered in each of the 3 periods. Optimum: 3 uncovered + 2 moves + 222 km (see RotationPlannerTests).
        var problem = Read(Problem(3, [Site("A"), Site("B", 1)], [Officer("O1", "A", periodsAt: 2)], maxConsecutive: 2, minReturn: 1));
        var index = new PlanningIndex(problem);
        var result = new LagrangianBound(index, [0], [0, 1]).Run(long.MaxValue / 8, TimeSpan.FromSeconds(5), 500, null, TestContext.Current.CancellationToken);
        Assert.Equal((3 * 100000) + (2 * 200) + (2 * 111), result.Bound);
    }

    [Fact]
    public void Bound_IsTheSameWithTwoWorkers()
    {
        var random = new Random(5);
        var sites = Enumerable.Range(0, 10).Select(i => Site($"S{i}", i * 0.3, required: random.Next(1, 3), languages: random.Next(2) == 0 ? ["fr"] : [])).ToArray();
        var officers = Enumerable.Range(0, 20).Select(i => Officer($"O{i}", random.Next(3) == 0 ? null : $"S{random.Next(10)}", random.Next(0, 4),
            languages: random.Next(2) == 0 ? ["en", "fr"] : ["en"], leave: [random.Next(12)])).ToArray();
        var problem = Read(Problem(12, sites, officers, maxConsecutive: 4, minReturn: 6));
        var index = new PlanningIndex(problem);
        int[] all = [.. Enumerable.Range(0, 20)];
        int[] allSites = [.. Enumerable.Range(0, 10)];
        var one = new LagrangianBound(index, all, allSites).Run(10_000_000, TimeSpan.FromMinutes(5), 60, null, TestContext.Current.CancellationToken, threads: 1);
        var two = new LagrangianBound(index, all, allSites).Run(10_000_000, TimeSpan.FromMinutes(5), 60, null, TestContext.Current.CancellationToken, threads: 2);
        Assert.Equal(one.Bound, two.Bound);
        Assert.Equal(one.Columns.Select(c => c.Count), two.Columns.Select(c => c.Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedules_IsValid_AgreesWithTheValidator(int seed)
    {
        var random = new Random(seed);
        var problem = Read(RotationPlannerTests.RandomProblem(seed));
        var index = new PlanningIndex(problem);
        for (var trial = 0; trial < 300; trial++)
        {
            var o = random.Next(problem.Officers.Count);
            var officer = problem.Officers[o];
            var own = Enumerable.Range(0, problem.Sites.Count).Where(s => problem.Sites[s].Mission == officer.Mission).ToArray();
            var seq = Enumerable.Range(0, problem.Periods).Select(_ => own[random.Next(own.Length)]).ToArray();
            var single = problem with { Officers = [officer], Pinned = [.. problem.Pinned.Where(p => p.OfficerId == officer.Id)] };
            var postings = seq.Select((s, t) => new Posting(officer.Id, t, problem.Sites[s].Id));
            var check = PlanValidator.Validate(single, postings);
            Assert.Equal(check.IsValid, Schedules.IsValid(index, o, seq));
            if (check.IsValid)
            {
                var b = check.Breakdown!;
                Assert.Equal(b.LanguageGap + b.Move + b.TravelKm, Schedules.Cost(index, o, seq));
            }
        }
    }
}
