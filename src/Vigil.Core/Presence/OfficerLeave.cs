using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// A span of leave (first and last day inclusive) of a conduct officer. The planner treats a period in which the
/// officer is away for at least half of the days as unavailable: posted, but covering nothing. No reason is
/// kept (leave can be medical): only the dates and who recorded them.
/// </summary>
public sealed class OfficerLeave
{
    public int Id { get; set; }
    public int OfficerId { get; set; }
    public ConductOfficer? Officer { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed record LeaveView(int Id, string OfficerCode, string OfficerName, string MissionCode, DateOnly From, DateOnly To, bool Started);

/// <summary>The form and API body of a leave span.</summary>
public sealed record NewLeave
{
    /// <summary>The officer's code, e.g. CDO-0042.</summary>
    public string? Officer { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

/// <summary>The form and API body of a change to the last day of leave.</summary>
public sealed record LeaveLastDay
{
    /// <summary>The new last day: earlier (the officer came back early) or later (the leave was extended).</summary>
    public DateOnly? To { get; init; }
}

/// <summary>
/// Officers' leave, current and coming, in the caller's missions. The conduct team sees it (it explains the
/// plan); the conduct chief records and cancels it, and the next planning run takes it into account.
/// </summary>
public sealed class OfficerLeaves(VigilDbContext db, TimeProvider clock)
{
    /// <summary>Longest span recorded at once: a year.</summary>
    public const int MaxDays = 366;

    /// <summary>How long after it ended leave's last day may still be moved.</summary>
    public const int CorrectionDays = 30;

    /// <summary>How far ahead leave may start (a rotation horizon starts at most this far ahead too).</summary>
    public const int MaxYearsAhead = RotationRuns.MaxYearsAhead;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<OfficerLeave> Visible(CallerScope scope)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.ConductTeam))
        {
            return db.OfficerLeaves.Where(_ => false);
        }
        if (scope.Global)
        {
            return db.OfficerLeaves;
        }
        var missions = scope.Missions.ToList();
        return db.OfficerLeaves.Where(l => missions.Contains(l.Officer!.Mission!.Code));
    }

    /// <summary>Leave not yet over, soonest first; optionally one mission.</summary>
    public async Task<IReadOnlyList<LeaveView>> ListAsync(CallerScope scope, string? mission = null, CancellationToken ct = default)
    {
        var today = Today;
        var query = Visible(scope).AsNoTracking().Where(l => l.To >= today);
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            query = query.Where(l => l.Officer!.Mission!.Code == code);
        }
        return await query.OrderBy(l => l.From).ThenBy(l => l.Officer!.Code)
            .Select(l => new LeaveView(l.Id, l.Officer!.Code, l.Officer.FullName, l.Officer.Mission!.Code, l.From, l.To, l.From <= today))
            .ToListAsync(ct);
    }

    /// <summary>One leave in the caller's missions, past ones included (the address a recorded leave is created at).</summary>
    public async Task<Result<LeaveView>> GetAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var today = Today;
        var leave = await Visible(scope).AsNoTracking().Where(l => l.Id == id)
            .Select(l => new LeaveView(l.Id, l.Officer!.Code, l.Officer.FullName, l.Officer.Mission!.Code, l.From, l.To, l.From <= today))
            .FirstOrDefaultAsync(ct);
        return leave is null ? new NotFoundError("No such leave in your missions.") : leave;
    }

    /// <summary>The officers whose leave the caller may record (codes and names, for the form); optionally one mission.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> OfficersAsync(CallerScope scope, string? mission = null, CancellationToken ct = default)
    {
        // Officers who have left the mission are no longer offered.
        var today = Today;
        var query = VisibleOfficers(scope).AsNoTracking().Where(o => o.LeftOn == null || o.LeftOn >= today);
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            query = query.Where(o => o.Mission!.Code == code);
        }
        return (await query.OrderBy(o => o.Code).Select(o => new { o.Code, o.FullName }).ToListAsync(ct)).Select(o => (o.Code, o.FullName)).ToList();
    }

    public async Task<Result<int>> AddAsync(CallerScope scope, string userId, NewLeave request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.Officer?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return ValidationError.For("officer", "Give the officer's code, e.g. CDO-0042.");
        }
        // The code as typed (cdo-0042) finds the officer too, as the evaluation form's does.
        var officer = await VisibleOfficers(scope).WithCode(o => o.Code, code).FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            return new NotFoundError($"No conduct officer '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records leave.");
        }
        if (request.From is not { } from)
        {
            return ValidationError.For("from", "Give the first day of leave (yyyy-MM-dd).");
        }
        if (request.To is not { } to)
        {
            return ValidationError.For("to", "Give the last day of leave (yyyy-MM-dd).");
        }
        if (to < from)
        {
            return ValidationError.For("to", $"The last day ({to:yyyy-MM-dd}) is before the first ({from:yyyy-MM-dd}).");
        }
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return ValidationError.For("to", $"At most {MaxDays} days at once.");
        }
        if (officer.LeftOn is { } left && to > left)
        {
            return ValidationError.For("to", $"{officer.Code} leaves the mission on {left:yyyy-MM-dd}: leave after that day is not recorded.");
        }
        if (to < Today)
        {
            return ValidationError.For("to", "That leave is already over: record leave that is current or coming.");
        }
        if (from > Today.AddYears(MaxYearsAhead))
        {
            return ValidationError.For("from", $"'{from:yyyy-MM-dd}' is more than {MaxYearsAhead} years ahead: record leave that is planned, not a typo.");
        }
        // Lock the officer's row before looking for overlaps: two requests at once both found none and both recorded.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConductOfficers.Where(o => o.Id == officer.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Code, o => o.Code), ct);
        var overlap = await db.OfficerLeaves.AsNoTracking().Where(l => l.OfficerId == officer.Id && l.From <= to && l.To >= from)
            .OrderBy(l => l.From).FirstOrDefaultAsync(ct);
        if (overlap is not null)
        {
            return new ConflictError($"{officer.Code} already has leave from {overlap.From:yyyy-MM-dd} to {overlap.To:yyyy-MM-dd}, which overlaps.");
        }
        var leave = new OfficerLeave { OfficerId = officer.Id, From = from, To = to, RecordedByUserId = userId, RecordedAt = clock.GetUtcNow() };
        db.OfficerLeaves.Add(leave);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return leave.Id;
    }

    /// <summary>Cancels leave that has not started; leave already taken stays on record.</summary>
    public async Task<Result<bool>> CancelAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var leave = await Visible(scope).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null)
        {
            return new NotFoundError("No such leave in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission cancels leave.");
        }
        if (leave.From <= Today)
        {
            return new ConflictError("This leave has started: it stays on record.");
        }
        db.OfficerLeaves.Remove(leave);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Moves the last day of leave not yet over, or over for at most <see cref="CorrectionDays"/>: earlier when the officer
    /// came back early (a day already past is accepted, from the first day on), later when the leave was extended.
    /// </summary>
    public async Task<Result<bool>> ChangeLastDayAsync(CallerScope scope, int id, LeaveLastDay request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var leave = await Visible(scope).Include(l => l.Officer).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null)
        {
            return new NotFoundError("No such leave in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission changes leave.");
        }
        if (request.To is not { } to)
        {
            return ValidationError.For("to", "Give the new last day of leave (yyyy-MM-dd).");
        }
        // Leave that ended lately may still be corrected (a last day typed wrong, or moved too early by mistake).
        if (leave.To < Today.AddDays(-CorrectionDays))
        {
            return new ConflictError($"This leave ended on {leave.To:yyyy-MM-dd}, more than {CorrectionDays} days ago: it stays on record as it was.");
        }
        if (to < leave.From)
        {
            return ValidationError.For("to", $"The last day ({to:yyyy-MM-dd}) is before the first ({leave.From:yyyy-MM-dd}).");
        }
        if (to.DayNumber - leave.From.DayNumber + 1 > MaxDays)
        {
            return ValidationError.For("to", $"At most {MaxDays} days at once.");
        }
        if (to == leave.To)
        {
            return true;
        }
        // As when recording: lock the officer's row so that an extension and a new span cannot both pass the check.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConductOfficers.Where(o => o.Id == leave.OfficerId).ExecuteUpdateAsync(u => u.SetProperty(o => o.Code, o => o.Code), ct);
        var overlap = await db.OfficerLeaves.AsNoTracking()
            .Where(l => l.Id != leave.Id && l.OfficerId == leave.OfficerId && l.From <= to && l.To >= leave.From)
            .OrderBy(l => l.From).FirstOrDefaultAsync(ct);
        if (overlap is not null)
        {
            return new ConflictError($"{leave.Officer!.Code} already has leave from {overlap.From:yyyy-MM-dd} to {overlap.To:yyyy-MM-dd}, which overlaps.");
        }
        leave.To = to;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private IQueryable<ConductOfficer> VisibleOfficers(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.ConductOfficers.VisibleToMissionScope(scope) : db.ConductOfficers.Where(_ => false);

    /// <summary>
    /// The periods (0-based) of a horizon in which a leave span covers at least half of the period's days.
    /// </summary>
    public static IReadOnlyList<int> UnavailablePeriods(IEnumerable<(DateOnly From, DateOnly To)> leave, DateOnly start, int periods, int periodMonths)
    {
        var spans = leave.ToList();
        var result = new List<int>();
        for (var q = 0; q < periods; q++)
        {
            var first = start.AddMonths(q * periodMonths);
            var last = start.AddMonths((q + 1) * periodMonths).AddDays(-1);
            var days = last.DayNumber - first.DayNumber + 1;
            var away = spans.Sum(s => Math.Max(0, Math.Min(s.To.DayNumber, last.DayNumber) - Math.Max(s.From.DayNumber, first.DayNumber) + 1));
            if (away * 2 >= days)
            {
                result.Add(q);
            }
        }
        return result;
    }
}
