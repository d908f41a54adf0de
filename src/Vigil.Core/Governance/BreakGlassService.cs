using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Governance;

/// <summary>What the requester asks: the kind, its target (a case reference or a mission code) and why.</summary>
public sealed record BreakGlassInput(BreakGlassKind? Kind, string? CaseReference, string? Mission, string? Justification);

/// <summary>Approve, or refuse with a reason (the reason is required to refuse, optional to approve).</summary>
public sealed record BreakGlassDecisionInput(bool Approve, string? Reason);

/// <summary>The auditor's verdict on a use: reviewed (in order) or flagged (needs follow-up), with a note.</summary>
public sealed record BreakGlassReviewInput(BreakGlassReview Outcome, string? Note);

public sealed record BreakGlassUseView(DateTimeOffset At, string What);

public sealed record BreakGlassView(int Id, BreakGlassKind Kind, string Mission, string? CaseReference, string Justification,
    string RequestedBy, DateTimeOffset RequestedAt, BreakGlassStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote,
    DateTimeOffset? ExpiresAt, DateTimeOffset? EndedAt, bool Active, BreakGlassReview Review, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote,
    IReadOnlyList<BreakGlassUseView> Uses);

/// <summary>
/// Break-glass and two-person rules: a request with a justification, a second person's decision,
/// a grant that ends by itself, and the auditor's later review. Scope is applied inside every query:
/// an approver or auditor outside the request's mission does not find it (404).
/// </summary>
/// <remarks>
/// A request not decided within <see cref="BreakGlassOptions.RequestLapse"/> is shown as lapsed everywhere, is no longer
/// offered for a decision, and no longer blocks a new request for the same access; it is stored as
/// <see cref="BreakGlassStatus.Lapsed"/> when someone tries to decide it or the requester asks again. Every view unseals
/// the justification and notes: each request shown is an audited read (<c>BreakGlassRequest</c>, "justification and notes").
/// </remarks>
public sealed class BreakGlassService(VigilDbContext db, CaseAccess access, FieldProtector protector, TimeProvider clock, IOptions<BreakGlassOptions> options,
    IAuditTrail audit)
{
    private const int MaxText = BreakGlassOptions.MaxJustificationLength;
    private readonly BreakGlassOptions settings = options.Value;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// A kind in a refusal: its API token (kebab-case, as JSON writes it) in English, on a page the label its form shows
    /// (<c>breakglass:UnmaskVictim</c>).
    /// </summary>
    private static Term KindTerm(BreakGlassKind kind) =>
        new($"breakglass:{kind}", System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString()));

    public async Task<Result<BreakGlassView>> RequestAsync(CallerScope scope, string userId, BreakGlassInput input, CancellationToken ct = default)
    {
        if (input.Kind is not { } kind)
        {
            return ValidationError.For("kind",
                $"Say what you ask for: {KindTerm(BreakGlassKind.UnmaskVictim)}, {KindTerm(BreakGlassKind.PersonnelExport)}, {KindTerm(BreakGlassKind.CaseOverride)} or {KindTerm(BreakGlassKind.MissionOverride)}.");
        }
        if (kind == BreakGlassKind.UnmaskVictim && scope.IsInRole(Roles.MemberStateLiaison))
        {
            return new LiaisonNeverUnmasks();
        }
        if (!BreakGlassRules.MayRequest(scope, kind))
        {
            return new BreakGlassNotForRole(kind);
        }
        var justification = input.Justification?.Trim();
        if (justification is null || justification.Length < settings.MinJustificationLength || justification.Length > MaxText)
        {
            return ValidationError.For("justification", string.Create(CultureInfo.InvariantCulture,
                $"Say why you need this access: {settings.MinJustificationLength} to {MaxText:N0} characters. The approver and the auditor read it."));
        }

        var target = await ResolveTargetAsync(scope, userId, kind, input, ct);
        if (target.Error is { } error)
        {
            return error;
        }
        var (missionId, missionCode, caseId, caseReference) = target.Value;
        var now = Now;
        var same = db.BreakGlassRequests
            .Where(r => r.RequesterUserId == userId && r.Kind == kind && r.MissionCode == missionCode && r.CaseReference == caseReference);
        // An earlier request for the same access that lapsed is closed as such: it blocks nothing.
        var lapsedBefore = now - settings.RequestLapse;
        var lapsed = await same.Where(r => r.Status == BreakGlassStatus.Pending && r.RequestedAt < lapsedBefore).ToListAsync(ct);
        if (lapsed.Count > 0)
        {
            lapsed.ForEach(r => r.Status = BreakGlassStatus.Lapsed);
            await db.SaveChangesAsync(ct);
        }
        var open = await same.AsNoTracking()
            .Where(r => r.Status == BreakGlassStatus.Pending || (r.Status == BreakGlassStatus.Approved && r.EndedAt == null && r.ExpiresAt > now))
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (open is { } openId)
        {
            return new RequestAlreadyOpen(openId);
        }

        var request = new BreakGlassRequest
        {
            Kind = kind,
            RequesterUserId = userId,
            MissionId = missionId,
            MissionCode = missionCode,
            CaseId = caseId,
            CaseReference = caseReference,
            JustificationSealed = protector.Seal(justification, BreakGlassRequest.JustificationPurpose),
            RequestedAt = now,
            Status = BreakGlassStatus.Pending,
            Review = BreakGlassReview.NotDue,
        };
        db.BreakGlassRequests.Add(request);
        await db.SaveChangesAsync(ct);
        // The approvers of the mission, and those at headquarters (global scope); never personal data in the text.
        var text = (Words)$"Break-glass request {request.Id} ({BreakGlassRules.Describe(kind)}, {caseReference ?? missionCode}) awaits a second approver: /break-glass";
        foreach (var role in BreakGlassRules.ApproverRoles)
        {
            db.Notifications.Add(new Notification { Role = role, MissionId = missionId, CaseId = caseId, CreatedAt = now, Notice = text });
            db.Notifications.Add(new Notification { Role = role, MissionId = null, CaseId = caseId, CreatedAt = now, Notice = text });
        }
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, userId, request.Id, ct)).Value!;
    }

    private async Task<Result<(int MissionId, string MissionCode, int? CaseId, string? CaseReference)>> ResolveTargetAsync(
        CallerScope scope, string userId, BreakGlassKind kind, BreakGlassInput input, CancellationToken ct)
    {
        switch (kind)
        {
            case BreakGlassKind.UnmaskVictim:
                {
                    if (string.IsNullOrWhiteSpace(input.CaseReference))
                    {
                        return ValidationError.For("caseReference", "Give the case reference, e.g. CASE-2026-00042.");
                    }
                    var reference = input.CaseReference.Trim().ToUpperInvariant();
                    // Only a case one already sees: unmasking is not a way into a case (ask for a case override first).
                    var found = await access.Visible(scope, userId).AsNoTracking().Where(c => c.Reference == reference)
                        .Select(c => new { c.Id, c.MissionId, c.Mission!.Code, Held = c.Victims.Any(v => v.IdentitySealed != null) })
                        .FirstOrDefaultAsync(ct);
                    if (found is null)
                    {
                        return new NotFoundError("No such case in your scope.");
                    }
                    var assigned = await access.IsAssignedAsync(scope, userId, found.Id, reference, ct);
                    if (CaseAccess.MaySeeVictimIdentity(scope, assigned, reference))
                    {
                        return new AlreadyGranted("you see the victims' identities on this case");
                    }
                    if (!found.Held)
                    {
                        return new ConflictError("No victim identity is recorded on this case.");
                    }
                    return (found.MissionId, found.Code, found.Id, reference);
                }
            case BreakGlassKind.CaseOverride:
                {
                    if (string.IsNullOrWhiteSpace(input.CaseReference))
                    {
                        return ValidationError.For("caseReference", "Give the case reference, e.g. CASE-2026-00042.");
                    }
                    var reference = input.CaseReference.Trim().ToUpperInvariant();
                    // Case references are sequential and not secret; the case's content stays hidden until approval.
                    var found = await db.Cases.AsNoTracking().Where(c => c.Reference == reference)
                        .Select(c => new { c.Id, c.MissionId, c.Mission!.Code }).FirstOrDefaultAsync(ct);
                    if (found is null)
                    {
                        return new NotFoundError("No such case.");
                    }
                    if (await access.Visible(scope, userId).AnyAsync(c => c.Id == found.Id, ct))
                    {
                        return new AlreadyGranted("this case is in your scope");
                    }
                    return (found.MissionId, found.Code, found.Id, reference);
                }
            case BreakGlassKind.PersonnelExport:
            case BreakGlassKind.MissionOverride:
                {
                    if (string.IsNullOrWhiteSpace(input.Mission))
                    {
                        return ValidationError.For("mission", "Give the mission code, e.g. MINUSCA.");
                    }
                    var code = input.Mission.Trim().ToUpperInvariant();
                    var mission = await db.Missions.AsNoTracking().Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
                    if (mission is null)
                    {
                        return new NotFoundError("No such mission.");
                    }
                    var own = scope.Global || scope.OwnMissions.Contains(code);
                    if (kind == BreakGlassKind.PersonnelExport && !own)
                    {
                        // Export what one may already read, one mission at a time: never a way around scope.
                        return new NotFoundError("No such mission in your scope.");
                    }
                    if (kind == BreakGlassKind.MissionOverride && (scope.Global || scope.Missions.Contains(code)))
                    {
                        return new AlreadyGranted("this mission is in your scope");
                    }
                    return (mission.Value, code, null, null);
                }
        }
        throw new ArgumentOutOfRangeException(nameof(kind));
    }

    public async Task<Result<BreakGlassView>> DecideAsync(CallerScope scope, string userId, int id, BreakGlassDecisionInput input, CancellationToken ct = default)
    {
        if (!BreakGlassRules.IsApprover(scope))
        {
            return new NotAnApprover();
        }
        var request = await ForApprover(scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return new NotFoundError("No such break-glass request in your scope.");
        }
        if (request.RequesterUserId == userId)
        {
            return new SecondPersonRequired();
        }
        var now = Now;
        if (request.HasLapsedAt(now, settings.RequestLapse))
        {
            // Closed as lapsed, so that it shows as such and blocks nothing; the requester may ask again.
            request.Status = BreakGlassStatus.Lapsed;
            await db.SaveChangesAsync(ct);
            return new RequestLapsed();
        }
        if (request.Status == BreakGlassStatus.Lapsed)
        {
            return new RequestLapsed();
        }
        if (request.Status != BreakGlassStatus.Pending)
        {
            return new RequestNotPending(request.Status);
        }
        var reason = input.Reason?.Trim();
        if ((!input.Approve && string.IsNullOrEmpty(reason)) || reason?.Length > MaxText)
        {
            return ValidationError.For("reason", "Say why you refuse (1 to 2,000 characters): the requester reads it.");
        }
        request.DecidedByUserId = userId;
        request.DecidedAt = now;
        request.DecisionNoteSealed = string.IsNullOrEmpty(reason) ? null : protector.Seal(reason, BreakGlassRequest.DecisionNotePurpose);
        if (input.Approve)
        {
            request.Status = BreakGlassStatus.Approved;
            request.ExpiresAt = now + settings.GrantDuration;
            request.Review = BreakGlassReview.Pending;
            if (request.CaseId is { } caseId)
            {
                var requester = await DisplayNameAsync(request.RequesterUserId, ct);
                // The case team sees on the timeline that someone outside it was let in, by whom and until when.
                db.CaseEvents.Add(new CaseEvent
                {
                    CaseId = caseId,
                    Kind = CaseEventKind.BreakGlassGranted,
                    At = now,
                    UserId = userId,
                    TextSealed = protector.Seal(string.Create(CultureInfo.InvariantCulture, $"Break-glass {request.Id} approved: {BreakGlassRules.Describe(request.Kind)} for "
                        + $"{requester} until {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC."), CaseEvent.TextPurpose),
                });
            }
        }
        else
        {
            request.Status = BreakGlassStatus.Refused;
        }
        db.Notifications.Add(new Notification
        {
            UserId = request.RequesterUserId,
            CaseId = request.CaseId,
            CreatedAt = now,
            Notice = input.Approve
                ? (Words)$"Break-glass request {request.Id} approved until {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC: /break-glass"
                : (Words)$"Break-glass request {request.Id} refused: /break-glass",
        });
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, userId, id, ct)).Value!;
    }

    /// <summary>The requester gives the access back before it expires.</summary>
    public async Task<Result<BreakGlassView>> EndAsync(CallerScope scope, string userId, int id, CancellationToken ct = default)
    {
        var request = await db.BreakGlassRequests.FirstOrDefaultAsync(r => r.Id == id && r.RequesterUserId == userId, ct);
        if (request is null)
        {
            return new NotFoundError("No such break-glass request of yours.");
        }
        if (!request.IsActiveAt(Now))
        {
            return new GrantNotActive();
        }
        request.EndedAt = Now;
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, userId, id, ct)).Value!;
    }

    public async Task<Result<BreakGlassView>> ReviewAsync(CallerScope scope, string userId, int id, BreakGlassReviewInput input, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.Auditor))
        {
            return new ForbiddenError("The auditor reviews break-glass uses.");
        }
        var request = await ForAuditor(scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return new NotFoundError("No such break-glass request in your scope.");
        }
        if (request.Review is BreakGlassReview.Reviewed or BreakGlassReview.Flagged)
        {
            return new AlreadyReviewed(request.Review);
        }
        if (request.Review == BreakGlassReview.NotDue)
        {
            return new ConflictError("Only an approved request is reviewed.");
        }
        if (input.Outcome is not (BreakGlassReview.Reviewed or BreakGlassReview.Flagged))
        {
            return ValidationError.For("outcome", "Reviewed or flagged.");
        }
        var note = input.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxText)
        {
            return ValidationError.For("note", "Write what you checked or what is wrong (1 to 2,000 characters).");
        }
        request.Review = input.Outcome;
        request.ReviewedByUserId = userId;
        request.ReviewedAt = Now;
        request.ReviewNoteSealed = protector.Seal(note, BreakGlassRequest.ReviewNotePurpose);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, userId, id, ct)).Value!;
    }

    /// <summary>The caller's own requests, newest first.</summary>
    public Task<IReadOnlyList<BreakGlassView>> MineAsync(string userId, CancellationToken ct = default) =>
        ViewsAsync(db.BreakGlassRequests.Where(r => r.RequesterUserId == userId), ct);

    /// <summary>Pending requests an approver may decide: in their own missions, not their own, not lapsed.</summary>
    public async Task<IReadOnlyList<BreakGlassView>> ToDecideAsync(CallerScope scope, string userId, CancellationToken ct = default)
    {
        if (!BreakGlassRules.IsApprover(scope))
        {
            return [];
        }
        var lapsedBefore = Now - settings.RequestLapse;
        return await ViewsAsync(ForApprover(scope).Where(r => r.Status == BreakGlassStatus.Pending && r.RequesterUserId != userId && r.RequestedAt >= lapsedBefore), ct);
    }

    /// <summary>The auditor's queue: approved requests with the given review state (pending by default), in the auditor's scope.</summary>
    public async Task<Result<IReadOnlyList<BreakGlassView>>> ReviewQueueAsync(CallerScope scope, BreakGlassReview? review, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.Auditor))
        {
            return new ForbiddenError("The auditor reviews break-glass uses.");
        }
        var wanted = review ?? BreakGlassReview.Pending;
        return (await ViewsAsync(ForAuditor(scope).Where(r => r.Review == wanted), ct)).ToList();
    }

    /// <summary>One request: for its requester, an approver of its mission, or an auditor of its mission.</summary>
    public async Task<Result<BreakGlassView>> GetAsync(CallerScope scope, string userId, int id, CancellationToken ct = default)
    {
        var query = db.BreakGlassRequests.Where(r => r.Id == id);
        var mine = await query.AnyAsync(r => r.RequesterUserId == userId, ct);
        if (!mine)
        {
            var approver = BreakGlassRules.IsApprover(scope) && await ForApprover(scope).AnyAsync(r => r.Id == id, ct);
            var auditor = scope.IsInRole(Roles.Auditor) && await ForAuditor(scope).AnyAsync(r => r.Id == id, ct);
            if (!approver && !auditor)
            {
                return new NotFoundError("No such break-glass request in your scope.");
            }
        }
        return (await ViewsAsync(query, ct)).Single();
    }

    private IQueryable<BreakGlassRequest> ForApprover(CallerScope scope)
    {
        if (scope.Global)
        {
            return db.BreakGlassRequests;
        }
        var missions = scope.OwnMissions.ToList();
        return db.BreakGlassRequests.Where(r => missions.Contains(r.MissionCode));
    }

    private IQueryable<BreakGlassRequest> ForAuditor(CallerScope scope) => ForApprover(scope);

    private async Task<string> DisplayNameAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "?";

    private async Task<IReadOnlyList<BreakGlassView>> ViewsAsync(IQueryable<BreakGlassRequest> query, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        var rows = await query.AsNoTracking().OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(500)
            .Select(r => new
            {
                Request = r,
                RequestedBy = users.Where(u => u.Id == r.RequesterUserId).Select(u => u.DisplayName).FirstOrDefault(),
                DecidedBy = users.Where(u => u.Id == r.DecidedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                ReviewedBy = users.Where(u => u.Id == r.ReviewedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Request.Id).ToList();
        var uses = (await db.BreakGlassUses.AsNoTracking().Where(u => ids.Contains(u.RequestId)).OrderBy(u => u.At).ThenBy(u => u.Id).ToListAsync(ct))
            .ToLookup(u => u.RequestId);
        var now = Now;
        // The justification (which tends to name the victim) and the notes are unsealed for the caller: an audited read each.
        await audit.RecordReadsAsync(nameof(BreakGlassRequest), ids.Select(id => (object)id), detail: "justification and notes", ct: ct);
        return rows.Select(x =>
        {
            var r = x.Request;
            return new BreakGlassView(r.Id, r.Kind, r.MissionCode, r.CaseReference, protector.Unseal(r.JustificationSealed, BreakGlassRequest.JustificationPurpose),
                x.RequestedBy ?? "?", r.RequestedAt, r.StatusAt(now, settings.RequestLapse), x.DecidedBy, r.DecidedAt, protector.UnsealOptional(r.DecisionNoteSealed, BreakGlassRequest.DecisionNotePurpose),
                r.ExpiresAt, r.EndedAt, r.IsActiveAt(now), r.Review, x.ReviewedBy, r.ReviewedAt, protector.UnsealOptional(r.ReviewNoteSealed, BreakGlassRequest.ReviewNotePurpose),
                uses[r.Id].Select(u => new BreakGlassUseView(u.At, u.What)).ToList());
        }).ToList();
    }
}
