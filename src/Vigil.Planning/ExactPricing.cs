namespace Vigil.Planning;

/// <summary>
/// Exact pricing: the cheapest schedule of one officer under every hard rule that binds one officer, no early
/// return included. The shortest path over (period, site, run) cannot remember every site left in the last
/// minPeriodsBeforeReturn periods, so this is a depth-first branch and bound over whole schedules that tracks
/// those bars exactly, pruned by the relaxed shortest path to the end of the horizon (computed backwards; it
/// ignores the bars, so it never overestimates). Children are tried cheapest first, so the first schedule found
/// is the relaxed optimum whenever that keeps the rules, and the search usually ends there.
/// </summary>
internal sealed partial class LagrangianBound
{
    /// <summary>Scratch arrays for <see cref="PriceExact"/>, one per pricing thread.</summary>
    internal sealed class ExactWorkspace(int sites, int maxRun, int periods)
    {
        // Sized for the largest table any officer of the component needs (one with fewer candidates than the
        // component's largest may remember where that one does not).
        public long[] ToEnd { get; } = new long[periods * (maxRun + 1) * Math.Max(sites * Remembered(sites), Math.Min(sites, PreviousSiteUpTo) * (Math.Min(sites, PreviousSiteUpTo) + 1))];

        public long[] Here { get; } = new long[periods * sites];

        public int[] BanUntil { get; } = new int[Math.Max(1, sites)];

        public int[] Path { get; } = new int[periods];

        public int[] Best { get; } = new int[periods];

        public long[][] ChildF { get; } = [.. Enumerable.Range(0, periods).Select(_ => new long[sites + 1])];

        public int[][] ChildK { get; } = [.. Enumerable.Range(0, periods).Select(_ => new int[sites + 1])];

        public long[][] ChildG { get; } = [.. Enumerable.Range(0, periods).Select(_ => new long[sites + 1])];
    }

    /// <summary>Candidate sites up to which the completion bound remembers the site left before a stay.</summary>
    internal const int PreviousSiteUpTo = 80;

    /// <summary>Slots for the site left before a stay: one per candidate and "none", or only "none" past <see cref="PreviousSiteUpTo"/>.</summary>
    private static int Remembered(int sites) => sites <= PreviousSiteUpTo ? sites + 1 : 1;

    /// <summary>A workspace for <see cref="PriceExact"/> sized for this component.</summary>
    public ExactWorkspace NewExactWorkspace() =>
        new(_cand.Select(c => c.Length).DefaultIfEmpty(0).Max(), _index.Problem.Rules.MaxConsecutivePeriods, _index.Problem.Periods);

    /// <summary>
    /// The cheapest schedule of component officer <paramref name="i"/> that keeps every rule, with costs scaled by
    /// <paramref name="scale"/> and each covered site-period earning <paramref name="prices"/> (scaled).
    /// </summary>
    /// <param name="i">The component officer.</param>
    /// <param name="prices">Scaled gain per component site slot and period.</param>
    /// <param name="scale">The factor applied to costs.</param>
    /// <param name="ws">Scratch arrays.</param>
    /// <param name="withStability">Add the re-planning stability cost.</param>
    /// <param name="nodeLimit">Search nodes allowed; past it the search stops with the best schedule so far.</param>
    /// <param name="path">Receives the best valid schedule (site per period), or path[0] = -1 when none was found.</param>
    /// <param name="allowedHere">
    /// Replaces the officer's allowed postings ([period * candidates + position], see <see cref="AllowedCopy"/>):
    /// branch and price forbids or forces postings this way. With it, an officer left without any schedule gets
    /// <see cref="Infinity"/> as its value (exact): the node is infeasible.
    /// </param>
    /// <param name="enumerate">
    /// Instead of the cheapest schedule, every schedule whose reduced cost is at most <paramref name="enumerateUpTo"/>
    /// (scaled) goes to this callback (the array is reused: copy it); it returns false to stop the search. The values
    /// returned and <paramref name="path"/> then mean nothing.
    /// </param>
    /// <param name="enumerateUpTo">The scaled reduced cost up to which <paramref name="enumerate"/> receives schedules.</param>
    /// <returns>
    /// A value never above the officer's true minimum reduced cost (the minimum itself when <c>Exact</c>; otherwise
    /// the least of the best schedule's and the unfinished subtrees' relaxed values), so summing it keeps the
    /// Lagrangian bound valid; and the schedule's own reduced cost.
    /// </returns>
    public (long BoundValue, long PathValue, bool Exact) PriceExact(int i, long[][] prices, long scale, ExactWorkspace ws, int[] path, bool withStability, int nodeLimit, bool[]? allowedHere = null,
        Func<int[], bool>? enumerate = null, long enumerateUpTo = 0)
    {
        var problem = _index.Problem;
        var o = _officers[i];
        var c = _cand[i];
        var n = c.Length;
        var periods = problem.Periods;
        var maxc = problem.Rules.MaxConsecutivePeriods;
        var minret = problem.Rules.MinPeriodsBeforeReturn;
        var w = problem.Rules.Weights;
        var km = _index.Km;
        var onLeave = _index.OnLeave[o];
        var slot = _siteSlot[i];
        var allowed = allowedHere ?? _allowed[i];
        var move = _move[i];
        var current = _index.Current[o];
        var runs = maxc + 1;
        var here = ws.Here;
        var toEnd = ws.ToEnd;
        path[0] = -1;
        if (n == 0 || periods == 0)
        {
            return allowedHere is null ? (0, Infinity, false) : (Infinity, Infinity, true);
        }
        for (var t = 0; t < periods; t++)
        {
            for (var k = 0; k < n; k++)
            {
                here[(t * n) + k] = allowed[(t * n) + k]
                    ? (scale * (_cost[i][k] + (withStability ? _index.Stability(o, t, c[k]) : 0))) - (onLeave[t] || slot[k] < 0 ? 0 : prices[slot[k]][t])
                    : Infinity;
            }
        }

        // Backwards: the cheapest completion from (t, k, run, p) that remembers only the site p left before this
        // stay (n: none known) and never goes back to it too early; every other return is ignored, so it is a lower
        // bound on the true completion. Remembering p is what prunes: without it the bound ping-pongs between two
        // high-priced sites (A B A B …), which the return bar forbids whenever a stay is shorter than the bar, and
        // the search below then passed its node limit on most officers under branch and price (a 17-officer
        // slice of mission: 36,458 inexact pricings in 1,442 nodes).
        // Beyond PreviousSiteUpTo candidate sites (cross-mission moves) the table would grow with their square: the
        // bound forgets p there (one slot, 0, meaning "none").
        var others = Remembered(n);
        var remember = others > 1;
        int At(int t, int k, int r, int p) => (((((t * n) + k) * runs) + r) * others) + p;
        Array.Fill(toEnd, 0L, At(periods - 1, 0, 0, 0), n * runs * others);
        for (var t = periods - 2; t >= 0; t--)
        {
            for (var k = 0; k < n; k++)
            {
                // The best and second-best moves (the next state remembers k as the site left); the second serves
                // when the best goes back to p too early.
                var (best1, arg1, best2) = (Infinity, -1, Infinity);
                for (var k2 = 0; k2 < n; k2++)
                {
                    var h2 = here[((t + 1) * n) + k2];
                    if (k2 == k || h2 >= Infinity)
                    {
                        continue;
                    }
                    var v = (scale * (move is null ? MoveCost(c, k, k2) : move[(k * n) + k2])) + h2 + toEnd[At(t + 1, k2, 1, remember ? k : 0)];
                    if (v < best1)
                    {
                        (best2, best1, arg1) = (best1, v, k2);
                    }
                    else if (v < best2)
                    {
                        best2 = v;
                    }
                }
                var hStay = here[((t + 1) * n) + k];
                for (var p = 0; p < others; p++)
                {
                    for (var r = 1; r <= maxc; r++)
                    {
                        // Left p at the end of t − r: back there at t + 1 only when r ≥ minret.
                        var v = remember && p == arg1 && r < minret ? best2 : best1;
                        if (r < maxc && hStay < Infinity)
                        {
                            v = Math.Min(v, hStay + toEnd[At(t + 1, k, r + 1, p)]);
                        }
                        toEnd[At(t, k, r, p)] = Math.Min(v, Infinity);
                    }
                }
            }
        }
        var currentPos = current < 0 ? -1 : Array.IndexOf(c, current);
        // The site left before the first stay: the current one when period 0 moves away from it.
        int FirstLeft(int k) => remember && currentPos >= 0 && currentPos != k ? currentPos : others - 1;

        // Start states, cheapest first; the relaxed optimum is the smallest f.
        var starts = ws.ChildF[0];
        var startK = ws.ChildK[0];
        var startG = ws.ChildG[0];
        var count = 0;
        var officer = problem.Officers[o];
        for (var k = 0; k < n; k++)
        {
            if (here[k] >= Infinity)
            {
                continue;
            }
            long g;
            int r;
            if (current < 0)
            {
                (g, r) = (here[k], 1);
            }
            else if (c[k] == current)
            {
                r = officer.PeriodsAtCurrentSite + 1;
                if (r > maxc)
                {
                    continue;
                }
                g = here[k];
            }
            else
            {
                (g, r) = (here[k] + (scale * (w.Move + (w.TravelKm * km[current, c[k]]))), 1);
            }
            var f = g + toEnd[At(0, k, r, FirstLeft(k))];
            if (f >= Infinity)
            {
                continue;
            }
            Insert(starts, startK, startG, ref count, f, (k * runs) + r, g);
        }
        if (count == 0)
        {
            return allowedHere is null ? (0, Infinity, false) : (Infinity, Infinity, true);
        }
        var relaxed = starts[0];
        // Enumerating: the cutoff stays just above the threshold, so every schedule within it is reached.
        var best = enumerate is null ? Infinity : enumerateUpTo + 1;
        var listed = enumerate is null ? [] : new int[periods];
        var nodes = 0;
        var aborted = false;
        // When the node limit stops the search, the least f among the subtrees it never finished: every schedule
        // not yet seen lies in one of them, so min(best, frontier) is still a lower bound, and usually well above
        // the relaxed optimum (a 10-site slice of mission-60: its LP was 629,254, the bound with relaxed values
        // 622,985).
        var frontier = Infinity;
        var ban = ws.BanUntil;
        var trail = ws.Path;
        var bestPath = ws.Best;
        for (var s = 0; s < count && !aborted; s++)
        {
            if (starts[s] >= best)
            {
                break;
            }
            var k = startK[s] / runs;
            var r = startK[s] % runs;
            Array.Clear(ban, 0, n);
            if (currentPos >= 0 && currentPos != k)
            {
                ban[currentPos] = minret; // left the current site at the end of period −1
            }
            trail[0] = k;
            Search(0, k, r, FirstLeft(k), startG[s], starts[s]);
            if (aborted && s + 1 < count)
            {
                frontier = Math.Min(frontier, starts[s + 1]);
            }
        }
        if (best < Infinity && enumerate is null)
        {
            for (var t = 0; t < periods; t++)
            {
                path[t] = c[bestPath[t]];
            }
        }
        return (aborted ? Math.Min(best, Math.Max(relaxed, frontier)) : best >= Infinity ? relaxed : best, best, !aborted);

        void Search(int t, int k, int r, int left, long g, long fHere)
        {
            if (t == periods - 1)
            {
                if (enumerate is not null)
                {
                    if (g <= enumerateUpTo)
                    {
                        for (var tt = 0; tt < periods; tt++)
                        {
                            listed[tt] = c[trail[tt]];
                        }
                        aborted |= !enumerate(listed);
                    }
                    return;
                }
                if (g < best)
                {
                    best = g;
                    Array.Copy(trail, bestPath, periods);
                }
                return;
            }
            if (++nodes > nodeLimit)
            {
                aborted = true;
                frontier = Math.Min(frontier, fHere);
                return;
            }
            var f = ws.ChildF[t + 1];
            var kk = ws.ChildK[t + 1];
            var gg = ws.ChildG[t + 1];
            var m = 0;
            var next = t + 1;
            var hStay = here[(next * n) + k];
            if (r < maxc && hStay < Infinity)
            {
                var g2 = g + hStay;
                Insert(f, kk, gg, ref m, g2 + toEnd[At(next, k, r + 1, left)], (k * runs) + r + 1, g2);
            }
            for (var k2 = 0; k2 < n; k2++)
            {
                var h2 = here[(next * n) + k2];
                if (k2 == k || h2 >= Infinity || next < ban[k2])
                {
                    continue;
                }
                var g2 = g + (scale * (move is null ? MoveCost(c, k, k2) : move[(k * n) + k2])) + h2;
                var f2 = g2 + toEnd[At(next, k2, 1, remember ? k : 0)];
                if (f2 < best)
                {
                    Insert(f, kk, gg, ref m, f2, (k2 * runs) + 1, g2);
                }
            }
            // The child arrays of this depth are reused by siblings deeper down, so walk a copy of their order.
            Span<long> childF = stackalloc long[m];
            Span<int> childK = stackalloc int[m];
            Span<long> childG = stackalloc long[m];
            f.AsSpan(0, m).CopyTo(childF);
            kk.AsSpan(0, m).CopyTo(childK);
            gg.AsSpan(0, m).CopyTo(childG);
            for (var j = 0; j < m && !aborted; j++)
            {
                if (childF[j] >= best)
                {
                    break;
                }
                var k2 = childK[j] / runs;
                var r2 = childK[j] % runs;
                trail[next] = k2;
                if (k2 == k)
                {
                    Search(next, k2, r2, left, childG[j], childF[j]);
                }
                else
                {
                    var saved = ban[k];
                    ban[k] = Math.Max(saved, next + minret); // left k at the end of t: back from t + 1 + minret
                    Search(next, k2, r2, remember ? k : 0, childG[j], childF[j]);
                    ban[k] = saved;
                }
                if (aborted && j + 1 < m)
                {
                    frontier = Math.Min(frontier, childF[j + 1]); // the siblings never tried, cheapest first
                }
            }
        }
    }

    /// <summary>A copy of officer <paramref name="i"/>'s allowed postings, to restrict for <see cref="PriceExact"/>.</summary>
    public bool[] AllowedCopy(int i) => (bool[])_allowed[i].Clone();

    /// <summary>The position of <paramref name="site"/> among officer <paramref name="i"/>'s candidate sites, or −1.</summary>
    public int CandidatePosition(int i, int site) => Array.IndexOf(_cand[i], site);

    /// <summary>Officer <paramref name="i"/>'s candidate sites.</summary>
    public int Candidates(int i) => _cand[i].Length;

    /// <summary>Inserts into arrays kept sorted by f (few entries: insertion is cheapest).</summary>
    private static void Insert(long[] f, int[] key, long[] g, ref int count, long fv, int kv, long gv)
    {
        var at = count++;
        while (at > 0 && f[at - 1] > fv)
        {
            f[at] = f[at - 1];
            key[at] = key[at - 1];
            g[at] = g[at - 1];
            at--;
        }
        f[at] = fv;
        key[at] = kv;
        g[at] = gv;
    }
}
