using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Cases;

public sealed record DeadlineRun(int Reminded, int Escalated);

/// <summary>
/// The deadline engine: reminds the mission's conduct team before a deadline and escalates to the
/// conduct chief (and headquarters) once it is missed. Idempotent: each deadline is reminded once
/// and escalated once, so it can run as often as wanted.
/// </summary>
public sealed class DeadlineService(VigilDbContext db, FieldProtector protector, TimeProvider clock, IOptions<DeadlinePolicy> options, IAuditTrail audit)
{
    public async Task<DeadlineRun> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var remindFrom = today.AddDays(options.Value.ReminderDaysBefore);
        var due = await db.CaseDeadlines.AsNoTracking()
            .Where(d => d.MetOn == null && (d.EscalatedAt == null && d.DueOn < today || d.RemindedAt == null && d.DueOn <= remindFrom))
            .Join(db.Cases, d => d.CaseId, c => c.Id, (d, c) => new { Deadline = d, c.Reference, c.MissionId, CaseId = c.Id })
            .ToListAsync(ct);
        int reminded = 0, escalated = 0;
        // Claims, notifications and timeline entries commit together: a concurrent run waits on the
        // claim and then finds the step taken, so nobody sees a claim without its notification.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var item in due)
        {
            var d = item.Deadline;
            var what = Describe(d);
            // Claim each step with a conditional update: several hosts (or runs) may race, and only one may notify.
            if (d.DueOn < today && d.EscalatedAt is null)
            {
                var claimed = await db.CaseDeadlines.Where(x => x.Id == d.Id && x.EscalatedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.EscalatedAt, now).SetProperty(x => x.RemindedAt, x => x.RemindedAt ?? now), ct);
                if (claimed == 0)
                {
                    continue;
                }
                await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(CaseDeadline), AuditWriter.FormatKey(d.Id), "EscalatedAt, RemindedAt"), ct);
                escalated++;
                var text = (Words)$"{item.Reference}: OVERDUE since {d.DueOn:yyyy-MM-dd}: {what}.";
                db.Notifications.AddRange(Notification.Escalation(item.MissionId, text, now, caseId: item.CaseId));
                db.CaseEvents.Add(CaseEvent.Of(protector, CaseEventKind.DeadlineEscalated, now, null, TimelineLines.DeadlineEscalated(what), item.CaseId));
            }
            else if (d.RemindedAt is null)
            {
                var claimed = await db.CaseDeadlines.Where(x => x.Id == d.Id && x.RemindedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.RemindedAt, now), ct);
                if (claimed == 0)
                {
                    continue;
                }
                await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(CaseDeadline), AuditWriter.FormatKey(d.Id), "RemindedAt"), ct);
                reminded++;
                db.Notifications.Add(new Notification
                {
                    Role = Roles.ConductOfficer,
                    MissionId = item.MissionId,
                    CaseId = item.CaseId,
                    CreatedAt = now,
                    Notice = (Words)$"{item.Reference}: due {d.DueOn:yyyy-MM-dd}: {what}.",
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeadlineRun(reminded, escalated);
    }

    public static Words Describe(CaseDeadline d) => d.Kind switch
    {
        DeadlineKind.NioAnswer => (Words)$"{d.Country}'s answer on a National Investigation Officer",
        DeadlineKind.InvestigationCompletion => "conclusion of the investigation",
        DeadlineKind.OutcomeReport => (Words)$"{d.Country}'s report on the outcome",
    };
}

public sealed record StageRow(CaseStatus Status, int Cases, int Under30Days, int Days30To90, int Days90To180, int Over180Days);

public sealed record CountryOverdue(string Country, int OverdueReplies, int OldestDaysOverdue);

public sealed record OverdueItem(string Case, string Mission, DeadlineKind Kind, string? Country, DateOnly DueOn, int DaysOverdue);

public sealed record Dashboard(IReadOnlyList<StageRow> Stages, IReadOnlyList<CountryOverdue> Countries, IReadOnlyList<OverdueItem> Overdue);

/// <summary>The overdue dashboard: cases by stage and age, overdue member-state replies by country, the overdue list.</summary>
public sealed class OverdueDashboard(CaseAccess access, VigilDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The dashboard of the cases the caller sees, of one mission when <paramref name="mission"/> is given (any case); a
    /// code no mission has is refused naming <c>mission</c>, where it answered zeros read as "nothing overdue there". A
    /// mission out of the caller's scope answers zeros, as the case list does.
    /// </summary>
    public async Task<Result<Dashboard>> GetAsync(CallerScope scope, string? userId, string? mission, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cases = access.Visible(scope, userId).AsNoTracking();
        var filter = await Reference.MissionFilter.ReadAsync(db, mission, ct);
        if (filter.Error is { } unknown)
        {
            return unknown;
        }
        if (filter.Value is { } code)
        {
            cases = cases.Where(c => c.Mission!.Code == code);
        }
        var d30 = now.AddDays(-30);
        var d90 = now.AddDays(-90);
        var d180 = now.AddDays(-180);
        var stages = await cases.Where(c => c.Status != CaseStatus.Closed).GroupBy(c => c.Status)
            .Select(g => new
            {
                Status = g.Key,
                Cases = g.Count(),
                A = g.Count(c => c.OpenedAt >= d30),
                B = g.Count(c => c.OpenedAt < d30 && c.OpenedAt >= d90),
                C = g.Count(c => c.OpenedAt < d90 && c.OpenedAt >= d180),
                D = g.Count(c => c.OpenedAt < d180),
            })
            .ToListAsync(ct);
        var overdue = await db.CaseDeadlines.AsNoTracking().Where(d => d.MetOn == null && d.DueOn < today)
            .Join(cases, d => d.CaseId, c => c.Id, (d, c) => new { c.Reference, Mission = c.Mission!.Code, d.Kind, d.Country, d.DueOn })
            .OrderBy(x => x.DueOn).ThenBy(x => x.Reference).ThenBy(x => x.Kind).Take(500)
            .ToListAsync(ct);
        var items = overdue.Select(o => new OverdueItem(o.Reference, o.Mission, o.Kind, o.Country, o.DueOn, today.DayNumber - o.DueOn.DayNumber)).ToList();
        var byCountry = items.Where(i => i.Country is not null && i.Kind is DeadlineKind.NioAnswer or DeadlineKind.OutcomeReport)
            .GroupBy(i => i.Country!)
            .Select(g => new CountryOverdue(g.Key, g.Count(), g.Max(i => i.DaysOverdue)))
            .OrderByDescending(c => c.OverdueReplies).ThenBy(c => c.Country, StringComparer.Ordinal).ToList();
        return new Dashboard(
            Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed)
                .Select(s => stages.FirstOrDefault(x => x.Status == s) is { } x ? new StageRow(s, x.Cases, x.A, x.B, x.C, x.D) : new StageRow(s, 0, 0, 0, 0, 0))
                .ToList(),
            byCountry, items);
    }
}
