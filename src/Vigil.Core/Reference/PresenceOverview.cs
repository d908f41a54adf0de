using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Reference;

/// <summary>
/// Missions with their sites, the contingents deployed today and the conduct officers posted today.
/// Four queries whatever the number of sites; everything is filtered by the caller's scope.
/// </summary>
public sealed class PresenceOverview(VigilDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<MissionDetail>> ListAsync(CallerScope scope, CancellationToken ct = default) =>
        await LoadAsync(scope, missionCode: null, ct);

    public async Task<Result<MissionDetail>> GetMissionAsync(CallerScope scope, string code, CancellationToken ct = default)
    {
        var found = await LoadAsync(scope, code.Trim().ToUpperInvariant(), ct);
        return found.Count == 1 ? found[0] : new NotFoundError($"No mission {code} in your scope.");
    }

    public async Task<Result<SiteRow>> GetSiteAsync(CallerScope scope, string siteCode, CancellationToken ct = default)
    {
        var missionCode = await db.Sites.VisibleTo(scope).Where(s => s.Code == siteCode)
            .Select(s => s.Mission!.Code).FirstOrDefaultAsync(ct);
        if (missionCode is null)
        {
            return new NotFoundError("No such site in your scope.");
        }
        var mission = await LoadAsync(scope, missionCode, ct);
        var site = mission.SelectMany(m => m.Sites).FirstOrDefault(s => s.Code == siteCode);
        return site is null ? new NotFoundError("No such site in your scope.") : site;
    }

    private async Task<IReadOnlyList<MissionDetail>> LoadAsync(CallerScope scope, string? missionCode, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var missionQuery = db.Missions.AsNoTracking().VisibleTo(scope);
        var siteQuery = db.Sites.AsNoTracking().VisibleTo(scope);
        if (missionCode is not null)
        {
            missionQuery = missionQuery.Where(m => m.Code == missionCode);
            siteQuery = siteQuery.Where(s => s.Mission!.Code == missionCode);
        }

        var missions = await missionQuery.OrderBy(m => m.Code).ToListAsync(ct);
        var sites = await siteQuery
            .Select(s => new
            {
                s.Id,
                s.Code,
                MissionCode = s.Mission!.Code,
                s.Name,
                s.Kind,
                s.Latitude,
                s.Longitude,
                s.Languages,
                Contingents = s.Contingents
                    .Where(c => c.From <= today && (c.To == null || c.To >= today))
                    .OrderByDescending(c => c.Strength)
                    .Select(c => new ContingentRow(c.Code, c.ContributingCountry, c.Category, c.UnitName, c.Strength, c.From, c.To))
                    .ToList(),
            })
            .ToListAsync(ct);
        var siteIds = sites.Select(s => s.Id).ToList();
        var postings = await db.Postings.AsNoTracking()
            .Where(p => siteIds.Contains(p.SiteId) && p.From <= today && (p.To == null || p.To >= today))
            .Select(p => new { p.SiteId, Officer = new PostedOfficer(p.Officer!.Code, p.Officer.FullName, p.Officer.Grade, p.Officer.Nationality, p.From, false), p.OfficerId })
            .ToListAsync(ct);
        // An officer on recorded leave today is posted but covers nothing: the site counts as without an officer.
        var postedIds = postings.Select(p => p.OfficerId).Distinct().ToList();
        var onLeave = (await db.OfficerLeaves.AsNoTracking().Where(l => postedIds.Contains(l.OfficerId) && l.From <= today && l.To >= today)
            .Select(l => l.OfficerId).ToListAsync(ct)).ToHashSet();
        // Analysts and auditors see coverage, not who: aggregates only, as on the coverage view (at a one-officer site a
        // grade and a nationality name the person, and with the contingents listed, a conflict of interest).
        var showNames = scope.Roles.Any(r => r is not (Roles.Analyst or Roles.Auditor));
        var officersBySite = postings.ToLookup(p => p.SiteId, p =>
        {
            var officer = p.Officer with { OnLeave = onLeave.Contains(p.OfficerId) };
            return showNames ? officer : officer with { Code = "", Name = "✓", Grade = "", Nationality = "" };
        });

        var rows = sites
            .Select(s => new SiteRow(s.Code, s.MissionCode, s.Name, s.Kind, s.Latitude, s.Longitude, s.Languages, s.Contingents,
                officersBySite[s.Id].OrderBy(o => o.Code, StringComparer.Ordinal).ToList()))
            .ToLookup(s => s.MissionCode);

        return missions.Select(m =>
        {
            var missionSites = rows[m.Code].OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            var summary = new MissionSummary(m.Code, m.Name, m.HostCountry, m.StartDate, m.EndDate,
                missionSites.Count,
                // An ended mission's sites need no officer: counting them raised alerts nobody can act on.
                m.EndDate is { } ended && ended < today ? 0 : missionSites.Count(s => !s.HasOfficer),
                missionSites.Sum(s => s.Contingents.Count),
                missionSites.Sum(s => s.Contingents.Sum(c => c.Strength)));
            return new MissionDetail(summary, missionSites);
        }).ToList();
    }
}
