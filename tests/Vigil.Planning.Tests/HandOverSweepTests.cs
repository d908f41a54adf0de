using System.Collections.Concurrent;
using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>The hand-over sweep: period by period, one assignment of all officers to the posts that need them.</summary>
public sealed class HandOverSweepTests
{
    private static (int[] Officers, int[] Sites) Whole(RotationProblem problem) =>
        ([.. Enumerable.Range(0, problem.Officers.Count)], [.. Enumerable.Range(0, problem.Sites.Count)]);

    [Fact]
    public void Plan_OfficerOnLeave_StaysAndTheSpareCoversThePost()
    {
        // X at A goes on leave in period 2; Y and Z are at B, 111 km away, where one is spare. The cheapest plan
        // sends one of them to A for period 2 and keeps X at A: one move, 111 km (311). X moving during leave
        // would cost a move more and leave a post uncovered wherever X went.
        var problem = Read(Problem(4, [Site("A"), Site("B", lon: 1)],
            [Officer("X", "A", leave: [2]), Officer("Y", "B"), Officer("Z", "B")]));
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, 300, 150);

        Assert.NotNull(plan);
        Assert.Equal([0, 0, 0, 0], plan[0]);
        Assert.Contains(0, new[] { plan[1][2], plan[2][2] });
        Assert.Equal(311, RotationPlanner.ComponentObjective(index, plan, officers, sites));
    }

    [Fact]
    public void Plan_NoOfficerFree_LeavesThePostUncovered()
    {
        // Nobody is spare: X's post is uncovered in its leave, and nobody moves (a move would open another post).
        var problem = Read(Problem(3, [Site("A"), Site("B", lon: 1)], [Officer("X", "A", leave: [1]), Officer("Y", "B")]));
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, 300, 150);

        Assert.NotNull(plan);
        Assert.Equal([0, 0, 0], plan[0]);
        Assert.Equal([1, 1, 1], plan[1]);
        Assert.Equal(100000, RotationPlanner.ComponentObjective(index, plan, officers, sites));
    }

    [Theory]
    [InlineData(0, 623)]
    [InlineData(150, 311)]
    public void Plan_SpareOutOfTenure_MovesToThePostAboutToOpen_WhenCredited(long credit, long expected)
    {
        // S must leave B in period 0. C (56 km from B) needs nobody; A (111 km from B, 167 from C) opens in period 1,
        // when X goes on leave. Without the credit S waits at C and moves again to A (256 + 367); with it S goes to
        // A at once and covers it in period 1 (311). No charge for short stays, which alone would also send S to A.
        var problem = Read(Problem(2, [Site("A"), Site("B", lon: 1), Site("C", lon: 1.5, required: 0)],
            [Officer("X", "A", leave: [1]), Officer("Y", "B"), Officer("S", "B", periodsAt: 2)], maxConsecutive: 2));
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, 0, credit);

        Assert.NotNull(plan);
        Assert.Equal(0, plan[2][1]);
        Assert.Equal(expected, RotationPlanner.ComponentObjective(index, plan, officers, sites));
    }

    [Fact]
    public void Plan_OfficerAlreadyPastTenure_MovesAtOnce()
    {
        // X has been at A for 5 periods where 2 is the limit (a problem may say so: the officer must move in period
        // 0); Y at B goes on leave in period 1. The sweep must not take X's post as one about to open (it was
        // read as opening in period -3, outside the horizon).
        var problem = Read(Problem(3, [Site("A"), Site("B", lon: 1), Site("C", lon: 2)],
            [Officer("X", "A", periodsAt: 5), Officer("Y", "B", leave: [1]), Officer("Z", "C")], maxConsecutive: 2));
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, 300, 150);

        Assert.NotNull(plan);
        Assert.NotEqual(0, plan[0][0]);
        Assert.True(PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan)).IsValid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Plan_RandomStartsLeaveAndPins_GivesAValidPlanOrNone(int seed)
    {
        // Generated missions with what the app's problems hold and the benchmark's do not: officers far past tenure,
        // new officers, leave in the first and last periods, pins.
        var random = new Random(seed);
        var generated = Generate([14], 24, seed);
        var officersList = generated.Officers.Select(o => random.Next(6) == 0
            ? o with { CurrentSite = null, PeriodsAtCurrentSite = 0 }
            : o with
            {
                PeriodsAtCurrentSite = random.Next(0, 10),
                UnavailablePeriods = new HashSet<int>(o.UnavailablePeriods.Concat(random.Next(3) == 0 ? [0, generated.Periods - 1] : [])),
            }).ToList();
        var pins = Enumerable.Range(0, 3).Select(_ => new PinnedPosting(officersList[random.Next(officersList.Count)].Id, random.Next(generated.Periods),
            generated.Sites[random.Next(generated.Sites.Count)].Id)).DistinctBy(p => (p.OfficerId, p.Period)).ToList();
        var problem = generated with { Officers = officersList, Pinned = pins, Rules = generated.Rules with { MinPeriodsBeforeReturn = random.Next(1, 13) } };
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, random.Next(0, 600), random.Next(0, 300));

        if (plan is not null)
        {
            var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
            Assert.True(check.IsValid, string.Join("; ", check.Violations));
        }
    }

    /// <summary>Generated missions with leave (sites, officers, seed).</summary>
    public static TheoryData<int, int, int> Instances() => new()
    {
        { 12, 20, 1 },
        { 20, 30, 2 },
        { 32, 50, 3 },
        { 36, 56, 4 },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void Plan_EveryScheduleKeepsTheRules_AndThePlanIsBelowGreedy(int siteCount, int officerCount, int seed)
    {
        var problem = Generate([siteCount], officerCount, seed);
        Assert.Contains(problem.Officers, o => o.UnavailablePeriods.Count > 0);
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var plan = HandOverSweep.Plan(index, officers, sites, 300, 150);

        Assert.NotNull(plan);
        for (var i = 0; i < officers.Length; i++)
        {
            Assert.True(Schedules.IsValid(index, officers[i], plan[i]), $"officer {i}: {string.Join(",", plan[i])}");
        }
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(RotationPlanner.ComponentObjective(index, plan, officers, sites), check.Objective);
        var greedy = GreedyPlanner.Plan(problem);
        Assert.True(check.Objective < greedy.Objective, $"sweep {check.Objective} not below greedy {greedy.Objective}");
    }

    [Fact]
    public void Start_IsValid_AndNoWorseThanAnyOfItsSweeps()
    {
        var problem = Generate([32], 50, 3);
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        var start = HandOverSweep.Start(index, officers, sites, TimeSpan.FromSeconds(2), new Random(1), TestContext.Current.CancellationToken);

        Assert.NotNull(start);
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, start));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        foreach (var look in new long[] { 75, 150, 300, 450 })
        {
            var sweep = HandOverSweep.Plan(index, officers, sites, look, 150)!;
            Assert.True(check.Objective <= RotationPlanner.ComponentObjective(index, sweep, officers, sites), $"start {check.Objective} above the sweep with {look}");
        }
    }

    [Fact]
    public void Start_GuidedByTheLp_IsValid_AndFollowsIt()
    {
        var problem = Generate([20], 30, 2);
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);
        var generation = new ColumnGeneration(index, officers, sites, false).Run([.. GreedyPlanner.Run(index).Sites.Select(s => new[] { s })],
            long.MaxValue, TimeSpan.FromSeconds(10), 1, null, TestContext.Current.CancellationToken);
        Assert.NotNull(generation.LpPostings);
        // Each officer's LP values sum to 1 in every period (a convex combination of whole schedules).
        Assert.All(generation.LpPostings, officer => Assert.All(officer, period => Assert.Equal(1.0, period.Sum(), 4)));

        var guided = HandOverSweep.Start(index, officers, sites, TimeSpan.FromSeconds(2), new Random(1), TestContext.Current.CancellationToken,
            generation.LpPostings);

        Assert.NotNull(guided);
        Assert.True(PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, guided)).IsValid);
        // Officers the LP posts whole (value 1) mostly keep those postings.
        var whole = 0;
        var kept = 0;
        for (var i = 0; i < officers.Length; i++)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                var k = Array.FindIndex(generation.LpPostings[i][t], v => v > 0.999);
                if (k >= 0)
                {
                    whole++;
                    kept += guided[i][t] == sites[k] ? 1 : 0;
                }
            }
        }
        Assert.True(whole > 0);
        Assert.True(kept * 2 > whole, $"{kept} of {whole} whole LP postings kept");
    }

    [Fact]
    public void Start_Cancelled_StartsNoSweep()
    {
        // Ctrl+C must stop a sweep too: on 500 officers each one had taken seconds whatever was asked (the planner
        // then keeps the plan it has).
        var problem = Generate([20], 30, 2);
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);

        Assert.Null(HandOverSweep.Start(index, officers, sites, TimeSpan.FromSeconds(30), new Random(1), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Plan_StoppedBetweenPeriods_GivesNoPlan_AndStartKeepsTheSweepsCompleted()
    {
        var problem = Generate([20], 30, 2);
        var index = new PlanningIndex(problem);
        var (officers, sites) = Whole(problem);
        var periods = 0;
        Assert.Null(HandOverSweep.Plan(index, officers, sites, 300, 150, proceed: () => ++periods <= 5));
        Assert.Equal(6, periods);

        // Enough for the first sweep (12 periods) and a little of the second: the first one's plan is the start.
        var asked = 0;
        var start = HandOverSweep.Start(index, officers, sites, TimeSpan.FromSeconds(1), new Random(1), TestContext.Current.CancellationToken, proceed: () => ++asked <= 14);
        Assert.NotNull(start);
        Assert.True(PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, start)).IsValid);
    }

    [Fact]
    public void Plan_KeepsPins_OrGivesNoPlan()
    {
        var generated = Generate([20], 30, 2);
        var (officers, sites) = Whole(generated);
        var planned = 0;
        for (var k = 0; k < 8; k++)
        {
            var site = generated.Sites[(k * 5) % 20];
            var officer = generated.Officers[(k * 7) % 30];
            var problem = generated with
            {
                Sites = [.. generated.Sites.Select(s => s.Id == site.Id ? s with { ContingentNationalities = [] } : s)],
                Pinned = [new PinnedPosting(officer.Id, 3 + k, site.Id)],
            };
            var index = new PlanningIndex(problem);

            var plan = HandOverSweep.Plan(index, officers, sites, 300, 150);

            if (plan is null)
            {
                continue; // a pin the sweep walked into a corner for: the planner then keeps its other start
            }
            planned++;
            Assert.Equal(problem.SiteIndex(site.Id), plan[problem.OfficerIndex(officer.Id)][3 + k]);
            Assert.True(PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan)).IsValid);
        }
        Assert.True(planned > 0, "no pinned problem was planned");
    }

    [Theory]
    [InlineData(10, true)] // a small mission (4–16 officers) with leave starts from the sweep too
    [InlineData(3, false)] // below 4 officers it does not
    public void Planner_SmallComponentWithLeave_StartsFromTheSweepFromFourOfficers(int officers, bool expected)
    {
        var problem = Generate([6], officers, 3);
        problem = problem with { Officers = [.. problem.Officers.Select((o, i) => i == 0 ? o with { UnavailablePeriods = new HashSet<int> { 2, 3 } } : o)] };
        var trace = new ConcurrentQueue<string>();

        var plan = RotationPlanner.Plan(problem, Deterministic(3) with { Trace = trace.Enqueue }, TestContext.Current.CancellationToken);

        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective, plan.Objective);
        Assert.True(plan.Objective <= GreedyPlanner.Plan(problem).Objective);
        Assert.Equal(expected, trace.Any(line => line.StartsWith("hand-over sweep:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Planner_ComponentWithLeave_StartsFromTheSweep_WithoutLeaveItDoesNot()
    {
        var withLeave = Generate([20], 30, 2);
        var withoutLeave = withLeave with { Officers = [.. withLeave.Officers.Select(o => o with { UnavailablePeriods = new HashSet<int>() })] };
        foreach (var (problem, expected) in new[] { (withLeave, true), (withoutLeave, false) })
        {
            var trace = new ConcurrentQueue<string>();
            var plan = RotationPlanner.Plan(problem, Deterministic(4) with { Trace = trace.Enqueue }, TestContext.Current.CancellationToken);

            var check = PlanValidator.Validate(problem, plan.Postings);
            Assert.True(check.IsValid, string.Join("; ", check.Violations));
            Assert.Equal(check.Objective, plan.Objective);
            Assert.True(plan.Bound <= plan.Objective);
            Assert.Equal(expected, trace.Any(line => line.StartsWith("hand-over sweep:", StringComparison.Ordinal)));
            // The guided sweep needs a solved LP, which a loaded machine may not reach in this budget (it failed so
            // once in the full suite in Debug): it is asserted where column generation gets its own time
            // (Start_GuidedByTheLp_IsValid_AndFollowsIt); here only that it never runs without leave.
            if (!expected)
            {
                Assert.DoesNotContain(trace, line => line.StartsWith("guided sweep:", StringComparison.Ordinal));
            }
            else
            {
                // After the sweep no dive runs: its time goes to the LP and the guided sweep.
                Assert.DoesNotContain(trace, line => line.StartsWith("dive completed:", StringComparison.Ordinal));
            }
        }
    }
}
