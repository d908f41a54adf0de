using System.Diagnostics;

namespace Vigil.Planning;

/// <summary>The outcome of <see cref="LagrangianBound"/>.</summary>
/// <param name="Bound">A proven lower bound on the component's objective.</param>
/// <param name="Prices">The best multipliers found: the value of one more officer present, per site index and period.</param>
/// <param name="Iterations">Subgradient iterations run.</param>
/// <param name="Columns">Distinct schedules (site index per period) per component officer met along the way: good candidates for the schedule model.</param>
internal sealed record LagrangianResult(long Bound, long[][] Prices, int Iterations, List<int[]>[] Columns);

/// <summary>
/// A lower bound from Lagrangian relaxation of coverage, the only rule that ties officers together.
/// <para>
/// With a price λ[s,t] ∈ [0, uncovered weight] on each site-period's requirement, the objective is bounded below by
/// Σ λ[s,t]·required[s] + Σ_o min over officer o's schedules of (language gaps + moves + kilometres − Σ λ of the
/// site-periods o covers). Each officer's minimum is a shortest path over (period, site, periods at the site so
/// far) that keeps the conflict-of-interest, mission, tenure and pin rules exactly, returns barred by departures
/// before the horizon, and never goes straight back to the site just left (rule 4 with a tenure below the return
/// gap); later returns are not forbidden, which only weakens the bound. This is the LP bound of the schedule
/// formulation (each officer's schedule a column), far tighter than the compact model's. Prices are integers, so
/// the arithmetic is exact. Subgradient steps (Polyak, towards the best known plan) improve the prices.
/// </para>
/// </summary>
internal sealed partial class LagrangianBound
{
    internal const long Infinity = long.MaxValue / 4;
    private const int MaxColumns = 400;

    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly long[][] _cost; // per component officer: language gap per candidate position
    private readonly int[][] _cand;
    private readonly int[][] _siteSlot; // per officer and candidate: the component site slot, -1 when outside

    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites (whose coverage is priced).</param>
    /// <param name="moveTableLimit">The most move-table entries kept (tests lower it to check the path without tables).</param>
    public LagrangianBound(PlanningIndex index, int[] officers, int[] sites, long moveTableLimit = MoveTableLimit)
    {
        _index = index;
        _officers = officers;
        _sites = sites;
        var problem = index.Problem;
        var slot = new Dictionary<int, int>();
        for (var j = 0; j < sites.Length; j++)
        {
            slot[sites[j]] = j;
        }
        _cand = new int[officers.Length][];
        _cost = new long[officers.Length][];
        _siteSlot = new int[officers.Length][];
        for (var i = 0; i < officers.Length; i++)
        {
            var o = officers[i];
            _cand[i] = index.Eligible[o];
            _cost[i] = [.. _cand[i].Select(s => Rules.HasLanguageGap(problem.Sites[s], problem.Officers[o]) ? problem.Rules.Weights.LanguageGap : 0L)];
            _siteSlot[i] = [.. _cand[i].Select(s => slot.GetValueOrDefault(s, -1))];
        }
        _allowed = new bool[officers.Length][];
        _move = new long[officers.Length][];
        var w = problem.Rules.Weights;
        (_moveWeight, _travelWeight) = (w.Move, w.TravelKm);
        // The move tables hold a candidate count squared per officer: 500 officers with 400 candidate sites each
        // would take 640 MB (10,000 sites, one officer: 800 MB). Past MoveTableLimit entries in all, moves are
        // costed from the distance table as they are read instead (the same values; a little slower).
        var tabled = _cand.Sum(c => (long)c.Length * c.Length) <= moveTableLimit;
        for (var i = 0; i < officers.Length; i++)
        {
            var c = _cand[i];
            var n = c.Length;
            _allowed[i] = new bool[problem.Periods * n];
            for (var t = 0; t < problem.Periods; t++)
            {
                for (var k = 0; k < n; k++)
                {
                    _allowed[i][(t * n) + k] = index.StaticallyAllowed(officers[i], t, c[k]);
                }
            }
            if (!tabled)
            {
                continue;
            }
            var move = _move[i] = new long[n * n];
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    move[(a * n) + b] = w.Move + (w.TravelKm * index.Km[c[a], c[b]]);
                }
            }
        }
    }

    /// <summary>The most move-table entries kept for a component (16 million: 128 MB); above it, see <see cref="MoveCost"/>.</summary>
    internal const long MoveTableLimit = 16_000_000;

    private readonly bool[][] _allowed; // per officer: [period * candidates + position]
    private readonly long[]?[] _move; // per officer: move cost from position a to b, [a * candidates + b]; null above MoveTableLimit
    private readonly long _moveWeight;
    private readonly long _travelWeight;

    /// <summary>The move cost between two candidate positions of <paramref name="c"/>, for officers without a move table.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private long MoveCost(int[] c, int a, int b) => _moveWeight + (_travelWeight * _index.Km[c[a], c[b]]);

    /// <summary>
    /// Runs the subgradient method until the time limit, the iteration limit, or until the bound meets
    /// <paramref name="upperBound"/>.
    /// </summary>
    /// <param name="upperBound">The best known objective of the component (for the step size).</param>
    /// <param name="timeLimit">Wall-clock budget.</param>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="start">Starting prices (by component site slot then period), or null for a default start.</param>
    /// <param name="cancellationToken">Stops early; the best bound so far is returned.</param>
    /// <param name="threads">Workers for the officers' shortest paths (default 1).</param>
    /// <param name="proceed">
    /// The hard limit, asked before each officer's shortest path: false ends the run at once, and an iteration it
    /// interrupts does not count (its value would not be a bound). The first iteration runs whatever
    /// <paramref name="timeLimit"/> is, but not past this: on 500 officers with 400 sites each, one iteration takes
    /// half a minute. Null: none but <paramref name="cancellationToken"/>.
    /// </param>
    public LagrangianResult Run(long upperBound, TimeSpan timeLimit, int maxIterations, long[][]? start, CancellationToken cancellationToken, int threads = 1,
        Func<bool>? proceed = null)
    {
        var clock = Stopwatch.StartNew();
        var problem = _index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var required = _sites.Select(s => Math.Max(0, problem.Sites[s].RequiredOfficers)).ToArray();
        var lambda = start ?? StartingPrices(required);
        var step = new double[_sites.Length][];
        for (var j = 0; j < _sites.Length; j++)
        {
            step[j] = new double[periods];
        }
        var best = long.MinValue;
        var bestPrices = lambda.Select(r => (long[])r.Clone()).ToArray();
        var presence = new int[_sites.Length][];
        for (var j = 0; j < _sites.Length; j++)
        {
            presence[j] = new int[periods];
        }
        var seen = _officers.Select(_ => new HashSet<int[]>(SequenceComparer.Instance)).ToArray();
        var path = new int[periods];
        var theta = 2.0;
        var sinceImproved = 0;
        var iterations = 0;
        var maxCandidates = _cand.Select(c => c.Length).DefaultIfEmpty(0).Max();
        var work = new Workspace(maxCandidates, problem.Rules.MaxConsecutivePeriods, periods);
        var workers = Math.Clamp(threads, 1, Math.Max(1, _officers.Length / 8));
        var scratch = Enumerable.Range(0, workers)
            .Select(_ => (Work: new Workspace(maxCandidates, problem.Rules.MaxConsecutivePeriods, periods), Presence: _sites.Select(_ => new int[periods]).ToArray()))
            .ToArray();
        var interrupted = false;
        bool Interrupted() => interrupted || (interrupted = cancellationToken.IsCancellationRequested || (proceed is not null && !proceed()));
        while (iterations < maxIterations && !cancellationToken.IsCancellationRequested && (iterations == 0 || clock.Elapsed < timeLimit))
        {
            iterations++;
            foreach (var row in presence)
            {
                Array.Clear(row);
            }
            var value = 0L;
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    value += lambda[j][t] * required[j];
                }
            }
            if (workers == 1)
            {
                for (var i = 0; i < _officers.Length && !Interrupted(); i++)
                {
                    value += ShortestSchedule(i, lambda, work, presence, path);
                    if (seen[i].Count < MaxColumns && path[0] >= 0 && seen[i].Add(path))
                    {
                        path = new int[periods];
                    }
                }
            }
            else
            {
                // Officers are independent given the prices: split them between workers, each with its own scratch.
                var partial = new long[workers];
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, wk =>
                {
                    var mine = scratch[wk];
                    foreach (var row in mine.Presence)
                    {
                        Array.Clear(row);
                    }
                    for (var i = wk; i < _officers.Length && !Volatile.Read(ref interrupted); i += workers)
                    {
                        if (cancellationToken.IsCancellationRequested || (proceed is not null && !proceed()))
                        {
                            Volatile.Write(ref interrupted, true);
                            break;
                        }
                        var own = new int[periods];
                        partial[wk] += ShortestSchedule(i, lambda, mine.Work, mine.Presence, own);
                        if (own[0] >= 0 && seen[i].Count < MaxColumns)
                        {
                            seen[i].Add(own); // each officer belongs to one worker
                        }
                    }
                });
                value += partial.Sum();
                foreach (var mine in scratch.Where(_ => !interrupted))
                {
                    for (var j = 0; j < _sites.Length; j++)
                    {
                        for (var t = 0; t < periods; t++)
                        {
                            presence[j][t] += mine.Presence[j][t];
                        }
                    }
                }
            }
            if (interrupted)
            {
                break; // a partial iteration's value is no bound
            }
            if (value > best)
            {
                best = value;
                for (var j = 0; j < _sites.Length; j++)
                {
                    Array.Copy(lambda[j], bestPrices[j], periods);
                }
                sinceImproved = 0;
            }
            else if (++sinceImproved >= 60)
            {
                theta /= 2;
                sinceImproved = 0;
            }
            if (best >= upperBound || theta < 1e-6)
            {
                break;
            }
            // Subgradient: required − present, projected where the price sits at a limit.
            var norm = 0.0;
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    var g = (double)(required[j] - presence[j][t]);
                    if ((g < 0 && lambda[j][t] <= 0) || (g > 0 && lambda[j][t] >= wU))
                    {
                        g = 0;
                    }
                    step[j][t] = g;
                    norm += g * g;
                }
            }
            if (norm == 0)
            {
                break; // the relaxed schedules cover exactly: the bound is the relaxation's optimum
            }
            // Polyak's step towards a target just above the best bound: the known plan is often far above the
            // optimum (uncovered cost the optimum avoids), and stepping towards it overshoots the prices.
            var target = Math.Min(upperBound, best + Math.Max(100.0, 0.05 * Math.Abs(best)));
            var size = theta * Math.Max(1.0, target - value) / norm;
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    lambda[j][t] = Math.Clamp(lambda[j][t] + (long)Math.Round(size * step[j][t]), 0, required[j] > 0 ? wU : 0);
                }
            }
        }
        return new LagrangianResult(Math.Max(0, best), bestPrices, iterations, [.. seen.Select(h => h.ToList())]);
    }

    /// <summary>
    /// Zero prices already bound the objective by each officer's cheapest schedule alone (forced moves, languages).
    /// Where a period has fewer officers available than postings required, or a site nobody may take in a
    /// period, the shortfall is certain: those site-periods start at the full uncovered weight, which makes the
    /// counting bound part of the first iterate instead of something the subgradient must climb to.
    /// </summary>
    private long[][] StartingPrices(int[] required)
    {
        var problem = _index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var prices = _sites.Select(_ => new long[periods]).ToArray();
        var reachable = new bool[_sites.Length, periods];
        var available = new int[periods];
        for (var i = 0; i < _officers.Length; i++)
        {
            var n = _cand[i].Length;
            for (var t = 0; t < periods; t++)
            {
                if (_index.OnLeave[_officers[i]][t])
                {
                    continue;
                }
                available[t]++;
                for (var k = 0; k < n; k++)
                {
                    if (_allowed[i][(t * n) + k] && _siteSlot[i][k] >= 0)
                    {
                        reachable[_siteSlot[i][k], t] = true;
                    }
                }
            }
        }
        for (var t = 0; t < periods; t++)
        {
            var demand = 0;
            for (var j = 0; j < _sites.Length; j++)
            {
                demand += reachable[j, t] ? required[j] : 0;
            }
            for (var j = 0; j < _sites.Length; j++)
            {
                if (required[j] > 0 && (!reachable[j, t] || demand > available[t]))
                {
                    prices[j][t] = wU;
                }
            }
        }
        return prices;
    }

    /// <summary>Scratch arrays for one officer's shortest path, reused between officers.</summary>
    internal sealed class Workspace(int sites, int maxRun, int periods)
    {
        /// <summary>The two cheapest values per state [((t·sites + k)·(maxRun+1) + r)·2 + q] with different origins; Infinity when none.</summary>
        public long[] Value { get; } = new long[periods * sites * (maxRun + 1) * 2];

        /// <summary>The origin of each kept value: a site index, or -1 when the stay began before the horizon or the officer is new.</summary>
        public int[] Origin { get; } = new int[periods * sites * (maxRun + 1) * 2];

        /// <summary>For arrivals (run 1), per [(t·sites + k)·2 + q]: the previous position and its packed run and slot.</summary>
        public int[] From { get; } = new int[periods * sites * 2];

        public long[] E1V { get; } = new long[sites];
        public long[] E2V { get; } = new long[sites];
        public int[] E1O { get; } = new int[sites];
        public int[] E2O { get; } = new int[sites];
        public int[] E1P { get; } = new int[sites];
        public int[] E2P { get; } = new int[sites];
    }

    /// <summary>
    /// The cheapest schedule of one component officer when each site-period it covers earns
    /// <paramref name="gains"/> (by component site slot, then period), stability included when re-planning: the
    /// exact best answer for that officer alone, the others fixed, except that returns are only checked for the
    /// site just left (the caller checks the schedule). Returns the schedule and its cost minus gains.
    /// </summary>
    public (int[] Schedule, long Value)? BestSchedule(int i, long[][] gains)
    {
        var problem = _index.Problem;
        _work ??= new Workspace(_cand.Select(c => c.Length).DefaultIfEmpty(0).Max(), problem.Rules.MaxConsecutivePeriods, problem.Periods);
        _presence ??= [.. _sites.Select(_ => new int[problem.Periods])];
        var path = new int[problem.Periods];
        var value = ShortestSchedule(i, gains, _work, _presence, path, withStability: true);
        return path[0] < 0 ? null : (path, value);
    }

    private Workspace? _work;
    private int[][]? _presence;

    /// <summary>A scratch workspace sized for this component's officers (one per pricing thread).</summary>
    public Workspace NewWorkspace() =>
        new(_cand.Select(c => c.Length).DefaultIfEmpty(0).Max(), _index.Problem.Rules.MaxConsecutivePeriods, _index.Problem.Periods);

    /// <summary>
    /// Column generation's pricing: the cheapest schedule of component officer <paramref name="i"/> when costs are
    /// multiplied by <paramref name="scale"/> and each covered site-period earns <paramref name="prices"/> (already
    /// scaled, so fractional LP duals keep their precision in integer arithmetic). Writes the schedule to
    /// <paramref name="path"/> (path[0] = -1 when the officer has none) and returns its scaled reduced cost.
    /// </summary>
    public long Price(int i, long[][] prices, long scale, Workspace work, int[][] presence, int[] path, bool withStability) =>
        ShortestSchedule(i, prices, work, presence, path, withStability, scale);

    /// <summary>
    /// The cheapest schedule of one officer under the prices; adds its presence (not on leave) to
    /// <paramref name="presence"/> and returns its reduced cost.
    /// <para>
    /// State (period, site, run, origin): run is the number of periods at the site so far, origin the site left to
    /// arrive there. When the return gap exceeds the tenure, a move may never go straight back to the origin. Only
    /// the two cheapest values with different origins are kept per (period, site, run): excluding one origin then
    /// always leaves the cheapest allowed one, so the path found is exactly the cheapest under these rules.
    /// </para>
    /// </summary>
    private long ShortestSchedule(int i, long[][] lambda, Workspace work, int[][] presence, int[] path, bool withStability = false, long scale = 1)
    {
        var problem = _index.Problem;
        var o = _officers[i];
        var c = _cand[i];
        var n = c.Length;
        var periods = problem.Periods;
        var maxc = problem.Rules.MaxConsecutivePeriods;
        var w = problem.Rules.Weights;
        var km = _index.Km;
        var onLeave = _index.OnLeave[o];
        var slot = _siteSlot[i];
        var lang = _cost[i];
        var allowed = _allowed[i];
        var move = _move[i];
        var current = _index.Current[o];
        var noBounce = problem.Rules.MinPeriodsBeforeReturn > maxc;
        var value = work.Value;
        var origin = work.Origin;
        var from = work.From;
        var runs = maxc + 1;
        var stride = 2 * runs; // packs (run, slot) of a predecessor
        var (e1V, e2V, e1O, e2O, e1P, e2P) = (work.E1V, work.E2V, work.E1O, work.E2O, work.E1P, work.E2P);
        int At(int t, int k, int r, int q) => (((((t * n) + k) * runs) + r) * 2) + q;

        Array.Fill(value, Infinity, 0, periods * n * runs * 2);
        for (var t = 0; t < periods; t++)
        {
            if (t > 0)
            {
                // For each previous site: the two cheapest entries over runs with different origins.
                for (var k = 0; k < n; k++)
                {
                    long b1 = Infinity, b2 = Infinity;
                    int o1 = 0, o2 = 0, p1 = 0, p2 = 0;
                    var baseIndex = At(t - 1, k, 0, 0);
                    for (var e = 2; e < stride; e++)
                    {
                        var v = value[baseIndex + e];
                        if (v >= b2 && v >= b1)
                        {
                            continue;
                        }
                        var og = origin[baseIndex + e];
                        if (v < b1)
                        {
                            if (b1 < Infinity && o1 != og)
                            {
                                (b2, o2, p2) = (b1, o1, p1);
                            }
                            (b1, o1, p1) = (v, og, e);
                        }
                        else if (v < b2 && og != o1)
                        {
                            (b2, o2, p2) = (v, og, e);
                        }
                    }
                    (e1V[k], e1O[k], e1P[k], e2V[k], e2O[k], e2P[k]) = (b1, o1, p1, b2, o2, p2);
                }
            }
            for (var k = 0; k < n; k++)
            {
                if (!allowed[(t * n) + k])
                {
                    continue;
                }
                var here = (scale * (lang[k] + (withStability ? _index.Stability(o, t, c[k]) : 0))) - (onLeave[t] || slot[k] < 0 ? 0 : lambda[slot[k]][t]);
                if (t == 0)
                {
                    if (current < 0)
                    {
                        Set(At(0, k, 1, 0), here, -1);
                    }
                    else if (c[k] == current)
                    {
                        var run = problem.Officers[o].PeriodsAtCurrentSite + 1;
                        if (run <= maxc)
                        {
                            Set(At(0, k, run, 0), here, -1);
                        }
                    }
                    else
                    {
                        Set(At(0, k, 1, 0), here + (scale * (w.Move + (w.TravelKm * km[current, c[k]]))), current);
                    }
                    continue;
                }
                for (var r = 2; r <= maxc; r++)
                {
                    var before = At(t - 1, k, r - 1, 0);
                    var now = At(t, k, r, 0);
                    for (var q = 0; q < 2; q++)
                    {
                        if (value[before + q] < Infinity)
                        {
                            value[now + q] = value[before + q] + here;
                            origin[now + q] = origin[before + q];
                        }
                    }
                }
                // Arrivals from every other site; distinct previous sites are distinct origins, keep the best two.
                long v1 = Infinity, v2 = Infinity;
                int k1 = -1, k2 = -1, q1 = 0, q2 = 0;
                var ck = c[k];
                for (var k0 = 0; k0 < n; k0++)
                {
                    long v;
                    int packed;
                    if (noBounce && e1O[k0] == ck)
                    {
                        (v, packed) = (e2V[k0], e2P[k0]);
                    }
                    else
                    {
                        (v, packed) = (e1V[k0], e1P[k0]);
                    }
                    if (v >= Infinity || k0 == k)
                    {
                        continue;
                    }
                    v += scale * (move is null ? MoveCost(c, k0, k) : move[(k0 * n) + k]);
                    if (v < v1)
                    {
                        (v2, k2, q2) = (v1, k1, q1);
                        (v1, k1, q1) = (v, k0, packed);
                    }
                    else if (v < v2)
                    {
                        (v2, k2, q2) = (v, k0, packed);
                    }
                }
                if (k1 >= 0)
                {
                    var at = At(t, k, 1, 0);
                    (value[at], origin[at]) = (v1 + here, c[k1]);
                    from[(((t * n) + k) * 2) + 0] = (k1 * stride) + q1;
                    if (k2 >= 0)
                    {
                        (value[at + 1], origin[at + 1]) = (v2 + here, c[k2]);
                        from[(((t * n) + k) * 2) + 1] = (k2 * stride) + q2;
                    }
                }
            }
        }

        // The best final state, then back along the path to count presence.
        var last = periods - 1;
        var bestEnd = Infinity;
        int kk = -1, rr = -1, qq = 0;
        for (var k = 0; k < n; k++)
        {
            for (var r = 1; r <= maxc; r++)
            {
                var v = value[At(last, k, r, 0)];
                if (v < bestEnd)
                {
                    (bestEnd, kk, rr) = (v, k, r);
                }
            }
        }
        if (kk < 0)
        {
            path[0] = -1;
            return 0; // no schedule at all (min over nothing is +infinity, so 0 keeps the bound valid)
        }
        for (var t = last; t >= 0; t--)
        {
            path[t] = c[kk];
            if (!onLeave[t] && slot[kk] >= 0)
            {
                presence[slot[kk]][t]++;
            }
            if (t == 0)
            {
                break;
            }
            if (rr >= 2)
            {
                rr--;
            }
            else
            {
                var packed = from[(((t * n) + kk) * 2) + qq];
                kk = packed / stride;
                rr = (packed % stride) / 2;
                qq = packed % 2;
            }
        }
        return bestEnd;

        void Set(int at, long v, int og)
        {
            value[at] = v;
            origin[at] = og;
        }
    }

    /// <summary>Compares schedules by content.</summary>
    internal sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public static SequenceComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            foreach (var v in obj)
            {
                hash.Add(v);
            }
            return hash.ToHashCode();
        }
    }
}
