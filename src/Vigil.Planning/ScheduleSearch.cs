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
    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="current">The schedules, improved in place.</param>
    /// <param name="timeLeft">Whether to go on.</param>
    /// <param name="random">Orders the officers.</param>
    /// <param name="pairs">At a single-officer optimum, also re-plan pairs of officers (<see cref="ReplanPairs(PlanningIndex, int[], int[], int[][], int[][], LagrangianBound, long[][], Func{bool}, Random)"/>).</param>
    /// <param name="groups">After pairs, re-plan small groups of nearby officers (<see cref="ReplanGroups"/>); implies <paramref name="pairs"/>.</param>
    public static bool Improve(PlanningIndex index, int[] officers, int[] sites, int[][] current, Func<bool> timeLeft, Random random, bool pairs = false, bool groups = false)
    {
        pairs |= groups;
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
            if (changed && SwapSegments(index, officers, current, cover, slot, timeLeft, random))
            {
                improved = true;
            }
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
            if (!improved && pairs && timeLeft())
            {
                // A local optimum for single officers: try two at a time; when a full round finds nothing, stop trying.
                improved = changed |= pairs = ReplanPairs(index, officers, sites, current, cover, relaxation, gains, timeLeft, random);
            }
            if (!improved && groups && timeLeft())
            {
                improved = changed |= groups = ReplanGroups(index, officers, sites, current, cover, relaxation, gains, timeLeft, random);
            }
        }
        if (timeLeft() && SwapSegments(index, officers, current, cover, slot, timeLeft, random))
        {
            changed = true;
        }
        return changed;
    }

    /// <summary>Re-plans pairs of officers of <paramref name="current"/> in place (see the overload below).</summary>
    /// <returns>Whether anything changed.</returns>
    internal static bool ReplanPairs(PlanningIndex index, int[] officers, int[] sites, int[][] current, Func<bool> timeLeft, Random random)
    {
        var periods = index.Problem.Periods;
        var slot = new Dictionary<int, int>();
        for (var j = 0; j < sites.Length; j++)
        {
            slot[sites[j]] = j;
        }
        var cover = sites.Select(_ => new int[periods]).ToArray();
        for (var i = 0; i < officers.Length; i++)
        {
            for (var t = 0; t < periods; t++)
            {
                if (!index.OnLeave[officers[i]][t] && slot.TryGetValue(current[i][t], out var j))
                {
                    cover[j][t]++;
                }
            }
        }
        return ReplanPairs(index, officers, sites, current, cover, new LagrangianBound(index, officers, sites),
            [.. sites.Select(_ => new long[periods])], timeLeft, random);
    }

    /// <summary>
    /// Re-plans two officers together (an ejection chain of length two): both are taken out, one gets its cheapest
    /// schedule against the holes both leave, the other its cheapest against what remains, in both orders; kept when
    /// the exact cost plus uncovered weight drops. One officer alone cannot take over another's stays, since the
    /// holes only open where it was itself; this hands stays over between officers.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    internal static bool ReplanPairs(PlanningIndex index, int[] officers, int[] sites, int[][] current, int[][] cover, LagrangianBound relaxation,
        long[][] gains, Func<bool> timeLeft, Random random)
    {
        var problem = index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var n = officers.Length;
        var counts = new Counts(index, officers, sites, cover);
        // Cost plus uncovered weight when officer a takes schedule sa and b takes sb (both currently out of the counts).
        long Value(int a, int[] sa, int b, int[] sb)
        {
            counts.Add(a, sa, +1);
            counts.Add(b, sb, +1);
            var value = Schedules.Cost(index, officers[a], sa) + Schedules.Cost(index, officers[b], sb) + (wU * counts.Holes());
            counts.Add(a, sa, -1);
            counts.Add(b, sb, -1);
            return value;
        }
        var changed = false;
        // Only officers posted near each other over the horizon hand stays over usefully: each officer's nearest few.
        var close = new HashSet<(int, int)>();
        var distance = new long[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                distance[j] = 0;
                for (var t = 0; t < periods; t++)
                {
                    distance[j] += index.Km[current[i][t], current[j][t]];
                }
            }
            foreach (var j in Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => distance[j]).Take(PairPartners))
            {
                close.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        foreach (var (i, j) in close.OrderBy(_ => random.Next()).ToList())
        {
            if (!timeLeft())
            {
                break;
            }
            counts.Add(i, current[i], -1);
            counts.Add(j, current[j], -1);
            var best = Value(i, current[i], j, current[j]);
            (int[] A, int[] B)? found = null;
            foreach (var (first, second) in new[] { (i, j), (j, i) })
            {
                counts.Gains(gains);
                if (relaxation.BestSchedule(first, gains) is not { } a || !Schedules.IsValid(index, officers[first], a.Schedule))
                {
                    continue;
                }
                counts.Add(first, a.Schedule, +1);
                counts.Gains(gains);
                var b = relaxation.BestSchedule(second, gains);
                counts.Add(first, a.Schedule, -1);
                if (b is null || !Schedules.IsValid(index, officers[second], b.Value.Schedule))
                {
                    continue;
                }
                var value = Value(first, a.Schedule, second, b.Value.Schedule);
                if (value < best)
                {
                    best = value;
                    found = first == i ? (a.Schedule, b.Value.Schedule) : (b.Value.Schedule, a.Schedule);
                }
            }
            if (found is { } change)
            {
                current[i] = change.A;
                current[j] = change.B;
                changed = true;
            }
            counts.Add(i, current[i], +1);
            counts.Add(j, current[j], +1);
        }
        return changed;
    }

    /// <summary>
    /// Ruin and recreate with the officers' shortest paths: a random officer and its nearest few (by distance between
    /// their postings, period by period) are taken out and put back one at a time in random order, each on its
    /// cheapest schedule against the holes left; kept when the exact cost plus uncovered weight drops, else undone.
    /// Tries groups of 3 to <see cref="MaxGroup"/> officers until <see cref="GroupAttempts"/> per officer in a row have
    /// failed or time runs out. Three or more officers can rotate a cluster of sites between them, which a pair cannot.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    internal static bool ReplanGroups(PlanningIndex index, int[] officers, int[] sites, int[][] current, int[][] cover, LagrangianBound relaxation,
        long[][] gains, Func<bool> timeLeft, Random random)
    {
        var problem = index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var n = officers.Length;
        if (n < 3)
        {
            return false;
        }
        var counts = new Counts(index, officers, sites, cover);
        var cost = officers.Select((o, i) => Schedules.Cost(index, o, current[i])).ToArray();
        var distance = new long[n];
        var saved = new int[MaxGroup][];
        var changed = false;
        for (var attempt = 0; attempt < GroupAttempts * n && timeLeft(); attempt++)
        {
            var seed = random.Next(n);
            var size = random.Next(3, Math.Min(MaxGroup, n) + 1);
            for (var j = 0; j < n; j++)
            {
                distance[j] = 0;
                for (var t = 0; t < periods; t++)
                {
                    distance[j] += index.Km[current[seed][t], current[j][t]];
                }
                // Ties (and near ties) broken at random, so that the same seed tries different groups.
                distance[j] = (distance[j] * 4) + random.Next(4);
            }
            distance[seed] = -1;
            int[] group = [.. Enumerable.Range(0, n).OrderBy(j => distance[j]).Take(size).OrderBy(_ => random.Next())];
            var before = wU * counts.Holes();
            for (var g = 0; g < group.Length; g++)
            {
                before += cost[group[g]];
                saved[g] = current[group[g]];
                counts.Add(group[g], current[group[g]], -1);
            }
            var after = 0L;
            foreach (var i in group)
            {
                counts.Gains(gains);
                if (relaxation.BestSchedule(i, gains) is { } best && Schedules.IsValid(index, officers[i], best.Schedule))
                {
                    current[i] = best.Schedule;
                }
                counts.Add(i, current[i], +1);
                after += Schedules.Cost(index, officers[i], current[i]);
            }
            after += wU * counts.Holes();
            if (after < before)
            {
                foreach (var i in group)
                {
                    cost[i] = Schedules.Cost(index, officers[i], current[i]);
                }
                // Go on with groups (the single and swap rounds between them cost more than many groups).
                changed = true;
                attempt = 0;
                continue;
            }
            for (var g = 0; g < group.Length; g++)
            {
                counts.Add(group[g], current[group[g]], -1);
                current[group[g]] = saved[g];
                counts.Add(group[g], saved[g], +1);
            }
        }
        return changed;
    }

    /// <summary>The largest group <see cref="ReplanGroups"/> takes out at once.</summary>
    private const int MaxGroup = 6;

    /// <summary>Failed group attempts per officer before <see cref="ReplanGroups"/> gives up.</summary>
    private const int GroupAttempts = 30;

    /// <summary>Partners per officer for <see cref="ReplanPairs(PlanningIndex, int[], int[], int[][], int[][], LagrangianBound, long[][], Func{bool}, Random)"/>.</summary>
    private const int PairPartners = 6;

    /// <summary>
    /// Exchanges a stretch of periods between two officers (a stay's length or up to the end of the horizon) when
    /// both schedules keep the rules and the exact objective drops: coverage only changes where one of them is on
    /// leave, so this moves the right officer to the right site (languages, distances) without opening gaps.
    /// </summary>
    private static bool SwapSegments(PlanningIndex index, int[] officers, int[][] current, int[][] cover, Dictionary<int, int> slot, Func<bool> timeLeft, Random random)
    {
        var problem = index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var maxc = problem.Rules.MaxConsecutivePeriods;
        var n = officers.Length;
        var cost = officers.Select((o, i) => Schedules.Cost(index, o, current[i])).ToArray();
        var changed = false;
        var a1 = new int[periods];
        var b1 = new int[periods];
        foreach (var pair in Enumerable.Range(0, n * n).Where(p => p / n < p % n).OrderBy(_ => random.Next()).ToList())
        {
            if (!timeLeft())
            {
                break;
            }
            var (i, j) = (pair / n, pair % n);
            var (oi, oj) = (officers[i], officers[j]);
            for (var start = 0; start < periods; start++)
            {
                for (var length = 1; length <= maxc + 1; length++)
                {
                    var end = length == maxc + 1 ? periods - 1 : start + length - 1;
                    if (end >= periods || (length == maxc + 1 && end - start + 1 <= maxc))
                    {
                        continue;
                    }
                    var same = true;
                    for (var t = start; t <= end && same; t++)
                    {
                        same = current[i][t] == current[j][t];
                    }
                    if (same)
                    {
                        continue;
                    }
                    current[i].CopyTo(a1, 0);
                    current[j].CopyTo(b1, 0);
                    for (var t = start; t <= end; t++)
                    {
                        (a1[t], b1[t]) = (b1[t], a1[t]);
                    }
                    var delta = Schedules.Cost(index, oi, a1) + Schedules.Cost(index, oj, b1) - cost[i] - cost[j];
                    delta += wU * CoverageDelta(index, oi, oj, current[i], current[j], start, end, cover, slot, problem, apply: false);
                    if (delta >= 0 || !Schedules.IsValid(index, oi, a1) || !Schedules.IsValid(index, oj, b1))
                    {
                        continue;
                    }
                    CoverageDelta(index, oi, oj, current[i], current[j], start, end, cover, slot, problem, apply: true);
                    current[i] = (int[])a1.Clone();
                    current[j] = (int[])b1.Clone();
                    cost[i] = Schedules.Cost(index, oi, current[i]);
                    cost[j] = Schedules.Cost(index, oj, current[j]);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /// <summary>The change in uncovered officer-periods if two officers exchange sites over [start, end]; applies it to the counts when asked.</summary>
    private static long CoverageDelta(PlanningIndex index, int oi, int oj, int[] si, int[] sj, int start, int end, int[][] cover, Dictionary<int, int> slot, RotationProblem problem, bool apply)
    {
        var delta = 0L;
        for (var t = start; t <= end; t++)
        {
            var (li, lj) = (index.OnLeave[oi][t], index.OnLeave[oj][t]);
            if (li == lj || si[t] == sj[t])
            {
                continue;
            }
            // The one not on leave moves from its site to the other's.
            var (from, to) = li ? (sj[t], si[t]) : (si[t], sj[t]);
            if (slot.TryGetValue(from, out var f))
            {
                delta += cover[f][t] <= problem.Sites[from].RequiredOfficers ? 1 : 0;
                if (apply)
                {
                    cover[f][t]--;
                }
            }
            if (slot.TryGetValue(to, out var g))
            {
                delta -= cover[g][t] < problem.Sites[to].RequiredOfficers ? 1 : 0;
                if (apply)
                {
                    cover[g][t]++;
                }
            }
        }
        return delta;
    }

    /// <summary>Officers present (not on leave) per component site and period, against the requirements: the pair and group moves' bookkeeping.</summary>
    private sealed class Counts
    {
        private readonly PlanningIndex _index;
        private readonly int[] _officers;
        private readonly int[][] _cover;
        private readonly Dictionary<int, int> _slot = [];
        private readonly int[] _required;
        private readonly long _uncovered;

        /// <param name="index">The problem's lookups.</param>
        /// <param name="officers">The component's officers.</param>
        /// <param name="sites">The component's sites (slot order of <paramref name="cover"/>).</param>
        /// <param name="cover">Officers present per site slot and period, updated in place.</param>
        public Counts(PlanningIndex index, int[] officers, int[] sites, int[][] cover)
        {
            _index = index;
            _officers = officers;
            _cover = cover;
            for (var j = 0; j < sites.Length; j++)
            {
                _slot[sites[j]] = j;
            }
            _required = [.. sites.Select(s => index.Problem.Sites[s].RequiredOfficers)];
            _uncovered = index.Problem.Rules.Weights.Uncovered;
        }

        /// <summary>Adds (delta +1) or removes (−1) component officer <paramref name="i"/> posted on <paramref name="schedule"/>.</summary>
        public void Add(int i, int[] schedule, int delta)
        {
            var onLeave = _index.OnLeave[_officers[i]];
            for (var t = 0; t < schedule.Length; t++)
            {
                if (!onLeave[t] && _slot.TryGetValue(schedule[t], out var j))
                {
                    _cover[j][t] += delta;
                }
            }
        }

        /// <summary>Officers missing below the requirements, over every site and period.</summary>
        public long Holes()
        {
            var holes = 0L;
            for (var j = 0; j < _cover.Length; j++)
            {
                for (var t = 0; t < _cover[j].Length; t++)
                {
                    holes += Math.Max(0, _required[j] - _cover[j][t]);
                }
            }
            return holes;
        }

        /// <summary>Writes the uncovered weight where a site-period is below its requirement, else 0 (the shortest path's gains).</summary>
        public void Gains(long[][] gains)
        {
            for (var j = 0; j < _cover.Length; j++)
            {
                for (var t = 0; t < _cover[j].Length; t++)
                {
                    gains[j][t] = _cover[j][t] < _required[j] ? _uncovered : 0;
                }
            }
        }
    }
}
