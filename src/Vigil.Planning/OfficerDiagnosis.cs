using Google.OrTools.Sat;

namespace Vigil.Planning;

/// <summary>
/// Whether one officer can be posted in every period under the hard rules, and if not, why. The hard rules
/// bind each officer separately (coverage is only a cost), so the problem is feasible exactly when every
/// officer is. Each rule family and each pin is switched on by an assumption literal; CP-SAT's core of
/// assumptions, shrunk one literal at a time, names a small set that cannot hold together.
/// </summary>
internal static class OfficerDiagnosis
{
    /// <summary>Null when the officer can be posted in every period (or that could not be settled in time), else the reasons in words.</summary>
    /// <param name="index">The problem's lookups.</param>
    /// <param name="o">The officer.</param>
    /// <param name="timeLimit">The most each solve may take (null: 10 s); a solve stopped by it counts as feasible.</param>
    /// <param name="cancellationToken">Stops a running solve (then likewise feasible).</param>
    public static string? Explain(PlanningIndex index, int o, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        var problem = index.Problem;
        var rules = problem.Rules;
        var officer = problem.Officers[o];
        var periods = problem.Periods;
        var pins = problem.Pinned.Where(p => p.OfficerId == officer.Id).ToList();
        var siteIds = Enumerable.Range(0, problem.Sites.Count)
            .Where(s => rules.CrossMissionMoves || problem.Sites[s].Mission == officer.Mission
                || pins.Any(p => p.SiteId == problem.Sites[s].Id))
            .ToArray();
        var current = index.Current[o];
        var model = new CpModel();
        var x = new BoolVar[periods, siteIds.Length];
        for (var t = 0; t < periods; t++)
        {
            var row = new List<ILiteral>();
            for (var k = 0; k < siteIds.Length; k++)
            {
                row.Add(x[t, k] = model.NewBoolVar(""));
            }
            model.AddExactlyOne(row);
        }
        var assumptions = new List<(BoolVar Literal, string Words)>();
        BoolVar Assume(string words)
        {
            var a = model.NewBoolVar(words);
            assumptions.Add((a, words));
            return a;
        }

        var coiSites = siteIds.Where(s => Rules.HasConflictOfInterest(problem.Sites[s], officer)).ToList();
        if (coiSites.Count > 0)
        {
            var a = Assume($"the conflict-of-interest rule (sites {Names(problem, coiSites)} host {officer.Nationality} contingents)");
            for (var k = 0; k < siteIds.Length; k++)
            {
                if (coiSites.Contains(siteIds[k]))
                {
                    for (var t = 0; t < periods; t++)
                    {
                        model.AddLinearConstraint(x[t, k], 0, 0).OnlyEnforceIf(a);
                    }
                }
            }
        }
        var foreign = siteIds.Where(s => problem.Sites[s].Mission != officer.Mission).ToList();
        if (!rules.CrossMissionMoves && foreign.Count > 0)
        {
            var a = Assume($"the own-mission rule (officers of {officer.Mission} stay in {officer.Mission})");
            for (var k = 0; k < siteIds.Length; k++)
            {
                if (foreign.Contains(siteIds[k]))
                {
                    for (var t = 0; t < periods; t++)
                    {
                        model.AddLinearConstraint(x[t, k], 0, 0).OnlyEnforceIf(a);
                    }
                }
            }
        }

        var maxc = rules.MaxConsecutivePeriods;
        var tenureWords = $"tenure (at most {maxc} consecutive periods at a site"
            + (current >= 0 ? $"; {officer.PeriodsAtCurrentSite} already at {problem.Sites[current].Id})" : ")");
        var tenure = Assume(tenureWords);
        for (var k = 0; k < siteIds.Length; k++)
        {
            for (var t0 = 0; t0 + maxc < periods; t0++)
            {
                model.AddLinearConstraint(LinearExpr.Sum(Enumerable.Range(t0, maxc + 1).Select(t => x[t, k])), 0, maxc).OnlyEnforceIf(tenure);
            }
            if (siteIds[k] == current)
            {
                var left = maxc - officer.PeriodsAtCurrentSite;
                if (left <= 0)
                {
                    model.AddLinearConstraint(x[0, k], 0, 0).OnlyEnforceIf(tenure);
                }
                else if (left < periods)
                {
                    model.AddLinearConstraint(LinearExpr.Sum(Enumerable.Range(0, left + 1).Select(t => x[t, k])), 0, left).OnlyEnforceIf(tenure);
                }
            }
        }

        var minret = rules.MinPeriodsBeforeReturn;
        var recent = index.Earliest[o].Where(e => e.Value > 0).Select(e => e.Key).ToList();
        var returnRule = Assume($"no early return ({minret} periods before going back to a site"
            + (recent.Count > 0 ? $"; recently left {Names(problem, recent)})" : ")"));
        for (var k = 0; k < siteIds.Length; k++)
        {
            var from = index.Earliest[o].GetValueOrDefault(siteIds[k], 0);
            for (var t = 0; t < Math.Min(from, periods); t++)
            {
                model.AddLinearConstraint(x[t, k], 0, 0).OnlyEnforceIf(returnRule);
            }
            var arrivals = new BoolVar[periods];
            for (var t = 1; t < periods; t++)
            {
                arrivals[t] = model.NewBoolVar("");
                model.AddLinearConstraint(LinearExpr.NewBuilder().Add(arrivals[t]).AddTerm(x[t, k], -1).Add(x[t - 1, k]), 0, 1);
            }
            for (var t = 0; t < periods; t++)
            {
                var window = Enumerable.Range(t + 1, Math.Max(0, Math.Min(periods - 1, t + minret - 1) - t)).Select(u => arrivals[u]).ToList();
                if (window.Count == 0 || (t == 0 && siteIds[k] != current))
                {
                    continue;
                }
                var e = LinearExpr.NewBuilder().AddSum(window).AddTerm(x[t, k], -1);
                if (t == 0)
                {
                    e.Add(1);
                }
                else
                {
                    e.Add(x[t - 1, k]);
                }
                model.AddLinearConstraint(e, long.MinValue, 1).OnlyEnforceIf(returnRule);
            }
        }
        foreach (var pin in pins.DistinctBy(p => (p.Period, p.SiteId)))
        {
            var a = Assume($"the pinned posting at {pin.SiteId} in period {pin.Period}");
            var k = Array.IndexOf(siteIds, problem.SiteIndex(pin.SiteId));
            model.AddLinearConstraint(x[pin.Period, k], 1, 1).OnlyEnforceIf(a);
        }

        var active = assumptions.Select(a => a.Literal).ToList();
        var seconds = Math.Max(0.01, Math.Min(10, (timeLimit ?? TimeSpan.FromSeconds(10)).TotalSeconds));
        if (Feasible(model, active, seconds, cancellationToken, out var core))
        {
            return null;
        }
        // Shrink the core: drop each literal whose absence keeps the conflict.
        var needed = assumptions.Where(a => core.Contains(a.Literal.GetIndex())).Select(a => a.Literal).ToList();
        foreach (var literal in needed.ToList())
        {
            var without = needed.Where(l => !ReferenceEquals(l, literal)).ToList();
            if (!Feasible(model, without, seconds, cancellationToken, out _))
            {
                needed = without;
            }
        }
        var open = index.Eligible[o];
        var where = rules.CrossMissionMoves ? "in any mission" : "in " + officer.Mission;
        var sitesNote = open.Length <= 12
            ? $" Sites open to them {where}: {(open.Length == 0 ? "none" : Names(problem, open))}."
            : "";
        var reasons = assumptions.Where(a => needed.Any(l => ReferenceEquals(l, a.Literal))).Select(a => a.Words).ToList();
        return reasons.Count == 0
            ? $"{officer.Id} ({officer.Nationality}, {officer.Mission}) cannot be posted at any site in all {periods} periods.{sitesNote}"
            : $"{officer.Id} ({officer.Nationality}, {officer.Mission}) cannot be posted in all {periods} periods under these rules together: "
                + string.Join("; ", reasons) + "." + sitesNote;
    }

    private static bool Feasible(CpModel model, List<BoolVar> assumptions, double seconds, CancellationToken cancellationToken, out HashSet<int> core)
    {
        model.ClearAssumptions();
        model.AddAssumptions(assumptions);
        using var solver = new CpSolver();
        solver.StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"num_workers:1 max_time_in_seconds:{seconds:0.###}");
        if (cancellationToken.IsCancellationRequested)
        {
            core = [];
            return true; // StopSearch before Solve is lost: a cancelled run must not start one
        }
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        core = status == CpSolverStatus.Infeasible ? [.. solver.SufficientAssumptionsForInfeasibility()] : [];
        return status != CpSolverStatus.Infeasible;
    }

    private static string Names(RotationProblem problem, IEnumerable<int> sites) => string.Join(", ", sites.Select(s => problem.Sites[s].Id));
}
