using Vigil.Core.Common;

namespace Vigil.Core.Cases;

public sealed record IllegalTransition(CaseStatus From, CaseStatus To)
    : ConflictError($"A case cannot move from {From} to {To}. Allowed: {string.Join(", ", CaseWorkflow.NextFrom(From))}.");

public sealed record ClosureNeedsApproval()
    : ConflictError("Closing a case needs a closure request approved by a second person (a conduct chief).");

public sealed record SecondPersonRequired()
    : ConflictError("The person who asked cannot approve: a second person must decide.");

public sealed record CaseRecused(string Reason)
    : ConflictError($"Kept off this case: the person {Reason}.");
