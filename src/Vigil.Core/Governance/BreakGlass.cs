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

    /// <summary>Not decided within <see cref="BreakGlassOptions.RequestLapse"/>: closed without a decision; the requester may ask again.</summary>
    Lapsed,
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

    /// <summary>Still pending, but asked more than <paramref name="lapse"/> before <paramref name="now"/>: it can no longer be decided.</summary>
    public bool HasLapsedAt(DateTimeOffset now, TimeSpan lapse) => Status == BreakGlassStatus.Pending && now - RequestedAt > lapse;

    /// <summary>The status as the requester, approver and auditor should see it: a pending request past its lapse is lapsed.</summary>
    public BreakGlassStatus StatusAt(DateTimeOffset now, TimeSpan lapse) => HasLapsedAt(now, lapse) ? BreakGlassStatus.Lapsed : Status;

    /// <summary>"break-glass request 12": the audit log's reason for a read made through this request's grant (never the justification, which may name the victim).</summary>
    public static string AuditReason(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"break-glass request {id}");
}

/// <summary>One use of an approved grant (a case page shown unmasked or through an override, an export downloaded).</summary>
public sealed class BreakGlassUse
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string What { get; set; }
}

/// <summary>Settings under <c>BreakGlass:*</c>, checked at start (<see cref="Validate"/>).</summary>
public sealed class BreakGlassOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BreakGlass";

    /// <summary>The longest grant the settings may give: an access that "ends by itself" ends within a week.</summary>
    public static readonly TimeSpan MaxGrantDuration = TimeSpan.FromDays(7);

    /// <summary>The longest a request may wait for a decision.</summary>
    public static readonly TimeSpan MaxRequestLapse = TimeSpan.FromDays(30);

    /// <summary>The shortest justification the settings may ask for (README: at least 30 characters); it may be raised, not lowered.</summary>
    public const int MinimumJustificationFloor = 30;

    /// <summary>The longest justification accepted.</summary>
    public const int MaxJustificationLength = 2000;

    /// <summary>How long an approved grant lasts from the approval.</summary>
    public TimeSpan GrantDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A request not decided within this time lapses: ask again, with fresh reasons.</summary>
    public TimeSpan RequestLapse { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Shortest accepted justification, in characters: a reason, not "need it".</summary>
    public int MinJustificationLength { get; set; } = 30;

    /// <summary>Every fault in the settings, each naming its configuration key; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (GrantDuration <= TimeSpan.Zero || GrantDuration > MaxGrantDuration)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Section}:{nameof(GrantDuration)} must be more than zero and at most {MaxGrantDuration:c} (got {GrantDuration:c}): a grant ends by itself."));
        }
        if (RequestLapse <= TimeSpan.Zero || RequestLapse > MaxRequestLapse)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Section}:{nameof(RequestLapse)} must be more than zero and at most {MaxRequestLapse:c} (got {RequestLapse:c})."));
        }
        if (MinJustificationLength < MinimumJustificationFloor || MinJustificationLength > MaxJustificationLength)
        {
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Section}:{nameof(MinJustificationLength)} must be between {MinimumJustificationFloor} and {MaxJustificationLength} characters (got {MinJustificationLength}): a reason, not \"need it\"."));
        }
        return errors;
    }
}

/// <summary>Checks <see cref="BreakGlassOptions"/> at start: a bad setting stops the host with a message naming the key.</summary>
public sealed class BreakGlassOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<BreakGlassOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BreakGlassOptions options) =>
        options.Validate() is { Count: > 0 } errors
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
