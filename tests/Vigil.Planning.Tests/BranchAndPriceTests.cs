using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// Branch and price (<see cref="BranchAndPrice"/>) on the benchmark generator's small instances and the tests' random
/// two-mission instances, several seeds, against the joint compact CP-SAT model run to optimality.
/// </summary>
public sealed class BranchAndPriceTests
{
    /// <summary>Generator instances (sites per mission, officers, seed), and the random two-mission ones (officers 0).</summary>
    public static TheoryData<int[], int, int> Instances() => new()
    {
        { [8], 14, 1 },
        { [8], 14, 2 },
        { [8], 14, 3 },
        { [6], 10, 7 },
        { [], 0, 1 },
        { [], 0, 2 },
        { [], 0, 4 },
    };

    /// <summary>
    /// The random two-mission instances the joint model proves optimal within its limit (the generator's 14-officer
    /// ones it does not: Feasible after 60 s on one thread).
    /// </summary>
    public static TheoryData<int[], int, int> JointInstances() => new()
    {
        { [], 0, 1 },
        { [], 0, 2 },
        { [], 0, 4 },
    };

    private static RotationProblem Instance(int[] sitesPerMission, int officerCount, int seed) =>
        officerCount == 0 ? Read(RotationPlannerTests.RandomProblem(seed)) : Generate(sitesPerMission, officerCount, seed);

    [Theory]
    [MemberData(nameof(JointInstances))]
    public void Tree_BoundNeverAboveTheJointOptimum_ClosedOnlyAtItsObjective_PlansValid(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Instance(sitesPerMission, officerCount, seed);
        // The reference: the single compact CP-SAT model, undecomposed, run to optimality (no column generation involved).
        var joint = RotationPlanner.PlanSingleModel(problem, Deterministic(60), TestContext.Current.CancellationToken);
        Assert.Equal(PlanStatus.Optimal, joint.Status);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var plan = (int[][])greedy.Clone();
        var (bounds, objectives, allClosed) = (0L, 0L, true);
        foreach (var (officers, sites) in Missions(problem))
        {
            var start = officers.Select(o => greedy[o]).ToArray();
            var startValue = RotationPlanner.ComponentObjective(index, start, officers, sites);
            var root = new ColumnGeneration(index, officers, sites, withStability: false).Run(
                [.. officers.Select(o => (IEnumerable<int[]>)[greedy[o]])], long.MaxValue, TimeSpan.FromSeconds(10), 1, null, TestContext.Current.CancellationToken);
            var tree = new BranchAndPrice(index, officers, sites);
            var result = tree.Run(root.Columns, start, startValue, root.Bound, TimeSpan.FromSeconds(20), 1, null, TestContext.Current.CancellationToken);
            Assert.True(result.Bound <= result.Objective, $"bound {result.Bound} above the objective {result.Objective}");
            Assert.True(result.Objective <= startValue);
            var chosen = result.Plan ?? start;
            Assert.Equal(result.Objective, RotationPlanner.ComponentObjective(index, chosen, officers, sites));
            for (var i = 0; i < officers.Length; i++)
            {
                plan[officers[i]] = chosen[i];
            }
            bounds += result.Bound;
            objectives += result.Objective;
            allClosed &= result.Closed;
            if (result.Closed)
            {
                Assert.Equal(result.Objective, result.Bound);
            }
        }
        // Sites of missions without officers are uncovered in every plan.
        var officerMissions = problem.Officers.Select(o => o.Mission).ToHashSet();
        var constant = problem.Sites.Where(s => !officerMissions.Contains(s.Mission)).Sum(s => problem.Rules.Weights.Uncovered * s.RequiredOfficers * problem.Periods);
        Assert.True(bounds + constant <= joint.Objective, $"tree bound {bounds + constant} above the joint optimum {joint.Objective}");
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(objectives + constant, check.Objective);
        Assert.True(check.Objective >= joint.Objective);
        if (allClosed)
        {
            // Every mission proven optimal: the decomposed tree equals the joint model.
            Assert.Equal(joint.Objective, check.Objective);
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryColumnPricedInTheTree_KeepsItsNodesDecisions(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Instance(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var priced = 0;
        foreach (var (officers, sites) in Missions(problem))
        {
            // No incumbent: nothing is pruned, so the tree branches.
            var tree = new BranchAndPrice(index, officers, sites)
            {
                ColumnPriced = (decisions, i, column) =>
                {
                    priced++;
                    foreach (var d in decisions.Where(d => d.I == i))
                    {
                        Assert.True((column[d.T] == d.S) == d.At, $"a priced column breaks the decision {d}");
                    }
                    Assert.True(Schedules.IsValid(index, officers[i], column), "a priced column breaks a rule");
                },
            };
            var result = tree.Run([.. officers.Select(o => (IEnumerable<int[]>)[greedy[o]])], null, long.MaxValue, 0, TimeSpan.FromSeconds(3), 1, null, TestContext.Current.CancellationToken);
            // Without an incumbent the tree finds its own plans: valid, never below its bound, equal to it when closed.
            Assert.NotNull(result.Plan);
            Assert.True(result.Bound <= result.Objective);
            Assert.True(!result.Closed || result.Bound == result.Objective);
            Assert.Equal(result.Objective, RotationPlanner.ComponentObjective(index, result.Plan, officers, sites));
            for (var i = 0; i < officers.Length; i++)
            {
                Assert.True(Schedules.IsValid(index, officers[i], result.Plan[i]), "a plan's schedule breaks a rule");
            }
        }
        Assert.True(priced > 0, "no column priced");
    }

    [Theory]
    [MemberData(nameof(PricingCases), MemberType = typeof(TestProblems))]
    public void RestrictedPricing_EqualsTheBruteForceMinimumUnderTheDecisions(int seed, int maxConsecutive, int minReturn)
    {
        // One officer, four sites, seven periods (enumerable). One posting forbidden, one forced.
        const long scale = 8;
        var (index, pricing, prices, random) = PricingCase(seed, maxConsecutive, minReturn, scale);
        var (forbidT, forbidS, forceT, forceS) = (random.Next(7), random.Next(4), random.Next(7), random.Next(4));
        if (forbidT == forceT)
        {
            forceT = (forceT + 1) % 7;
        }
        var allowed = pricing.AllowedCopy(0);
        var n = pricing.Candidates(0);
        allowed[(forbidT * n) + pricing.CandidatePosition(0, forbidS)] = false;
        for (var k = 0; k < n; k++)
        {
            allowed[(forceT * n) + k] &= k == pricing.CandidatePosition(0, forceS);
        }

        var brute = BruteForceMinimum(index, prices, scale, seq => seq[forbidT] != forbidS && seq[forceT] == forceS);

        var path = new int[7];
        var (bound, pathValue, exact) = pricing.PriceExact(0, prices, scale, pricing.NewExactWorkspace(), path, withStability: false, nodeLimit: 1_000_000, allowed);
        Assert.True(exact);
        if (brute == long.MaxValue)
        {
            // No schedule keeps the decisions: the node is infeasible, which the value says.
            Assert.Equal(-1, path[0]);
            Assert.True(pathValue >= LagrangianBound.Infinity);
            return;
        }
        Assert.Equal(brute, bound);
        Assert.Equal(brute, pathValue);
        Assert.NotEqual(forbidS, path[forbidT]);
        Assert.Equal(forceS, path[forceT]);
        Assert.True(Schedules.IsValid(index, 0, path));
    }
}
