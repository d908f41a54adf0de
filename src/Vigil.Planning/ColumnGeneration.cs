using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Vigil.Planning;

/// <summary>The outcome of <see cref="ColumnGeneration"/>.</summary>
/// <param name="Bound">A proven lower bound on the component's objective (the best Lagrangian value met, rounded up).</param>
/// <param name="LpValue">The last master LP's value (the bound converges to it).</param>
/// <param name="Columns">Every schedule generated per component officer (some may break the no-early-return rule).</param>
/// <param name="Iterations">Master LP solves.</param>
/// <param name="Converged">Whether pricing found no improving column: the bound is the relaxation's LP optimum.</param>
/// <param name="Dive">
/// The schedules diving fixed (site per component officer and period; null for the officers it left free, the
/// tail), or null when it did not run or fixed nothing.
/// </param>
/// <param name="DiveStart">With <paramref name="Dive"/>: its fixed schedules, and for the free officers their largest LP column.</param>
/// <param name="LpPostings">The last LP's value of each posting, per officer, period and site (index into the sites).</param>
/// <param name="BoundPrices">The scaled prices (2^16) per component site slot and period at which <paramref name="Bound"/> was reached.</param>
internal sealed record ColumnGenerationResult(long Bound, double LpValue, List<int[]>[] Columns, int Iterations, bool Converged, int[]?[]? Dive = null, int[][]? DiveStart = null,
    double[][][]? LpPostings = null, long[][]? BoundPrices = null);

/// <summary>How <see cref="ColumnGeneration"/> dives after its bound.</summary>
/// <param name="Time">Wall-clock budget for diving.</param>
/// <param name="Cutoff">An LP value past which the last batch of fixes is undone (e.g. the best plan's objective).</param>
/// <param name="Tail">Stop once this many officers are left free (the caller completes them with an exact model).</param>
/// <param name="TailTime">Time kept for <paramref name="OnDive"/> after each dive.</param>
/// <param name="OnDive">
/// Receives each dive (its fixed schedules, null for the tail) and a start for the tail (the LP's largest column per
/// free officer); null: dive once.
/// </param>
/// <param name="Remaining">
/// The caller's time left when diving starts, if it has a deadline: diving then stops at the earlier of the two (column
/// generation before it can overrun its share on a loaded machine).
/// </param>
internal sealed record DiveSettings(TimeSpan Time, long Cutoff, int Tail, TimeSpan TailTime = default, Action<int[]?[], int[][]>? OnDive = null,
    Func<TimeSpan>? Remaining = null);

/// <summary>
/// Column generation for one component's schedule formulation: each officer takes a convex combination of whole
/// schedules (columns), each site-period is covered at least its requirement minus a slack that costs the
/// uncovered weight. The master LP is solved by GLOP; pricing is exact per officer
/// (<see cref="LagrangianBound.PriceExact"/>: every hard rule that binds one officer, no early return included).
/// <para>
/// Bound: for any prices λ ∈ [0, uncovered], Σ λ·required + Σ_officers min reduced cost is a lower bound
/// (Lagrangian/Farley); it is computed in integers with the duals scaled by 2^16, so it is exact and valid
/// whatever GLOP's tolerances. Every generated schedule keeps the rules. When an officer's pricing search passes
/// its node limit, its relaxed shortest-path value (never above the true minimum) enters the sum instead, so the
/// bound stays valid, only weaker.
/// </para>
/// <para>
/// Stabilisation (Wentges): pricing happens at a point between the best prices so far (the stability centre)
/// and the LP's duals; when that finds no column improving the LP (a mis-price), it prices at the duals
/// themselves. Plain column generation tail-converges badly on these models.
/// </para>
/// </summary>
internal sealed class ColumnGeneration
{
    private const long Scale = 1L << 16;
    private const double Smoothing = 0.6;

    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly LagrangianBound _pricing;
    private readonly bool _withStability;

    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="withStability">Add the re-planning stability cost to column costs (the bound is then on that objective).</param>
    public ColumnGeneration(PlanningIndex index, int[] officers, int[] sites, bool withStability)
    {
        _index = index;
        _officers = officers;
        _sites = sites;
        _pricing = new LagrangianBound(index, officers, sites);
        _withStability = withStability;
    }

    /// <summary>
    /// Runs until the LP converges, the bound reaches <paramref name="stopAtBound"/> (a known integer objective:
    /// the plan is then proven optimal), or time runs out.
    /// </summary>
    /// <param name="initial">Starting columns per officer (e.g. the current plan's); officers without one get a priced column.</param>
    /// <param name="stopAtBound">Stop once the bound reaches this.</param>
    /// <param name="timeLimit">Wall-clock budget.</param>
    /// <param name="threads">Pricing workers.</param>
    /// <param name="onBound">Called when the bound improves.</param>
    /// <param name="cancellationToken">Stops early.</param>
    /// <param name="diveSettings">The diving heuristic after the bound (null: none).</param>
    public ColumnGenerationResult Run(IEnumerable<int[]>[] initial, long stopAtBound, TimeSpan timeLimit, int threads, Action<long>? onBound, CancellationToken cancellationToken, DiveSettings? diveSettings = null)
    {
        var clock = Stopwatch.StartNew();
        var problem = _index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var n = _officers.Length;
        // Without presolve GLOP keeps its basis between solves: adding columns keeps it primal feasible, so the
        // primal simplex restarts from it (measured on 85 officers × 60 sites: 0.8 s per solve from scratch).
        using var lp = ScheduleMasterLp.CreateSolver("use_preprocessing:false use_dual_simplex:false");
        var master = new ScheduleMasterLp(lp, _index, _officers, _sites);
        var objective = master.Objective;
        var cover = master.Cover;
        var convexity = master.Convexity;
        var required = master.Required;

        var pool = master.Pool;
        var vars = master.Vars;
        var fixedOfficer = new bool[n];
        // Whether the LP's solution is that of the model as it is: a column added after the last solve makes
        // OR-Tools refuse (and log about) the solution's values.
        var inSync = false;
        void Add(int i, int[] column)
        {
            master.Add(i, column, Cost(i, column));
            inSync = false;
        }

        var workers = Math.Clamp(threads, 1, Math.Max(1, n / 8));
        var scratch = Enumerable.Range(0, workers).Select(_ => _pricing.NewExactWorkspace()).ToArray();
        var paths = _paths = new int[n][];
        var reduced = new long[n];
        var zero = _sites.Select(_ => new long[periods]).ToArray();
        var bestBound = long.MinValue;
        // Scaled prices at which pricing happens, the stability centre (best bound so far) and the LP's duals.
        var centre = (long[][]?)null;
        var boundPrices = (long[][]?)null; // the scaled prices of the best bound
        var duals = _sites.Select(_ => new double[periods]).ToArray();
        var pi = new double[n];

        // Starting columns; an officer without one gets its cheapest schedule at zero prices.
        var needPricing = false;
        for (var i = 0; i < n; i++)
        {
            foreach (var column in initial[i])
            {
                Add(i, column);
            }
            needPricing |= pool[i].Count == 0;
        }
        if (needPricing)
        {
            PriceAll(zero);
            for (var i = 0; i < n; i++)
            {
                if (pool[i].Count == 0 && paths[i][0] >= 0)
                {
                    Add(i, (int[])paths[i].Clone());
                }
            }
        }
        if (pool.Any(p => p.Count == 0))
        {
            return new ColumnGenerationResult(0, 0, pool, 0, false); // an officer with no schedule: the caller reports it
        }

        var iterations = 0;
        var lpValue = 0.0;
        var converged = false;
        var lastValues = new double[n][];
        var prices = _sites.Select(_ => new long[periods]).ToArray();
        while (!cancellationToken.IsCancellationRequested && clock.Elapsed < timeLimit)
        {
            iterations++;
            var lpWatch = Stopwatch.StartNew();
            lp.SetTimeLimit((long)Math.Max(10, (timeLimit - clock.Elapsed).TotalMilliseconds));
            var solved = lp.Solve();
            LpSeconds += lpWatch.Elapsed.TotalSeconds;
            if (solved != Solver.ResultStatus.OPTIMAL)
            {
                break;
            }
            inSync = true;
            lpValue = objective.Value();
            // The solution is lost once columns are added; kept so that an LP whose time ran out still guides the
            // sweep (mission-60 at 30 s: the last re-solve did not finish in its 0.1 s, and no guided sweep ran).
            for (var i = 0; i < n; i++)
            {
                lastValues[i] = [.. master.Vars[i].Select(v => v.SolutionValue())];
            }
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    duals[j][t] = cover[j, t] is { } row ? Math.Clamp(row.DualValue(), 0, wU) : 0;
                }
            }
            for (var i = 0; i < n; i++)
            {
                pi[i] = convexity[i].DualValue();
            }
            if (Math.Ceiling(lpValue - 1e-6) <= Bound(bestBound))
            {
                converged = true; // the bound already meets the LP: nothing left to price
                break;
            }

            var added = 0;
            var inexactBefore = _inexact;
            foreach (var alpha in centre is null ? [0.0] : new[] { Smoothing, 0.0 })
            {
                SetPrices(alpha);
                var value = PriceAll(prices);
                if (value > bestBound)
                {
                    bestBound = value;
                    centre = prices.Select(r => (long[])r.Clone()).ToArray();
                    boundPrices = centre;
                    onBound?.Invoke(Bound(bestBound));
                }
                // Keep the columns that improve the LP at its own duals.
                for (var i = 0; i < n; i++)
                {
                    if (paths[i][0] < 0)
                    {
                        continue;
                    }
                    if (ReducedCost(i, paths[i]) < -1e-6 && !master.Contains(i, paths[i]))
                    {
                        Add(i, (int[])paths[i].Clone());
                        added++;
                    }
                }
                if (added > 0 || Bound(bestBound) >= stopAtBound || clock.Elapsed >= timeLimit)
                {
                    break;
                }
            }
            if (Bound(bestBound) >= stopAtBound)
            {
                break;
            }
            if (added == 0 && _inexact > inexactBefore && _nodeLimit < MaxPricingNodeLimit)
            {
                // A search that stopped at its node limit may have missed the column that prices out: the LP is not
                // proven optimal yet. Search deeper at the same duals. UN's UNTSO (8 officers) had stopped at an LP of
                // 33,660 with a plan of 33,162 known, its bound at 32,479; UNMOGIP's bound stayed at 12,033 under an LP
                // of 14,349.
                _nodeLimit *= 10;
                DiveLog?.Invoke($"pricing node limit {_nodeLimit}: {_inexact - inexactBefore} searches stopped short and no column priced out");
                continue;
            }
            if (added == 0)
            {
                converged = true; // no column prices out at the LP's duals: the LP is optimal over all schedules
                break;
            }
        }
        if (converged && Bound(bestBound) < Math.Ceiling(lpValue - 1e-6) && !cancellationToken.IsCancellationRequested)
        {
            // The LP is optimal, but officers whose search passed its node limit entered the bound with a relaxed
            // value: price once more at the duals with the diving limit. Mission (40 officers): bound 154,753 →
            // the LP's 156,416; one round costs about 0.1 s.
            SetPrices(0);
            _nodeLimit = Math.Max(_nodeLimit, DiveNodeLimit);
            var value = PriceAll(prices);
            _nodeLimit = NodeLimit;
            if (value > bestBound)
            {
                bestBound = value;
                boundPrices = prices.Select(r => (long[])r.Clone()).ToArray();
                onBound?.Invoke(Bound(bestBound));
            }
        }
        if (DiveLog is not null && lpValue > 0)
        {
            DiveLog(LpBreakdown());
        }
        var bound = Math.Max(0, Bound(bestBound));
        if (!inSync && lpValue > 0 && !cancellationToken.IsCancellationRequested)
        {
            // Columns came after the last solve (the time ran out): solve once more, warm, for the LP's postings.
            lp.SetTimeLimit((long)Math.Max(100, Math.Min(1000, (timeLimit - clock.Elapsed).TotalMilliseconds)));
            inSync = lp.Solve() == Solver.ResultStatus.OPTIMAL;
        }
        var lpPostings = lpValue <= 0 ? null : inSync ? LpPostings(master, null) : LpPostings(master, lastValues);
        var firstStart = (int[][]?)null;
        var dive = diveSettings is { } ds && ds.Time > TimeSpan.Zero && bound < stopAtBound && !cancellationToken.IsCancellationRequested ? Dives(ds) : null;
        return new ColumnGenerationResult(bound, lpValue, pool, iterations, converged, dive, dive is null ? null : firstStart, lpPostings, boundPrices);

        // Diving: fix the schedules the LP takes (every one at ≥ 0.9, else the largest few), re-generate columns for
        // the officers still free at the new duals, repeat. When a batch makes the LP climb past the cutoff, it is
        // undone and its weakest column forbidden (one step of backtracking). The LP's fractional columns rarely
        // combine into a plan; this builds one that follows the LP. The officers left free at the end (the tail)
        // are completed by the caller.
        // Dives while time is left, each handed to OnDive (which completes it within TailTime); every dive after the
        // first starts from the whole LP again, with the columns the earlier ones added and a random tie-break.
        int[]?[]? Dives(DiveSettings settings)
        {
            var end = clock.Elapsed + (settings.Remaining is { } remaining && remaining() < settings.Time ? remaining() : settings.Time);
            var random = new Random(1);
            int[]?[]? first = null;
            while (clock.Elapsed + settings.TailTime < end && !cancellationToken.IsCancellationRequested)
            {
                var one = Dive(settings, end - settings.TailTime, first is null ? null : random);
                if (one is null)
                {
                    break;
                }
                DiveCount++;
                if (first is null)
                {
                    first = one;
                    firstStart = DiveRounded;
                }
                if (settings.OnDive is null)
                {
                    break;
                }
                settings.OnDive(one, DiveRounded!);
                foreach (var v in vars.SelectMany(v => v))
                {
                    v.SetBounds(0, double.PositiveInfinity);
                }
                Array.Clear(fixedOfficer);
            }
            return first;
        }

        int[]?[]? Dive(DiveSettings settings, TimeSpan end, Random? random)
        {
            var chosen = new int[]?[n];
            var rank = new double[n];
            // Undo a batch when the LP climbs past halfway from its root value to the best plan's objective.
            var cutoff = lpValue + ((settings.Cutoff - lpValue) / 2);
            var history = new Stack<List<(int I, int C, double Value)>>();
            var backtracks = 0;
            var justBacktracked = false;
            _nodeLimit = DiveNodeLimit;
            var free = n;
            while (free > settings.Tail && !cancellationToken.IsCancellationRequested && clock.Elapsed < end)
            {
                if (SolveUntil(end) != Solver.ResultStatus.OPTIMAL)
                {
                    break;
                }
                // A few pricing rounds at the new duals for the officers still free.
                var fresh = true; // whether the LP's values are those of the model as it is (GLOP's are not after a change)
                for (var round = 0; round < DiveRounds && clock.Elapsed < end; round++)
                {
                    master.ReadDuals(duals, prices, pi, Scale);
                    PriceAll(prices, fixedOfficer);
                    var added = 0;
                    for (var i = 0; i < n; i++)
                    {
                        if (fixedOfficer[i] || paths[i][0] < 0 || master.Contains(i, paths[i]))
                        {
                            continue;
                        }
                        if (ReducedCost(i, paths[i]) < -1e-6)
                        {
                            Add(i, (int[])paths[i].Clone());
                            added++;
                        }
                    }
                    if (added == 0)
                    {
                        break;
                    }
                    fresh = clock.Elapsed < end && SolveUntil(end) == Solver.ResultStatus.OPTIMAL;
                    if (!fresh)
                    {
                        break;
                    }
                }
                if (!fresh && SolveUntil(end + (settings.TailTime / 4)) != Solver.ResultStatus.OPTIMAL)
                {
                    break;
                }
                var value = objective.Value();
                DiveLog?.Invoke($"dive lp {value:0} fixed {n - free} columns {pool.Sum(p => p.Count)} inexact {_inexact} t {clock.Elapsed.TotalSeconds:0.0}");
                if (value > cutoff && history.Count > 0 && backtracks < MaxBacktracks)
                {
                    // Too costly: undo the last batch and forbid its weakest column.
                    backtracks++;
                    var batch = history.Pop();
                    var weakest = batch.MinBy(f => f.Value);
                    foreach (var (i, c, _) in batch)
                    {
                        vars[i][c].SetLb(0);
                        chosen[i] = null;
                        fixedOfficer[i] = false;
                        free++;
                    }
                    vars[weakest.I][weakest.C].SetUb(0);
                    justBacktracked = true;
                    continue;
                }
                // Values are read before any bound changes: changing a bound invalidates the LP's solution.
                var candidates = new List<(int I, int C, double Value)>();
                for (var i = 0; i < n; i++)
                {
                    if (fixedOfficer[i])
                    {
                        continue;
                    }
                    var (argmax, max) = (-1, -1.0);
                    for (var c = 0; c < vars[i].Count; c++)
                    {
                        var v = vars[i][c].SolutionValue();
                        if (v > max)
                        {
                            (argmax, max) = (c, v);
                        }
                    }
                    if (argmax >= 0)
                    {
                        candidates.Add((i, argmax, max));
                        rank[i] = max + (random is null ? 0 : random.NextDouble() * 0.3);
                    }
                }
                var fixes = candidates.Where(f => f.Value >= 0.9).ToList();
                if (fixes.Count == 0)
                {
                    // Right after a backtrack, one officer at a time.
                    fixes = [.. candidates.OrderByDescending(f => rank[f.I]).Take(justBacktracked ? 1 : Math.Max(1, free / DiveBatchDivisor))];
                }
                if (fixes.Count == 0)
                {
                    break;
                }
                fixes = [.. fixes.Take(Math.Max(1, free - settings.Tail))];
                justBacktracked = false;
                foreach (var (i, c, _) in fixes)
                {
                    chosen[i] = pool[i][c];
                    fixedOfficer[i] = true;
                    vars[i][c].SetLb(1);
                    free--;
                }
                history.Push(fixes);
            }
            DiveBacktracks = backtracks;
            if (chosen.All(c => c is null))
            {
                return null;
            }
            // The tail starts from the LP's largest column per free officer (a rounding the caller then repairs).
            DiveRounded = new int[n][];
            var resolved = SolveUntil(end + settings.TailTime / 4) == Solver.ResultStatus.OPTIMAL;
            for (var i = 0; i < n; i++)
            {
                var (argmax, max) = (0, -1.0);
                for (var c = 0; c < vars[i].Count && chosen[i] is null && resolved; c++)
                {
                    if (vars[i][c].SolutionValue() is var v && v > max && vars[i][c].Ub() > 0)
                    {
                        (argmax, max) = (c, v);
                    }
                }
                DiveRounded[i] = chosen[i] ?? pool[i][argmax];
            }
            return chosen;
        }

        Solver.ResultStatus SolveUntil(TimeSpan end)
        {
            lp.SetTimeLimit((long)Math.Max(10, (end - clock.Elapsed).TotalMilliseconds));
            return lp.Solve();
        }

        // For experiments: where the LP's value lies (by objective term), and how many officers it splits.
        string LpBreakdown()
        {
            double languageGap = 0, move = 0, travelKm = 0;
            var fractional = 0;
            for (var i = 0; i < n; i++)
            {
                var largest = 0.0;
                for (var c = 0; c < vars[i].Count; c++)
                {
                    var x = vars[i][c].SolutionValue();
                    largest = Math.Max(largest, x);
                    var terms = Schedules.Terms(_index, _officers[i], pool[i][c]);
                    (languageGap, move, travelKm) = (languageGap + (x * terms.LanguageGap), move + (x * terms.Move), travelKm + (x * terms.TravelKm));
                }
                fractional += largest < 1 - 1e-6 ? 1 : 0;
            }
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"LP breakdown: move {move:0}, travelKm {travelKm:0}, languageGap {languageGap:0}, uncovered {lpValue - move - travelKm - languageGap:0}; {fractional} of {n} officers fractional");
        }

        double ReducedCost(int i, int[] column) => master.ReducedCost(i, column, Cost(i, column), pi[i], duals);

        // Scaled prices between the stability centre (weight alpha) and the LP's duals, within [0, uncovered].
        void SetPrices(double alpha)
        {
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    var mixed = (alpha * (centre is null ? 0 : centre[j][t] / (double)Scale)) + ((1 - alpha) * duals[j][t]);
                    prices[j][t] = Math.Clamp((long)Math.Round(mixed * Scale), 0, required[j] > 0 ? wU * Scale : 0);
                }
            }
        }

        // The Lagrangian value Σ λ·required + Σ min reduced cost at scaled prices, leaving each officer's schedule in paths.
        long PriceAll(long[][] at, bool[]? skip = null)
        {
            var priceWatch = Stopwatch.StartNew();
            using var _ = new Finally(() => PriceSeconds += priceWatch.Elapsed.TotalSeconds);
            var total = 0L;
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    total += at[j][t] * required[j];
                }
            }
            if (workers == 1)
            {
                for (var i = 0; i < n; i++)
                {
                    paths[i] = new int[periods];
                    reduced[i] = skip?[i] == true ? 0 : PriceOne(i, at, scratch[0]);
                }
            }
            else
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, wk =>
                {
                    for (var i = wk; i < n; i += workers)
                    {
                        paths[i] = new int[periods];
                        reduced[i] = skip?[i] == true ? 0 : PriceOne(i, at, scratch[wk]);
                    }
                });
            }
            return total + reduced.Sum();
        }
    }

    /// <summary>Search nodes per officer and pricing round; past it the officer's relaxed value keeps the bound valid.</summary>
    private const int NodeLimit = 1_000;

    /// <summary>
    /// Search nodes per officer when diving: the last fixes need the columns that fill the remaining holes, which a
    /// 1,000-node search missed (measured on a 40-officer mission: the LP jumped from 157,489 to over 1,000,000).
    /// </summary>
    private const int DiveNodeLimit = 20_000;

    /// <summary>How deep column generation searches before it takes the LP as optimal with some searches cut short.</summary>
    private const int MaxPricingNodeLimit = 10_000_000;

    private int _nodeLimit = NodeLimit;

    /// <summary>Pricing rounds per diving step: enough for the LP to settle after a fix (each round re-solves the LP).</summary>
    private const int DiveRounds = 8;

    /// <summary>Without columns at ≥ 0.9, a step fixes the largest 1/this of the free officers.</summary>
    private const int DiveBatchDivisor = 6;

    /// <summary>Batches undone at most per dive.</summary>
    private const int MaxBacktracks = 6;

    private int[][]? DiveRounded { get; set; }

    /// <summary>The LP's value of each posting (officer, period, site slot), read before any bound changes.</summary>
    /// <param name="master">The master LP.</param>
    /// <param name="values">Each officer's column values from an earlier solve (columns added since count 0), or null
    /// for the LP's current solution.</param>
    private double[][][] LpPostings(ScheduleMasterLp master, double[][]? values)
    {
        var periods = _index.Problem.Periods;
        var result = new double[_officers.Length][][];
        for (var i = 0; i < _officers.Length; i++)
        {
            result[i] = new double[periods][];
            for (var t = 0; t < periods; t++)
            {
                result[i][t] = new double[_sites.Length];
            }
            for (var k = 0; k < master.Pool[i].Count; k++)
            {
                var value = values is null ? master.Vars[i][k].SolutionValue() : k < values[i].Length ? values[i][k] : 0;
                if (value <= 1e-9)
                {
                    continue;
                }
                var column = master.Pool[i][k];
                for (var t = 0; t < periods; t++)
                {
                    if (master.TryGetSlot(column[t], out var j))
                    {
                        result[i][t][j] += value;
                    }
                }
            }
        }
        return result;
    }

    public int DiveCount { get; private set; }

    /// <summary>Batches undone in the last dive (for the benchmark's diagnostics).</summary>
    public int DiveBacktracks { get; private set; }

    /// <summary>Receives one line per diving step (for the benchmark's diagnostics).</summary>
    public Action<string>? DiveLog { get; init; }

    /// <summary>Pricings that hit <see cref="NodeLimit"/> (for the benchmark's diagnostics).</summary>
    public int Inexact => _inexact;

    private int _inexact;

    private long PriceOne(int i, long[][] at, LagrangianBound.ExactWorkspace work)
    {
        var (bound, _, exact) = _pricing.PriceExact(i, at, Scale, work, _paths![i], _withStability, _nodeLimit);
        if (!exact)
        {
            Interlocked.Increment(ref _inexact);
        }
        return bound;
    }

    private int[][]? _paths;

    /// <summary>Seconds spent in the master LP and in pricing (for the benchmark's diagnostics).</summary>
    public double LpSeconds { get; private set; }

    /// <inheritdoc cref="LpSeconds"/>
    public double PriceSeconds { get; private set; }

    private sealed class Finally(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>A scaled Lagrangian value rounded up to the objective's integer units (the objective is an integer).</summary>
    private static long Bound(long scaled) => scaled == long.MinValue ? long.MinValue : scaled <= 0 ? 0 : (scaled + Scale - 1) / Scale;

    private long Cost(int i, int[] column) => Schedules.Cost(_index, _officers[i], column, _withStability);
}
