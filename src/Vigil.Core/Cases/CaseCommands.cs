using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Cases;

public sealed record TransitionRequest(CaseStatus To, string? Reason);

public sealed record SubjectRequest(string? PersonNumber, PersonnelCategory? Category, string? Nationality, string? Unit, string? Description);

public sealed record VictimRequest(AgeGroup AgeGroup, Sex Sex, int Count, string? Identity, PaternityStatus Paternity, bool ConsentToInvestigation = false);

public sealed record RoutingRequest(InvestigatingBody Body, string? Country, string? Reason);

public sealed record NoteRequest(NoteDirection Direction, NoteKind Kind, string? Country, DateOnly Date, string? Reference, string? Summary);

public sealed record FindingRequest(int SubjectId, FindingOutcome Outcome, InvestigatingBody By, DateOnly IssuedOn);

public sealed record ActionRequest(int SubjectId, ActionKind Kind, ActionTaker By, DateOnly TakenOn, string? Note);

public sealed record WaiverRequest(int SubjectId, string? Justification);

public sealed record WaiverDecisionRequest(int WaiverId, WaiverDecision Decision, string? DecidedBy);

public sealed record ClosureRequestInput(ClosureReason Reason, string? Justification);

/// <summary>A chief's decision on the pending closure request.</summary>
/// <param name="Approve">True to close the case, false to refuse.</param>
/// <param name="Note">Goes on the timeline.</param>
/// <param name="Request">The closure request decided on, as shown: a decision made on a page loaded before that request
/// lapsed or was replaced must not decide the new one (the two-person rule needs the approver to have seen it).</param>
public sealed record ClosureDecisionInput(bool Approve, string? Note, int? Request = null);

public sealed record AssignRequest(string? UserName, string? Role);

public sealed record UnassignRequest(string? UserName, string? Reason);

/// <summary>
/// Every change to a case, each checked against scope, role and the workflow, and each written to
/// the case's timeline with who, when and why. Nothing is deleted: findings are superseded,
/// closures are requested and approved.
/// </summary>
public sealed class CaseCommands(VigilDbContext db, CaseAccess access, FieldProtector protector, TimeProvider clock, IOptions<DeadlinePolicy> deadlines, Screening.RegistryFeed registry)
{
    private readonly DeadlinePolicy policy = deadlines.Value;

    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private async Task<Case?> FindAsync(CallerScope scope, string userId, string reference, CancellationToken ct) =>
        await access.Visible(scope, userId).Include(c => c.Subjects).Include(c => c.Allegations).FirstOrDefaultAsync(c => c.Reference == reference, ct);

    private void Log(Case @case, CaseEventKind kind, string? userId, Words line) =>
        db.CaseEvents.Add(CaseEvent.Of(protector, kind, Now, userId, line, @case.Id));

    /// <summary>
    /// Optional staff free text: trimmed, null when blank, refused when too long, naming the field in the message too
    /// (a page shows the message alone: "At most 1,000 characters." did not say which of five fields).
    /// </summary>
    private static ValidationError? TooLong(string? text, string field, int max) =>
        text is not null && text.Trim().Length > max ? ValidationError.For(field, (Words)$"The {new Term($"text:{field}", field)} is at most {max:N0} characters.") : null;

    /// <summary>
    /// Optional one-line text (a victim's identity, a subject's unit, a note's reference): as <see cref="TooLong"/>, and
    /// refused, naming the field, when it holds a line break or another control character.
    /// </summary>
    private static ValidationError? NotOneLine(string? text, string field, int max, string what) =>
        TooLong(text, field, max) ?? (NameText.NotOneLine(text?.Trim(), what) is { } control ? ValidationError.For(field, control) : null);

    private byte[]? SealOptional(string? text, string purpose) =>
        string.IsNullOrWhiteSpace(text) ? null : protector.Seal(text.Trim(), purpose);

    /// <summary>A closed case takes no new subjects, victims, routing, actions, waivers or evidence until it is reopened.</summary>
    internal static ConflictError? Closed(CaseStatus status) =>
        status == CaseStatus.Closed ? new ConflictError("The case is closed: reopen it (with a reason) before changing it.") : null;

    private static ValidationError? NeedReason(string? reason, string field = "reason") =>
        !VisibleText.Any(reason) || reason.Length > 2000 ? ValidationError.For(field, "Say why (1 to 2,000 characters): it goes on the case's timeline.") : null;

    public async Task<Result<CaseStatus>> TransitionAsync(CallerScope scope, string userId, string reference, TransitionRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        var investigatorMove = @case.Status == CaseStatus.UnderInvestigation && request.To == CaseStatus.FindingsIssued
            && CaseAccess.ActsAs(scope, Roles.Investigator, await access.IsAssignedAsync(scope, userId, @case.Id, @case.Reference, ct));
        if (!CaseAccess.MayManage(scope) && !investigatorMove)
        {
            return new ForbiddenError("Only conduct officers and chiefs move a case (the investigator assigned to it: to findings issued).");
        }
        if (request.To == CaseStatus.Closed)
        {
            return new ClosureNeedsApproval();
        }
        if (!CaseWorkflow.Allows(@case.Status, request.To))
        {
            return new IllegalTransition(@case.Status, request.To);
        }
        if (NeedReason(request.Reason) is { } invalid)
        {
            return invalid;
        }
        if (await MissingForAsync(@case, request.To, ct) is { } missing)
        {
            return missing;
        }
        var from = @case.Status;
        @case.Status = request.To;
        if (from == CaseStatus.Closed)
        {
            @case.ClosedAt = null;
            @case.ClosureReason = null;
        }
        Log(@case, CaseEventKind.Transition, userId, TimelineLines.Moved(from, request.To, request.Reason!.Trim()));
        // A closure requested at the stage the case has left was asked for other reasons: it lapses, on the record.
        foreach (var lapsed in await db.ClosureRequests.Where(r => r.CaseId == @case.Id && r.Approved == null).ToListAsync(ct))
        {
            // Nobody decided it: set aside by the move, it records no decider.
            (lapsed.Approved, lapsed.DecidedAt, lapsed.DecidedByUserId) = (false, Now, null);
            Log(@case, CaseEventKind.ClosureLapsed, null, TimelineLines.ClosureLapsed(lapsed.Reason, request.To));
        }
        if (request.To == CaseStatus.UnderInvestigation)
        {
            var due = policy.InvestigationDue(Today, @case.IsSea);
            db.CaseDeadlines.Add(new CaseDeadline { CaseId = @case.Id, Kind = DeadlineKind.InvestigationCompletion, DueOn = due, Country = @case.Body == InvestigatingBody.TroopContributingCountry ? @case.Country : null });
            Log(@case, CaseEventKind.DeadlineSet, userId, TimelineLines.InvestigationDue(due));
        }
        if (request.To == CaseStatus.FindingsIssued)
        {
            await MeetAsync(@case.Id, DeadlineKind.InvestigationCompletion, ct);
        }
        await db.SaveChangesAsync(ct);
        return @case.Status;
    }

    /// <summary>What a stage needs on the record before a case may enter it (a step skipped leaves a case closed on nothing).</summary>
    private async Task<ConflictError?> MissingForAsync(Case @case, CaseStatus to, CancellationToken ct)
    {
        var subjectIds = @case.Subjects.Select(s => s.Id).ToList();
        return to switch
        {
            CaseStatus.UnderInvestigation when @case.Body is null =>
                new ConflictError("Set the routing (who investigates) before the investigation starts."),
            CaseStatus.FindingsIssued when !await db.Findings.AnyAsync(f => subjectIds.Contains(f.SubjectId) && f.Current, ct) =>
                new ConflictError("Record the investigation's finding for at least one subject first."),
            CaseStatus.Actions when !await db.Findings.AnyAsync(f => subjectIds.Contains(f.SubjectId) && f.Current && f.Outcome == FindingOutcome.Substantiated, ct) =>
                new ConflictError("Actions follow a substantiated finding: none is recorded. Close as not substantiated instead."),
            _ => null,
        };
    }

    public async Task<Result<int>> AddSubjectAsync(CallerScope scope, string userId, string reference, SubjectRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs add subjects.");
        }
        if (Closed(@case.Status) is { } closed)
        {
            return closed;
        }
        if ((TooLong(request.Description, "description", 1000) ?? NotOneLine(request.Unit, "unit", 200, "unit")) is { } tooLong)
        {
            return tooLong;
        }
        var subject = new CaseSubject { CaseId = @case.Id, Unit = request.Unit?.Trim(), DescriptionSealed = SealOptional(request.Description, CaseSubject.DescriptionPurpose) };
        if (!string.IsNullOrWhiteSpace(request.PersonNumber))
        {
            var person = await db.Personnel.Where(p => p.PersonNumber == request.PersonNumber.Trim() && p.MissionId == @case.MissionId)
                .Select(p => new { p.Id, p.Category, p.Nationality, p.Unit }).FirstOrDefaultAsync(ct);
            if (person is null)
            {
                return ValidationError.For("personNumber", $"'{request.PersonNumber}' is not a person of this case's mission.");
            }
            if (@case.Subjects.Any(s => s.PersonId == person.Id))
            {
                return new ConflictError($"{request.PersonNumber.Trim()} is already a subject of this case.");
            }
            subject.PersonId = person.Id;
            subject.Category = person.Category;
            subject.Nationality = person.Nationality;
            subject.Unit ??= person.Unit;
        }
        else
        {
            if (request.Category is null)
            {
                return ValidationError.For("category", "Give the person number, or at least the subject's category.");
            }
            if (request.Nationality is { Length: > 0 } n && !Countries.IsKnown(n.Trim().ToUpperInvariant()))
            {
                return ValidationError.For("nationality", $"'{n}' is not an ISO 3166-1 alpha-3 code.");
            }
            subject.Category = request.Category.Value;
            subject.Nationality = request.Nationality?.Trim().ToUpperInvariant() is { Length: > 0 } code ? code : null;
        }
        subject.Immunity = Jurisdiction.ImmunityOf(subject.Category);
        db.CaseSubjects.Add(subject);
        var suggestion = Jurisdiction.Suggest(subject.Category, @case.Allegations.FirstOrDefault()?.Category ?? AllegationCategory.OtherMisconduct,
            @case.Allegations.FirstOrDefault()?.Level);
        if (@case.Body is null)
        {
            @case.Body = suggestion.Body;
            @case.Country = suggestion.Body == InvestigatingBody.TroopContributingCountry ? subject.Nationality : null;
            Log(@case, CaseEventKind.RoutingSet, userId, TimelineLines.RoutingSuggested(suggestion.Body, @case.Country, suggestion.Why));
        }
        Log(@case, CaseEventKind.SubjectAdded, userId, TimelineLines.SubjectAdded(subject.Category, subject.Nationality, subject.PersonId is not null));
        await db.SaveChangesAsync(ct);
        return subject.Id;
    }

    public async Task<Result<int>> AddVictimAsync(CallerScope scope, string userId, string reference, VictimRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope)
            && !CaseAccess.ActsAs(scope, Roles.VictimsAdvocate, await access.IsAssignedAsync(scope, userId, @case.Id, @case.Reference, ct)))
        {
            return new ForbiddenError("Conduct officers, chiefs and the victims' rights advocate assigned to the case record victims.");
        }
        if (Closed(@case.Status) is { } closed)
        {
            return closed;
        }
        if (request.Count is < 1 or > 1000)
        {
            return ValidationError.For("count", "The number of victims is 1 to 1,000.");
        }
        if (NotOneLine(request.Identity, "identity", 1000, "identity") is { } tooLong)
        {
            return tooLong;
        }
        var victim = new CaseVictim
        {
            CaseId = @case.Id,
            AgeGroup = request.AgeGroup,
            Sex = request.Sex,
            Count = request.Count,
            Paternity = request.Paternity,
            IdentitySealed = protector.SealOptional(string.IsNullOrWhiteSpace(request.Identity) ? null : request.Identity.Trim(), CaseVictim.IdentityPurpose),
        };
        db.CaseVictims.Add(victim);
        if (request.AgeGroup == AgeGroup.Child)
        {
            @case.ChildVictim = true;
        }
        Log(@case, CaseEventKind.VictimAdded, userId, TimelineLines.VictimAdded(request.Count, request.AgeGroup, request.Sex, victim.IdentitySealed is not null));
        await db.SaveChangesAsync(ct);
        return victim.Id;
    }

    public async Task<Result<InvestigatingBody>> SetRoutingAsync(CallerScope scope, string userId, string reference, RoutingRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs set the routing.");
        }
        if (Closed(@case.Status) is { } closed)
        {
            return closed;
        }
        if (NeedReason(request.Reason) is { } invalid)
        {
            return invalid;
        }
        var country = request.Country?.Trim().ToUpperInvariant();
        if (request.Body == InvestigatingBody.TroopContributingCountry && !Countries.IsKnown(country))
        {
            return ValidationError.For("country", "Routing to a troop-contributing country needs its ISO alpha-3 code.");
        }
        @case.Body = request.Body;
        @case.Country = request.Body == InvestigatingBody.TroopContributingCountry ? country : null;
        @case.RoutingOverrideReasonSealed = protector.Seal(request.Reason!.Trim(), Case.RoutingReasonPurpose);
        Log(@case, CaseEventKind.RoutingSet, userId, TimelineLines.RoutingSet(request.Body, @case.Country, request.Reason.Trim()));
        await db.SaveChangesAsync(ct);
        return request.Body;
    }

    /// <summary>Records a note verbale. An NIO request starts the country's clock; an answer meets it.</summary>
    public async Task<Result<int>> RecordNoteAsync(CallerScope scope, string userId, string reference, NoteRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs record correspondence.");
        }
        var country = (request.Country ?? @case.Country)?.Trim().ToUpperInvariant();
        if (!Countries.IsKnown(country))
        {
            return ValidationError.For("country", "Give the member state's ISO alpha-3 code.");
        }
        if (RecordDates.Check(request.Date, Today, "date", @case) is { } badDate)
        {
            return badDate;
        }
        // An NIO request goes to the country and its answers come back: the other way round is a slip of the form.
        if ((request.Kind, request.Direction) is (NoteKind.NioRequest, not NoteDirection.Sent) or (NoteKind.NioAppointed or NoteKind.DeclinedToInvestigate, not NoteDirection.Received))
        {
            return ValidationError.For("direction", $"A {EnumTokens.Wire(request.Kind)} note is {(request.Kind == NoteKind.NioRequest ? "sent" : "received")}.");
        }
        if ((TooLong(request.Summary, "summary", 2000) ?? NotOneLine(request.Reference, "reference", 100, "reference")) is { } tooLong)
        {
            return tooLong;
        }
        var note = new NoteVerbale
        {
            CaseId = @case.Id,
            Direction = request.Direction,
            Kind = request.Kind,
            Country = country!,
            Date = request.Date,
            Reference = request.Reference?.Trim(),
            SummarySealed = SealOptional(request.Summary, NoteVerbale.SummaryPurpose),
            RecordedByUserId = userId,
        };
        db.NotesVerbales.Add(note);
        Log(@case, CaseEventKind.NoteVerbale, userId, TimelineLines.NoteVerbale(request.Direction, request.Kind, country, request.Date));
        if (request.Direction == NoteDirection.Sent && request.Kind == NoteKind.NioRequest)
        {
            var due = policy.NioAnswerDue(request.Date);
            db.CaseDeadlines.Add(new CaseDeadline { CaseId = @case.Id, Kind = DeadlineKind.NioAnswer, DueOn = due, Country = country });
            Log(@case, CaseEventKind.DeadlineSet, userId, TimelineLines.NioAnswerDue(country, due, policy.NioAnswerWorkingDays));
        }
        if (request.Direction == NoteDirection.Sent && request.Kind == NoteKind.OutcomeRequest)
        {
            db.CaseDeadlines.Add(new CaseDeadline { CaseId = @case.Id, Kind = DeadlineKind.OutcomeReport, DueOn = policy.NioAnswerDue(request.Date), Country = country });
        }
        // A country's answer meets that country's clock only: on a case with several contingents, the one that
        // never answers must still be escalated.
        if (request.Direction == NoteDirection.Received && request.Kind is NoteKind.NioAppointed or NoteKind.Reply or NoteKind.DeclinedToInvestigate)
        {
            await MeetAsync(@case.Id, DeadlineKind.NioAnswer, ct, request.Date, country);
        }
        if (request.Direction == NoteDirection.Received && request.Kind == NoteKind.OutcomeReport)
        {
            await MeetAsync(@case.Id, DeadlineKind.OutcomeReport, ct, request.Date, country);
        }
        await db.SaveChangesAsync(ct);
        return note.Id;
    }

    private async Task MeetAsync(int caseId, DeadlineKind kind, CancellationToken ct, DateOnly? on = null, string? country = null)
    {
        var open = await db.CaseDeadlines.Where(d => d.CaseId == caseId && d.Kind == kind && d.MetOn == null && (country == null || d.Country == country)).ToListAsync(ct);
        foreach (var deadline in open)
        {
            deadline.MetOn = on ?? Today;
        }
    }

    /// <summary>A first finding is recorded directly; changing a finding supersedes it and waits for a chief's approval.</summary>
    public async Task<Result<int>> RecordFindingAsync(CallerScope scope, string userId, string reference, FindingRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope)
            && !CaseAccess.ActsAs(scope, Roles.Investigator, await access.IsAssignedAsync(scope, userId, @case.Id, @case.Reference, ct)))
        {
            return new ForbiddenError("Conduct officers, chiefs and the investigator assigned to the case record findings.");
        }
        if (@case.Subjects.All(s => s.Id != request.SubjectId))
        {
            return ValidationError.For("subjectId", "Not a subject of this case.");
        }
        if (@case.Status is not (CaseStatus.UnderInvestigation or CaseStatus.FindingsIssued or CaseStatus.Actions))
        {
            return new ConflictError("Findings come from an investigation: move the case under investigation first.");
        }
        if (RecordDates.Check(request.IssuedOn, Today, "issuedOn", @case) is { } badDate)
        {
            return badDate;
        }
        var current = await db.Findings.FirstOrDefaultAsync(f => f.SubjectId == request.SubjectId && f.Current, ct);
        var finding = new Finding
        {
            SubjectId = request.SubjectId,
            Outcome = request.Outcome,
            By = request.By,
            IssuedOn = request.IssuedOn,
            RecordedByUserId = userId,
            SupersedesId = current?.Id,
            Current = current is null,
        };
        db.Findings.Add(finding);
        if (current is null && request.Outcome == FindingOutcome.Substantiated)
        {
            await registry.FeedAsync(request.SubjectId, @case.Reference, Screening.RegistryFinding.Substantiated, ct);
        }
        Log(@case, current is null ? CaseEventKind.FindingRecorded : CaseEventKind.FindingChangeRequested, userId,
            current is null ? TimelineLines.Finding(request.Outcome, request.By) : TimelineLines.FindingChangeRequested(request.Outcome));
        await db.SaveChangesAsync(ct);
        return finding.Id;
    }

    public async Task<Result<bool>> ApproveFindingChangeAsync(CallerScope scope, string userId, string reference, int findingId, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!scope.IsInRole(Roles.ConductChief))
        {
            return new ForbiddenError("A conduct chief approves a change of finding.");
        }
        var subjectIds = @case.Subjects.Select(s => s.Id).ToList();
        var change = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId && subjectIds.Contains(f.SubjectId) && !f.Current && f.ApprovedByUserId == null, ct);
        if (change is null)
        {
            return new NotFoundError("No pending change of finding with this id.");
        }
        if (change.RecordedByUserId == userId)
        {
            return new SecondPersonRequired();
        }
        var previous = await db.Findings.Where(f => f.SubjectId == change.SubjectId && f.Current).ToListAsync(ct);
        previous.ForEach(f => f.Current = false);
        change.Current = true;
        change.ApprovedByUserId = userId;
        if (change.Outcome == FindingOutcome.Substantiated)
        {
            await registry.FeedAsync(change.SubjectId, @case.Reference, Screening.RegistryFinding.Substantiated, ct);
        }
        else
        {
            // The finding the registry record rests on is overturned (a ban needs it too): the record is withdrawn, kept
            // for the audit trail, and screening stops raising the person for this case.
            await registry.WithdrawAsync(change.SubjectId, @case.Reference,
                $"The finding of case {@case.Reference} for this subject was changed to {EnumTokens.Wire(change.Outcome)} (approved by a conduct chief).", ct);
        }
        Log(@case, CaseEventKind.FindingRecorded, userId, TimelineLines.FindingChangeApproved(change.Outcome));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<int>> RecordActionAsync(CallerScope scope, string userId, string reference, ActionRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs record actions.");
        }
        if (Closed(@case.Status) is { } closed)
        {
            return closed;
        }
        if (@case.Subjects.All(s => s.Id != request.SubjectId))
        {
            return ValidationError.For("subjectId", "Not a subject of this case.");
        }
        if ((TooLong(request.Note, "note", 2000) ?? RecordDates.Check(request.TakenOn, Today, "takenOn", @case)) is { } tooLong)
        {
            return tooLong;
        }
        var action = new CaseAction { SubjectId = request.SubjectId, Kind = request.Kind, By = request.By, TakenOn = request.TakenOn, NoteSealed = SealOptional(request.Note, CaseAction.NotePurpose), RecordedByUserId = userId };
        if (!action.IsInterim && await db.Findings.AnyAsync(f => f.SubjectId == request.SubjectId && f.Current && f.Outcome == FindingOutcome.Substantiated, ct) is false)
        {
            return new ConflictError("A final action needs a substantiated finding for this subject; interim actions do not.");
        }
        db.CaseActions.Add(action);
        if (action.Kind == ActionKind.RepatriationWithBan)
        {
            await registry.FeedAsync(action.SubjectId, @case.Reference, Screening.RegistryFinding.Barred, ct);
        }
        Log(@case, CaseEventKind.ActionRecorded, userId, TimelineLines.ActionTaken(request.Kind, request.By, request.TakenOn));
        await db.SaveChangesAsync(ct);
        return action.Id;
    }

    public async Task<Result<int>> RequestWaiverAsync(CallerScope scope, string userId, string reference, WaiverRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope) && !scope.IsInRole(Roles.LegalOfficer))
        {
            return new ForbiddenError("Conduct officers, chiefs and legal officers request waivers.");
        }
        if (Closed(@case.Status) is { } closed)
        {
            return closed;
        }
        var subject = @case.Subjects.FirstOrDefault(s => s.Id == request.SubjectId);
        if (subject is null)
        {
            return ValidationError.For("subjectId", "Not a subject of this case.");
        }
        if (subject.Immunity == ImmunityKind.None)
        {
            return new ConflictError("This subject has no UN immunity to waive.");
        }
        if (NeedReason(request.Justification, "justification") is { } invalid)
        {
            return invalid;
        }
        if (await db.ImmunityWaivers.AnyAsync(w => w.SubjectId == subject.Id && w.Decision == WaiverDecision.Pending, ct))
        {
            return new ConflictError("A waiver request for this subject awaits its decision.");
        }
        var waiver = new ImmunityWaiver { SubjectId = subject.Id, JustificationSealed = protector.Seal(request.Justification!.Trim(), ImmunityWaiver.JustificationPurpose), RequestedOn = Today, RequestedByUserId = userId, Decision = WaiverDecision.Pending };
        db.ImmunityWaivers.Add(waiver);
        Log(@case, CaseEventKind.WaiverRequested, userId, TimelineLines.WaiverRequested(subject.Immunity));
        await db.SaveChangesAsync(ct);
        return waiver.Id;
    }

    public async Task<Result<bool>> DecideWaiverAsync(CallerScope scope, string userId, string reference, WaiverDecisionRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!scope.IsInRole(Roles.LegalOfficer))
        {
            return new ForbiddenError("Legal officers record the decision on a waiver.");
        }
        var subjectIds = @case.Subjects.Select(s => s.Id).ToList();
        var waiver = await db.ImmunityWaivers.FirstOrDefaultAsync(w => w.Id == request.WaiverId && subjectIds.Contains(w.SubjectId), ct);
        if (waiver is null || waiver.Decision != WaiverDecision.Pending)
        {
            return new NotFoundError("No pending waiver with this id.");
        }
        if (request.Decision == WaiverDecision.Pending)
        {
            return ValidationError.For("decision", "Record waived or not waived.");
        }
        if (string.IsNullOrWhiteSpace(request.DecidedBy) || request.DecidedBy.Trim().Length > 200)
        {
            return ValidationError.For("decidedBy", "Say who decided (e.g. the Secretary-General), in at most 200 characters.");
        }
        waiver.Decision = request.Decision;
        waiver.DecidedOn = Today;
        waiver.DecidedBy = request.DecidedBy.Trim();
        Log(@case, CaseEventKind.WaiverDecided, userId, TimelineLines.WaiverDecided(request.Decision == WaiverDecision.Waived, waiver.DecidedBy));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<int>> RequestClosureAsync(CallerScope scope, string userId, string reference, ClosureRequestInput request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs request closure.");
        }
        if (!CaseWorkflow.ClosureReasons(@case.Status).Contains(request.Reason))
        {
            return ValidationError.For("reason", $"{EnumTokens.Wire(request.Reason)} does not close a case at {EnumTokens.Wire(@case.Status)}. Possible: {string.Join(", ", CaseWorkflow.ClosureReasons(@case.Status).Select(EnumTokens.Wire))}.");
        }
        if (NeedReason(request.Justification, "justification") is { } invalid)
        {
            return invalid;
        }
        var subjectIds = @case.Subjects.Select(s => s.Id).ToList();
        if (request.Reason == ClosureReason.ActionsCompleted
            && !await db.CaseActions.AnyAsync(a => subjectIds.Contains(a.SubjectId) && !CaseAction.InterimKinds.Contains(a.Kind), ct))
        {
            return ValidationError.For("reason", "No final action is recorded: record the actions taken before closing as actions completed.");
        }
        if (request.Reason == ClosureReason.NotSubstantiated
            && await db.Findings.AnyAsync(f => subjectIds.Contains(f.SubjectId) && f.Current && f.Outcome == FindingOutcome.Substantiated, ct))
        {
            return ValidationError.For("reason", "A finding on this case is substantiated: move the case to actions instead.");
        }
        if (await db.ClosureRequests.AnyAsync(r => r.CaseId == @case.Id && r.Approved == null, ct))
        {
            return new ConflictError("A closure request is already waiting for approval.");
        }
        var justification = request.Justification!.Trim();
        var closure = new ClosureRequest { CaseId = @case.Id, Reason = request.Reason, JustificationSealed = protector.Seal(justification, ClosureRequest.JustificationPurpose), RequestedByUserId = userId, RequestedAt = Now };
        db.ClosureRequests.Add(closure);
        db.Notifications.Add(new Notification { Role = Roles.ConductChief, MissionId = @case.MissionId, CaseId = @case.Id, CreatedAt = Now, Notice = (Words)$"{@case.Reference}: closure ({new Term($"closure:{request.Reason}", EnumTokens.Wire(request.Reason))}) awaits a second approver." });
        Log(@case, CaseEventKind.ClosureRequested, userId, TimelineLines.ClosureRequested(request.Reason, justification));
        await db.SaveChangesAsync(ct);
        return closure.Id;
    }

    public async Task<Result<CaseStatus>> DecideClosureAsync(CallerScope scope, string userId, string reference, ClosureDecisionInput decision, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!scope.IsInRole(Roles.ConductChief))
        {
            return new ForbiddenError("A conduct chief approves closure.");
        }
        var pending = await db.ClosureRequests.FirstOrDefaultAsync(r => r.CaseId == @case.Id && r.Approved == null, ct);
        if (pending is null)
        {
            return new NotFoundError("No closure request is waiting on this case.");
        }
        if (pending.RequestedByUserId == userId)
        {
            return new SecondPersonRequired();
        }
        if (decision.Request is { } seen && seen != pending.Id)
        {
            return new ConflictError($"The closure request you decided on is no longer the one waiting: it lapsed or another replaced it. Review the current request ({EnumTokens.Wire(pending.Reason)}) and decide again.");
        }
        if (!CaseWorkflow.Allows(@case.Status, CaseStatus.Closed) || !CaseWorkflow.ClosureReasons(@case.Status).Contains(pending.Reason))
        {
            return new IllegalTransition(@case.Status, CaseStatus.Closed);
        }
        pending.Approved = decision.Approve;
        pending.DecidedAt = Now;
        pending.DecidedByUserId = userId;
        if (decision.Approve)
        {
            var from = @case.Status;
            @case.Status = CaseStatus.Closed;
            @case.ClosedAt = Now;
            @case.ClosureReason = pending.Reason;
            if (pending.Reason == ClosureReason.SubjectSeparated)
            {
                // Left before the process ended: screened as "pending" so they are not re-hired unawares. Only identified
                // subjects without a finding on record: one cleared (not substantiated) did not leave with anything pending,
                // and one substantiated has the stronger record already.
                var subjectIds = @case.Subjects.Select(s => s.Id).ToList();
                var decided = await db.Findings.Where(f => subjectIds.Contains(f.SubjectId) && f.Current).Select(f => f.SubjectId).ToListAsync(ct);
                foreach (var subject in @case.Subjects.Where(s => !decided.Contains(s.Id)))
                {
                    await registry.FeedAsync(subject.Id, @case.Reference, Screening.RegistryFinding.Pending, ct);
                }
            }
            // A closed case owes nothing more: its open deadlines end with it (the record stays).
            await MeetAsync(@case.Id, DeadlineKind.NioAnswer, ct);
            await MeetAsync(@case.Id, DeadlineKind.InvestigationCompletion, ct);
            await MeetAsync(@case.Id, DeadlineKind.OutcomeReport, ct);
            Log(@case, CaseEventKind.ClosureDecided, userId, TimelineLines.ClosureApproved(from, pending.Reason, decision.Note));
        }
        else
        {
            Log(@case, CaseEventKind.ClosureDecided, userId, TimelineLines.ClosureRefused(decision.Note));
        }
        await db.SaveChangesAsync(ct);
        return @case.Status;
    }

    /// <summary>Assigns a user (investigator, advocate, officer), unless conflict-of-interest rules keep them off: the recusal is recorded.</summary>
    public async Task<Result<bool>> AssignAsync(CallerScope scope, string userId, string reference, AssignRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs assign.");
        }
        // A name typed or pasted with spaces around it is still that account (the page and the API alike).
        var userName = request.UserName?.Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null)
        {
            return ValidationError.For("userName", "No such user.");
        }
        var role = request.Role?.Trim() is { Length: > 0 } r ? r : Roles.Investigator;
        if (role is not (Roles.Investigator or Roles.VictimsAdvocate))
        {
            return ValidationError.For("role", "A case is assigned to an investigator or a victims' rights advocate.");
        }
        if (!await db.UserRoles.Join(db.Roles, ur => ur.RoleId, x => x.Id, (ur, x) => new { ur.UserId, x.Name }).AnyAsync(x => x.UserId == user.Id && x.Name == role, ct))
        {
            return ValidationError.For("role", $"{user.DisplayName} does not hold the {role} role.");
        }
        var siteIds = user.OfficerId is { } officerId
            ? await db.Postings.Where(p => p.OfficerId == officerId && p.From <= Today && (p.To == null || p.To >= Today)).Select(p => p.SiteId).ToListAsync(ct)
            : [];
        var reason = Recusal.Reason(user.Nationality, siteIds, @case.Subjects.Select(s => s.Nationality), @case.SiteId);
        if (reason is not null)
        {
            Log(@case, CaseEventKind.Recusal, userId, TimelineLines.Recused(user.DisplayName, reason));
            await db.SaveChangesAsync(ct);
            return new CaseRecused(reason);
        }
        if (!await db.CaseAssignments.AnyAsync(a => a.CaseId == @case.Id && a.UserId == user.Id, ct))
        {
            db.CaseAssignments.Add(new CaseAssignment { CaseId = @case.Id, UserId = user.Id, Role = role, AssignedAt = Now });
            Log(@case, CaseEventKind.Assigned, userId, TimelineLines.Assigned(user.DisplayName, role));
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>
    /// Takes a user off the case (moved, on leave, a conflict found later): their assignment, and with it their access to the
    /// case's identities and writes, ends at once. Conduct officers and chiefs, with a reason on the timeline.
    /// </summary>
    public async Task<Result<bool>> UnassignAsync(CallerScope scope, string userId, string reference, UnassignRequest request, CancellationToken ct = default)
    {
        var @case = await FindAsync(scope, userId, reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!CaseAccess.MayManage(scope))
        {
            return new ForbiddenError("Only conduct officers and chiefs assign.");
        }
        if (NeedReason(request.Reason) is { } noReason)
        {
            return noReason;
        }
        // A name typed or pasted with spaces around it is still that account (the page and the API alike).
        var userName = request.UserName?.Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var assignments = user is null ? [] : await db.CaseAssignments.Where(a => a.CaseId == @case.Id && a.UserId == user.Id).ToListAsync(ct);
        if (assignments.Count == 0)
        {
            return ValidationError.For("userName", "This user is not assigned to the case.");
        }
        db.CaseAssignments.RemoveRange(assignments);
        Log(@case, CaseEventKind.Unassigned, userId, TimelineLines.Unassigned(user!.DisplayName, request.Reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
