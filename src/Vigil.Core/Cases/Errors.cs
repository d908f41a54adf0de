using Vigil.Core.Common;

namespace Vigil.Core.Cases;

/// <summary>A move the workflow does not allow: the stages as terms, so a page names them by their labels in its language
/// (the API says their wire tokens, as a client sends them).</summary>
public sealed record IllegalTransition(CaseStatus From, CaseStatus To) : ConflictError(Say(From, To))
{
    private static Words Say(CaseStatus from, CaseStatus to) =>
        $"A case cannot move from {TimelineLines.Stage(from)} to {TimelineLines.Stage(to)}. Allowed: {Allowed(from)}.";

    // Each stage a message of its own, so that the list is said in the page's language too.
    private static Words Allowed(CaseStatus from) =>
        Words.Join(", ", CaseWorkflow.NextFrom(from).Select(s => Words.FromFormat("{0}", [TimelineLines.Stage(s)])));
}

public sealed record ClosureNeedsApproval()
    : ConflictError((Words)"Closing a case needs a closure request approved by a second person (a conduct chief).");

public sealed record SecondPersonRequired()
    : ConflictError((Words)"The person who asked cannot approve: a second person must decide.");

public sealed record CaseRecused(Words Reason)
    : ConflictError((Words)$"Kept off this case: the person {Reason}.");
