namespace Vigil.Planning;

/// <summary>Small predicates of the spec shared by the validator, the checks, the greedy planner and the model.</summary>
internal static class Rules
{
    /// <summary>Conflict of interest (hard rule 2): a contingent there has the officer's nationality.</summary>
    public static bool HasConflictOfInterest(Site site, Officer officer) => site.ContingentNationalities.Contains(officer.Nationality);

    /// <summary>The site lists languages and the officer speaks none of them.</summary>
    public static bool HasLanguageGap(Site site, Officer officer) =>
        site.Languages.Count > 0 && !site.Languages.Any(officer.Languages.Contains);

    /// <summary>Whether the officer may ever be posted at the site (rules 2 and 5).</summary>
    public static bool IsEligible(RotationProblem problem, Site site, Officer officer) =>
        !HasConflictOfInterest(site, officer) && (problem.Rules.CrossMissionMoves || site.Mission == officer.Mission);

    /// <summary>
    /// The first period from which the officer may enter each site again after leaving it before the horizon
    /// (rule 4); sites without an entry may be entered from period 0. The entry for the current site is ignored.
    /// </summary>
    public static Dictionary<int, int> EarliestReturns(RotationProblem problem, Officer officer)
    {
        var current = officer.CurrentSite is null ? -1 : problem.SiteIndex(officer.CurrentSite);
        var earliest = new Dictionary<int, int>();
        foreach (var r in officer.RecentSites)
        {
            var s = problem.SiteIndex(r.SiteId);
            if (s != current)
            {
                earliest[s] = Math.Max(earliest.GetValueOrDefault(s, 0), problem.Rules.MinPeriodsBeforeReturn - r.PeriodsSinceLeft + 1);
            }
        }
        return earliest;
    }
}
