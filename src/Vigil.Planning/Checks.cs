namespace Vigil.Planning;

/// <summary>
/// Contradictions and shortfalls found without the solver. Errors make the problem infeasible (a pinned
/// posting that breaks a hard rule, an officer with nowhere to go); warnings do not (a site nobody may cover,
/// too few officers: both are uncovered cost).
/// </summary>
internal static class Checks
{
    public static (List<string> Errors, List<string> Warnings) Run(PlanningIndex index)
    {
        var problem = index.Problem;
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var pin in problem.Pinned)
        {
            var officer = problem.Officers[problem.OfficerIndex(pin.OfficerId)];
            var site = problem.Sites[problem.SiteIndex(pin.SiteId)];
            if (Rules.HasConflictOfInterest(site, officer))
            {
                errors.Add($"Pinned posting of {officer.Id} at {site.Id} in period {pin.Period} breaks the conflict-of-interest rule: "
                    + $"a contingent there is of the officer's nationality ({officer.Nationality}).");
            }
            if (!problem.Rules.CrossMissionMoves && site.Mission != officer.Mission)
            {
                errors.Add($"Pinned posting of {officer.Id} at {site.Id} in period {pin.Period} is outside the officer's mission "
                    + $"({officer.Mission}, site in {site.Mission}) and cross-mission moves are not allowed.");
            }
        }
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            var officer = problem.Officers[o];
            for (var t = 0; t < problem.Periods; t++)
            {
                if (index.Pins[o][t] == PlanningIndex.ConflictingPins)
                {
                    var sites = problem.Pinned.Where(p => p.OfficerId == officer.Id && p.Period == t).Select(p => p.SiteId).Distinct();
                    errors.Add($"{officer.Id} is pinned at more than one site in period {t} ({string.Join(", ", sites)}).");
                }
            }
            if (index.Eligible[o].Length == 0)
            {
                var own = problem.Sites.Where(s => problem.Rules.CrossMissionMoves || s.Mission == officer.Mission).ToList();
                errors.Add(own.Count == 0
                    ? $"{officer.Id} has no site to be posted at: mission {officer.Mission} has no sites."
                    : $"{officer.Id} has no site to be posted at: every site of {(problem.Rules.CrossMissionMoves ? "every mission" : "mission " + officer.Mission)} "
                        + $"hosts a contingent of the officer's nationality ({officer.Nationality}).");
            }
        }

        // Warnings: sites nobody may cover, and missions with fewer officers than required postings.
        var coverers = new int[problem.Sites.Count];
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            foreach (var s in index.Eligible[o])
            {
                coverers[s]++;
            }
        }
        for (var s = 0; s < problem.Sites.Count; s++)
        {
            var site = problem.Sites[s];
            if (site.RequiredOfficers <= 0 || coverers[s] > 0)
            {
                continue;
            }
            var mates = problem.Officers.Where(o => problem.Rules.CrossMissionMoves || o.Mission == site.Mission).ToList();
            warnings.Add(mates.Count == 0
                ? $"Site {site.Id} cannot be covered: mission {site.Mission} has no officers; it is uncovered in every period."
                : $"Site {site.Id} cannot be covered: every officer who may serve there is of a nationality among its contingents "
                    + $"({string.Join(", ", site.ContingentNationalities)}); it is uncovered in every period.");
        }
        foreach (var (name, officers, sites) in Groups(problem))
        {
            var required = sites.Sum(s => problem.Sites[s].RequiredOfficers);
            var counted = Counted(index, officers, sites);
            var shortPeriods = counted.Count(m => m > 0);
            var missing = counted.Sum();
            if (missing > 0)
            {
                warnings.Add($"Too few officers in {name}: {required} postings are required per period but fewer officers are available "
                    + $"in {shortPeriods} period(s); at least {missing} officer-period(s) will be uncovered.");
            }
            if (MatchingExplains(index, name, officers, [.. sites.Where(s => coverers[s] > 0)]) is { } more)
            {
                warnings.Add(more);
            }
        }
        return (errors, warnings);
    }

    /// <summary>
    /// Above this many officer-site pairs times periods a group's matching is skipped and only counted: the check runs
    /// before the time limit is watched. Measured: 2,000 officers × 1,000 sites in one group, 24 periods (46 million
    /// arcs) took 12.8 s; UN scale by mission is at most about 130,000.
    /// </summary>
    internal const long MatchingArcsLimit = 2_000_000;

    /// <summary>
    /// A lower bound on uncovered officer-periods: no plan has fewer. Each group's per-period matching
    /// (<see cref="CoverageBound"/>), or its count of officers against postings where it is too large to match.
    /// </summary>
    public static int MinimumUncovered(PlanningIndex index) => Groups(index.Problem).Sum(g =>
        TooLargeToMatch(index, g.Officers)
            ? Counted(index, g.Officers, g.Sites).Sum()
            : CoverageBound.Shortfalls(index, g.Officers, g.Sites).Sum(p => p.Missing));

    private static bool TooLargeToMatch(PlanningIndex index, List<int> officers) =>
        officers.Sum(o => (long)index.Eligible[o].Length) * index.Problem.Periods > MatchingArcsLimit;

    // Per period, postings required beyond the officers available.
    private static int[] Counted(PlanningIndex index, List<int> officers, List<int> sites)
    {
        var required = sites.Sum(s => index.Problem.Sites[s].RequiredOfficers);
        return [.. Enumerable.Range(0, index.Problem.Periods).Select(t => Math.Max(0, required - officers.Count(o => !index.OnLeave[o][t])))];
    }

    // Who may serve where can leave postings unfilled that counting does not see: a site only a few officers may serve
    // (the rest share a contingent's nationality), all of them on leave. Said in words, with the sites and officers.
    // Sites nobody may ever cover are left out: they have their own warning.
    private static string? MatchingExplains(PlanningIndex index, string name, List<int> officers, List<int> coverable)
    {
        if (TooLargeToMatch(index, officers))
        {
            return null;
        }
        var problem = index.Problem;
        var byCount = Counted(index, officers, coverable);
        var beyond = CoverageBound.Shortfalls(index, officers, coverable).Where(p => p.Missing > byCount[p.Period]).ToList();
        if (beyond.Count == 0)
        {
            return null;
        }
        var explained = beyond.Take(3).Select(p =>
            $"in period {p.Period}, {Names(p.Sites.Select(s => problem.Sites[s].Id), "sites")} ({p.Required} posting(s)) may be served "
            + (p.Officers.Count == 0 ? "by no officer available then" : $"only by {Names(p.Officers.Select(o => problem.Officers[o].Id), "officers")}"));
        return $"Not every officer may serve at every site of {name}: at least {beyond.Sum(p => p.Missing - byCount[p.Period])} more officer-period(s) "
            + "will be uncovered than the number of officers explains (conflicts of interest, leave, pinned postings, sites left too recently). "
            + $"{Capitalised(string.Join("; ", explained))}{(beyond.Count > 3 ? $"; and {beyond.Count - 3} more period(s)" : "")}.";
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Names(IEnumerable<string> ids, string what)
    {
        var list = ids.ToList();
        return list.Count <= 6 ? string.Join(", ", list) : $"{list.Count} {what} ({string.Join(", ", list.Take(5))}, …)";
    }

    private static List<(string Name, List<int> Officers, List<int> Sites)> Groups(RotationProblem problem) =>
        problem.Rules.CrossMissionMoves
            ? [("all missions", Enumerable.Range(0, problem.Officers.Count).ToList(), Enumerable.Range(0, problem.Sites.Count).ToList())]
            : problem.Sites.Select(s => s.Mission).Distinct(StringComparer.Ordinal).Select(m => (
                "mission " + m,
                Enumerable.Range(0, problem.Officers.Count).Where(o => problem.Officers[o].Mission == m).ToList(),
                Enumerable.Range(0, problem.Sites.Count).Where(s => problem.Sites[s].Mission == m).ToList())).ToList();
}
