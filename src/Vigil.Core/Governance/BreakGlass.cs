namespace Vigil.Core.Governance;

/// <summary>What a break-glass request asks for. Each needs a justification and a second person's approval.</summary>
public enum BreakGlassKind
{
    /// <summary>See the victims' identities on one case, which one's role or assignment does not show.</summary>
    UnmaskVictim,

    /// <summary>Download one mission's personnel records as CSV: the only way to export them in bulk.</summary>
    PersonnelExport,

    /// <summary>See one case outside one's scope.</summary>
    CaseOverride,

    /// <summary>Work in one mission outside one's scope.</summary>
    MissionOverride,
}

public enum BreakGlassStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>The auditor's later look at an approved request.</summary>
public enum BreakGlassReview
{
    /// <summary>Not approved: nothing to review.</summary>
    NotDue,
    Pending,
    Reviewed,
    Flagged,
}

/// <summary>
/// A request to break the glass: who asked, for what, why, who approved or refused it and why, how
/// long it lasts, and the auditor's review. Kept forever; nothing is deleted. The grant it carries is
/// read into the requester's <see cref="Access.CallerScope"/> on each request while it is active.
/// </summary>
public sealed class BreakGlassRequest
{
    public int Id { get; set; }
    public BreakGlassKind Kind { get; set; }
    public required string RequesterUserId { get; set; }

    /// <summary>The mission concerned: the case's mission, or the mission exported or overridden. Approvers are chosen by it.</summary>
    public int MissionId { get; set; }
    public required string MissionCode { get; set; }
    public int? CaseId { get; set; }
    public string? CaseReference { get; set; }
    /// <summary>Why the requester needs the access, sealed (<see cref="JustificationPurpose"/>): it often names the victim or the person sought.</summary>
    public required byte[] JustificationSealed { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    public BreakGlassStatus Status { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The approver's reason, sealed (<see cref="DecisionNotePurpose"/>).</summary>
    public byte[]? DecisionNoteSealed { get; set; }

    /// <summary>When an approved grant stops working (exclusive).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Set when the requester gave the access back before it expired.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public BreakGlassReview Review { get; set; }
    public string? ReviewedByUserId { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>The auditor's note, sealed (<see cref="ReviewNotePurpose"/>).</summary>
    public byte[]? ReviewNoteSealed { get; set; }

    public const string JustificationPurpose = "break-glass.justification";
    public const string DecisionNotePurpose = "break-glass.decision-note";
    public const string ReviewNotePurpose = "break-glass.review-note";

    public bool IsActiveAt(DateTimeOffset now) => Status == BreakGlassStatus.Approved && EndedAt is null && ExpiresAt > now;
}

/// <summary>One use of an approved grant (a case page shown unmasked or through an override, an export downloaded).</summary>
public sealed class BreakGlassUse
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string What { get; set; }
}

/// <summary>Settings under <c>BreakGlass:*</c>.</summary>
public sealed class BreakGlassOptions
{
    /// <summary>How long an approved grant lasts from the approval.</summary>
    public TimeSpan GrantDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A request not decided within this time lapses: ask again, with fresh reasons.</summary>
    public TimeSpan RequestLapse { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Shortest accepted justification, in characters: a reason, not "need it".</summary>
    public int MinJustificationLength { get; set; } = 30;
}
