using Google.OrTools.Sat;

namespace Vigil.Planning;

/// <summary>
/// The schedule (set-partitioning) model of one component: each officer takes exactly one of a set of candidate
/// schedules (whole-horizon site sequences that keep the officer's hard rules), and coverage is counted over the
/// chosen ones. Each schedule's cost (language gaps, moves, kilometres) is exact and computed outside the solver,
/// so moves and travel need no variables at all; the LP relaxation of this model is the Lagrangian bound's
/// restricted to the candidates, far tighter than the compact model's. Candidates come from the Lagrangian
/// relaxation's shortest paths (cheap schedules under coverage prices), the greedy plan and the best plan so far.
/// </summary>
internal sealed class ScheduleModel
{
    private readonly PlanningIndex _index;
    private readonly int[] _officers;
    private readonly int[] _sites;
    private readonly List<int[]>[] _columns;
    private readonly long[][] _costs;

    /// <param name="index">The problem's lookups.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="columns">Candidate schedules per component officer; invalid ones are dropped here.</param>
    public ScheduleModel(PlanningIndex index, int[] officers, int[] sites, IEnumerable<int[]>[] columns)
    {
        _index = index;
        _officers = officers;
        _sites = sites;
        _columns = new List<int[]>[officers.Length];
        _costs = new long[officers.Length][];
        for (var i = 0; i < officers.Length; i++)
        {
            var set = new HashSet<int[]>(LagrangianBound.SequenceComparer.Instance);
            _columns[i] = [.. columns[i].Where(c => Schedules.IsValid(index, officers[i], c) && set.Add(c))];
            _costs[i] = [.. _columns[i].Select(c => Schedules.Cost(index, officers[i], c))];
        }
    }

    /// <summary>Candidate schedules per officer after dropping invalid and duplicate ones.</summary>
    public int Columns => _columns.Sum(c => c.Count);

    /// <summary>Whether the last <see cref="Solve"/> proved its plan optimal over these columns.</summary>
    public bool Proven { get; private set; }

    /// <summary>
    /// Chooses one schedule per officer. Returns the chosen site sequences (null when none was found, e.g. an
    /// officer has no valid candidate) and the model's objective, which is the component's exact objective.
    /// </summary>
    /// <param name="hint">The current plan (site per officer and period), or null.</param>
    /// <param name="timeLimit">Wall-clock budget.</param>
    /// <param name="options">Threads and seed.</param>
    /// <param name="cancellationToken">Stops the search early.</param>
    /// <param name="stopAt">A proven lower bound: a plan reaching it is optimal, so the search stops there.</param>
    public (int[][]? Sites, long Objective) Solve(int[][]? hint, TimeSpan timeLimit, PlannerOptions options, CancellationToken cancellationToken, long stopAt = long.MinValue)
    {
        if (_columns.Any(c => c.Count == 0))
        {
            return (null, long.MaxValue);
        }
        var problem = _index.Problem;
        var periods = problem.Periods;
        var w = problem.Rules.Weights;
        var model = new CpModel();
        var obj = LinearExpr.NewBuilder();
        var slot = new Dictionary<int, int>();
        for (var j = 0; j < _sites.Length; j++)
        {
            slot[_sites[j]] = j;
        }
        var present = new List<ILiteral>?[_sites.Length, periods];
        var y = new BoolVar[_officers.Length][];
        for (var i = 0; i < _officers.Length; i++)
        {
            var onLeave = _index.OnLeave[_officers[i]];
            y[i] = new BoolVar[_columns[i].Count];
            for (var j = 0; j < _columns[i].Count; j++)
            {
                var v = y[i][j] = model.NewBoolVar("");
                obj.AddTerm(v, _costs[i][j]);
                var column = _columns[i][j];
                for (var t = 0; t < periods; t++)
                {
                    if (!onLeave[t] && slot.TryGetValue(column[t], out var s))
                    {
                        (present[s, t] ??= []).Add(v);
                    }
                }
                if (hint is not null)
                {
                    model.AddHint(v, hint[i].AsSpan().SequenceEqual(column));
                }
            }
            model.AddExactlyOne(y[i]);
        }
        for (var s = 0; s < _sites.Length; s++)
        {
            var required = problem.Sites[_sites[s]].RequiredOfficers;
            for (var t = 0; t < periods && required > 0; t++)
            {
                if (present[s, t] is not { } lits)
                {
                    obj.Add(w.Uncovered * required);
                    continue;
                }
                var u = model.NewIntVar(0, required, "");
                obj.AddTerm(u, w.Uncovered);
                model.AddLinearConstraint(LinearExpr.NewBuilder().Add(u).AddSum(lits), required, long.MaxValue);
                if (hint is not null)
                {
                    var covered = 0;
                    for (var i = 0; i < _officers.Length; i++)
                    {
                        if (hint[i][t] == _sites[s] && !_index.OnLeave[_officers[i]][t])
                        {
                            covered++;
                        }
                    }
                    model.AddHint(u, Math.Max(0, required - covered));
                }
            }
        }
        model.Minimize(obj);
        using var solver = new CpSolver();
        solver.StringParameters = string.Join(' ',
            $"num_workers:{Math.Max(1, options.Threads)}",
            $"max_time_in_seconds:{Math.Max(0.05, timeLimit.TotalSeconds).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}",
            $"random_seed:{options.RandomSeed}",
            "symmetry_level:0",
            options.ExtraSolverParameters);
        if (cancellationToken.IsCancellationRequested)
        {
            // StopSearch before Solve is lost (it only reaches a running solve), so a cancelled run must not start one.
            return (null, long.MaxValue);
        }
        using var registration = cancellationToken.Register(solver.StopSearch);
        using var callback = new StopAt(stopAt);
        var status = solver.Solve(model, callback);
        // A search stopped by the callback at the known bound is optimal too.
        Proven = status == CpSolverStatus.Optimal || (status == CpSolverStatus.Feasible && Math.Round(solver.ObjectiveValue) <= stopAt);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return (null, long.MaxValue);
        }
        var chosen = new int[_officers.Length][];
        for (var i = 0; i < _officers.Length; i++)
        {
            var j = Array.FindIndex(y[i], v => solver.BooleanValue(v));
            chosen[i] = (int[])_columns[i][j].Clone();
        }
        return (chosen, (long)Math.Round(solver.ObjectiveValue));
    }
}

/// <summary>Stops CP-SAT once a solution reaches a known lower bound (it is then optimal).</summary>
internal sealed class StopAt(long bound) : CpSolverSolutionCallback
{
    public override void OnSolutionCallback()
    {
        if (ObjectiveValue() <= bound + 0.5)
        {
            StopSearch();
        }
    }
}

/// <summary>One officer's schedule (site index per period) against the rules that bind one officer alone.</summary>
internal static class Schedules
{
    /// <summary>Whether the schedule keeps rules 2 to 6 for the officer (coverage is not a hard rule).</summary>
    public static bool IsValid(PlanningIndex index, int o, int[] seq)
    {
        var problem = index.Problem;
        var rules = problem.Rules;
        var officer = problem.Officers[o];
        if (seq.Length != problem.Periods)
        {
            return false;
        }
        var current = index.Current[o];
        var earliest = new Dictionary<int, int>(index.Earliest[o]);
        var run = 0;
        var prev = current;
        for (var t = 0; t < seq.Length; t++)
        {
            var s = seq[t];
            if (s < 0 || Array.BinarySearch(index.Eligible[o], s) < 0 || (index.Pins[o][t] != -1 && index.Pins[o][t] != s))
            {
                return false;
            }
            if (s == prev)
            {
                run = t == 0 ? officer.PeriodsAtCurrentSite + 1 : run + 1;
            }
            else
            {
                if (prev >= 0)
                {
                    earliest[prev] = Math.Max(earliest.GetValueOrDefault(prev, 0), t + rules.MinPeriodsBeforeReturn);
                }
                if (t < earliest.GetValueOrDefault(s, 0))
                {
                    return false;
                }
                run = 1;
            }
            if (run > rules.MaxConsecutivePeriods)
            {
                return false;
            }
            prev = s;
        }
        return true;
    }

    /// <summary>
    /// Schedules near <paramref name="seq"/> for the integer master to recombine: each stay (a maximal run at one
    /// site) moved to one of the <paramref name="nearest"/> eligible sites closest to it, and each move brought one
    /// period earlier or later. Some break a rule; the master drops those. (Every eligible site instead of the
    /// nearest few would double the master on 60 sites.)
    /// </summary>
    public static IEnumerable<int[]> Neighbours(PlanningIndex index, int o, int[] seq, int nearest = 8)
    {
        var periods = seq.Length;
        var start = 0;
        while (start < periods)
        {
            var end = start;
            while (end + 1 < periods && seq[end + 1] == seq[start])
            {
                end++;
            }
            var here = seq[start];
            foreach (var s in index.Eligible[o].OrderBy(s => index.Km[here, s]).Take(nearest + 1))
            {
                if (s == seq[start] || (start > 0 && seq[start - 1] == s) || (end + 1 < periods && seq[end + 1] == s))
                {
                    continue;
                }
                var copy = (int[])seq.Clone();
                Array.Fill(copy, s, start, end - start + 1);
                yield return copy;
            }
            if (start > 0)
            {
                // The move at `start` one period later (the previous stay extended) and one period earlier.
                var later = (int[])seq.Clone();
                later[start] = seq[start - 1];
                yield return later;
                var earlier = (int[])seq.Clone();
                earlier[start - 1] = seq[start];
                yield return earlier;
            }
            start = end + 1;
        }
    }

    /// <summary>The schedule's exact cost: language gaps, moves, kilometres and stability when re-planning (coverage is counted elsewhere).</summary>
    public static long Cost(PlanningIndex index, int o, int[] seq, bool withStability = true)
    {
        var (languageGap, move, travelKm) = Terms(index, o, seq);
        var cost = languageGap + move + travelKm;
        for (var t = 0; withStability && t < seq.Length; t++)
        {
            cost += index.Stability(o, t, seq[t]);
        }
        return cost;
    }

    /// <summary>The schedule's objective terms in objective units (coverage is counted elsewhere).</summary>
    public static (long LanguageGap, long Move, long TravelKm) Terms(PlanningIndex index, int o, int[] seq)
    {
        var problem = index.Problem;
        var w = problem.Rules.Weights;
        var officer = problem.Officers[o];
        var (languageGap, move, travelKm) = (0L, 0L, 0L);
        var prev = index.Current[o];
        foreach (var s in seq)
        {
            if (Rules.HasLanguageGap(problem.Sites[s], officer))
            {
                languageGap += w.LanguageGap;
            }
            if (prev >= 0 && prev != s)
            {
                move += w.Move;
                travelKm += w.TravelKm * index.Km[prev, s];
            }
            prev = s;
        }
        return (languageGap, move, travelKm);
    }
}
