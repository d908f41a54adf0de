using Vigil.Core.Cases;

namespace Vigil.Web.Cases;

// What the case routes answer: JSON objects, as every other route does (they answered a bare id, true or a status word,
// which a client could not extend or tell apart).

/// <summary>A record just added to a case (subject, victim, note verbale, finding, action, waiver request, closure request,
/// evidence, assistance referral): its id, which later requests name (a finding's <c>subjectId</c>, a decision's
/// <c>waiverId</c>), and the case's reference.</summary>
public sealed record CaseRecordCreated(int Id, string Case);

/// <summary>The case's stage after a move along the workflow or a decision on its closure.</summary>
public sealed record CaseStage(string Case, CaseStatus Status);

/// <summary>Who investigates the case after an override (the country for a troop-contributing country).</summary>
public sealed record CaseRouting(string Case, InvestigatingBody Body, string? Country);

/// <summary>A change of finding approved by a second person: the finding now in force.</summary>
public sealed record FindingChangeApproved(int Id, bool Approved);

/// <summary>The decision recorded on a waiver request.</summary>
public sealed record WaiverDecided(int Id, WaiverDecision Decision);

/// <summary>A person assigned to the case (<c>assigned</c> true, with the role) or taken off it (false).</summary>
public sealed record CaseAssignment(string Case, string UserName, string? Role, bool Assigned);

/// <summary>An assistance referral after an update.</summary>
public sealed record ReferralUpdated(int Id, AssistanceStatus Status);
