using Google.OrTools.Sat;

namespace Vigil.Planning;

/// <summary>The outcome of solving one component (usually one mission).</summary>
/// <param name="Status">CP-SAT's status.</param>
/// <param name="Sites">Site index per component officer and period, or null when no solution was found.</param>
/// <param name="Bound">A proven lower bound on the component's objective (0 when nothing was proven).</param>
/// <param name="Objective">The model's objective for <paramref name="Sites"/> (a relaxation when travel is not exact).</param>
internal sealed record ComponentResult(CpSolverStatus Status, int[][]? Sites, long Bound, long? Objective);

/// <summary>
/// A time window to re-plan (large-neighbourhood search): outside periods [From, To) officer i keeps Sites[i][t];
/// inside, its candidates are the sites in Region and those it holds anywhere in Sites[i].
/// </summary>
internal sealed record Frame(int[][] Sites, int From, int To, bool[] Region)
{
    public bool Allows(int i, int t, int site) => (t >= From && t < To) || Sites[i][t] == site;

    public bool Candidate(int i, int site) => Region[site] || Array.IndexOf(Sites[i], site) >= 0;
}

/// <summary>
/// The CP-SAT model of one component: officers who may share sites, and those sites.
/// <para>
/// Variables: x[o,t,s] for every officer, period and candidate site (eligible, not pinned elsewhere, not
/// barred by a departure before the horizon); arr[o,t,s] ≥ x[o,t,s] − x[o,t−1,s] (an arrival); one integer
/// d[o,t] per officer and period for travel; u[s,t] for the shortfall at a site. No variable per pair of
/// sites: travel is d[o,t] ≥ θ·x[o,t−1,s] + Σ_{s' near s} (km(s,s') − θ)·x[o,t,s'] for every previous site s,
/// which is exact when every candidate is "near" (θ the farthest distance) and otherwise a relaxation that
/// charges the farther sites θ. Tenure and no early return are sliding windows over x and arr.
/// </para>
/// </summary>
internal sealed class ComponentSolver
{
    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly PlannerOptions _options;

    private readonly int[,]? _fixedPresence;
    private readonly Frame? _frame;

    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">Officers whose postings are decided here.</param>
    /// <param name="sites">Sites whose coverage is counted here.</param>
    /// <param name="options">Search options.</param>
    /// <param name="fixedPresence">
    /// Officers already present (not on leave) per site index and period, posted by others whose postings are
    /// fixed (large-neighbourhood search); null when this component decides every officer of its sites.
    /// </param>
    /// <param name="frame">A time window to re-plan, the officers' postings outside it kept; null: the whole horizon.</param>
    public ComponentSolver(PlanningIndex index, int[] officers, int[] sites, PlannerOptions options, int[,]? fixedPresence = null, Frame? frame = null)
    {
        _fixedPresence = fixedPresence;
        _frame = frame;
        _index = index;
        _officers = officers;
        _sites = sites;
        _options = options;
    }

    /// <summary>The number of x variables, a measure of size for sharing the time budget.</summary>
    public long Size => _officers.Sum(o => (long)_index.Eligible[o].Length) * _index.Problem.Periods;

    /// <summary>Whether travel is modelled exactly for every officer (then the model's objective is the spec's).</summary>
    public bool ExactTravel => _officers.All(o => _index.Eligible[o].Length <= _options.ExactTravelUpTo);

    /// <param name="timeLimit">Wall-clock budget.</param>
    /// <param name="hint">A starting schedule per officer (null entries: none).</param>
    /// <param name="onSolution">Receives each improving objective and the bound.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <param name="coverageOnly">
    /// Minimise the uncovered officer-periods alone (the result's bound and objective are then 0 and null): finding
    /// a full cover is a puzzle under tenure and return bars, which the weighted objective's search often misses.
    /// </param>
    public ComponentResult Solve(TimeSpan timeLimit, int[]?[]? hint, Action<long, long>? onSolution, CancellationToken cancellationToken, bool coverageOnly = false)
    {
        var problem = _index.Problem;
        var rules = problem.Rules;
        var w = rules.Weights;
        var periods = problem.Periods;
        var model = new CpModel();
        var km = _index.Km;
        var obj = LinearExpr.NewBuilder();
        var n = _officers.Length;
        var cand = new int[n][];
        var x = new BoolVar?[n][][];
        var arr = new ILiteral?[n][][];
        var travel = new IntVar?[n][];
        var shortfall = new List<(IntVar U, int Site, int Period)>();
        var uncovered = LinearExpr.NewBuilder();

        for (var i = 0; i < n; i++)
        {
            var o = _officers[i];
            var officer = problem.Officers[o];
            var c = cand[i] = _frame is null ? _index.Eligible[o] : [.. _index.Eligible[o].Where(s => _frame.Candidate(i, s))];
            var current = _index.Current[o];
            x[i] = new BoolVar?[periods][];
            arr[i] = new ILiteral?[periods][];
            travel[i] = new IntVar?[periods];
            for (var t = 0; t < periods; t++)
            {
                var row = x[i][t] = new BoolVar?[c.Length];
                var any = new List<ILiteral>();
                for (var k = 0; k < c.Length; k++)
                {
                    if (_index.StaticallyAllowed(o, t, c[k]) && _frame?.Allows(i, t, c[k]) != false)
                    {
                        row[k] = model.NewBoolVar("");
                        any.Add(row[k]!);
                        var cost = (Rules.HasLanguageGap(problem.Sites[c[k]], officer) ? w.LanguageGap : 0) + _index.Stability(o, t, c[k]);
                        if (cost > 0)
                        {
                            obj.AddTerm(row[k]!, cost);
                        }
                    }
                }
                if (any.Count == 0)
                {
                    return new ComponentResult(CpSolverStatus.Infeasible, null, 0, null);
                }
                model.AddExactlyOne(any);
            }

            // Tenure: no window of maxc + 1 consecutive periods at one site; the current posting counts.
            var maxc = rules.MaxConsecutivePeriods;
            for (var k = 0; k < c.Length; k++)
            {
                for (var t0 = 0; t0 + maxc < periods; t0++)
                {
                    var window = new List<ILiteral>(maxc + 1);
                    for (var t = t0; t <= t0 + maxc && x[i][t][k] is { } lit; t++)
                    {
                        window.Add(lit);
                    }
                    if (window.Count == maxc + 1)
                    {
                        model.AddLinearConstraint(LinearExpr.Sum(window), 0, maxc);
                    }
                }
                if (c[k] == current)
                {
                    var left = maxc - officer.PeriodsAtCurrentSite; // periods the officer may still stay
                    if (left <= 0)
                    {
                        if (x[i][0][k] is { } first)
                        {
                            model.AddLinearConstraint(first, 0, 0);
                        }
                    }
                    else if (left < periods)
                    {
                        var window = new List<ILiteral>();
                        for (var t = 0; t <= left && x[i][t][k] is { } lit; t++)
                        {
                            window.Add(lit);
                        }
                        if (window.Count == left + 1)
                        {
                            model.AddLinearConstraint(LinearExpr.Sum(window), 0, left);
                        }
                    }
                }
            }

            // Arrivals (t ≥ 1): arr ≥ x[t] − x[t−1]; when x[t−1] cannot be true the arrival is x[t] itself.
            for (var t = 1; t < periods; t++)
            {
                arr[i][t] = new ILiteral?[c.Length];
                for (var k = 0; k < c.Length; k++)
                {
                    if (x[i][t][k] is not { } now)
                    {
                        continue;
                    }
                    if (x[i][t - 1][k] is not { } before)
                    {
                        arr[i][t][k] = now;
                        continue;
                    }
                    var a = model.NewBoolVar("");
                    model.AddLinearConstraint(LinearExpr.NewBuilder().Add(a).AddTerm(now, -1).Add(before), 0, 1);
                    arr[i][t][k] = a;
                    if (w.Move > 0)
                    {
                        obj.AddTerm(a, w.Move);
                    }
                }
                if (w.Move > 0)
                {
                    for (var k = 0; k < c.Length; k++)
                    {
                        if (arr[i][t][k] is { } a && x[i][t - 1][k] is null)
                        {
                            obj.AddTerm(a, w.Move);
                        }
                    }
                }
            }

            // Valid cuts (they make the LP bound count forced moves): tenure forces a move in every window of
            // maxc + 1 periods, and in the first maxc − k + 1 periods when continuing the current posting.
            for (var t0 = 0; t0 + maxc < periods; t0++)
            {
                var moves = new List<ILiteral>();
                for (var t = t0 + 1; t <= t0 + maxc; t++)
                {
                    moves.AddRange(arr[i][t].OfType<ILiteral>());
                }
                model.AddLinearConstraint(LinearExpr.Sum(moves), 1, long.MaxValue);
            }
            if (current >= 0 && Array.IndexOf(c, current) is var kc && kc >= 0 && x[i][0][kc] is { } stayFirst)
            {
                var left = maxc - officer.PeriodsAtCurrentSite;
                if (left >= 1 && left < periods)
                {
                    // Not moving at 0 (stayFirst) means a move within 1 … left.
                    var e = LinearExpr.NewBuilder().AddTerm(stayFirst, -1);
                    for (var t = 1; t <= left; t++)
                    {
                        e.AddSum(arr[i][t].OfType<ILiteral>());
                    }
                    model.AddLinearConstraint(e, 0, long.MaxValue);
                }
            }

            // No early return: leaving s at the end of t−1 forbids arriving there in t+1 … t+minret−1.
            var minret = rules.MinPeriodsBeforeReturn;
            for (var k = 0; k < c.Length; k++)
            {
                for (var t = 0; t < periods; t++)
                {
                    var arrivals = new List<ILiteral>();
                    for (var u = t + 1; u < periods && u <= t + minret - 1; u++)
                    {
                        if (arr[i][u][k] is { } a)
                        {
                            arrivals.Add(a);
                        }
                    }
                    if (arrivals.Count == 0)
                    {
                        continue;
                    }
                    var e = LinearExpr.NewBuilder().AddSum(arrivals);
                    if (t == 0)
                    {
                        if (c[k] != current)
                        {
                            continue;
                        }
                        e.Add(1);
                    }
                    else if (x[i][t - 1][k] is { } before)
                    {
                        e.Add(before);
                    }
                    else
                    {
                        continue;
                    }
                    if (x[i][t][k] is { } now)
                    {
                        e.AddTerm(now, -1);
                    }
                    model.AddLinearConstraint(e, long.MinValue, 1);
                }
            }

            // Period 0: a move (and its travel) from the current site; exact and linear.
            if (current >= 0)
            {
                var k0 = Array.IndexOf(c, current);
                obj.Add(w.Move);
                if (k0 >= 0 && x[i][0][k0] is { } stay)
                {
                    obj.AddTerm(stay, -w.Move);
                }
                if (w.TravelKm > 0)
                {
                    for (var k = 0; k < c.Length; k++)
                    {
                        if (x[i][0][k] is { } lit && km[current, c[k]] > 0)
                        {
                            obj.AddTerm(lit, w.TravelKm * km[current, c[k]]);
                        }
                    }
                }
            }

            // Travel for t ≥ 1.
            if (w.TravelKm > 0 && c.Length > 1)
            {
                var near = new int[c.Length][];
                var theta = new int[c.Length];
                var nearestIn = new int[c.Length];
                var maxKm = 0;
                var limit = c.Length <= _options.ExactTravelUpTo ? c.Length : Math.Min(c.Length, _options.TravelNeighbours + 1);
                for (var k = 0; k < c.Length; k++)
                {
                    near[k] = [.. Enumerable.Range(0, c.Length).OrderBy(k2 => km[c[k], c[k2]]).Take(limit)];
                    theta[k] = near[k].Max(k2 => km[c[k], c[k2]]);
                    nearestIn[k] = Enumerable.Range(0, c.Length).Where(k2 => k2 != k).Min(k2 => km[c[k2], c[k]]);
                    maxKm = Math.Max(maxKm, Enumerable.Range(0, c.Length).Max(k2 => km[c[k], c[k2]]));
                }
                for (var t = 1; t < periods; t++)
                {
                    var d = travel[i][t] = model.NewIntVar(0, maxKm, "");
                    obj.AddTerm(d, w.TravelKm);
                    for (var k = 0; k < c.Length; k++)
                    {
                        if (x[i][t - 1][k] is not { } before)
                        {
                            continue;
                        }
                        var e = LinearExpr.NewBuilder().Add(d).AddTerm(before, -theta[k]);
                        foreach (var k2 in near[k])
                        {
                            var coef = km[c[k], c[k2]] - theta[k];
                            if (coef != 0 && x[i][t][k2] is { } now)
                            {
                                e.AddTerm(now, -coef);
                            }
                        }
                        model.AddLinearConstraint(e, 0, long.MaxValue);
                    }
                    // A valid cut: any arrival costs at least the distance from the nearest other site.
                    var cut = LinearExpr.NewBuilder().Add(d);
                    for (var k = 0; k < c.Length; k++)
                    {
                        if (arr[i][t][k] is { } a && nearestIn[k] > 0)
                        {
                            cut.AddTerm(a, -nearestIn[k]);
                        }
                    }
                    model.AddLinearConstraint(cut, 0, long.MaxValue);
                }
            }
        }

        // Coverage: u[s,t] ≥ required − officers there and not on leave.
        var siteSet = _sites.ToHashSet();
        var present = new Dictionary<int, List<ILiteral>>[periods];
        for (var t = 0; t < periods; t++)
        {
            present[t] = [];
            for (var i = 0; i < n; i++)
            {
                if (_index.OnLeave[_officers[i]][t])
                {
                    continue;
                }
                for (var k = 0; k < cand[i].Length; k++)
                {
                    if (x[i][t][k] is { } lit && siteSet.Contains(cand[i][k]))
                    {
                        if (!present[t].TryGetValue(cand[i][k], out var list))
                        {
                            present[t][cand[i][k]] = list = [];
                        }
                        list.Add(lit);
                    }
                }
            }
        }
        foreach (var s in _sites)
        {
            for (var t = 0; t < periods; t++)
            {
                var required = problem.Sites[s].RequiredOfficers - (_fixedPresence?[s, t] ?? 0);
                if (required <= 0)
                {
                    continue;
                }
                if (!present[t].TryGetValue(s, out var lits))
                {
                    obj.Add(w.Uncovered * required);
                    continue;
                }
                var u = model.NewIntVar(0, required, "");
                shortfall.Add((u, s, t));
                obj.AddTerm(u, w.Uncovered);
                uncovered.Add(u);
                model.AddLinearConstraint(LinearExpr.NewBuilder().Add(u).AddSum(lits), required, long.MaxValue);
            }
        }
        model.Minimize(coverageOnly ? uncovered : obj);

        if (hint is not null)
        {
            AddHints(model, hint, cand, x, arr);
            HintTravelAndShortfall(model, hint, travel, shortfall);
        }

        using var solver = new CpSolver();
        var seconds = Math.Max(0.05, timeLimit.TotalSeconds);
        solver.StringParameters = string.Join(' ',
            // Measured: a 3-officer mission is proven optimal in 0.01 s by one worker and not in 2 s by two (the
            // two-worker portfolio has no LP worker with these settings), but an 8-officer mission (UN scale's smallest)
            // stayed at 3 uncovered for 8 s with one worker where two reached 1. Up to 6 officers get one worker.
            $"num_workers:{(n <= 6 ? 1 : Math.Max(1, _options.Threads))}",
            $"max_time_in_seconds:{seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}",
            $"random_seed:{_options.RandomSeed}",
            // Measured on a 25-site mission: symmetry detection and probing took 6 of the first 9 seconds.
            "symmetry_level:0 cp_model_probing_level:0",
            // Level 2 puts the exactly-one constraints in the LP: without it the LP bound ignores coverage entirely
            // (a 6-officer test went from not proven in 20 s to optimal in 0.01 s).
            "linearization_level:2",
            _options.ExtraSolverParameters);
        if (cancellationToken.IsCancellationRequested)
        {
            // StopSearch before Solve is lost (it only reaches a running solve), so a cancelled run must not start one.
            return new ComponentResult(CpSolverStatus.Unknown, null, 0, null);
        }
        using var callback = new Callback(onSolution);
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model, callback);
        var bound = (long)Math.Max(0, Math.Ceiling(solver.BestObjectiveBound - 1e-6));
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ComponentResult(status, null, status == CpSolverStatus.Infeasible || coverageOnly ? 0 : bound, null);
        }
        var sites = new int[n][];
        for (var i = 0; i < n; i++)
        {
            sites[i] = new int[periods];
            for (var t = 0; t < periods; t++)
            {
                sites[i][t] = -1;
                for (var k = 0; k < cand[i].Length; k++)
                {
                    if (x[i][t][k] is { } lit && solver.BooleanValue(lit))
                    {
                        sites[i][t] = cand[i][k];
                        break;
                    }
                }
            }
        }
        return coverageOnly ? new ComponentResult(status, sites, 0, null) : new ComponentResult(status, sites, bound, (long)Math.Round(solver.ObjectiveValue));
    }

    private static void AddHints(CpModel model, int[]?[] hint, int[][] cand, BoolVar?[][][] x, ILiteral?[][][] arr)
    {
        for (var i = 0; i < cand.Length; i++)
        {
            if (hint[i] is not { } sites)
            {
                continue;
            }
            for (var t = 0; t < sites.Length; t++)
            {
                for (var k = 0; k < cand[i].Length; k++)
                {
                    if (x[i][t][k] is { } lit)
                    {
                        model.AddHint(lit, sites[t] == cand[i][k]);
                    }
                    if (t > 0 && arr[i][t][k] is BoolVar a && !ReferenceEquals(a, x[i][t][k]))
                    {
                        model.AddHint(a, sites[t] == cand[i][k] && sites[t - 1] != cand[i][k]);
                    }
                }
            }
        }
    }

    private void HintTravelAndShortfall(CpModel model, int[]?[] hint, IntVar?[][] travel, List<(IntVar U, int Site, int Period)> shortfall)
    {
        var problem = _index.Problem;
        for (var i = 0; i < hint.Length; i++)
        {
            if (hint[i] is not { } sites)
            {
                continue;
            }
            for (var t = 1; t < sites.Length; t++)
            {
                if (travel[i][t] is { } d)
                {
                    model.AddHint(d, _index.Km[sites[t - 1], sites[t]]);
                }
            }
        }
        if (hint.Any(h => h is null))
        {
            return;
        }
        foreach (var (u, s, t) in shortfall)
        {
            var present = 0;
            for (var i = 0; i < hint.Length; i++)
            {
                if (hint[i]![t] == s && !_index.OnLeave[_officers[i]][t])
                {
                    present++;
                }
            }
            model.AddHint(u, Math.Max(0, problem.Sites[s].RequiredOfficers - (_fixedPresence?[s, t] ?? 0) - present));
        }
    }

    private sealed class Callback(Action<long, long>? onSolution) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback()
        {
            onSolution?.Invoke((long)Math.Round(ObjectiveValue()), (long)Math.Max(0, Math.Ceiling(BestObjectiveBound() - 1e-6)));
        }
    }
}
