using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.OrTools.LinearSolver;

namespace Vigil.Planning;

/// <summary>The outcome of <see cref="BranchAndPrice"/>.</summary>
/// <param name="Bound">A proven lower bound on the component's objective: the smallest open node's bound (the incumbent's value when the tree is closed).</param>
/// <param name="Plan">The best plan found (site per component officer and period), or null when none beat the incumbent given.</param>
/// <param name="Objective">The best plan's objective (the incumbent's value when <paramref name="Plan"/> is null).</param>
/// <param name="Nodes">Nodes processed.</param>
/// <param name="Open">Nodes still open at the end.</param>
/// <param name="Closed">Whether the tree was exhausted: the objective is then optimal.</param>
internal sealed record BranchAndPriceResult(long Bound, int[][]? Plan, long Objective, int Nodes, int Open, bool Closed);

/// <summary>
/// Branch and price for one component: each node is the schedule master LP (as in <see cref="ColumnGeneration"/>)
/// restricted by decisions on single postings, "officer o is at site s in period p" (= 1) or "is not" (= 0).
/// Both are enforced inside that officer's exact pricing (the search forbids or forces the posting) and by
/// filtering the node's columns (an incompatible column's upper bound is 0).
/// <para>
/// Node bound: the Lagrangian value at the LP's duals, Σ λ·required + Σ_officers min reduced cost, computed in
/// integers like the root's, valid before the node's column generation converges (so a node is pruned early
/// against the incumbent). Each officer has an artificial column of prohibitive cost so that every node's LP is
/// feasible whatever columns the filter leaves; it does not enter the bound, which depends on the duals only.
/// </para>
/// <para>
/// Search: best bound first, on the most fractional posting (the sum of the officer's column values posting o at
/// s in p closest to 0.5). About half the time goes to plunges, depth first from the chosen node (the "= 1" child
/// first), where <see cref="Complete"/> turns the LP into plans; the other half to single best-bound nodes, which
/// raise the bound. Every node's LP is rounded (each officer's largest column) as an incumbent candidate;
/// integral LPs are plans.
/// </para>
/// </summary>
internal sealed class BranchAndPrice
{
    private const long Scale = 1L << 16;
    private const double Artificial = 1e9;

    /// <summary>Search nodes per officer and pricing; past it the relaxed value keeps the bound valid.</summary>
    private const int NodeLimit = 20_000;

    /// <summary>
    /// Column-generation iterations at most per plunge node below the chosen one before it is split (early
    /// branching: a plunge looks for plans, the node's bound is the Lagrangian value so far either way).
    /// </summary>
    public int PlungeIterations { get; init; } = 4;

    /// <summary>Nodes one plunge goes down at most before the best-bound choice again.</summary>
    private const int PlungeDepth = 200;

    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly LagrangianBound _pricing;

    public BranchAndPrice(PlanningIndex index, int[] officers, int[] sites)
    {
        _index = index;
        _officers = officers;
        _sites = sites;
        _pricing = new LagrangianBound(index, officers, sites);
    }

    /// <summary>Receives one line per progress step (for the benchmark's diagnostics).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives each column priced at a node with the node's decisions (for tests: pricing keeps them).</summary>
    internal Action<IReadOnlyList<Decision>, int, int[]>? ColumnPriced { get; init; }

    /// <summary>Seconds between two <see cref="Log"/> lines.</summary>
    public TimeSpan LogEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives one line per node (depth, bound, LP value; for the benchmark's diagnostics).</summary>
    public Action<string>? NodeLog { get; init; }

    /// <summary>
    /// The primal heuristic: completes a partial plan (schedules of the officers the node's LP takes whole, null for
    /// the others) started from each officer's largest LP column, or returns null. Called in a plunge when at
    /// most <see cref="CompleteAt"/> officers are fractional, again each time <see cref="CompleteStep"/> fewer are, and every <see cref="CompleteEvery"/> plunge nodes.
    /// </summary>
    public Func<int[]?[], int[][], int[][]?>? Complete { get; init; }

    /// <summary>Plunge nodes between two calls of <see cref="Complete"/> whatever the fractional officers.</summary>
    public int CompleteEvery { get; init; } = 15;

    /// <summary>Fewer fractional officers than at the last call before <see cref="Complete"/> is called again in a plunge.</summary>
    private const int CompleteStep = 6;

    /// <summary>Fractional officers at most for <see cref="Complete"/> (the dive's tail model handles about this many).</summary>
    public int CompleteAt { get; init; } = 28;

    /// <summary>Seconds in pricing and in the LP (for the benchmark's diagnostics).</summary>
    public double PriceSeconds { get; private set; }

    /// <inheritdoc cref="PriceSeconds"/>
    public double LpSeconds { get; private set; }

    /// <summary>Master LP solves and GLOP's simplex iterations over them (for the benchmark's diagnostics).</summary>
    public int LpSolves { get; private set; }

    /// <inheritdoc cref="LpSolves"/>
    public long LpIterations { get; private set; }

    /// <summary>Pricings past the node limit (their relaxed value entered the bound).</summary>
    public int Inexact { get; private set; }

    /// <summary>Columns in the master at the end.</summary>
    public int ColumnCount { get; private set; }

    /// <summary>A branching decision: component officer <c>I</c> is (or is not) at site <c>S</c> in period <c>T</c>.</summary>
    internal readonly record struct Decision(int I, int T, int S, bool At);

    private sealed record Node(Decision[] Decisions, long Bound, int Depth);

    /// <summary>Runs the tree until it closes, the time is up or the bound reaches the incumbent.</summary>
    /// <param name="columns">Starting columns per officer (the root's pool); those that break a rule are dropped.</param>
    /// <param name="incumbent">The best plan so far (site per officer and period), or null.</param>
    /// <param name="incumbentValue">Its objective (long.MaxValue without one).</param>
    /// <param name="rootBound">A bound already proven for the root (e.g. the root column generation's).</param>
    /// <param name="timeLimit">Wall-clock budget.</param>
    /// <param name="threads">Pricing workers.</param>
    /// <param name="onProgress">Receives (best objective, global bound) when either improves.</param>
    /// <param name="cancellationToken">Stops early.</param>
    public BranchAndPriceResult Run(IEnumerable<int[]>[] columns, int[][]? incumbent, long incumbentValue, long rootBound, TimeSpan timeLimit,
        int threads, Action<long, long>? onProgress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var problem = _index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        var n = _officers.Length;
        using var lp = ScheduleMasterLp.CreateSolver("use_preprocessing:false");
        var master = new ScheduleMasterLp(lp, _index, _officers, _sites);
        var objective = master.Objective;
        var cover = master.Cover;
        var convexity = master.Convexity;
        var required = master.Required;
        var artificial = new Variable[n];
        for (var i = 0; i < n; i++)
        {
            artificial[i] = lp.MakeNumVar(0, double.PositiveInfinity, "");
            objective.SetCoefficient(artificial[i], Artificial);
            convexity[i].SetCoefficient(artificial[i], 1);
        }
        var pool = master.Pool;
        var vars = master.Vars;
        void Add(int i, int[] column) => master.Add(i, column, Schedules.Cost(_index, _officers[i], column, withStability: false));
        for (var i = 0; i < n; i++)
        {
            foreach (var column in columns[i])
            {
                if (Schedules.IsValid(_index, _officers[i], column))
                {
                    Add(i, (int[])column.Clone());
                }
            }
            if (incumbent is not null)
            {
                Add(i, (int[])incumbent[i].Clone());
            }
        }

        var best = incumbent;
        var bestValue = incumbentValue;
        var workers = Math.Clamp(threads, 1, Math.Max(1, n / 8));
        var scratch = Enumerable.Range(0, workers).Select(_ => _pricing.NewExactWorkspace()).ToArray();
        var paths = new int[n][];
        var reduced = new long[n];
        var exact = new bool[n];
        var prices = _sites.Select(_ => new long[periods]).ToArray();
        var duals = _sites.Select(_ => new double[periods]).ToArray();
        var pi = new double[n];
        var allowedHere = new bool[]?[n];

        // Best bound first: ties go to the deeper node (closer to a plan).
        var open = new PriorityQueue<Node, (long, int)>();
        open.Enqueue(new Node([], rootBound, 0), (rootBound, 0));
        var nodes = 0;
        var stuck = long.MaxValue; // the bound of nodes that could not be branched (kept in the global bound)
        var reported = (Value: bestValue, Bound: long.MinValue);
        var nextLog = TimeSpan.Zero;
        var completedAt = int.MaxValue; // fractional officers when this plunge last called Complete
        var plungeSeconds = 0.0;
        var sinceCompleted = 0; // plunge nodes since the last call of Complete
        var columnsSinceSolve = false; // columns were added after the LP's last solve

        long GlobalBound(long processing = long.MaxValue)
        {
            var lowest = Math.Min(processing, stuck);
            if (open.TryPeek(out _, out var key))
            {
                lowest = Math.Min(lowest, key.Item1);
            }
            return Math.Min(lowest, bestValue);
        }

        void Report(long processing)
        {
            var bound = GlobalBound(processing);
            if (bestValue < reported.Value || bound > reported.Bound)
            {
                reported = (bestValue, bound);
                onProgress?.Invoke(bestValue, bound);
            }
            if (Log is not null && clock.Elapsed >= nextLog)
            {
                nextLog = clock.Elapsed + LogEvery;
                Log($"bnp t {clock.Elapsed.TotalSeconds:0.0} nodes {nodes} open {open.Count} bound {bound} incumbent {bestValue} columns {pool.Sum(p => p.Count)} price/node {(nodes == 0 ? 0 : PriceSeconds / nodes):0.000}s lp/node {(nodes == 0 ? 0 : LpSeconds / nodes):0.000}s solves/node {(nodes == 0 ? 0 : (double)LpSolves / nodes):0.0} simplex iterations/node {(nodes == 0 ? 0 : LpIterations / nodes)} inexact {Inexact}");
            }
        }

        bool TimeLeft() => clock.Elapsed < timeLimit && !cancellationToken.IsCancellationRequested;

        while (TimeLeft() && open.TryDequeue(out var chosen, out _))
        {
            if (chosen.Bound >= bestValue)
            {
                open.Clear(); // best bound first: every other open node is pruned too
                break;
            }
            var node = chosen;
            completedAt = int.MaxValue;
            sinceCompleted = 0;
            // Plunges find plans; single best-bound nodes raise the bound: each gets about half the time.
            var plunging = plungeSeconds <= clock.Elapsed.TotalSeconds / 2;
            var plungeWatch = Stopwatch.StartNew();
            for (var plunge = 0; node is not null && TimeLeft(); plunge++)
            {
                var (bound, children, interrupted) = Process(node, plunging && plunge > 0 ? PlungeIterations : int.MaxValue, plunging);
                nodes++;
                if (interrupted)
                {
                    node = node with { Bound = bound };
                    break; // the time is up: the node stays open below
                }
                Report(bound);
                if (children is null)
                {
                    node = null;
                    continue;
                }
                var (dive, other) = children.Value;
                if (plunging && plunge < PlungeDepth)
                {
                    open.Enqueue(other, (other.Bound, -other.Depth));
                    node = dive;
                }
                else
                {
                    open.Enqueue(other, (other.Bound, -other.Depth));
                    open.Enqueue(dive, (dive.Bound, -dive.Depth));
                    node = null;
                }
            }
            if (plunging)
            {
                plungeSeconds += plungeWatch.Elapsed.TotalSeconds;
            }
            if (node is not null)
            {
                open.Enqueue(node, (node.Bound, -node.Depth)); // interrupted by the time limit: still open
            }
        }
        var closed = open.Count == 0 && stuck == long.MaxValue && !cancellationToken.IsCancellationRequested && clock.Elapsed < timeLimit;
        var finalBound = closed ? bestValue : GlobalBound();
        ColumnCount = pool.Sum(p => p.Count);
        Log?.Invoke($"bnp end t {clock.Elapsed.TotalSeconds:0.0} nodes {nodes} open {open.Count} bound {finalBound} incumbent {bestValue} closed {closed}");
        return new BranchAndPriceResult(finalBound, ReferenceEquals(best, incumbent) ? null : best, bestValue, nodes, open.Count, closed);

        // Column generation at one node; returns its bound and, when it must be split, its two children (the
        // plunge's first).
        (long Bound, (Node Dive, Node Other)? Children, bool Interrupted) Process(Node node, int maxIterations, bool inPlunge)
        {
            // Restrict pricing and the columns to the node's decisions.
            Array.Clear(allowedHere);
            foreach (var d in node.Decisions)
            {
                var allowed = allowedHere[d.I] ??= _pricing.AllowedCopy(d.I);
                var nc = _pricing.Candidates(d.I);
                var k = _pricing.CandidatePosition(d.I, d.S);
                for (var kk = 0; kk < nc; kk++)
                {
                    if (d.At ? kk != k : kk == k)
                    {
                        allowed[(d.T * nc) + kk] = false;
                    }
                }
            }
            var solveLog = NodeLog is null ? null : new StringBuilder();
            if (columnsSinceSolve)
            {
                // A column priced after the last solve has a negative reduced cost, so once the bounds change the
                // last basis is neither primal nor dual feasible, and GLOP then solved from scratch (mission-60:
                // 8,500-9,600 simplex iterations, 3-5 s, each node's first solve). Solved first with the new
                // columns (primal simplex, warm: 20-400 iterations), the basis stays dual feasible through the
                // change of bounds below, and the node's first solve takes 400-1,800.
                SolveLp("use_preprocessing:false use_dual_simplex:false", solveLog, "columns ");
            }
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < pool[i].Count; c++)
                {
                    vars[i][c].SetUb(Compatible(node, i, pool[i][c]) ? double.PositiveInfinity : 0);
                }
            }
            var nodeBound = node.Bound;
            var first = true;
            var iterations = 0;
            var lpValue = 0.0;
            while (TimeLeft())
            {
                iterations++;
                // After the bounds change the last basis stays dual feasible (dual simplex); after columns are
                // added it stays primal feasible (primal simplex).
                var status = SolveLp(first ? "use_preprocessing:false use_dual_simplex:true" : "use_preprocessing:false use_dual_simplex:false", solveLog, "");
                first = false;
                if (status != Solver.ResultStatus.OPTIMAL && TimeLeft())
                {
                    // GLOP's warm start can fail after a change of bounds (measured: ABNORMAL in plunges); from scratch.
                    NodeLog?.Invoke($"node depth {node.Depth}: LP {status}, solved again from scratch");
                    lp.Reset();
                    status = SolveLp("", solveLog, "again ");
                }
                if (status != Solver.ResultStatus.OPTIMAL)
                {
                    if (TimeLeft())
                    {
                        stuck = Math.Min(stuck, nodeBound); // kept in the global bound, never split
                        return (nodeBound, null, false);
                    }
                    return (nodeBound, null, true); // out of time: the caller keeps the node open
                }
                lpValue = objective.Value();
                master.ReadDuals(duals, prices, pi, Scale);
                // Values are read before any column is added (that invalidates the LP's solution).
                var values = vars.Select(v => v.Select(x => x.SolutionValue()).ToArray()).ToArray();
                var artificialUsed = artificial.Any(a => a.SolutionValue() > 1e-6);
                if (!artificialUsed)
                {
                    Candidate(values);
                }
                var lagrangian = PriceAll();
                if (lagrangian == long.MaxValue)
                {
                    return (long.MaxValue, null, false); // an officer has no schedule under these decisions
                }
                nodeBound = Math.Max(nodeBound, Bound(lagrangian));
                if (nodeBound >= bestValue)
                {
                    NodeLog?.Invoke($"node depth {node.Depth} pruned bound {nodeBound} lp {lpValue:0.0} iterations {iterations} solves{solveLog}");
                    return (nodeBound, null, false);
                }
                var added = 0;
                for (var i = 0; i < n; i++)
                {
                    if (paths[i][0] >= 0 && ReducedCost(i, paths[i]) < -1e-6 && !master.Contains(i, paths[i]))
                    {
                        ColumnPriced?.Invoke(node.Decisions, i, paths[i]);
                        Add(i, (int[])paths[i].Clone());
                        columnsSinceSolve = true;
                        added++;
                    }
                }
                if (added > 0 && (iterations < maxIterations || artificialUsed))
                {
                    continue;
                }
                // Converged (as far as pricing sees), or a plunge's node at its iteration cap: split on the most
                // fractional posting (the node's bound stays the Lagrangian value so far, valid either way).
                if (artificialUsed)
                {
                    stuck = Math.Min(stuck, nodeBound); // an officer without a column pricing could find
                    return (nodeBound, null, false);
                }
                var (bi, bt, bs, bv) = (-1, -1, -1, 2.0);
                var sum = new Dictionary<int, double>();
                for (var i = 0; i < n; i++)
                {
                    for (var t = 0; t < periods; t++)
                    {
                        sum.Clear();
                        for (var c = 0; c < values[i].Length; c++)
                        {
                            if (values[i][c] > 1e-9)
                            {
                                var s = pool[i][c][t];
                                sum[s] = sum.GetValueOrDefault(s) + values[i][c];
                            }
                        }
                        foreach (var (s, v) in sum)
                        {
                            if (v > 1e-6 && v < 1 - 1e-6 && Math.Abs(v - 0.5) < bv)
                            {
                                (bi, bt, bs, bv) = (i, t, s, Math.Abs(v - 0.5));
                            }
                        }
                    }
                }
                var fractional = 0;
                for (var i = 0; i < n; i++)
                {
                    fractional += values[i].Any(v => v > 1e-6 && v < 1 - 1e-6) ? 1 : 0;
                }
                if (bi >= 0 && Complete is not null && inPlunge && (fractional <= Math.Min(CompleteAt, completedAt - CompleteStep) || ++sinceCompleted >= CompleteEvery))
                {
                    completedAt = Math.Min(completedAt, fractional <= CompleteAt ? fractional : int.MaxValue);
                    sinceCompleted = 0;
                    var partial = new int[]?[n];
                    var start = new int[n][];
                    for (var i = 0; i < n; i++)
                    {
                        var c = Array.IndexOf(values[i], values[i].Max());
                        start[i] = pool[i][c];
                        partial[i] = values[i][c] >= 1 - 1e-6 ? pool[i][c] : null;
                    }
                    if (Complete?.Invoke(partial, start) is { } plan)
                    {
                        Offer(plan, "completed");
                    }
                }
                if (bi < 0 && added > 0)
                {
                    continue; // integral but not converged: price on
                }
                if (bi < 0)
                {
                    // Integral: Candidate took it. Closed only when the bound proves it the node's best (a pricing
                    // past its node limit may have missed a better column).
                    if (nodeBound < bestValue)
                    {
                        stuck = Math.Min(stuck, nodeBound);
                    }
                    return (nodeBound, null, false);
                }
                NodeLog?.Invoke($"node depth {node.Depth} bound {nodeBound} lp {lpValue:0.0} iterations {iterations} branch o{bi} t{bt} s{bs} {0.5 - bv:0.00}..{0.5 + bv:0.00} fractional officers {fractional} t {clock.Elapsed.TotalSeconds:0.0} solves{solveLog}");
                var one = new Node([.. node.Decisions, new Decision(bi, bt, bs, true)], nodeBound, node.Depth + 1);
                var zero = new Node([.. node.Decisions, new Decision(bi, bt, bs, false)], nodeBound, node.Depth + 1);
                return (nodeBound, (one, zero), false);
            }
            return (nodeBound, null, true);
        }

        // One solve of the master LP with GLOP's parameters, timed and counted (with its simplex iterations).
        Solver.ResultStatus SolveLp(string parameters, StringBuilder? log, string what)
        {
            lp.SetSolverSpecificParametersAsString(parameters);
            var watch = Stopwatch.StartNew();
            lp.SetTimeLimit((long)Math.Max(10, (timeLimit - clock.Elapsed).TotalMilliseconds));
            var status = lp.Solve();
            LpSeconds += watch.Elapsed.TotalSeconds;
            LpSolves++;
            LpIterations += lp.Iterations();
            columnsSinceSolve = false;
            log?.Append(CultureInfo.InvariantCulture, $" {what}{watch.Elapsed.TotalMilliseconds:0}ms/{lp.Iterations()}it");
            return status;
        }

        // The LP rounded (each officer's largest column) and, when integral, the LP's plan: incumbent candidates.
        void Candidate(double[][] values)
        {
            var plan = new int[n][];
            for (var i = 0; i < n; i++)
            {
                var (argmax, max) = (-1, -1.0);
                for (var c = 0; c < values[i].Length; c++)
                {
                    if (values[i][c] > max)
                    {
                        (argmax, max) = (c, values[i][c]);
                    }
                }
                if (argmax < 0)
                {
                    return;
                }
                plan[i] = pool[i][argmax];
            }
            Offer(plan, "LP rounding");
        }

        void Offer(int[][] plan, string how)
        {
            var value = RotationPlanner.ComponentObjective(_index, plan, _officers, _sites);
            if (value < bestValue && plan.Select((p, i) => Schedules.IsValid(_index, _officers[i], p)).All(v => v))
            {
                best = [.. plan.Select(p => (int[])p.Clone())];
                bestValue = value;
                Log?.Invoke($"bnp incumbent {value} ({how}) at {clock.Elapsed.TotalSeconds:0.0} s, node {nodes}");
            }
        }

        double ReducedCost(int i, int[] column) => master.ReducedCost(i, column, Schedules.Cost(_index, _officers[i], column, withStability: false), pi[i], duals);

        // The Lagrangian value at the scaled prices (long.MaxValue when an officer has no schedule at all).
        long PriceAll()
        {
            var watch = Stopwatch.StartNew();
            var total = 0L;
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    total += prices[j][t] * required[j];
                }
            }
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, wk =>
            {
                for (var i = wk; i < n; i += workers)
                {
                    paths[i] = new int[periods];
                    var (value, path, isExact) = _pricing.PriceExact(i, prices, Scale, scratch[wk], paths[i], false, NodeLimit, allowedHere[i]);
                    reduced[i] = value;
                    exact[i] = isExact;
                    if (isExact && path >= LagrangianBound.Infinity)
                    {
                        reduced[i] = long.MaxValue;
                    }
                }
            });
            PriceSeconds += watch.Elapsed.TotalSeconds;
            Inexact += exact.Count(e => !e);
            if (reduced.Any(r => r == long.MaxValue))
            {
                return long.MaxValue;
            }
            return total + reduced.Sum();
        }
    }

    /// <summary>Whether a column keeps every decision of the node about its officer.</summary>
    private static bool Compatible(Node node, int i, int[] column)
    {
        foreach (var d in node.Decisions)
        {
            if (d.I == i && (column[d.T] == d.S) != d.At)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A scaled Lagrangian value rounded up to the objective's integer units (the objective is an integer).</summary>
    private static long Bound(long scaled) => scaled <= 0 ? 0 : (scaled + Scale - 1) / Scale;
}
