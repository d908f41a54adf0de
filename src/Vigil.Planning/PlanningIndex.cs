namespace Vigil.Planning;

/// <summary>Precomputed lookups over a problem shared by the checks, the greedy planner and the model.</summary>
internal sealed class PlanningIndex
{
    /// <summary>Marks a period where two pins of one officer name different sites.</summary>
    public const int ConflictingPins = -2;

    /// <param name="problem">The problem.</param>
    /// <param name="cancellationToken">Stops building the distance table of a large problem (throws).</param>
    public PlanningIndex(RotationProblem problem, CancellationToken cancellationToken = default)
    {
        Problem = problem;
        var n = problem.Sites.Count;
        var officers = problem.Officers.Count;
        var periods = problem.Periods;
        Km = new DistanceTable(problem, cancellationToken);
        Current = new int[officers];
        Eligible = new int[officers][];
        Earliest = new Dictionary<int, int>[officers];
        Pins = new int[officers][];
        OnLeave = new bool[officers][];
        // Without cross-mission moves only the officer's own mission's sites are looked at (10,000 officers and sites
        // would otherwise be 100 million checks); both ways the list is ascending.
        var byMission = problem.Rules.CrossMissionMoves ? null
            : Enumerable.Range(0, n).GroupBy(s => problem.Sites[s].Mission, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var all = Enumerable.Range(0, n).ToArray();
        for (var o = 0; o < officers; o++)
        {
            var officer = problem.Officers[o];
            Current[o] = officer.CurrentSite is null ? -1 : problem.SiteIndex(officer.CurrentSite);
            var open = byMission is null ? all : byMission.GetValueOrDefault(officer.Mission, []);
            Eligible[o] = [.. open.Where(s => Rules.IsEligible(problem, problem.Sites[s], officer))];
            Earliest[o] = Rules.EarliestReturns(problem, officer);
            Pins[o] = Enumerable.Repeat(-1, periods).ToArray();
            OnLeave[o] = [.. Enumerable.Range(0, periods).Select(officer.UnavailablePeriods.Contains)];
        }
        foreach (var pin in problem.Pinned)
        {
            var o = problem.OfficerIndex(pin.OfficerId);
            var s = problem.SiteIndex(pin.SiteId);
            var before = Pins[o][pin.Period];
            Pins[o][pin.Period] = before == -1 || before == s ? s : ConflictingPins;
        }
    }

    public RotationProblem Problem { get; }

    /// <summary>Whole kilometres between sites, by site index (<c>Km[a, b]</c>); see <see cref="DistanceTable"/>.</summary>
    public DistanceTable Km { get; }

    /// <summary>Current site index per officer, -1 for a new officer.</summary>
    public int[] Current { get; }

    /// <summary>Sites each officer may ever be posted at (rules 2 and 5), ascending.</summary>
    public int[][] Eligible { get; }

    /// <summary>First period each site may be entered again, from departures before the horizon.</summary>
    public Dictionary<int, int>[] Earliest { get; }

    /// <summary>Pinned site per officer and period; -1 when free, <see cref="ConflictingPins"/> on a contradiction.</summary>
    public int[][] Pins { get; }

    /// <summary>Leave per officer and period (within the horizon).</summary>
    public bool[][] OnLeave { get; }

    /// <summary>
    /// Re-planning: the previous plan's site per officer and period (-1 where it had none), or null. A posting
    /// elsewhere costs <see cref="StabilityWeight"/> in the search's objective (never in the plan's, which is the spec's).
    /// </summary>
    public int[][]? Previous { get; init; }

    /// <summary>The stability cost per posting that differs from <see cref="Previous"/>.</summary>
    public long StabilityWeight { get; init; }

    /// <summary>The stability cost of posting the officer at the site in the period.</summary>
    public long Stability(int o, int t, int s) =>
        Previous is { } previous && previous[o][t] >= 0 && previous[o][t] != s ? StabilityWeight : 0;

    /// <summary>Whether the officer may be at the site in the period, judged without looking at other periods.</summary>
    public bool StaticallyAllowed(int o, int t, int s)
    {
        var pin = Pins[o][t];
        if (pin != -1 && pin != s)
        {
            return false;
        }
        return t >= Earliest[o].GetValueOrDefault(s, 0);
    }
}
