namespace Vigil.Planning;

/// <summary>
/// Local search over whole schedules: one officer at a time, the others fixed, the officer's schedule is replaced
/// by the cheapest one for the whole horizon (a shortest path where each site-period it would fill below the
/// requirement earns the uncovered weight), when that keeps the rules and lowers the exact objective. Each step is
/// exact for that officer and costs microseconds, so many passes fit where one CP-SAT neighbourhood would.
/// </summary>
internal static class ScheduleSearch
{
    /// <summary>Improves <paramref name="current"/> (site per component officer and period) in place until no officer improves or time runs out.</summary>
    /// <returns>Whether anything changed.</returns>
    public static bool Improve(PlanningIndex index, int[] officers, int[] sites, int[][] current, Func<bool> timeLeft, Random random)
    {
        var problem = index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var slot = new Dictionary<int, int>();
        for (var j = 0; j < sites.Length; j++)
        {
            slot[sites[j]] = j;
        }
        var cover = sites.Select(_ => new int[periods]).ToArray();
        void Count(int i, int delta)
        {
            var onLeave = index.OnLeave[officers[i]];
            for (var t = 0; t < periods; t++)
            {
                if (!onLeave[t] && slot.TryGetValue(current[i][t], out var j))
                {
                    cover[j][t] += delta;
                }
            }
        }
        for (var i = 0; i < officers.Length; i++)
        {
            Count(i, +1);
        }
        var relaxation = new LagrangianBound(index, officers, sites);
        var gains = sites.Select(_ => new long[periods]).ToArray();
        var changed = false;
        var improved = true;
        while (improved && timeLeft())
        {
            improved = false;
            foreach (var i in Enumerable.Range(0, officers.Length).OrderBy(_ => random.Next()))
            {
                Count(i, -1);
                for (var j = 0; j < sites.Length; j++)
                {
                    var required = problem.Sites[sites[j]].RequiredOfficers;
                    for (var t = 0; t < periods; t++)
                    {
                        gains[j][t] = cover[j][t] < required ? wU : 0;
                    }
                }
                var o = officers[i];
                var currentValue = Schedules.Cost(index, o, current[i]) - Gain(current[i]);
                if (relaxation.BestSchedule(i, gains) is { } best && best.Value < currentValue
                    && !best.Schedule.AsSpan().SequenceEqual(current[i]) && Schedules.IsValid(index, o, best.Schedule))
                {
                    current[i] = best.Schedule;
                    improved = changed = true;
                }
                Count(i, +1);
                if (!timeLeft())
                {
                    break;
                }

                long Gain(int[] schedule)
                {
                    var gain = 0L;
                    for (var t = 0; t < periods; t++)
                    {
                        if (!index.OnLeave[o][t] && slot.TryGetValue(schedule[t], out var j))
                        {
                            gain += gains[j][t];
                        }
                    }
                    return gain;
                }
            }
        }
        return changed;
    }
}
