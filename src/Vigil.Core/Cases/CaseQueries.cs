using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Cases;

public sealed record CaseFilter(string? Mission = null, CaseStatus? Status = null, AllegationCategory? Category = null, bool OverdueOnly = false,
    bool ChildVictimOnly = false, PersonnelCategory? SubjectCategory = null, string? SubjectNationality = null, int Page = 1, int PageSize = 50);

public sealed record CaseRow(string Reference, string Mission, string? Site, CaseStatus Status, AllegationCategory? Category, AllegationType? Type,
    bool ChildVictim, DateTimeOffset OpenedAt, InvestigatingBody? Body, string? Country, DateOnly? NextDue, bool Overdue);

public sealed record CasePage(IReadOnlyList<CaseRow> Items, int Total, int Page, int PageSize);

// IdentityWithheld: the subject is shown by category, nationality and immunity only: person number, name, unit,
// description, findings, actions and waivers are left out for this caller (a member-state liaison reading another
// country's subject: CaseAccess.SeesOwnNationalsOnly).
public sealed record SubjectView(int Id, string? PersonNumber, string? Name, PersonnelCategory Category, string? Nationality, string? Unit, string? Description,
    ImmunityKind Immunity, IReadOnlyList<FindingView> Findings, IReadOnlyList<ActionView> Actions, IReadOnlyList<WaiverView> Waivers,
    bool IdentityWithheld = false);

public sealed record FindingView(int Id, FindingOutcome Outcome, InvestigatingBody By, DateOnly IssuedOn, bool Current, bool PendingApproval);

public sealed record ActionView(ActionKind Kind, ActionTaker By, DateOnly TakenOn, bool Interim, string? Note);

public sealed record WaiverView(int Id, DateOnly RequestedOn, WaiverDecision Decision, DateOnly? DecidedOn, string? DecidedBy);

public sealed record VictimView(int Id, AgeGroup AgeGroup, Sex Sex, int Count, PaternityStatus Paternity, string? Identity, bool IdentityHeld);

public sealed record NoteView(NoteDirection Direction, NoteKind Kind, string Country, DateOnly Date, string? Reference, string? Summary);

public sealed record DeadlineView(DeadlineKind Kind, DateOnly DueOn, string? Country, DateOnly? MetOn, bool Overdue, bool Escalated);

// TextWithheld: the line's text (which carries reasons typed by staff) is left out, Text is empty; kind, time and
// actor remain (a member-state liaison: CaseAccess.MaySeeStaffText).
public sealed record EventView(CaseEventKind Kind, DateTimeOffset At, string Who, string Text, bool TextWithheld = false)
{
    /// <summary>
    /// The line as a message, for the case page to say in its reader's language (<see cref="TimelineLines"/>); null when
    /// the text is withheld or no form fits an old line's text (shown as it is). Not in the API's JSON: its timeline keeps
    /// <see cref="Text"/>, the English line, as it always has.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Words? Line { get; init; }
}

public sealed record ClosureView(int Id, ClosureReason Reason, string Justification, string RequestedBy, DateTimeOffset RequestedAt, bool? Approved);

// ReasonsWithheld: free text typed by staff is left out for this caller (CaseAccess.MaySeeStaffText): the routing
// override reason, subject descriptions, action notes and note-verbale summaries are null, a pending closure's
// justification empty, and every timeline line has TextWithheld. A liaison reading through their country scope also
// sees only the notes verbales and deadlines of their own countries, and Country only when it is one of them.
// Assignments: who is assigned, for the conduct officers and chiefs who assign; null for anyone else.
public sealed record CaseView(string Reference, string Mission, string? Site, CaseStatus Status, string NextStep, DeadlineView? NextDeadline,
    IReadOnlyList<CaseStatus> AllowedMoves, IReadOnlyList<ClosureReason> ClosureReasons,
    InvestigatingBody? Body, string? Country, string? RoutingOverrideReason, RoutingSuggestion? Suggestion,
    bool ChildVictim, DateTimeOffset OpenedAt, ClosureReason? ClosureReason,
    IReadOnlyList<Allegation> Allegations, IReadOnlyList<SubjectView> Subjects, IReadOnlyList<VictimView> Victims,
    IReadOnlyList<NoteView> Notes, IReadOnlyList<DeadlineView> Deadlines, ClosureView? PendingClosure, IReadOnlyList<string> Reports,
    IReadOnlyList<EventView> Timeline, bool ReasonsWithheld = false, IReadOnlyList<AssignmentView>? Assignments = null);

/// <summary>A user assigned to a case (investigator or victims' rights advocate).</summary>
public sealed record AssignmentView(string UserName, string DisplayName, string Role, DateTimeOffset AssignedAt);

/// <summary>Case list and case page, filtered by <see cref="CaseAccess"/> inside the query.</summary>
public sealed class CaseQueries(VigilDbContext db, CaseAccess access, FieldProtector protector, TimeProvider clock, Governance.BreakGlassLedger breakGlass, IAuditTrail audit)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<CasePage>> ListAsync(CallerScope scope, string? userId, CaseFilter filter, CancellationToken ct = default)
    {
        if (Paging.Check(filter.Page, filter.PageSize) is { } paging)
        {
            return paging;
        }
        var today = Today;
        var query = access.Visible(scope, userId).AsNoTracking();
        // A code no mission has (a slip) is said, not answered with zeros read as "no case there". A mission out of the
        // caller's scope still answers none: missions are public, the cases in them are not.
        var mission = await Reference.MissionFilter.ReadAsync(db, filter.Mission, ct);
        if (mission.Error is { } unknown)
        {
            return unknown;
        }
        if (mission.Value is { } code)
        {
            query = query.Where(c => c.Mission!.Code == code);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(c => c.Allegations.Any(a => a.Category == category));
        }
        if (filter.ChildVictimOnly)
        {
            query = query.Where(c => c.ChildVictim);
        }
        if (filter.SubjectCategory is { } subjectCategory)
        {
            query = query.Where(c => c.Subjects.Any(s => s.Category == subjectCategory));
        }
        if (!string.IsNullOrWhiteSpace(filter.SubjectNationality))
        {
            var nationality = filter.SubjectNationality.Trim().ToUpperInvariant();
            query = query.Where(c => c.Subjects.Any(s => s.Nationality == nationality));
        }
        if (filter.OverdueOnly)
        {
            // Few deadlines are overdue: start from them (index on MetOn, DueOn) rather than test every case.
            var overdueCases = db.CaseDeadlines.Where(d => d.MetOn == null && d.DueOn < today).Select(d => d.CaseId);
            query = query.Where(c => overdueCases.Contains(c.Id));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
            .Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize)
            .Select(c => new
            {
                c.Reference,
                Mission = c.Mission!.Code,
                Site = c.Site == null ? null : c.Site.Name,
                c.Status,
                Category = c.Allegations.Select(a => (AllegationCategory?)a.Category).FirstOrDefault(),
                Type = c.Allegations.Select(a => (AllegationType?)a.Type).FirstOrDefault(),
                c.ChildVictim,
                c.OpenedAt,
                c.Body,
                c.Country,
                NextDue = db.CaseDeadlines.Where(d => d.CaseId == c.Id && d.MetOn == null).OrderBy(d => d.DueOn).Select(d => (DateOnly?)d.DueOn).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // A liaison is not told which other country a case was routed to (the case page does the same).
        var countryOnly = CaseAccess.SeesByCountryOnly(scope);
        return new CasePage(rows.Select(r => new CaseRow(r.Reference, r.Mission, r.Site, r.Status, r.Category, r.Type, r.ChildVictim, r.OpenedAt,
            r.Body, countryOnly && (r.Country is null || !scope.Countries.Contains(r.Country)) ? null : r.Country, r.NextDue, r.NextDue is { } due && due < today)).ToList(),
            total, filter.Page, filter.PageSize);
    }

    private async Task<IReadOnlyList<AssignmentView>> AssignmentsAsync(int caseId, CancellationToken ct)
    {
        var assigned = await db.CaseAssignments.AsNoTracking().Where(a => a.CaseId == caseId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new AssignmentView(u.UserName!, u.DisplayName, a.Role, a.AssignedAt))
            .ToListAsync(ct);
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return [.. assigned.OrderBy(a => a.AssignedAt).ThenBy(a => a.UserName, StringComparer.Ordinal)];
    }

    public async Task<Result<CaseView>> GetAsync(CallerScope scope, string? userId, string reference, CancellationToken ct = default)
    {
        var @case = await access.Visible(scope, userId).AsNoTracking()
            .Include(c => c.Mission).Include(c => c.Site).Include(c => c.Allegations)
            .Include(c => c.Subjects).ThenInclude(s => s.Person)
            .Include(c => c.Subjects).ThenInclude(s => s.Findings)
            .Include(c => c.Subjects).ThenInclude(s => s.Actions)
            .Include(c => c.Subjects).ThenInclude(s => s.Waivers)
            .Include(c => c.Victims)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Reference == reference, ct);
        if (@case is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        var today = Today;
        var assigned = await access.IsAssignedAsync(scope, userId, @case.Id, @case.Reference, ct);
        var seeIdentity = CaseAccess.MaySeeVictimIdentity(scope, assigned, @case.Reference);
        var ownNationalsOnly = CaseAccess.SeesOwnNationalsOnly(scope, assigned, @case.Reference, @case.Mission!.Code);
        bool Withheld(CaseSubject s) => ownNationalsOnly && (s.Nationality is null || !scope.Countries.Contains(s.Nationality));
        var staffText = CaseAccess.MaySeeStaffText(scope);
        (int? Unmasked, int? Override) grantsUsed = userId is null ? default
            : await RecordBreakGlassUseAsync(scope, userId, @case, seeIdentity && !CaseAccess.MaySeeVictimIdentity(scope, assigned), ct);
        var (unmaskedBy, overrideBy) = grantsUsed;
        // A liaison reading through their country scope sees the correspondence and clocks of their own countries only
        // (a deadline of no country, such as an OIOS investigation's, is the case's own).
        bool OwnCountry(string? country) => !ownNationalsOnly || (country is not null && scope.Countries.Contains(country));
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => d.CaseId == @case.Id).OrderBy(d => d.DueOn).ToListAsync(ct);
        var deadlineViews = deadlines.Where(d => d.Country is null || OwnCountry(d.Country))
            .Select(d => new DeadlineView(d.Kind, d.DueOn, d.Country, d.MetOn, d.MetOn is null && d.DueOn < today, d.EscalatedAt is not null)).ToList();
        var noteRows = await db.NotesVerbales.AsNoTracking().Where(n => n.CaseId == @case.Id).OrderBy(n => n.Date).ThenBy(n => n.Id).ToListAsync(ct);
        var notes = noteRows.Where(n => OwnCountry(n.Country)).Select(n => new NoteView(n.Direction, n.Kind, n.Country, n.Date, n.Reference,
            staffText ? protector.UnsealOptional(n.SummarySealed, NoteVerbale.SummaryPurpose) : null)).ToList();
        var users = db.Users.AsNoTracking();
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == @case.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.Kind, e.At, Who = e.UserId == null ? "Vigil" : users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? "?", e.TextSealed, e.LineSealed })
            .ToListAsync(ct);
        var closure = await db.ClosureRequests.AsNoTracking().Where(r => r.CaseId == @case.Id && r.Approved == null)
            .Select(r => new { r.Id, r.Reason, r.JustificationSealed, By = users.Where(u => u.Id == r.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "?", r.RequestedAt })
            .FirstOrDefaultAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.CaseId == @case.Id).OrderBy(r => r.Id).Select(r => r.Reference).ToListAsync(ct);
        // The case page is a read of the case; each victim identity unsealed for the caller is a read of its own. A read that
        // only a break-glass grant allowed says which request (never its justification, which may name the victim).
        await audit.RecordAsync([new AuditEvent(AuditActions.Read, nameof(Case), AuditWriter.FormatKey(@case.Id),
                Reason: overrideBy is { } viaOverride ? Governance.BreakGlassRequest.AuditReason(viaOverride) : null),
            .. seeIdentity ? @case.Victims.Where(v => v.IdentitySealed is not null)
                .Select(v => new AuditEvent(AuditActions.Read, nameof(CaseVictim), AuditWriter.FormatKey(v.Id), "identity",
                    Reason: unmaskedBy is { } viaUnmask ? Governance.BreakGlassRequest.AuditReason(viaUnmask) : null)) : []], ct);
        var first = @case.Allegations.FirstOrDefault();
        var firstSubject = @case.Subjects.FirstOrDefault();
        return new CaseView(@case.Reference, @case.Mission!.Code, @case.Site?.Name, @case.Status, CaseWorkflow.NextStep(@case.Status),
            deadlineViews.Where(d => d.MetOn is null).OrderBy(d => d.DueOn).FirstOrDefault(),
            CaseWorkflow.NextFrom(@case.Status).Where(s => s != CaseStatus.Closed).ToList(), CaseWorkflow.ClosureReasons(@case.Status),
            @case.Body, OwnCountry(@case.Country) ? @case.Country : null, staffText ? protector.UnsealOptional(@case.RoutingOverrideReasonSealed, Case.RoutingReasonPurpose) : null,
            first is null ? null : Jurisdiction.Suggest(firstSubject?.Category, first.Category, first.Level),
            @case.ChildVictim, @case.OpenedAt, @case.ClosureReason,
            @case.Allegations,
            @case.Subjects.OrderBy(s => s.Id).Select(s => Withheld(s)
                ? new SubjectView(s.Id, null, null, s.Category, s.Nationality, null, null, s.Immunity, [], [], [], IdentityWithheld: true)
                : new SubjectView(s.Id, s.Person?.PersonNumber, s.Person?.FullName, s.Category, s.Nationality, s.Unit,
                staffText ? protector.UnsealOptional(s.DescriptionSealed, CaseSubject.DescriptionPurpose) : null, s.Immunity,
                s.Findings.OrderBy(f => f.Id).Select(f => new FindingView(f.Id, f.Outcome, f.By, f.IssuedOn, f.Current, !f.Current && f.ApprovedByUserId == null && f.SupersedesId != null)).ToList(),
                s.Actions.OrderBy(a => a.TakenOn).Select(a => new ActionView(a.Kind, a.By, a.TakenOn, a.IsInterim,
                    staffText ? protector.UnsealOptional(a.NoteSealed, CaseAction.NotePurpose) : null)).ToList(),
                s.Waivers.OrderBy(w => w.Id).Select(w => new WaiverView(w.Id, w.RequestedOn, w.Decision, w.DecidedOn, w.DecidedBy)).ToList())).ToList(),
            @case.Victims.OrderBy(v => v.Id).Select(v => new VictimView(v.Id, v.AgeGroup, v.Sex, v.Count, v.Paternity,
                seeIdentity ? protector.UnsealOptional(v.IdentitySealed, CaseVictim.IdentityPurpose) : null, v.IdentitySealed is not null)).ToList(),
            notes, deadlineViews,
            closure is null ? null : new ClosureView(closure.Id, closure.Reason,
                staffText ? protector.Unseal(closure.JustificationSealed, ClosureRequest.JustificationPurpose) : "", closure.By, closure.RequestedAt, null),
            reports,
            events.Where(e => e.Kind != CaseEventKind.AssistanceRecorded || CaseAccess.MaySeeAssistance(scope, assigned)).Select(e =>
            {
                if (!staffText)
                {
                    return new EventView(e.Kind, e.At, e.Who, "", TextWithheld: true);
                }
                var text = protector.Unseal(e.TextSealed, CaseEvent.TextPurpose);
                return new EventView(e.Kind, e.At, e.Who, text) { Line = CaseEvent.Line(protector, e.Kind, text, e.LineSealed) };
            }).ToList(),
            ReasonsWithheld: !staffText,
            Assignments: CaseAccess.MayManage(scope) ? await AssignmentsAsync(@case.Id, ct) : null);
    }

    /// <summary>
    /// A case read through a break-glass grant (unmasked identities, or a scope override) is a use the auditor reviews.
    /// Returns the requests used: the unmasking one and the override one (null where none).
    /// </summary>
    private async Task<(int? Unmasked, int? Override)> RecordBreakGlassUseAsync(CallerScope scope, string userId, Case @case, bool unmaskedByGrant, CancellationToken ct)
    {
        int? unmasked = null, over = null;
        if (unmaskedByGrant && @case.Victims.Any(v => v.IdentitySealed is not null))
        {
            unmasked = await breakGlass.RecordUseAsync(userId, Governance.BreakGlassKind.UnmaskVictim, @case.Reference, null, "case read with victim identities shown", ct);
        }
        if (scope.OverrideCases.Contains(@case.Reference))
        {
            over = await breakGlass.RecordUseAsync(userId, Governance.BreakGlassKind.CaseOverride, @case.Reference, null, "case read through a scope override", ct);
        }
        else if (scope.OverrideMissions.Contains(@case.Mission!.Code))
        {
            over = await breakGlass.RecordUseAsync(userId, Governance.BreakGlassKind.MissionOverride, null, @case.Mission.Code,
                $"case {@case.Reference} read through a mission override", ct);
        }
        return (unmasked, over);
    }
}
