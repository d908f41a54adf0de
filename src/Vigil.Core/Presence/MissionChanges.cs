using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>The form and API body of an officer's departure or a site's closure: the last day (inclusive).</summary>
public sealed record LastDayInput
{
    public DateOnly? LastDay { get; init; }
}

/// <summary>An officer's departure or a site's closure as recorded: the code, the last day, and the postings it ended or removed.</summary>
public sealed record MissionChangeView(string Code, string Mission, DateOnly? LastDay, int PostingsEnded, int PostingsRemoved);

/// <summary>A contingent's departure not yet reached: its code, mission, site, nationality and last day.</summary>
public sealed record ContingentDeparture(string Code, string Mission, string Site, string Country, DateOnly LastDay);

/// <summary>What is coming that a re-plan is for: officers leaving, sites closing, contingents leaving (each soonest first).</summary>
public sealed record ComingChanges(IReadOnlyList<MissionChangeView> Departures, IReadOnlyList<MissionChangeView> Closures, IReadOnlyList<ContingentDeparture> Contingents);

/// <summary>
/// The changes a re-plan is for, besides leave and new arrivals (imported): an officer leaving the mission and a site
/// closing, recorded by the mission's conduct chief. The last day ends every posting that runs past it and removes those
/// that start after it (an approved plan's included), so that the coverage view and the next plan see the change; the
/// next problem built leaves out a site that does not stay open through its horizon and treats the officer as unavailable
/// in every period they are away for half or more of the days, as for leave (<see cref="RotationProblemBuilder"/>). A departure or closure not yet reached
/// may be withdrawn (the postings it removed are not restored: plan again). The writes are audited with the entities.
/// </summary>
public sealed class MissionChanges(VigilDbContext db, TimeProvider clock)
{
    /// <summary>How long after the day a departure or closure may still be recorded (it ends the postings from then).</summary>
    public const int LateDays = 90;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<MissionChangeView>> RecordDepartureAsync(CallerScope scope, string code, LastDayInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var officer = await Officers(scope).Include(o => o.Mission).WithCode(o => o.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            return new NotFoundError($"No conduct officer '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records that an officer leaves.");
        }
        if (CheckDay(input.LastDay, Today) is { } refused)
        {
            return refused;
        }
        if (officer.LeftOn is { } already && already < Today)
        {
            return new ConflictError($"{officer.Code} left on {already:yyyy-MM-dd}: that stays on record.");
        }
        var day = input.LastDay!.Value;
        // The officer's row locked first, as for leave: an approval or a second departure at the same moment waits.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConductOfficers.Where(o => o.Id == officer.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Code, o => o.Code), ct);
        var postings = await db.Postings.Where(p => p.OfficerId == officer.Id).ToListAsync(ct);
        var (ended, removed) = EndAt(postings, day);
        officer.LeftOn = day;
        // Leave after the last day will never be taken.
        db.OfficerLeaves.RemoveRange(await db.OfficerLeaves.Where(l => l.OfficerId == officer.Id && l.From > day).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new MissionChangeView(officer.Code, officer.Mission!.Code, day, ended, removed);
    }

    public async Task<Result<MissionChangeView>> WithdrawDepartureAsync(CallerScope scope, string code, CancellationToken ct = default)
    {
        var officer = await Officers(scope).Include(o => o.Mission).WithCode(o => o.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            return new NotFoundError($"No conduct officer '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records that an officer leaves.");
        }
        if (officer.LeftOn is { } left && left < Today)
        {
            return new ConflictError($"{officer.Code} left on {left:yyyy-MM-dd}: that stays on record.");
        }
        officer.LeftOn = null;
        await db.SaveChangesAsync(ct);
        return new MissionChangeView(officer.Code, officer.Mission!.Code, null, 0, 0);
    }

    public async Task<Result<MissionChangeView>> CloseSiteAsync(CallerScope scope, string code, LastDayInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await Sites(scope).Include(s => s.Mission).WithCode(s => s.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return new NotFoundError($"No site '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records that a site closes.");
        }
        if (CheckDay(input.LastDay, Today) is { } refused)
        {
            return refused;
        }
        if (site.ClosedOn is { } already && already < Today)
        {
            return new ConflictError($"{site.Code} closed on {already:yyyy-MM-dd}: that stays on record.");
        }
        var day = input.LastDay!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Sites.Where(s => s.Id == site.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Code, s => s.Code), ct);
        var postings = await db.Postings.Where(p => p.SiteId == site.Id).ToListAsync(ct);
        var (ended, removed) = EndAt(postings, day);
        site.ClosedOn = day;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new MissionChangeView(site.Code, site.Mission!.Code, day, ended, removed);
    }

    public async Task<Result<MissionChangeView>> ReopenSiteAsync(CallerScope scope, string code, CancellationToken ct = default)
    {
        var site = await Sites(scope).Include(s => s.Mission).WithCode(s => s.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return new NotFoundError($"No site '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records that a site closes.");
        }
        if (site.ClosedOn is { } closed && closed < Today)
        {
            return new ConflictError($"{site.Code} closed on {closed:yyyy-MM-dd}: that stays on record.");
        }
        site.ClosedOn = null;
        await db.SaveChangesAsync(ct);
        return new MissionChangeView(site.Code, site.Mission!.Code, null, 0, 0);
    }

    /// <summary>
    /// Officers' departures, sites' closures and contingents' departures not yet reached (or reached today) in the caller's
    /// missions, soonest first.
    /// </summary>
    public async Task<ComingChanges> ComingAsync(CallerScope scope, CancellationToken ct = default)
    {
        var today = Today;
        var departures = await Officers(scope).AsNoTracking().Where(o => o.LeftOn >= today).OrderBy(o => o.LeftOn).ThenBy(o => o.Code)
            .Select(o => new MissionChangeView(o.Code, o.Mission!.Code, o.LeftOn, 0, 0)).ToListAsync(ct);
        var closures = await Sites(scope).AsNoTracking().Where(s => s.ClosedOn >= today).OrderBy(s => s.ClosedOn).ThenBy(s => s.Code)
            .Select(s => new MissionChangeView(s.Code, s.Mission!.Code, s.ClosedOn, 0, 0)).ToListAsync(ct);
        var sites = Sites(scope).Select(s => s.Id);
        var contingents = await db.Contingents.AsNoTracking().Where(c => sites.Contains(c.SiteId) && c.To >= today).OrderBy(c => c.To).ThenBy(c => c.Code)
            .Select(c => new ContingentDeparture(c.Code, c.Site!.Mission!.Code, c.Site.Code, c.ContributingCountry, c.To!.Value)).ToListAsync(ct);
        return new ComingChanges(departures, closures, contingents);
    }

    /// <summary>The sites still open in the caller's missions (codes and names, for the form).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> OpenSitesAsync(CallerScope scope, CancellationToken ct = default)
    {
        var today = Today;
        return (await Sites(scope).AsNoTracking().Where(s => s.ClosedOn == null || s.ClosedOn >= today).OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Code, s.Name)).ToList();
    }

    /// <summary>A last day (an officer's, a site's or a contingent's) as the chief may record it: given, at most <see cref="LateDays"/> ago, at most <see cref="RotationRuns.MaxYearsAhead"/> years ahead.</summary>
    internal static ValidationError? CheckDay(DateOnly? lastDay, DateOnly today)
    {
        if (lastDay is not { } day)
        {
            return ValidationError.For("lastDay", "Give the last day (yyyy-MM-dd).");
        }
        if (day < today.AddDays(-LateDays))
        {
            return ValidationError.For("lastDay", $"'{day:yyyy-MM-dd}' is more than {LateDays} days ago: the postings since then are history.");
        }
        if (day > today.AddYears(RotationRuns.MaxYearsAhead))
        {
            return ValidationError.For("lastDay", $"'{day:yyyy-MM-dd}' is more than {RotationRuns.MaxYearsAhead} years ahead.");
        }
        return null;
    }

    /// <summary>Ends the postings that run past <paramref name="day"/> on that day and removes those that start after it.</summary>
    private (int Ended, int Removed) EndAt(List<Posting> postings, DateOnly day)
    {
        var removed = postings.Where(p => p.From > day).ToList();
        db.Postings.RemoveRange(removed);
        var ended = 0;
        foreach (var p in postings.Where(p => p.From <= day && (p.To is null || p.To > day)))
        {
            p.To = day;
            ended++;
        }
        return (ended, removed.Count);
    }

    private IQueryable<ConductOfficer> Officers(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.ConductOfficers.VisibleToMissionScope(scope) : db.ConductOfficers.Where(_ => false);

    private IQueryable<Site> Sites(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.Sites.VisibleToMissionScope(scope) : db.Sites.Where(_ => false);
}
