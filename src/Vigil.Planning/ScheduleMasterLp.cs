using Google.OrTools.LinearSolver;

namespace Vigil.Planning;

/// <summary>
/// The schedule master LP shared by <see cref="ColumnGeneration"/> and <see cref="BranchAndPrice"/>: per component
/// site and period a cover row (at least the requirement, minus a slack costed the uncovered weight), per officer a
/// convexity row (its columns sum to 1), and each column an officer's whole schedule.
/// </summary>
internal sealed class ScheduleMasterLp
{
    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly Dictionary<int, int> _slot = [];
    private readonly int _periods;

    /// <summary>A GLOP solver for the master LP with <paramref name="parameters"/> (GLOP's text format).</summary>
    public static Solver CreateSolver(string parameters)
    {
        var lp = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        lp.SetSolverSpecificParametersAsString(parameters);
        return lp;
    }

    public ScheduleMasterLp(Solver lp, PlanningIndex index, int[] officers, int[] sites)
    {
        _index = index;
        _officers = officers;
        var problem = index.Problem;
        _periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        for (var j = 0; j < sites.Length; j++)
        {
            _slot[sites[j]] = j;
        }
        Required = [.. sites.Select(s => Math.Max(0, problem.Sites[s].RequiredOfficers))];
        Objective = lp.Objective();
        Objective.SetMinimization();
        Cover = new Constraint?[sites.Length, _periods];
        for (var j = 0; j < sites.Length; j++)
        {
            for (var t = 0; t < _periods && Required[j] > 0; t++)
            {
                var row = Cover[j, t] = lp.MakeConstraint(Required[j], double.PositiveInfinity, "");
                var slack = lp.MakeNumVar(0, double.PositiveInfinity, "");
                Objective.SetCoefficient(slack, wU);
                row.SetCoefficient(slack, 1);
            }
        }
        Convexity = new Constraint[officers.Length];
        for (var i = 0; i < officers.Length; i++)
        {
            Convexity[i] = lp.MakeConstraint(1, 1, "");
        }
        Lp = lp;
        Pool = [.. officers.Select(_ => new List<int[]>())];
        Vars = [.. officers.Select(_ => new List<Variable>())];
        _seen = [.. officers.Select(_ => new HashSet<int[]>(LagrangianBound.SequenceComparer.Instance))];
    }

    private readonly HashSet<int[]>[] _seen;

    /// <summary>Each officer's columns, in the order of <see cref="Vars"/>.</summary>
    public List<int[]>[] Pool { get; }

    /// <summary>Each officer's column variables.</summary>
    public List<Variable>[] Vars { get; }

    /// <summary>Whether officer <paramref name="i"/> already has this schedule as a column.</summary>
    public bool Contains(int i, int[] column) => _seen[i].Contains(column);

    /// <summary>Adds officer <paramref name="i"/>'s schedule to the pool and the LP unless it is there already.</summary>
    public void Add(int i, int[] column, long cost)
    {
        if (_seen[i].Add(column))
        {
            Pool[i].Add(column);
            Vars[i].Add(AddColumn(i, column, cost));
        }
    }

    public Solver Lp { get; }

    public Objective Objective { get; }

    /// <summary>Cover rows per component site slot and period (null where nothing is required).</summary>
    public Constraint?[,] Cover { get; }

    /// <summary>Convexity rows per component officer.</summary>
    public Constraint[] Convexity { get; }

    /// <summary>Officers required per component site slot.</summary>
    public int[] Required { get; }

    /// <summary>The component slot of a problem site, or false outside the component.</summary>
    public bool TryGetSlot(int site, out int j) => _slot.TryGetValue(site, out j);

    /// <summary>Adds officer <paramref name="i"/>'s schedule as a column of cost <paramref name="cost"/>.</summary>
    private Variable AddColumn(int i, int[] column, long cost)
    {
        var v = Lp.MakeNumVar(0, double.PositiveInfinity, "");
        Objective.SetCoefficient(v, cost);
        Convexity[i].SetCoefficient(v, 1);
        var onLeave = _index.OnLeave[_officers[i]];
        for (var t = 0; t < _periods; t++)
        {
            if (!onLeave[t] && _slot.TryGetValue(column[t], out var j) && Cover[j, t] is { } row)
            {
                row.SetCoefficient(v, 1);
            }
        }
        return v;
    }

    /// <summary>
    /// Reads the solved LP's duals: cover duals clamped to [0, uncovered weight], the same scaled and rounded to
    /// integers for pricing (zero where nothing is required), and the convexity duals.
    /// </summary>
    public void ReadDuals(double[][] duals, long[][] prices, double[] pi, long scale)
    {
        var wU = _index.Problem.Rules.Weights.Uncovered;
        for (var j = 0; j < Required.Length; j++)
        {
            for (var t = 0; t < _periods; t++)
            {
                duals[j][t] = Cover[j, t] is { } row ? Math.Clamp(row.DualValue(), 0, wU) : 0;
                prices[j][t] = Math.Clamp((long)Math.Round(duals[j][t] * scale), 0, Required[j] > 0 ? wU * scale : 0);
            }
        }
        for (var i = 0; i < Convexity.Length; i++)
        {
            pi[i] = Convexity[i].DualValue();
        }
    }

    /// <summary>A column's reduced cost at the given cover duals and convexity dual.</summary>
    public double ReducedCost(int i, int[] column, long cost, double pi, double[][] duals)
    {
        var rc = cost - pi;
        var onLeave = _index.OnLeave[_officers[i]];
        for (var t = 0; t < _periods; t++)
        {
            if (!onLeave[t] && _slot.TryGetValue(column[t], out var j))
            {
                rc -= duals[j][t];
            }
        }
        return rc;
    }
}
