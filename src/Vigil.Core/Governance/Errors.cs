using Vigil.Core.Common;

namespace Vigil.Core.Governance;

public sealed record LiaisonNeverUnmasks()
    : ForbiddenError("A member-state liaison never sees a victim's identity, break-glass or not.");

public sealed record BreakGlassNotForRole(BreakGlassKind Kind)
    : ForbiddenError($"Your role may not ask for {BreakGlassRules.Describe(Kind)}.");

public sealed record NotAnApprover()
    : ForbiddenError("Break-glass requests are approved by a conduct chief or a legal officer of the mission.");

public sealed record AlreadyGranted(string What)
    : ConflictError($"You already have this access: {What}.");

public sealed record RequestAlreadyOpen(int Id)
    : ConflictError($"Request {Id} for the same access is still pending or active.");

public sealed record RequestNotPending(BreakGlassStatus Status)
    : ConflictError($"This request is no longer pending ({Status}).");

public sealed record RequestLapsed()
    : ConflictError("This request waited too long for a decision and has lapsed; the requester must ask again.");

public sealed record GrantNotActive()
    : ConflictError("This access is not granted, has expired or was given back.");

public sealed record AlreadyReviewed(BreakGlassReview Review)
    : ConflictError($"This use was already reviewed ({Review}).");
