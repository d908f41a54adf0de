using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Intake;

public sealed record StaffReportRequest
{
    public Channel Channel { get; init; }
    public ReporterRelationship Relationship { get; init; }
    public bool? ConsentToShare { get; init; }
    public string? Language { get; init; }
    public string? Mission { get; init; }
    public string? Site { get; init; }
    public string? Location { get; init; }
    public string? Narrative { get; init; }
    public string? IncidentDate { get; init; }
    public InvolvedCategory Involved { get; init; }
    public bool? ChildInvolved { get; init; }
    public string? Contact { get; init; }
}

public sealed record InboxFilter(string? Mission = null, ReportStatus? Status = ReportStatus.Received, bool OverdueOnly = false,
    bool UnansweredOnly = false, Channel? Channel = null);

public sealed record InboxRow(string Reference, DateTimeOffset ReceivedAt, TimeSpan Age, Channel Channel, string? Mission, string? Site,
    InvolvedCategory Involved, bool? ChildInvolved, ReportStatus Status, bool Overdue, DateTimeOffset TriageDue, bool AwaitingReply);

public sealed record MessageView(MessageSender From, string Text, DateTimeOffset SentAt)
{
    /// <summary>The message's id, as the answer to sending it gave it (<see cref="ReportMessageSent"/>).</summary>
    public int Id { get; init; }
}

/// <summary>A message just sent to the reporter: its id (as the report's messages list it), the report, and when.</summary>
public sealed record ReportMessageSent(int Id, string Report, DateTimeOffset SentAt);

public sealed record DecisionView(DecisionKind Kind, string? CaseReference, CloseReason? CloseReason, string Reason, string DecidedBy, DateTimeOffset DecidedAt);

public sealed record ReportView(string Reference, DateTimeOffset ReceivedAt, Channel Channel, ReporterRelationship Relationship, bool? ConsentToShare,
    string? Language, string? Mission, string? Site, string Narrative, string? Location, string? Contact, string? IncidentDate,
    InvolvedCategory Involved, bool? ChildInvolved, ReportStatus Status, string? CaseReference, bool Overdue, DateTimeOffset TriageDue,
    IReadOnlyList<MessageView> Messages, IReadOnlyList<DecisionView> Decisions);

/// <summary>An open case a report may be about. <c>Why</c> in English (the API's); <c>Reasons</c> the same, for a page to say in its language.</summary>
public sealed record CaseCandidate(string Reference, string Mission, string? Site, string? IncidentDate, DateTimeOffset OpenedAt, double Score, string Why,
    [property: System.Text.Json.Serialization.JsonIgnore] Words? Reasons = null);

public enum TriageAction
{
    Link,
    OpenCase,
    Close,
}

public sealed record TriageRequest
{
    public TriageAction Action { get; init; }
    public string? CaseReference { get; init; }
    public string? Mission { get; init; }
    public AllegationCategory? Category { get; init; }
    public AllegationType? Type { get; init; }
    public MisconductLevel? Level { get; init; }
    public CloseReason? CloseReason { get; init; }
    public string? Reason { get; init; }
}

public sealed record TriageOutcome(string Report, ReportStatus Status, string? CaseReference);

/// <summary>
/// The conduct team's side of intake: record reports from every channel, the inbox, reading a
/// report, replying to its reporter, and reconciling it into a case. Scope is applied in each query:
/// a report outside the caller's missions is not found. Reports without a mission are for
/// headquarters (global scope) until one is set.
/// </summary>
public sealed class StaffReports(VigilDbContext db, FieldProtector protector, TimeProvider clock, IOptions<IntakeOptions> options, IAuditTrail audit, KeyRing keys)
{
    private readonly IntakeOptions policy = options.Value;

    public IQueryable<Report> Visible(CallerScope scope)
    {
        if (!scope.Roles.Overlaps(Roles.IntakeHandlers))
        {
            return db.Reports.Where(_ => false);
        }
        if (scope.Global)
        {
            return db.Reports;
        }
        var missions = scope.Missions.ToList();
        return db.Reports.Where(r => r.Mission != null && missions.Contains(r.Mission.Code));
    }

    /// <summary>When triage is due: the child limit unless the report says no child was involved ("I don't know" may be one).</summary>
    public DateTimeOffset TriageDue(DateTimeOffset received, bool? child) => received + policy.LimitFor(child);

    /// <summary>
    /// Records a report received by another channel. With an <paramref name="idempotencyKey"/> (the API's header, or the
    /// key written into each blank form), a retry on a flaky connection or a second click answers the first report's
    /// reference instead of recording it twice; the key is the caller's own (two officers may use the same string).
    /// </summary>
    public async Task<Result<string>> RecordAsync(CallerScope scope, string userId, StaffReportRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        if (!scope.Roles.Overlaps(Roles.IntakeHandlers))
        {
            return new NotFoundError();
        }
        if (request.Channel == Channel.PublicPortal)
        {
            return ValidationError.For("channel", "Public-portal reports arrive by themselves; choose the channel this report came through.");
        }
        var errors = new Dictionary<string, Words[]>();
        var narrative = request.Narrative?.Trim();
        if (!VisibleText.Any(narrative) || VisibleText.Characters(narrative) > IntakeOptions.MaxNarrative)
        {
            errors["narrative"] = [$"The narrative is required, at most {IntakeOptions.MaxNarrative:N0} characters."];
        }
        int? missionId = null;
        int? siteId = null;
        if (!string.IsNullOrWhiteSpace(request.Mission))
        {
            var code = request.Mission.Trim().ToUpperInvariant();
            missionId = await db.Missions.VisibleToMissionScope(scope).Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (missionId is null)
            {
                errors["mission"] = [$"'{code}' is not a mission in your scope."];
            }
        }
        else if (!scope.Global)
        {
            errors["mission"] = ["Choose the mission."];
        }
        if (!string.IsNullOrWhiteSpace(request.Site) && missionId is not null)
        {
            var code = request.Site.Trim();
            siteId = await db.Sites.Where(s => s.MissionId == missionId && s.Code == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (siteId is null)
            {
                errors["site"] = [$"'{code}' is not a site of that mission."];
            }
        }
        PartialDate? incident = null;
        if (!string.IsNullOrWhiteSpace(request.IncidentDate))
        {
            if (!PartialDate.TryParse(request.IncidentDate, out var parsed) || parsed.Earliest > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
                || parsed.Latest < RecordDates.Earliest)
            {
                errors["incidentDate"] = ["Give a past date (YYYY-MM-DD), month (YYYY-MM) or year."];
            }
            else
            {
                incident = parsed;
            }
        }
        if (request.Contact?.Length > IntakeOptions.MaxContact)
        {
            errors["contact"] = [$"The contact is at most {IntakeOptions.MaxContact} characters."];
        }
        if (request.Language?.Trim() is { Length: > 0 } tag && !PublicReports.LanguageTag().IsMatch(tag))
        {
            errors["language"] = ["Give a BCP 47 language tag such as fr or ar-TD."];
        }
        if (request.Location?.Length > IntakeOptions.MaxLocation)
        {
            errors["location"] = [$"The location is at most {IntakeOptions.MaxLocation:N0} characters."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        byte[]? keyHash = null;
        byte[]? requestHash = null;
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 255)
            {
                return ValidationError.For("Idempotency-Key", "The Idempotency-Key header must be 1 to 255 characters.");
            }
            keyHash = HMACSHA256.HashData(keys.ReceiptKey, Encoding.UTF8.GetBytes($"staff-idempotency:{userId}:{idempotencyKey}"));
            requestHash = HMACSHA256.HashData(keys.ReceiptKey, JsonSerializer.SerializeToUtf8Bytes(request));
            if (await FindReplayAsync(keyHash, requestHash, ct) is { } replay)
            {
                return replay;
            }
        }

        var now = clock.GetUtcNow();
        var report = new Report
        {
            Reference = "R-tmp-" + Guid.NewGuid().ToString("N"),
            Channel = request.Channel,
            Relationship = request.Relationship,
            ConsentToShare = request.ConsentToShare,
            Language = request.Language?.Trim() is { Length: > 0 } l ? l : null,
            MissionId = missionId,
            SiteId = siteId,
            NarrativeSealed = protector.Seal(narrative!, Report.NarrativePurpose),
            LocationSealed = protector.SealOptional(request.Location?.Trim() is { Length: > 0 } loc ? loc : null, Report.LocationPurpose),
            ContactSealed = protector.SealOptional(request.Contact?.Trim() is { Length: > 0 } c ? c : null, Report.ContactPurpose),
            IncidentDate = incident,
            Involved = request.Involved,
            ChildInvolved = request.ChildInvolved,
            ReceivedAt = now,
            RecordedByUserId = userId,
            Status = ReportStatus.Received,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        report.Reference = Reports.ReferenceFor(report.Id, now);
        if (keyHash is not null)
        {
            // The reference is kept sealed in the receipt column: a staff report has no receipt.
            db.IdempotencyRecords.Add(new IdempotencyRecord { KeyHash = keyHash, RequestHash = requestHash!, ReportId = report.Id, ReceiptSealed = protector.Seal(report.Reference, IdempotencyRecord.ReceiptPurpose), CreatedAt = now });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException) when (keyHash is not null)
        {
            // The same key sent twice at once: the first stored wins, the other answers with its reference.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await FindReplayAsync(keyHash, requestHash!, ct) is { } replay)
            {
                return replay;
            }
            throw;
        }
        return report.Reference;
    }

    private async Task<Result<string>?> FindReplayAsync(byte[] keyHash, byte[] requestHash, CancellationToken ct) =>
        await IdempotencyRecords.FindAsync(db, keyHash, requestHash, clock.GetUtcNow(), ct) switch
        {
            null => null,
            { Error: { } mismatch } => mismatch,
            { } found => protector.Unseal(found.Value!.ReceiptSealed, IdempotencyRecord.ReceiptPurpose),
        };

    public async Task<IReadOnlyList<InboxRow>> InboxAsync(CallerScope scope, InboxFilter filter, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var query = Visible(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Mission))
        {
            var code = filter.Mission.Trim().ToUpperInvariant();
            query = query.Where(r => r.Mission != null && r.Mission.Code == code);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }
        if (filter.Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }
        if (filter.UnansweredOnly)
        {
            query = query.Where(r => r.LastReporterMessageAt != null && (r.LastTeamMessageAt == null || r.LastTeamMessageAt < r.LastReporterMessageAt));
        }
        if (filter.OverdueOnly)
        {
            query = query.Where(policy.Overdue(now));
        }
        var rows = await query
            .OrderBy(r => r.ReceivedAt)
            .Take(500)
            .Select(r => new
            {
                r.Reference,
                r.ReceivedAt,
                r.Channel,
                Mission = r.Mission == null ? null : r.Mission.Code,
                Site = r.Site == null ? null : r.Site.Name,
                r.Involved,
                r.ChildInvolved,
                r.Status,
                r.LastReporterMessageAt,
                r.LastTeamMessageAt,
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var due = TriageDue(r.ReceivedAt, r.ChildInvolved);
            return new InboxRow(r.Reference, r.ReceivedAt, now - r.ReceivedAt, r.Channel, r.Mission, r.Site, r.Involved, r.ChildInvolved, r.Status,
                r.Status == ReportStatus.Received && now > due, due,
                r.LastReporterMessageAt is { } last && (r.LastTeamMessageAt is null || r.LastTeamMessageAt < last));
        })
        .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.ChildInvolved == true).ThenBy(r => r.ReceivedAt)
        .ToList();
    }

    public async Task<Result<ReportView>> GetAsync(CallerScope scope, string reference, CancellationToken ct = default)
    {
        var report = await Visible(scope).AsNoTracking()
            .Include(r => r.Mission).Include(r => r.Site)
            .FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (report is null)
        {
            return new NotFoundError("No such report in your scope.");
        }
        var messages = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == report.Id).OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(ct);
        var decisions = await db.ReportDecisions.AsNoTracking().Where(d => d.ReportId == report.Id).OrderBy(d => d.DecidedAt)
            .Select(d => new
            {
                d.Kind,
                CaseReference = db.Cases.Where(c => c.Id == d.CaseId).Select(c => c.Reference).FirstOrDefault(),
                d.CloseReason,
                d.ReasonSealed,
                DecidedBy = db.Users.Where(u => u.Id == d.DecidedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "?",
                d.DecidedAt,
            })
            .ToListAsync(ct);
        var caseReference = report.CaseId is null ? null : await db.Cases.Where(c => c.Id == report.CaseId).Select(c => c.Reference).FirstOrDefaultAsync(ct);
        await audit.RecordReadAsync(nameof(Report), report.Id, detail: "narrative, location, contact, messages", ct: ct);
        var due = TriageDue(report.ReceivedAt, report.ChildInvolved);
        return new ReportView(report.Reference, report.ReceivedAt, report.Channel, report.Relationship, report.ConsentToShare, report.Language,
            report.Mission?.Code, report.Site?.Name,
            protector.Unseal(report.NarrativeSealed, Report.NarrativePurpose),
            protector.UnsealOptional(report.LocationSealed, Report.LocationPurpose),
            protector.UnsealOptional(report.ContactSealed, Report.ContactPurpose),
            report.IncidentDate?.ToString(), report.Involved, report.ChildInvolved, report.Status, caseReference,
            report.Status == ReportStatus.Received && clock.GetUtcNow() > due, due,
            messages.Select(m => new MessageView(m.From, protector.Unseal(m.TextSealed, ReportMessage.TextPurpose), m.SentAt) { Id = m.Id }).ToList(),
            decisions.Select(d => new DecisionView(d.Kind, d.CaseReference, d.CloseReason,
                protector.Unseal(d.ReasonSealed, ReportDecision.ReasonPurpose), d.DecidedBy, d.DecidedAt)).ToList());
    }

    public async Task<Result<ReportMessageSent>> ReplyAsync(CallerScope scope, string userId, string reference, string? text, CancellationToken ct = default)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || VisibleText.Characters(trimmed) > IntakeOptions.MaxMessage)
        {
            return ValidationError.For("text", $"A message is 1 to {IntakeOptions.MaxMessage:N0} characters.");
        }
        var report = await Visible(scope).FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (report is null)
        {
            return new NotFoundError("No such report in your scope.");
        }
        // To the microsecond, as PostgreSQL keeps it: the answer gives the time the report's messages will list.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var message = new ReportMessage { ReportId = report.Id, From = MessageSender.Team, TextSealed = protector.Seal(trimmed, ReportMessage.TextPurpose), SentAt = now, SentByUserId = userId };
        db.ReportMessages.Add(message);
        report.LastTeamMessageAt = now;
        await db.SaveChangesAsync(ct);
        return new ReportMessageSent(message.Id, report.Reference, now);
    }

    /// <summary>Open cases that may be the same incident, most likely first: same mission, then site, incident date and recency.</summary>
    public async Task<Result<IReadOnlyList<CaseCandidate>>> CandidatesAsync(CallerScope scope, string reference, CancellationToken ct = default)
    {
        var report = await Visible(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (report is null)
        {
            return new NotFoundError("No such report in your scope.");
        }
        var missionCodes = scope.Global ? null : scope.Missions.ToList();
        var query = db.Cases.AsNoTracking().Where(c => c.Status != CaseStatus.Closed);
        query = report.MissionId is { } missionId ? query.Where(c => c.MissionId == missionId)
            : missionCodes is null ? query : query.Where(c => missionCodes.Contains(c.Mission!.Code));
        var cases = await query.OrderByDescending(c => c.OpenedAt).Take(300)
            .Select(c => new
            {
                c.Reference,
                Mission = c.Mission!.Code,
                c.SiteId,
                Site = c.Site == null ? null : c.Site.Name,
                c.OpenedAt,
                Incident = c.Allegations.Select(a => a.IncidentDate).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var ranked = cases.Select(c =>
        {
            var why = new List<Words>();
            double score = 0;
            if (report.SiteId is not null && c.SiteId == report.SiteId)
            {
                score += 0.45;
                why.Add((Words)"same site");
            }
            if (report.IncidentDate is { } reported && c.Incident is { } other)
            {
                var days = Math.Abs(Midpoint(reported).DayNumber - Midpoint(other).DayNumber);
                var closeness = Math.Max(0, 1 - days / 90.0);
                score += 0.4 * closeness;
                if (closeness > 0)
                {
                    why.Add((Words)$"incident about {days} days apart");
                }
            }
            var ageDays = (now - c.OpenedAt).TotalDays;
            score += 0.15 * Math.Max(0, 1 - ageDays / 365);
            if (why.Count == 0)
            {
                why.Add((Words)"same mission");
            }
            var reasons = Words.Join(", ", why);
            return new CaseCandidate(c.Reference, c.Mission, c.Site, c.Incident?.ToString(), c.OpenedAt, Math.Round(score, 3), reasons.ToString(), reasons);
        })
        .OrderByDescending(c => c.Score).ThenByDescending(c => c.OpenedAt).Take(10).ToList();
        return ranked;
    }

    private static DateOnly Midpoint(PartialDate date) => date.Earliest.AddDays((date.Latest.DayNumber - date.Earliest.DayNumber) / 2);

    public async Task<Result<TriageOutcome>> TriageAsync(CallerScope scope, string userId, string reference, TriageRequest request, CancellationToken ct = default)
    {
        var report = await Visible(scope).FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (report is null)
        {
            return new NotFoundError("No such report in your scope.");
        }
        if (report.Status != ReportStatus.Received)
        {
            return new ConflictError($"Report {reference} was already triaged ({EnumTokens.Wire(report.Status)}).");
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            return ValidationError.For("reason", "Say why (1 to 2,000 characters): every triage decision is recorded with its reason.");
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the report first: two triages at once both read "received" above, and each opened a case. The update
        // locks the row (PostgreSQL) or takes the write lock (SQLite); the second finds it no longer received.
        if (await db.Reports.Where(r => r.Id == report.Id && r.Status == ReportStatus.Received)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Received), ct) == 0)
        {
            return new ConflictError($"Report {reference} was triaged just now by another request (a colleague's, or a second click): reload it to see the decision.");
        }
        var decision = new ReportDecision { ReportId = report.Id, ReasonSealed = protector.Seal(reason, ReportDecision.ReasonPurpose), DecidedByUserId = userId, DecidedAt = now };
        string? caseReference = null;
        switch (request.Action)
        {
            case TriageAction.Link:
                var inScope = scope.Missions.ToList();
                var target = await db.Cases.Where(c => c.Reference == request.CaseReference)
                    .Where(c => scope.Global || inScope.Contains(c.Mission!.Code))
                    .Select(c => new { c.Id, c.Reference, c.MissionId, Closed = c.Status == CaseStatus.Closed }).FirstOrDefaultAsync(ct);
                if (target is null)
                {
                    return ValidationError.For("caseReference", $"'{request.CaseReference}' is not a case in your scope.");
                }
                if (target.Closed)
                {
                    // Linked to a closed case, a new allegation would wait where no one looks.
                    return ValidationError.For("caseReference", $"Case {target.Reference} is closed: reopen it with a reason first, or open a new case.");
                }
                report.Status = ReportStatus.LinkedToCase;
                report.CaseId = target.Id;
                // A report that named no mission joins its case's: the team that owns the case reads it and hears from its reporter.
                report.MissionId ??= target.MissionId;
                db.CaseEvents.Add(CaseEvent.Of(protector, CaseEventKind.ReportLinked, now, userId, TimelineLines.ReportLinked(report.Reference, reason), target.Id));
                decision.Kind = DecisionKind.LinkedToCase;
                decision.CaseId = target.Id;
                caseReference = target.Reference;
                break;
            case TriageAction.OpenCase:
                var opened = await OpenCaseAsync(scope, userId, report, request, now, ct);
                if (opened.Error is { } error)
                {
                    return error;
                }
                report.Status = ReportStatus.CaseOpened;
                report.CaseId = opened.Value!.Id;
                report.MissionId ??= opened.Value.MissionId;
                decision.Kind = DecisionKind.CaseOpened;
                decision.CaseId = opened.Value.Id;
                caseReference = opened.Value.Reference;
                break;
            case TriageAction.Close:
                if (request.CloseReason is null)
                {
                    return ValidationError.For("closeReason", "Choose why: not misconduct, not UN personnel (forwarded), or insufficient information.");
                }
                report.Status = ReportStatus.Closed;
                decision.Kind = DecisionKind.Closed;
                decision.CloseReason = request.CloseReason;
                break;
            default:
                return ValidationError.For("action", "The action is link, open-case or close.");
        }
        db.ReportDecisions.Add(decision);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TriageOutcome(report.Reference, report.Status, caseReference);
    }

    private async Task<Result<Case>> OpenCaseAsync(CallerScope scope, string userId, Report report, TriageRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new Dictionary<string, Words[]>();
        var missionId = report.MissionId;
        if (missionId is null)
        {
            var code = request.Mission?.Trim().ToUpperInvariant();
            missionId = code is null ? null : await db.Missions.VisibleToMissionScope(scope).Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (missionId is null)
            {
                errors["mission"] = ["The report names no mission: choose the mission for the case."];
            }
        }
        if (request.Category is null)
        {
            errors["category"] = ["Choose the category: sexual exploitation, sexual abuse or other misconduct."];
        }
        if (request.Type is null)
        {
            errors["type"] = ["Choose the type of allegation."];
        }
        else if (request.Category is { } category && !AllegationRules.Fits(category, request.Type.Value))
        {
            errors["type"] = [$"{new Term($"type:{request.Type}", EnumTokens.Wire(request.Type))} is not a type of {new Term($"category:{category}", EnumTokens.Wire(category))}."];
        }
        if (request.Category == AllegationCategory.OtherMisconduct && request.Level is null)
        {
            errors["level"] = ["Other misconduct needs a level: serious misconduct or misconduct."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var opened = new Case
        {
            Reference = "C-tmp-" + Guid.NewGuid().ToString("N"),
            MissionId = missionId!.Value,
            SiteId = report.SiteId,
            Status = CaseStatus.Received,
            OpenedAt = now,
            OpenedByUserId = userId,
            IsSea = request.Category != AllegationCategory.OtherMisconduct,
            ChildVictim = report.ChildInvolved == true,
            Events = [CaseEvent.Of(protector, CaseEventKind.Opened, now, userId, TimelineLines.OpenedFromReport(report.Reference, request.Category!.Value, request.Type!.Value, request.Reason?.Trim()))],
            Allegations =
            [
                new Allegation
                {
                    Category = request.Category!.Value,
                    Type = request.Type!.Value,
                    Level = request.Category == AllegationCategory.OtherMisconduct ? request.Level : null,
                    IncidentDate = report.IncidentDate,
                    ChildVictim = report.ChildInvolved == true,
                },
            ],
        };
        db.Cases.Add(opened);
        await db.SaveChangesAsync(ct);
        opened.Reference = string.Create(CultureInfo.InvariantCulture, $"CASE-{now.Year}-{opened.Id:D5}");
        return opened;
    }
}
