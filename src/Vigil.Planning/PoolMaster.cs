using Google.OrTools.LinearSolver;

namespace Vigil.Planning;

/// <summary>
/// Price and branch: the integer master over a pool of schedules solved as a MIP (SCIP through OR-Tools'
/// LinearSolver, CBC when SCIP is missing). Each officer takes exactly one pooled schedule, each site-period is
/// covered at least its requirement minus an integer slack costed <c>uncovered</c>. A set partitioning with LP
/// bounding, which a MIP solver handles far better than CP-SAT (no LP in CP-SAT's default two workers). Schedule
/// costs are exact and computed outside the solver. Its own bound is over the pool only, never a proven bound
/// for the problem, so only its plan is used.
/// </summary>
internal sealed class PoolMaster
{
    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly List<int[]>[] _columns;
    private readonly long[][] _costs;

    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="columns">Candidate schedules per component officer; invalid and duplicate ones are dropped here.</param>
    /// <param name="withStability">Add the re-planning stability cost to schedule costs.</param>
    public PoolMaster(PlanningIndex index, int[] officers, int[] sites, IEnumerable<int[]>[] columns, bool withStability = true)
    {
        _index = index;
        _officers = officers;
        _sites = sites;
        _columns = new List<int[]>[officers.Length];
        _costs = new long[officers.Length][];
        for (var i = 0; i < officers.Length; i++)
        {
            var set = new HashSet<int[]>(LagrangianBound.SequenceComparer.Instance);
            _columns[i] = [.. columns[i].Where(c => set.Add(c) && Schedules.IsValid(index, officers[i], c))];
            _costs[i] = [.. _columns[i].Select(c => Schedules.Cost(index, officers[i], c, withStability))];
        }
    }

    /// <summary>Pooled schedules after dropping invalid and duplicate ones.</summary>
    public int Columns => _columns.Sum(c => c.Count);

    /// <summary>The MIP's status of the last solve (for the benchmark's diagnostics).</summary>
    public string LastStatus { get; private set; } = "";

    /// <summary>The MIP's best bound over the pool in the last solve (not a bound for the problem).</summary>
    public double PoolBound { get; private set; }

    /// <summary>
    /// Chooses one pooled schedule per officer, hinted with <paramref name="hint"/>. Returns the chosen schedules
    /// (null when the solver found none) and the model's objective (the component's exact objective).
    /// </summary>
    public (int[][]? Sites, long Objective) Solve(int[][]? hint, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        if (_columns.Any(c => c.Count == 0) || timeLimit < TimeSpan.FromSeconds(0.05))
        {
            return (null, long.MaxValue);
        }
        var problem = _index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        using var solver = Solver.CreateSolver(Environment.GetEnvironmentVariable("VIGIL_MIP") ?? "SCIP") ?? Solver.CreateSolver("CBC");
        if (solver is null)
        {
            return (null, long.MaxValue);
        }
        var objective = solver.Objective();
        objective.SetMinimization();
        var slot = new Dictionary<int, int>();
        for (var j = 0; j < _sites.Length; j++)
        {
            slot[_sites[j]] = j;
        }
        var cover = new Constraint?[_sites.Length, periods];
        var slack = new Variable?[_sites.Length, periods];
        var constant = 0L;
        var present = new bool[_sites.Length, periods];
        for (var i = 0; i < _officers.Length; i++)
        {
            var onLeave = _index.OnLeave[_officers[i]];
            foreach (var column in _columns[i])
            {
                for (var t = 0; t < periods; t++)
                {
                    if (!onLeave[t] && slot.TryGetValue(column[t], out var j))
                    {
                        present[j, t] = true;
                    }
                }
            }
        }
        for (var j = 0; j < _sites.Length; j++)
        {
            var required = Math.Max(0, problem.Sites[_sites[j]].RequiredOfficers);
            for (var t = 0; t < periods && required > 0; t++)
            {
                if (!present[j, t])
                {
                    constant += wU * required; // no pooled schedule can cover it
                    continue;
                }
                var u = slack[j, t] = solver.MakeIntVar(0, required, "");
                objective.SetCoefficient(u, wU);
                var row = cover[j, t] = solver.MakeConstraint(required, double.PositiveInfinity, "");
                row.SetCoefficient(u, 1);
            }
        }
        var y = new Variable[_officers.Length][];
        var hintVars = new List<Variable>();
        var hintValues = new List<double>();
        var covered = new int[_sites.Length, periods];
        for (var i = 0; i < _officers.Length; i++)
        {
            var onLeave = _index.OnLeave[_officers[i]];
            var one = solver.MakeConstraint(1, 1, "");
            y[i] = new Variable[_columns[i].Count];
            for (var c = 0; c < _columns[i].Count; c++)
            {
                var v = y[i][c] = solver.MakeBoolVar("");
                objective.SetCoefficient(v, _costs[i][c]);
                one.SetCoefficient(v, 1);
                var column = _columns[i][c];
                for (var t = 0; t < periods; t++)
                {
                    if (!onLeave[t] && slot.TryGetValue(column[t], out var j) && cover[j, t] is { } row)
                    {
                        row.SetCoefficient(v, 1);
                    }
                }
                if (hint is not null)
                {
                    var chosen = hint[i].AsSpan().SequenceEqual(column);
                    hintVars.Add(v);
                    hintValues.Add(chosen ? 1 : 0);
                    for (var t = 0; t < periods && chosen; t++)
                    {
                        if (!onLeave[t] && slot.TryGetValue(column[t], out var j))
                        {
                            covered[j, t]++;
                        }
                    }
                }
            }
        }
        if (hint is not null)
        {
            for (var j = 0; j < _sites.Length; j++)
            {
                for (var t = 0; t < periods; t++)
                {
                    if (slack[j, t] is { } u)
                    {
                        hintVars.Add(u);
                        hintValues.Add(Math.Max(0, problem.Sites[_sites[j]].RequiredOfficers - covered[j, t]));
                    }
                }
            }
            solver.SetHint([.. hintVars], [.. hintValues]);
        }
        if (Environment.GetEnvironmentVariable("VIGIL_MIP_PARAMS") is { } extra)
        {
            solver.SetSolverSpecificParametersAsString(extra.Replace(';', '\n'));
        }
        if (Environment.GetEnvironmentVariable("VIGIL_MIP_LOG") == "1")
        {
            solver.EnableOutput();
        }
        solver.SetTimeLimit((long)Math.Max(50, timeLimit.TotalMilliseconds));
        using var registration = cancellationToken.Register(() => solver.InterruptSolve());
        var status = solver.Solve();
        LastStatus = status.ToString();
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return (null, long.MaxValue);
        }
        PoolBound = objective.BestBound() + constant;
        var result = new int[_officers.Length][];
        for (var i = 0; i < _officers.Length; i++)
        {
            var (best, value) = (0, -1.0);
            for (var c = 0; c < y[i].Length; c++)
            {
                if (y[i][c].SolutionValue() > value)
                {
                    (best, value) = (c, y[i][c].SolutionValue());
                }
            }
            result[i] = (int[])_columns[i][best].Clone();
        }
        return (result, (long)Math.Round(objective.Value()) + constant);
    }
}
