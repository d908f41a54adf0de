using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

/// <summary>
/// The large-neighbourhood search's time windows (<see cref="Frame"/>): the compact model re-plans a window in an
/// area and keeps every posting outside it; the search built on it only ever lowers a valid plan's objective.
/// </summary>
public sealed class NeighbourhoodSearchTests
{
    [Theory]
    [InlineData(12, 20, 1, 4, 8)]
    [InlineData(15, 24, 2, 0, 4)]
    [InlineData(10, 18, 3, 8, 12)]
    public void Window_KeepsEveryPostingOutsideIt_StaysInItsArea_PlanValid_NeverWorseThanItsHint(int siteCount, int officerCount, int seed, int from, int to)
    {
        var problem = Generate([siteCount], officerCount, seed);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
        int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
        var region = new bool[sites.Length];
        foreach (var s in sites.OrderBy(s => index.Km[s, 0]).Take(siteCount / 2))
        {
            region[s] = true;
        }
        int[] chosen = [.. officers.Where(i => Enumerable.Range(from, to - from).Any(t => region[greedy[i][t]]))];
        Assert.NotEmpty(chosen);
        var fixedPresence = new int[sites.Length, problem.Periods];
        foreach (var i in officers.Except(chosen))
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                fixedPresence[greedy[i][t], t] += index.OnLeave[i][t] ? 0 : 1;
            }
        }
        var frame = new Frame([.. chosen.Select(i => greedy[i])], from, to, region);
        var solver = new ComponentSolver(index, chosen, sites, Deterministic(), fixedPresence, frame);

        var result = solver.Solve(TimeSpan.FromSeconds(10), [.. chosen.Select(i => greedy[i])], null, CancellationToken.None);

        Assert.NotNull(result.Sites);
        var plan = (int[][])greedy.Clone();
        for (var j = 0; j < chosen.Length; j++)
        {
            var i = chosen[j];
            plan[i] = result.Sites[j];
            for (var t = 0; t < problem.Periods; t++)
            {
                if (t < from || t >= to)
                {
                    Assert.Equal(greedy[i][t], plan[i][t]);
                }
                else
                {
                    Assert.True(region[plan[i][t]] || greedy[i].Contains(plan[i][t]), $"officer {i} left the area in period {t}");
                }
            }
        }
        var postings = officers.SelectMany(i => Enumerable.Range(0, problem.Periods).Select(t => new Posting(problem.Officers[i].Id, t, problem.Sites[plan[i][t]].Id)));
        var check = PlanValidator.Validate(problem, postings);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        // Every candidate site is near (12–15 sites), so the model's travel is exact and its hint is the greedy plan.
        Assert.True(check.Objective <= RotationPlanner.ComponentObjective(index, greedy, officers, sites), $"{check.Objective} above greedy's");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Search_FromGreedy_LowersTheObjective_PlanValid(double windowShare)
    {
        var problem = Generate([14], 24, 4);
        var index = new PlanningIndex(problem);
        var (greedy, _) = GreedyPlanner.Run(index);
        int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
        int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
        var start = RotationPlanner.ComponentObjective(index, greedy, officers, sites);
        var reported = new List<long>();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Stopped by progress, not by the clock: five seconds on a loaded CI machine once found no improvement at all.
        var plan = RotationPlanner.Improve(index, officers, sites, (int[][])greedy.Clone(),
            () => reported.Count >= 2 ? TimeSpan.Zero : TimeSpan.FromSeconds(120) - watch.Elapsed,
            Deterministic(), 0, reported.Add, CancellationToken.None, windowShare);

        var objective = RotationPlanner.ComponentObjective(index, plan, officers, sites);
        Assert.True(objective < start, $"{objective} not below greedy's {start}");
        Assert.Equal(objective, reported[^1]);
        Assert.Equal(reported.OrderDescending(), reported); // each reported change lowered the objective
        var postings = officers.SelectMany(i => Enumerable.Range(0, problem.Periods).Select(t => new Posting(problem.Officers[i].Id, t, problem.Sites[plan[i][t]].Id)));
        Assert.Equal(objective, PlanValidator.Validate(problem, postings).Objective);
    }
}
