using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// An officer posted at a site today and how long they have been there (back-to-back postings at the site count as one).
/// <paramref name="OnLeave"/>: on recorded leave today, so posted there but covering nothing.
/// <paramref name="Conflict"/>: a contingent of the officer's own nationality at the site, today or arriving before the
/// posting ends (null for callers who see coverage without names).
/// </summary>
public sealed record CoverageOfficer(string Code, string Name, string Nationality, DateOnly Since, int TenureMonths, bool OverTenure, bool OnLeave = false,
    CoverageConflict? Conflict = null);

/// <summary>
/// A contingent of a posted officer's nationality at the officer's site: the reform's conflict of interest, which the
/// planner never plans but which a contingent's arrival or a posting made by hand can create. <paramref name="Arrives"/> is
/// the contingent's first day (today or earlier when it is already there).
/// </summary>
public sealed record CoverageConflict(string Contingent, string Country, DateOnly Arrives);

/// <summary>
/// One site in the coverage view. <paramref name="DaysSinceLastEvaluation"/> counts from the end of the latest period
/// evaluated at the site (0 while that period runs), not from when an evaluation was typed in.
/// <paramref name="OverdueEvaluations"/> is null for a caller outside the conduct team, who is not shown evaluations
/// (not 0, which would read as "none overdue").
/// </summary>
public sealed record CoverageSite(string Code, string Name, string MissionCode, SiteKind Kind, IReadOnlyList<CoverageOfficer> Officers,
    int? DaysSinceLastEvaluation, int? OverdueEvaluations)
{
    /// <summary>Whether an officer posted here today is present (not on leave): false is the alert.</summary>
    public bool HasOfficer => Officers.Any(o => !o.OnLeave);
}

/// <summary>
/// A posting on record that starts after today (an approved plan's, as approval writes them): the officer, the site and its
/// first and last day (<paramref name="To"/> null: open-ended, as a plan's last stay is).
/// </summary>
/// <paramref name="Conflict"/>: a contingent of the officer's nationality at that site during the posting.
public sealed record ComingPosting(string OfficerCode, string OfficerName, string MissionCode, string SiteCode, string SiteName, DateOnly From, DateOnly? To,
    CoverageConflict? Conflict = null);

public sealed record CoverageView(DateOnly Today, int MaxTenureMonths, IReadOnlyList<string> Missions, IReadOnlyList<CoverageSite> Sites)
{
    /// <summary>
    /// The officers' coming postings in the missions shown (first day after today), by first day then officer: where each
    /// officer goes next under the approved plan. Empty for a caller who sees coverage without names (analysts, auditors).
    /// </summary>
    public IReadOnlyList<ComingPosting> ComingPostings { get; init; } = [];

    /// <summary>Missions in scope that have ended (no site to cover), by code, with their last day.</summary>
    public IReadOnlyDictionary<string, DateOnly> EndedMissions { get; init; } = new Dictionary<string, DateOnly>();

    public int WithoutOfficer => Sites.Count(s => !s.HasOfficer);

    /// <summary>
    /// Postings, today's and coming ones, at a site where a contingent of the officer's nationality is, or will be while
    /// the officer is posted there.
    /// </summary>
    public int Conflicts => Sites.Sum(s => s.Officers.Count(o => o.Conflict is not null)) + ComingPostings.Count(p => p.Conflict is not null);

    /// <summary>The mission asked for, upper-cased, when it is not one of the missions in scope; null otherwise.</summary>
    public string? UnknownMission(string? mission)
    {
        var code = mission?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(code) || Missions.Contains(code, StringComparer.OrdinalIgnoreCase) || EndedMissions.ContainsKey(code) ? null : code;
    }
}

/// <summary>
/// Every site of the missions in the caller's mission or global scope: who is posted today (and whether on leave),
/// their tenure against the maximum, days since the end of the last period evaluated at the site, and overdue
/// evaluations, and where officers go next (postings starting after today). Analysts and auditors see coverage without names.
/// </summary>
public sealed class Coverage(VigilDbContext db, Evaluations evaluations, TimeProvider clock, IOptions<PresenceOptions> options)
{
    public Task<CoverageView> GetAsync(CallerScope scope, string? mission = null, bool uncoveredOnly = false, CancellationToken ct = default) =>
        GetAsync(scope, mission, uncoveredOnly, null, ct);

    // overdueEvaluations: the caller's overdue evaluations when already at hand (the dashboard lists them itself), so
    // that they are not looked up twice; at least those of the mission asked for.
    public async Task<CoverageView> GetAsync(CallerScope scope, string? mission, bool uncoveredOnly, IReadOnlyList<OverdueEvaluation>? overdueEvaluations, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var maxTenure = options.Value.MaxTenureMonths;
        if (scope.Roles.Count == 0)
        {
            return new CoverageView(today, maxTenure, [], []);
        }
        // A mission that has ended has no sites to cover: its sites would only swell the "without an officer" alerts.
        var inScope = await db.Missions.AsNoTracking().VisibleToMissionScope(scope).OrderBy(m => m.Code).Select(m => new { m.Code, m.EndDate }).ToListAsync(ct);
        var missionCodes = inScope.Where(m => m.EndDate == null || m.EndDate >= today).Select(m => m.Code).ToList();
        var ended = inScope.Where(m => m.EndDate < today).ToDictionary(m => m.Code, m => m.EndDate!.Value, StringComparer.OrdinalIgnoreCase);
        var selected = string.IsNullOrWhiteSpace(mission) ? missionCodes : missionCodes.Where(c => string.Equals(c, mission.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();

        // A closed site has nothing left to cover.
        var sites = await db.Sites.AsNoTracking().Where(s => selected.Contains(s.Mission!.Code) && (s.ClosedOn == null || s.ClosedOn >= today))
            .Select(s => new { s.Id, s.Code, s.Name, MissionCode = s.Mission!.Code, s.Kind })
            .ToListAsync(ct);
        var siteIds = sites.Select(s => s.Id).ToList();
        // Today's postings and the officers' earlier postings (to merge back-to-back postings at one site into a tenure).
        var postings = await db.Postings.AsNoTracking()
            .Where(p => siteIds.Contains(p.SiteId) && p.From <= today && (p.To == null || p.To >= today))
            .Select(p => new { p.SiteId, p.OfficerId, p.From, p.To, p.Officer!.Code, p.Officer.FullName, p.Officer.Nationality })
            .ToListAsync(ct);
        var officerIds = postings.Select(p => p.OfficerId).Distinct().ToList();
        var history = (await db.Postings.AsNoTracking().Where(p => officerIds.Contains(p.OfficerId) && p.From <= today)
                .Select(p => new { p.OfficerId, p.SiteId, p.From, p.To }).ToListAsync(ct))
            .ToLookup(p => p.OfficerId);
        // An officer on leave today is posted but covers nothing (as in the planner): the site is an alert unless
        // someone else posted there is present.
        var onLeave = (await db.OfficerLeaves.AsNoTracking().Where(l => officerIds.Contains(l.OfficerId) && l.From <= today && l.To >= today)
            .Select(l => l.OfficerId).ToListAsync(ct)).ToHashSet();
        // The latest evaluated period's start per site: back-filling an old period must not make a site look visited today.
        var lastEvaluated = (await db.OfficialEvaluations.AsNoTracking().Where(e => siteIds.Contains(e.Official!.SiteId))
                .GroupBy(e => e.Official!.SiteId).Select(g => new { SiteId = g.Key, Start = g.Max(e => e.PeriodStart) }).ToListAsync(ct))
            .ToDictionary(e => e.SiteId, e => e.Start);
        var evaluationMonths = options.Value.EvaluationPeriodMonths;
        var overdue = scope.Roles.Overlaps(PresenceRoles.ConductTeam)
            ? (overdueEvaluations ?? await evaluations.OverdueAsync(scope, null, ct)).GroupBy(o => o.SiteCode).ToDictionary(g => g.Key, g => g.Count())
            : null;
        var aggregates = PresenceRoles.AggregatesOnly(scope);
        // Contingents at the posted officers' sites, there today or arriving later: a co-national contingent is the
        // conflict of interest the rotation exists to prevent, and it arrives without anyone re-planning.
        var postedSites = postings.Select(p => p.SiteId).Distinct().ToList();
        var contingents = aggregates
            ? []
            : await db.Contingents.AsNoTracking().Where(c => postedSites.Contains(c.SiteId) && (c.To == null || c.To >= today))
                .Select(c => new { c.SiteId, c.Code, c.ContributingCountry, c.From }).ToListAsync(ct);
        var contingentsBySite = contingents.ToLookup(c => c.SiteId);

        var bySite = postings.ToLookup(p => p.SiteId);
        var rows = sites
            .Select(s =>
            {
                var officers = bySite[s.Id]
                    .Select(p =>
                    {
                        // Walk back over postings at the same site that end the day before the next begins.
                        var since = p.From;
                        foreach (var earlier in history[p.OfficerId].Where(h => h.SiteId == s.Id).OrderByDescending(h => h.From))
                        {
                            if (earlier.To is { } to && to.AddDays(1) == since)
                            {
                                since = earlier.From;
                            }
                        }
                        var tenure = EvaluationPeriods.MonthsBetween(since, today);
                        var away = onLeave.Contains(p.OfficerId);
                        var conflict = contingentsBySite[s.Id]
                            .Where(c => string.Equals(c.ContributingCountry, p.Nationality, StringComparison.OrdinalIgnoreCase) && (p.To is null || c.From <= p.To))
                            .OrderBy(c => c.From).ThenBy(c => c.Code, StringComparer.Ordinal)
                            .Select(c => new CoverageConflict(c.Code, c.ContributingCountry, c.From))
                            .FirstOrDefault();
                        return aggregates
                            ? new CoverageOfficer("", "✓", "", since, tenure, tenure > maxTenure, away)
                            : new CoverageOfficer(p.Code, p.FullName, p.Nationality, since, tenure, tenure > maxTenure, away, conflict);
                    })
                    .OrderBy(o => o.Code, StringComparer.Ordinal)
                    .ToList();
                int? days = lastEvaluated.TryGetValue(s.Id, out var start)
                    ? Math.Max(0, today.DayNumber - EvaluationPeriods.EndOf(start, evaluationMonths).DayNumber)
                    : null;
                return new CoverageSite(s.Code, s.Name, s.MissionCode, s.Kind, officers, days, overdue is null ? null : overdue.GetValueOrDefault(s.Code));
            })
            .Where(s => !uncoveredOnly || !s.HasOfficer)
            // Sites without an officer first: they are the alert; then those whose officer has a conflict of interest.
            .OrderBy(s => s.HasOfficer).ThenBy(s => s.Officers.All(o => o.Conflict is null)).ThenBy(s => s.MissionCode, StringComparer.Ordinal).ThenBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        // Where the officers go next: postings that start after today, of officers of the missions shown (the filter of
        // sites without an officer leaves them: it concerns today). Named, so not for aggregate-only roles.
        IReadOnlyList<ComingPosting> coming = aggregates ? [] : await ComingAsync(selected, today, ct);
        return new CoverageView(today, maxTenure, missionCodes, rows) { EndedMissions = ended, ComingPostings = coming };
    }

    /// <summary>Postings after today, each with the first contingent of the officer's nationality at its site during it.</summary>
    private async Task<List<ComingPosting>> ComingAsync(List<string> missions, DateOnly today, CancellationToken ct)
    {
        var postings = await db.Postings.AsNoTracking()
            .Where(p => p.From > today && missions.Contains(p.Officer!.Mission!.Code))
            .OrderBy(p => p.From).ThenBy(p => p.Officer!.Code)
            .Select(p => new { p.SiteId, p.Officer!.Nationality, Posting = new ComingPosting(p.Officer.Code, p.Officer.FullName, p.Officer.Mission!.Code, p.Site!.Code, p.Site.Name, p.From, p.To, null) })
            .ToListAsync(ct);
        var siteIds = postings.Select(p => p.SiteId).Distinct().ToList();
        var contingents = (await db.Contingents.AsNoTracking().Where(c => siteIds.Contains(c.SiteId) && (c.To == null || c.To > today))
                .Select(c => new { c.SiteId, c.Code, c.ContributingCountry, c.From, c.To }).ToListAsync(ct))
            .ToLookup(c => c.SiteId);
        return postings.Select(p => p.Posting with
        {
            Conflict = contingents[p.SiteId]
                    .Where(c => string.Equals(c.ContributingCountry, p.Nationality, StringComparison.OrdinalIgnoreCase)
                        && (p.Posting.To is null || c.From <= p.Posting.To) && (c.To is null || c.To >= p.Posting.From))
                    .OrderBy(c => c.From).ThenBy(c => c.Code, StringComparer.Ordinal)
                    .Select(c => new CoverageConflict(c.Code, c.ContributingCountry, c.From > p.Posting.From ? c.From : p.Posting.From))
                    .FirstOrDefault(),
        })
            .ToList();
    }
}
