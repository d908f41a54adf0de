namespace Vigil.Planning.Tests;

/// <summary>The distance table: every pair up front on small problems, rows on demand (within a mission) on large ones.</summary>
public sealed class DistanceTableTests
{
    private static RotationProblem Sites(int count, int missions, bool crossMission = false)
    {
        var random = new Random(7);
        var sites = Enumerable.Range(0, count).Select(i => new Site($"S{i}", $"M{i % missions}", "", random.NextDouble() * 20 - 10, random.NextDouble() * 30,
            1, [], [])).ToList();
        return new RotationProblem(new PlanningHorizon(null, 1, 1), new RotationRules(6, 12, crossMission, new ObjectiveWeights(100000, 500, 200, 1)),
            sites, [], []);
    }

    [Theory]
    [InlineData(40, 1, false)]
    [InlineData(DistanceTable.DenseLimit + 1, 3, false)]
    [InlineData(DistanceTable.DenseLimit + 1, 3, true)]
    public void Kilometres_AreTheSpecsForEveryPairAsked_WithinAndAcrossMissions(int count, int missions, bool crossMission)
    {
        var problem = Sites(count, missions, crossMission);
        var table = new DistanceTable(problem);
        var random = new Random(1);
        for (var k = 0; k < 2000; k++)
        {
            var (a, b) = (random.Next(count), random.Next(count));
            Assert.Equal(a == b ? 0 : Geo.Kilometres(problem.Sites[a], problem.Sites[b]), table[a, b]);
            Assert.Equal(table[a, b], table[b, a]);
        }
    }

    [Fact]
    public void LargeProblem_TheIndexIsBuiltAtOnce_WithoutATableOfEveryPair()
    {
        // 10,000 sites (the most a problem file may hold): a table of every pair took 400 MB and seconds (a minute on a
        // slower machine) before planning started.
        var problem = Sites(10_000, 1);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var index = new PlanningIndex(problem);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000);
        Assert.Equal(Geo.Kilometres(problem.Sites[3], problem.Sites[9_999]), index.Km[3, 9_999]);
    }

    [Fact]
    public void Cancelled_StopsBuildingTheTable()
    {
        Assert.ThrowsAny<OperationCanceledException>(() => new DistanceTable(Sites(DistanceTable.DenseLimit, 1), new CancellationToken(canceled: true)));
    }
}
