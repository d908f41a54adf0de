using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Governance;
using Vigil.Core.Intake;
using Vigil.Core.Security;

namespace Vigil.Core.Retention;

/// <summary>What a retention run did (or, for a dry run, would do).</summary>
public sealed record RetentionResult(bool DryRun, int ReportsAnonymised, int MessagesDeleted, int CasesAnonymised, int EvidenceFilesDeleted, int HeldSkipped, int? RunId)
{
    public string Describe() =>
        $"{(DryRun ? "Dry run: would anonymise" : "Anonymised")} {ReportsAnonymised} report(s) and {CasesAnonymised} closed case(s), "
        + $"{(DryRun ? "would delete" : "deleted")} {MessagesDeleted} anonymous message(s) and {EvidenceFilesDeleted} evidence file(s); "
        + $"{HeldSkipped} due record(s) kept under legal hold.";
}

/// <summary>
/// Applies the retention periods: anonymises closed reports and closed cases whose period has run
/// out, deletes old anonymous conversations and evidence files of long-closed cases, and never
/// touches a record under legal hold. Cases and reports themselves are kept (with dates, categories
/// and outcomes) so that statistics and the timeline stay whole; their personal content goes.
/// </summary>
public sealed class RetentionService(VigilDbContext db, FieldProtector protector, TimeProvider clock, IOptions<RetentionOptions> options, IAuditTrail audit)
{
    public const string RemovedText = "[removed under the retention policy]";

    /// <summary>Who the chain of custody names for a file destroyed by a retention run.</summary>
    public const string RetentionActor = "system:retention";

    public async Task<RetentionResult> RunAsync(bool dryRun, string trigger, CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var heldCases = await db.LegalHolds.Where(h => h.ReleasedAt == null && h.CaseId != null).Select(h => h.CaseId!.Value).ToListAsync(ct);
        var heldReports = await db.LegalHolds.Where(h => h.ReleasedAt == null && h.ReportId != null).Select(h => h.ReportId!.Value).ToListAsync(ct);
        bool ReportHeld(int reportId, int? caseId) => heldReports.Contains(reportId) || (caseId is { } c && heldCases.Contains(c));
        var held = 0;

        // Closed cases whose period has run out, by closure reason.
        var closedCases = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Closed && c.ClosedAt != null && c.ClosureReason != null
                && !db.RetentionMarks.Any(m => m.Kind == RetainedKind.Case && m.RecordId == c.Id))
            .Select(c => new { c.Id, ClosedAt = c.ClosedAt!.Value, Reason = c.ClosureReason!.Value })
            .ToListAsync(ct);
        var dueCases = closedCases.Where(c => settings.CaseRetention(c.Reason) is { } keep && c.ClosedAt + keep <= now).Select(c => c.Id).ToList();
        held += dueCases.Count(heldCases.Contains);
        dueCases.RemoveAll(heldCases.Contains);

        // Reports closed at triage, by close reason, plus the reports linked to cases now due.
        var closedReports = await db.Reports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Closed && r.CaseId == null
                && !db.RetentionMarks.Any(m => m.Kind == RetainedKind.Report && m.RecordId == r.Id))
            .Select(r => new { r.Id, r.CaseId, Closed = r.Decisions.Where(d => d.Kind == DecisionKind.Closed).OrderByDescending(d => d.DecidedAt).Select(d => new { d.DecidedAt, d.CloseReason }).FirstOrDefault() })
            .ToListAsync(ct);
        var dueReports = closedReports
            .Where(r => r.Closed?.CloseReason is { } reason && settings.ReportRetention(reason) is { } keep && r.Closed.DecidedAt + keep <= now)
            .Select(r => (r.Id, r.CaseId)).ToList();
        var linked = dueCases.Count == 0 ? [] : await db.Reports.AsNoTracking()
            .Where(r => r.CaseId != null && dueCases.Contains(r.CaseId.Value) && !db.RetentionMarks.Any(m => m.Kind == RetainedKind.Report && m.RecordId == r.Id))
            .Select(r => new { r.Id, r.CaseId }).ToListAsync(ct);
        dueReports.AddRange(linked.Select(r => (r.Id, r.CaseId)));
        held += dueReports.Count(r => ReportHeld(r.Id, r.CaseId));
        var reportIds = dueReports.Where(r => !ReportHeld(r.Id, r.CaseId)).Select(r => r.Id).Distinct().ToList();

        // Anonymous conversations silent for the whole period (messages of reports anonymised above go with them), once
        // the matter is over: the report closed at triage, or its case closed. An untriaged report or an open case
        // still needs what the reporter added, however long the investigation takes.
        var dueMessages = new List<int>();
        if (settings.AnonymousMessagesDays is { } days)
        {
            var cutoff = now - TimeSpan.FromDays(days);
            var conversations = await db.Reports.AsNoTracking()
                .Where(r => r.Channel == Channel.PublicPortal && r.Messages.Any() && !r.Messages.Any(m => m.SentAt > cutoff)
                    && (r.Status == ReportStatus.Closed || db.Cases.Any(c => c.Id == r.CaseId && c.Status == CaseStatus.Closed)))
                .Select(r => new { r.Id, r.CaseId, Messages = r.Messages.Select(m => m.Id).ToList() })
                .ToListAsync(ct);
            held += conversations.Count(c => ReportHeld(c.Id, c.CaseId) && !reportIds.Contains(c.Id));
            dueMessages.AddRange(conversations.Where(c => !ReportHeld(c.Id, c.CaseId)).SelectMany(c => c.Messages));
        }
        var reportMessages = reportIds.Count == 0 ? [] : await db.ReportMessages.Where(m => reportIds.Contains(m.ReportId)).Select(m => m.Id).ToListAsync(ct);
        dueMessages = [.. dueMessages.Union(reportMessages)];

        // Evidence files of cases closed long enough ago, whatever the outcome.
        var dueBlobs = new List<int>();
        if (settings.EvidenceFilesYears is { } years)
        {
            var evidenceCutoff = now - TimeSpan.FromDays(365.25 * years);
            var blobs = await db.EvidenceBlobs.AsNoTracking()
                .Join(db.Evidence, b => b.EvidenceId, e => e.Id, (b, e) => new { b.Id, e.CaseId })
                .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new { x.Id, x.CaseId, c.Status, c.ClosedAt })
                .Where(x => x.Status == CaseStatus.Closed && x.ClosedAt != null && x.ClosedAt <= evidenceCutoff)
                .ToListAsync(ct);
            held += blobs.Count(b => heldCases.Contains(b.CaseId));
            dueBlobs.AddRange(blobs.Where(b => !heldCases.Contains(b.CaseId)).Select(b => b.Id));
        }
        var caseBlobs = dueCases.Count == 0 ? [] : await db.EvidenceBlobs
            .Where(b => db.Evidence.Any(e => e.Id == b.EvidenceId && dueCases.Contains(e.CaseId))).Select(b => b.Id).ToListAsync(ct);
        dueBlobs = [.. dueBlobs.Union(caseBlobs)];

        if (dryRun)
        {
            return new RetentionResult(true, reportIds.Count, dueMessages.Count, dueCases.Count, dueBlobs.Count, held, null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = new RetentionRun { StartedAt = now, Trigger = trigger, HeldSkipped = held };
        db.RetentionRuns.Add(run);
        await db.SaveChangesAsync(ct);

        foreach (var report in await db.Reports.Where(r => reportIds.Contains(r.Id)).ToListAsync(ct))
        {
            report.NarrativeSealed = protector.Seal(RemovedText, Report.NarrativePurpose);
            report.LocationSealed = null;
            report.ContactSealed = null;
            // The receipt stops working: nobody can follow an anonymised report any more.
            report.ReceiptHash = null;
            db.RetentionMarks.Add(new RetentionMark { Kind = RetainedKind.Report, RecordId = report.Id, RunId = run.Id, At = now });
        }
        await db.IdempotencyRecords.Where(i => reportIds.Contains(i.ReportId)).ExecuteDeleteAsync(ct);
        // Kept API answers (24 hours) may quote anything the answer held; none outlives its day.
        await db.ApiReplays.Where(r => r.CreatedAt < now - Replay.ApiReplay.Lifetime).ExecuteDeleteAsync(ct);
        // Bulk deletes bypass the audit interceptor: each row that leaves is recorded here, and each destroyed file
        // in its item's chain of custody, so the record shows what went and under which run.
        var destroyedItems = await db.EvidenceBlobs.Where(b => dueBlobs.Contains(b.Id)).Select(b => b.EvidenceId).ToListAsync(ct);
        var messages = await db.ReportMessages.Where(m => dueMessages.Contains(m.Id)).ExecuteDeleteAsync(ct);
        var files = await db.EvidenceBlobs.Where(b => dueBlobs.Contains(b.Id)).ExecuteDeleteAsync(ct);
        var why = $"retention run {run.Id}";
        await audit.RecordAsync(
            [.. dueMessages.Select(id => new AuditEvent(AuditActions.Delete, nameof(ReportMessage), AuditWriter.FormatKey(id), Reason: why)),
             .. dueBlobs.Select(id => new AuditEvent(AuditActions.Delete, nameof(EvidenceBlob), AuditWriter.FormatKey(id), Reason: why))], ct);
        foreach (var item in destroyedItems)
        {
            db.Custody.Add(new CustodyEntry { EvidenceId = item, Action = CustodyAction.Destroyed, At = now, UserId = RetentionActor, NoteSealed = protector.Seal(why, CustodyEntry.NotePurpose) });
        }
        foreach (var victim in await db.CaseVictims.Where(v => dueCases.Contains(v.CaseId)).ToListAsync(ct))
        {
            victim.IdentitySealed = null;
        }
        foreach (var referral in await db.AssistanceReferrals.Where(a => dueCases.Contains(a.CaseId)).ToListAsync(ct))
        {
            referral.NoteSealed = null;
        }
        await AnonymiseCaseTextAsync(dueCases, ct);
        foreach (var decision in await db.ReportDecisions.Where(d => reportIds.Contains(d.ReportId)).ToListAsync(ct))
        {
            decision.ReasonSealed = protector.Seal(RemovedText, ReportDecision.ReasonPurpose);
        }
        foreach (var id in dueCases)
        {
            db.RetentionMarks.Add(new RetentionMark { Kind = RetainedKind.Case, RecordId = id, RunId = run.Id, At = now });
        }
        run.ReportsAnonymised = reportIds.Count;
        run.MessagesDeleted = messages;
        run.CasesAnonymised = dueCases.Count;
        run.EvidenceFilesDeleted = files;
        run.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RetentionResult(false, run.ReportsAnonymised, messages, run.CasesAnonymised, files, held, run.Id);
    }

    /// <summary>
    /// Staff free text on an anonymised case can name people: optional text goes, required text is
    /// replaced. Kinds, dates, outcomes and counts stay for the statistics. Tracked updates, so each is audited.
    /// </summary>
    private async Task AnonymiseCaseTextAsync(IReadOnlyCollection<int> dueCases, CancellationToken ct)
    {
        foreach (var @case in await db.Cases.Where(c => dueCases.Contains(c.Id)).ToListAsync(ct))
        {
            @case.RoutingOverrideReasonSealed = null;
        }
        foreach (var subject in await db.CaseSubjects.Where(s => dueCases.Contains(s.CaseId)).Include(s => s.Actions).Include(s => s.Waivers).AsSplitQuery().ToListAsync(ct))
        {
            subject.DescriptionSealed = null;
            subject.Actions.ForEach(a => a.NoteSealed = null);
            subject.Waivers.ForEach(w => w.JustificationSealed = protector.Seal(RemovedText, ImmunityWaiver.JustificationPurpose));
        }
        foreach (var note in await db.NotesVerbales.Where(n => dueCases.Contains(n.CaseId)).ToListAsync(ct))
        {
            note.SummarySealed = null;
        }
        foreach (var closure in await db.ClosureRequests.Where(r => dueCases.Contains(r.CaseId)).ToListAsync(ct))
        {
            closure.JustificationSealed = protector.Seal(RemovedText, ClosureRequest.JustificationPurpose);
        }
        foreach (var e in await db.CaseEvents.Where(e => dueCases.Contains(e.CaseId)).ToListAsync(ct))
        {
            e.TextSealed = protector.Seal(RemovedText, CaseEvent.TextPurpose);
            e.LineSealed = null;
        }
        foreach (var item in await db.Evidence.Where(i => dueCases.Contains(i.CaseId)).Include(i => i.Custody).ToListAsync(ct))
        {
            item.DescriptionSealed = protector.Seal(RemovedText, EvidenceItem.DescriptionPurpose);
            // File names often carry names ("statement-of-<victim>.pdf"): only the kind of file stays.
            item.NameSealed = protector.Seal("evidence-" + item.Id + Path.GetExtension(protector.Unseal(item.NameSealed, EvidenceItem.NamePurpose)), EvidenceItem.NamePurpose);
            item.Custody.ForEach(c => c.NoteSealed = null);
        }
        // Who the person was: the case keeps the subject's category and nationality for the statistics, not the link
        // to a personnel record (the screening registry keeps its own copy of what it was fed).
        foreach (var subject in await db.CaseSubjects.Where(s => dueCases.Contains(s.CaseId) && s.PersonId != null).ToListAsync(ct))
        {
            subject.PersonId = null;
        }
        foreach (var request in await db.BreakGlassRequests.Where(r => r.CaseId != null && dueCases.Contains(r.CaseId.Value)).ToListAsync(ct))
        {
            request.JustificationSealed = protector.Seal(RemovedText, BreakGlassRequest.JustificationPurpose);
            request.DecisionNoteSealed = null;
            request.ReviewNoteSealed = null;
        }
    }
}
