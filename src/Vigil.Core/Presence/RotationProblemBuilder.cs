using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>What a planner may choose when building a problem; everything has a default.</summary>
public sealed record PlanningSettings
{
    /// <summary>First day of period 0; default: the first day of next month. Must be the first of a month.</summary>
    public DateOnly? Start { get; init; }
    public int Periods { get; init; } = 12;
    public int PeriodMonths { get; init; } = 1;
    public int MaxConsecutivePeriods { get; init; } = 6;
    public int MinPeriodsBeforeReturn { get; init; } = 12;
    public WeightsPart Weights { get; init; } = WeightsPart.Default;

    /// <summary>Periods at the start of the horizon kept as the last approved plan has them (pinned).</summary>
    public int FrozenPeriods { get; init; } = 2;

    public int? TimeLimitSeconds { get; init; }
}

/// <summary>
/// Builds a spec-format problem for one mission from the database: its sites (contingent nationalities over the
/// horizon, languages, two officers wanted at the mission headquarters and one elsewhere), its officers (current
/// site and tenure, recent sites from posting history), and the frozen periods of the last approved plan as pins.
/// Recorded leave makes a period unavailable when it covers at least half of its days (<see cref="OfficerLeaves.UnavailablePeriods"/>).
/// </summary>
public sealed class RotationProblemBuilder(VigilDbContext db)
{
    public async Task<(ProblemFile Problem, int Pinned)> BuildAsync(Mission mission, DateOnly start, PlanningSettings settings, CancellationToken ct = default)
    {
        var end = start.AddMonths(settings.Periods * settings.PeriodMonths).AddDays(-1);
        // A site closing before the horizon ends is left out: postings there end on its last day, and the spec's problem
        // has no site open for part of a horizon (RotationRuns' review names the sites left out).
        var sites = await db.Sites.AsNoTracking().Where(s => s.MissionId == mission.Id && (s.ClosedOn == null || s.ClosedOn >= end))
            .OrderBy(s => s.Code)
            .Select(s => new
            {
                s.Id,
                s.Code,
                s.Name,
                s.Kind,
                s.Latitude,
                s.Longitude,
                s.Languages,
            })
            .ToListAsync(ct);
        // Contingents deployed at any time in the horizon: the conflict-of-interest data.
        var nationalities = (await db.Contingents.AsNoTracking()
                .Where(c => c.Site!.MissionId == mission.Id && c.From <= end && (c.To == null || c.To >= start))
                .Select(c => new { c.SiteId, c.ContributingCountry }).ToListAsync(ct))
            .ToLookup(c => c.SiteId, c => c.ContributingCountry);
        var siteCodes = sites.ToDictionary(s => s.Id, s => s.Code);
        // An officer who leaves within the horizon is in the problem, unavailable from then on (posted, covering nothing;
        // the approval writes no posting past the last day); one gone before it starts is not.
        var officers = await db.ConductOfficers.AsNoTracking().Where(o => o.MissionId == mission.Id && (o.LeftOn == null || o.LeftOn >= start))
            .OrderBy(o => o.Code)
            .Select(o => new { o.Id, o.Code, o.Nationality, o.Languages, o.LeftOn, Postings = o.Postings.Select(p => new { p.SiteId, p.From, p.To }).ToList() })
            .ToListAsync(ct);
        var leave = (await db.OfficerLeaves.AsNoTracking()
                .Where(l => l.Officer!.MissionId == mission.Id && l.From <= end && l.To >= start)
                .Select(l => new { l.OfficerId, l.From, l.To }).ToListAsync(ct))
            .ToLookup(l => l.OfficerId, l => (l.From, l.To));

        var dayBefore = start.AddDays(-1);
        var officerParts = new List<ProblemFile.OfficerPart>();
        foreach (var officer in officers)
        {
            var postings = officer.Postings.Where(p => siteCodes.ContainsKey(p.SiteId)).OrderBy(p => p.From).ToList();
            var current = postings.LastOrDefault(p => p.From <= dayBefore && (p.To is null || p.To >= dayBefore));
            string? currentSite = null;
            var periodsAtCurrent = 0;
            if (current is not null)
            {
                currentSite = siteCodes[current.SiteId];
                var since = current.From;
                foreach (var earlier in postings.Where(p => p.SiteId == current.SiteId && p.From < since).OrderByDescending(p => p.From))
                {
                    if (earlier.To is { } to && to.AddDays(1) == since)
                    {
                        since = earlier.From;
                    }
                }
                periodsAtCurrent = EvaluationPeriods.MonthsBetween(since, start) / settings.PeriodMonths;
            }
            var recent = postings
                .Where(p => p.To is { } to && to < dayBefore && p.SiteId != current?.SiteId)
                .Select(p => new ProblemFile.RecentPart(siteCodes[p.SiteId], (EvaluationPeriods.MonthsBetween(p.To!.Value.AddDays(1), start) / settings.PeriodMonths) + 1))
                .Where(r => r.PeriodsSinceLeft <= settings.MinPeriodsBeforeReturn)
                .GroupBy(r => r.Site)
                .Select(g => g.MinBy(r => r.PeriodsSinceLeft)!)
                .OrderBy(r => r.Site, StringComparer.Ordinal)
                .ToList();
            var away = officer.LeftOn is { } left && left < end ? leave[officer.Id].Append((left.AddDays(1), end)) : leave[officer.Id];
            officerParts.Add(new ProblemFile.OfficerPart(officer.Code, mission.Code, officer.Nationality, officer.Languages, currentSite,
                periodsAtCurrent, recent, OfficerLeaves.UnavailablePeriods(away, start, settings.Periods, settings.PeriodMonths)));
        }

        var pinned = await FrozenPinsAsync(mission.Id, start, settings, officerParts.Select(o => o.Id).ToHashSet(), sites.Select(s => s.Code).ToHashSet(), ct);
        var problem = new ProblemFile(
            new ProblemFile.HorizonPart(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), settings.Periods, settings.PeriodMonths),
            new ProblemFile.RulesPart(settings.MaxConsecutivePeriods, settings.MinPeriodsBeforeReturn, false, settings.Weights),
            sites.Select(s => new ProblemFile.SitePart(s.Code, mission.Code, s.Name, s.Latitude, s.Longitude,
                s.Kind == SiteKind.MissionHeadquarters ? 2 : 1, s.Languages, nationalities[s.Id].Distinct().Order(StringComparer.Ordinal).ToList())).ToList(),
            officerParts,
            pinned);
        return (problem, pinned.Count);
    }

    /// <summary>
    /// The current plan's postings (<see cref="CurrentPlanRule.CurrentPlans"/>: the last approved) in the first <see cref="PlanningSettings.FrozenPeriods"/> periods of the new
    /// horizon, for officers and sites still in the mission: a new period is pinned where the approved plan holds the officer
    /// at one site for every month of it (periods matched by date, of any length).
    /// </summary>
    private async Task<IReadOnlyList<PostingPart>> FrozenPinsAsync(int missionId, DateOnly start, PlanningSettings settings,
        HashSet<string> officers, HashSet<string> sites, CancellationToken ct)
    {
        if (settings.FrozenPeriods <= 0)
        {
            return [];
        }
        var approved = await db.RotationRuns.AsNoTracking().CurrentPlans().FirstOrDefaultAsync(r => r.MissionId == missionId, ct);
        if (approved is null)
        {
            return [];
        }
        // A new period is frozen to a site only when the approved plan holds the officer there for every month of it: a
        // plan of other period lengths (monthly approved, quarterly now) must not stretch one month's posting over more.
        var sitesByMonth = new Dictionary<(string Officer, DateOnly Month), string>();
        foreach (var p in PlanFiles.ReadPlan(approved.PlanJson!).Postings)
        {
            for (var m = 0; m < approved.PeriodMonths; m++)
            {
                sitesByMonth[(p.Officer, approved.PeriodStart(p.Period).AddMonths(m))] = p.Site;
            }
        }
        var pins = new List<PostingPart>();
        foreach (var officer in officers.Order(StringComparer.Ordinal))
        {
            for (var q = 0; q < Math.Min(settings.FrozenPeriods, settings.Periods); q++)
            {
                var first = start.AddMonths(q * settings.PeriodMonths);
                var held = Enumerable.Range(0, settings.PeriodMonths).Select(m => sitesByMonth.GetValueOrDefault((officer, first.AddMonths(m)))).Distinct().ToList();
                if (held is [{ } site] && sites.Contains(site))
                {
                    pins.Add(new PostingPart(officer, q, site));
                }
            }
        }
        return pins;
    }
}
