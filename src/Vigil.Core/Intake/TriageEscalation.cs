using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Intake;

/// <summary>
/// Escalates reports left untriaged past their limit (24 hours when a child may be involved, 7 days otherwise) to the
/// mission's conduct chief and headquarters, once per report, as the deadline engine does for a case's deadlines:
/// the inbox flags them, but a flag only helps whoever opens the inbox. Idempotent; several hosts may run it.
/// </summary>
public sealed class TriageEscalation(VigilDbContext db, TimeProvider clock, IOptions<IntakeOptions> options, IAuditTrail audit)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var policy = options.Value;
        var overdue = await db.Reports.AsNoTracking()
            .Where(policy.Overdue(now)).Where(r => r.TriageEscalatedAt == null)
            .Select(r => new { r.Id, r.Reference, r.MissionId, r.ReceivedAt, r.ChildInvolved })
            .ToListAsync(ct);
        var escalated = 0;
        // Claim and notification commit together: a concurrent run waits on the claim and then finds it taken.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var report in overdue)
        {
            var claimed = await db.Reports.Where(r => r.Id == report.Id && r.TriageEscalatedAt == null && r.Status == ReportStatus.Received)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.TriageEscalatedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(Report), AuditWriter.FormatKey(report.Id), "TriageEscalatedAt"), ct);
            escalated++;
            // The reference and clock only: no narrative, place or person in a notice.
            var text = report.ChildInvolved != false
                ? (Words)$"{report.Reference}: NOT TRIAGED within {Span(policy.LimitFor(report.ChildInvolved))} (a child may be involved); received {report.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                : (Words)$"{report.Reference}: NOT TRIAGED within {Span(policy.LimitFor(report.ChildInvolved))}; received {report.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
            db.Notifications.AddRange(Notification.Escalation(report.MissionId, text, now, reportId: report.Id));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return escalated;
    }

    private static Words Span(TimeSpan limit) => limit.TotalHours < 48
        ? (Words)$"{limit.TotalHours:0.#} hours"
        : (Words)$"{limit.TotalDays:0.#} days";
}
