using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>The schedule search's pair move: two officers re-planned together, one after the other.</summary>
public sealed class ScheduleSearchTests
{
    /// <summary>Generator instances (sites per mission, officers, seed).</summary>
    public static TheoryData<int[], int, int> Instances() => new()
    {
        { [8], 14, 1 },
        { [8], 14, 2 },
        { [12], 20, 3 },
        { [10, 6], 22, 4 },
        { [15], 24, 5 },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void ReplanPairs_FromGreedy_KeepsEveryRule_NeverWorse(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        var plan = greedy.Select(g => (int[])g.Clone()).ToArray();
        foreach (var (officers, sites) in Missions(problem))
        {
            var current = officers.Select(o => (int[])greedy[o].Clone()).ToArray();
            var before = RotationPlanner.ComponentObjective(index, current, officers, sites);
            var changed = ScheduleSearch.ReplanPairs(index, officers, sites, current, () => true, new Random(seed));
            var after = RotationPlanner.ComponentObjective(index, current, officers, sites);
            Assert.True(changed ? after < before : after == before, $"pairs: {before} → {after}, changed {changed}");
            for (var i = 0; i < officers.Length; i++)
            {
                plan[officers[i]] = current[i];
            }
        }
        var check = PlanValidator.Validate(problem, GreedyPlanner.ToPostings(problem, plan));
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.True(check.Objective <= GreedyPlanner.Plan(problem).Objective);
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void ImproveWithGroups_FromGreedy_KeepsEveryRule_NeverWorseThanGreedy(int[] sitesPerMission, int officerCount, int seed)
    {
        var problem = Generate(sitesPerMission, officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        foreach (var (officers, sites) in Missions(problem))
        {
            var greedyValue = RotationPlanner.ComponentObjective(index, [.. officers.Select(o => greedy[o])], officers, sites);
            var grouped = officers.Select(o => (int[])greedy[o].Clone()).ToArray();
            // Without a time limit the search ends at a local optimum of single, pair and group moves.
            ScheduleSearch.Improve(index, officers, sites, grouped, () => true, new Random(seed), groups: true);
            var value = RotationPlanner.ComponentObjective(index, grouped, officers, sites);
            Assert.True(value <= greedyValue, $"groups {value} worse than greedy {greedyValue}");
            for (var i = 0; i < officers.Length; i++)
            {
                Assert.True(Schedules.IsValid(index, officers[i], grouped[i]), "a schedule breaks a rule");
            }
        }
    }

    [Fact]
    public void ReplanPairs_HandsStaysOver_WhereNeitherOfficerAloneCan()
    {
        // A starts at Y and B at X (1,112 km apart), but the plan has A covering X and B covering Y for two periods:
        // 2 × (200 + 1,112). Alone, either officer must stay where it is or leave its site uncovered (100,000); together
        // they go home, cost 0.
        var problem = Read(Problem(2, [Site("X", lon: 0), Site("Y", lon: 10)], [Officer("A", current: "Y"), Officer("B", current: "X")]));
        var index = new PlanningIndex(problem);
        int[] officers = [0, 1];
        int[] sites = [0, 1];
        int[][] current = [[0, 0], [1, 1]];
        Assert.Equal(2 * (200 + 1112), RotationPlanner.ComponentObjective(index, current, officers, sites));
        Assert.True(ScheduleSearch.ReplanPairs(index, officers, sites, current, () => true, new Random(1)));
        Assert.Equal(0, RotationPlanner.ComponentObjective(index, current, officers, sites));
        Assert.Equal([1, 1], current[0]);
        Assert.Equal([0, 0], current[1]);
    }
}
