namespace Vigil.Planning;

/// <summary>
/// A rotation planning problem, as <c>spec/rotation.md</c> defines it: every officer is posted at one site in
/// every period of the horizon. Build one with <see cref="ProblemReader"/>, which checks ids and references;
/// instances are immutable.
/// </summary>
/// <param name="Horizon">The periods to plan.</param>
/// <param name="Rules">Hard-rule parameters and objective weights.</param>
/// <param name="Sites">Sites, in input order; ids are unique.</param>
/// <param name="Officers">Officers, in input order; ids are unique.</param>
/// <param name="Pinned">Postings the plan must keep (possibly contradictory: the planner explains).</param>
public sealed record RotationProblem(
    PlanningHorizon Horizon,
    RotationRules Rules,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<PinnedPosting> Pinned)
{
    private Dictionary<string, int>? _siteIndex;
    private Dictionary<string, int>? _officerIndex;

    /// <summary>Copies the inputs but not the id lookups, which <c>with</c> may invalidate.</summary>
    private RotationProblem(RotationProblem original)
    {
        Horizon = original.Horizon;
        Rules = original.Rules;
        Sites = original.Sites;
        Officers = original.Officers;
        Pinned = original.Pinned;
    }

    /// <summary>The number of periods, numbered 0 (inclusive) to <c>Periods</c> (exclusive).</summary>
    public int Periods => Horizon.Periods;

    /// <summary>The position of a site in <see cref="Sites"/>, or -1 when the id is unknown.</summary>
    /// <param name="siteId">A site id (case-sensitive).</param>
    public int SiteIndex(string siteId)
    {
        _siteIndex ??= Sites.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return _siteIndex.TryGetValue(siteId, out var i) ? i : -1;
    }

    /// <summary>The position of an officer in <see cref="Officers"/>, or -1 when the id is unknown.</summary>
    /// <param name="officerId">An officer id (case-sensitive).</param>
    public int OfficerIndex(string officerId)
    {
        _officerIndex ??= Officers.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return _officerIndex.TryGetValue(officerId, out var i) ? i : -1;
    }
}

/// <summary>The planning horizon.</summary>
/// <param name="Start">The first day of period 0, when given (informative only: the rules count periods).</param>
/// <param name="Periods">The number of periods, at least 1.</param>
/// <param name="PeriodMonths">The length of a period in months, at least 1 (default 1; informative only).</param>
public sealed record PlanningHorizon(DateOnly? Start, int Periods, int PeriodMonths);

/// <summary>Hard-rule parameters and objective weights.</summary>
/// <param name="MaxConsecutivePeriods">Tenure: the most consecutive periods at one site (at least 1).</param>
/// <param name="MinPeriodsBeforeReturn">
/// No early return: left at the end of period p, an officer may be posted there again from period
/// p + 1 + this value (at least 0).
/// </param>
/// <param name="CrossMissionMoves">Whether officers may be posted outside their own mission (default false).</param>
/// <param name="Weights">Weights of the objective's terms.</param>
public sealed record RotationRules(int MaxConsecutivePeriods, int MinPeriodsBeforeReturn, bool CrossMissionMoves, ObjectiveWeights Weights);

/// <summary>Weights of the objective's four terms; all non-negative integers.</summary>
/// <param name="Uncovered">Per officer missing below a site's requirement in a period.</param>
/// <param name="LanguageGap">Per posting at a site with languages the officer speaks none of.</param>
/// <param name="Move">Per change of site (including from the current site to period 0).</param>
/// <param name="TravelKm">Per whole kilometre of each move (haversine, rounded half up per move).</param>
public sealed record ObjectiveWeights(long Uncovered, long LanguageGap, long Move, long TravelKm);

/// <summary>A peacekeeping site where conduct officers are posted.</summary>
/// <param name="Id">Unique id, e.g. <c>MINUSCA-BGI</c>.</param>
/// <param name="Mission">The mission the site belongs to.</param>
/// <param name="Name">A display name (may be empty).</param>
/// <param name="Latitude">WGS 84 latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 longitude in degrees, −180 to 180.</param>
/// <param name="RequiredOfficers">Officers wanted there in every period (default 1, may be 0).</param>
/// <param name="Languages">Languages spoken there; empty means no language requirement.</param>
/// <param name="ContingentNationalities">Nationalities of the contingents there (conflict of interest).</param>
public sealed record Site(
    string Id,
    string Mission,
    string Name,
    double Latitude,
    double Longitude,
    int RequiredOfficers,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> ContingentNationalities);

/// <summary>A conduct and discipline officer.</summary>
/// <param name="Id">Unique id, e.g. <c>CDO-0042</c>.</param>
/// <param name="Mission">The officer's mission.</param>
/// <param name="Nationality">ISO 3166 alpha-3 nationality.</param>
/// <param name="Languages">Languages the officer speaks.</param>
/// <param name="CurrentSite">Where the officer is posted just before period 0; null for a new officer.</param>
/// <param name="PeriodsAtCurrentSite">Consecutive periods already spent at <paramref name="CurrentSite"/> (0 or more).</param>
/// <param name="RecentSites">Sites left before the horizon (an entry for the current site is ignored).</param>
/// <param name="UnavailablePeriods">Periods of leave: the officer is posted but covers nothing.</param>
public sealed record Officer(
    string Id,
    string Mission,
    string Nationality,
    IReadOnlyList<string> Languages,
    string? CurrentSite,
    int PeriodsAtCurrentSite,
    IReadOnlyList<RecentSite> RecentSites,
    IReadOnlySet<int> UnavailablePeriods);

/// <summary>A site an officer left before the horizon.</summary>
/// <param name="SiteId">The site left.</param>
/// <param name="PeriodsSinceLeft">1 means left at the end of the period just before period 0.</param>
public sealed record RecentSite(string SiteId, int PeriodsSinceLeft);

/// <summary>A posting that the plan must keep.</summary>
/// <param name="OfficerId">The officer.</param>
/// <param name="Period">The period, 0 (inclusive) to the horizon's periods (exclusive).</param>
/// <param name="SiteId">The site.</param>
public sealed record PinnedPosting(string OfficerId, int Period, string SiteId);
