using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Cases;

public enum FindingOutcome
{
    Substantiated,
    NotSubstantiated,
    InsufficientEvidence,
}

public enum ActionKind
{
    // Interim
    PaymentSuspension,
    AdministrativeLeave,
    RestrictionToBase,
    Repatriation,

    // Final
    Dismissal,
    Separation,
    RepatriationWithBan,
    Imprisonment,
    Demotion,
    Fine,
    WrittenCensure,
    ReferralForCriminalAccountability,
}

public enum ActionTaker
{
    UnitedNations,
    MemberState,
}

public enum AgeGroup
{
    Unknown,
    Child,
    Adult,
}

public enum Sex
{
    Unknown,
    Female,
    Male,
}

public enum PaternityStatus
{
    None,
    Claimed,
    DnaTestRequested,
    Established,
    NotEstablished,
    SupportOrdered,
    Resolved,
}

public enum WaiverDecision
{
    Pending,
    Waived,
    NotWaived,
}

/// <summary>
/// A person the allegation is about: an identified personnel record, or a description (category,
/// nationality, unit) when the person is not yet identified. Findings and actions hang off it.
/// </summary>
public sealed class CaseSubject
{
    public const string DescriptionPurpose = "case.subject.description";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public PersonnelCategory Category { get; set; }

    /// <summary>ISO alpha-3, when known.</summary>
    public string? Nationality { get; set; }
    public string? Unit { get; set; }

    /// <summary>Sealed description of an unidentified subject (it can carry a name or a nickname).</summary>
    public byte[]? DescriptionSealed { get; set; }
    public ImmunityKind Immunity { get; set; }
    public List<Finding> Findings { get; set; } = [];
    public List<CaseAction> Actions { get; set; } = [];
    public List<ImmunityWaiver> Waivers { get; set; } = [];
}

/// <summary>
/// Victims, counted and described by age group and sex. The identity is sealed and readable only by
/// the victims' rights advocate and the assigned investigator.
/// </summary>
public sealed class CaseVictim
{
    public const string IdentityPurpose = "victim.identity";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public AgeGroup AgeGroup { get; set; }
    public Sex Sex { get; set; }
    public int Count { get; set; } = 1;
    public byte[]? IdentitySealed { get; set; }
    public PaternityStatus Paternity { get; set; }

    /// <summary>The victim agreed that what they told the advocate may go into the investigation file.</summary>
    public bool ConsentToInvestigation { get; set; }
}

/// <summary>A finding per subject. A change supersedes the earlier finding (kept) and needs a second approver.</summary>
public sealed class Finding
{
    public int Id { get; set; }
    public int SubjectId { get; set; }
    public FindingOutcome Outcome { get; set; }
    public InvestigatingBody By { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string RecordedByUserId { get; set; }
    public string? ApprovedByUserId { get; set; }
    public int? SupersedesId { get; set; }
    public bool Current { get; set; }
}

/// <summary>An interim or final action on a subject, by the UN or the member state.</summary>
public sealed class CaseAction
{
    public const string NotePurpose = "case.action.note";

    public int Id { get; set; }
    public int SubjectId { get; set; }
    public ActionKind Kind { get; set; }
    public ActionTaker By { get; set; }
    public DateOnly TakenOn { get; set; }

    /// <summary>Sealed staff note (free text can name people).</summary>
    public byte[]? NoteSealed { get; set; }
    public required string RecordedByUserId { get; set; }

    /// <summary>Measures taken while a case runs, before any finding; the others are final.</summary>
    public static readonly ActionKind[] InterimKinds = [ActionKind.PaymentSuspension, ActionKind.AdministrativeLeave, ActionKind.RestrictionToBase, ActionKind.Repatriation];

    public bool IsInterim => InterimKinds.Contains(Kind);
}

/// <summary>A request to waive a subject's immunity, with the Office of Legal Affairs' decision.</summary>
public sealed class ImmunityWaiver
{
    public const string JustificationPurpose = "case.waiver.justification";

    public int Id { get; set; }
    public int SubjectId { get; set; }
    public required byte[] JustificationSealed { get; set; }
    public DateOnly RequestedOn { get; set; }
    public required string RequestedByUserId { get; set; }
    public WaiverDecision Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
}

public enum NoteDirection
{
    Sent,
    Received,
}

public enum NoteKind
{
    Notification,
    NioRequest,
    FollowUp,
    OutcomeRequest,
    Reply,
    NioAppointed,
    DeclinedToInvestigate,
    ProgressReport,
    OutcomeReport,
    NationalSanction,
}

/// <summary>Correspondence with a member state's permanent mission, each dated.</summary>
public sealed class NoteVerbale
{
    public const string SummaryPurpose = "case.note.summary";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public NoteDirection Direction { get; set; }
    public NoteKind Kind { get; set; }

    /// <summary>ISO alpha-3 of the member state.</summary>
    public required string Country { get; set; }
    public DateOnly Date { get; set; }
    public string? Reference { get; set; }

    /// <summary>Sealed summary of the note's content.</summary>
    public byte[]? SummarySealed { get; set; }
    public required string RecordedByUserId { get; set; }
}

public enum DeadlineKind
{
    NioAnswer,
    InvestigationCompletion,
    OutcomeReport,
}

/// <summary>
/// A dated obligation on a case. The deadline service reminds the owner before it is due and
/// escalates once it is missed; met or not, it stays on record.
/// </summary>
public sealed class CaseDeadline
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public DeadlineKind Kind { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>The member state concerned, for NIO and outcome deadlines.</summary>
    public string? Country { get; set; }
    public DateOnly? MetOn { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}

/// <summary>Closing a case is asked by one person and approved by another (a conduct chief).</summary>
public sealed class ClosureRequest
{
    public const string JustificationPurpose = "case.closure.justification";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public ClosureReason Reason { get; set; }
    public required byte[] JustificationSealed { get; set; }
    public required string RequestedByUserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public bool? Approved { get; set; }
}

public enum CaseEventKind
{
    Opened,
    Transition,
    SubjectAdded,
    VictimAdded,
    RoutingSet,
    NoteVerbale,
    DeadlineSet,
    DeadlineEscalated,
    FindingRecorded,
    FindingChangeRequested,
    ActionRecorded,
    WaiverRequested,
    WaiverDecided,
    ClosureRequested,
    ClosureDecided,
    ReportLinked,
    Recusal,
    Assigned,
    EvidenceAdded,
    AssistanceRecorded,
    BreakGlassGranted,
    Unassigned,

    /// <summary>A closure request no one decided, set aside because the case moved on: Vigil's line, not a decision by anyone.</summary>
    ClosureLapsed,
}

/// <summary>The case timeline: every change with who, when and why. Appended, never edited.</summary>
public sealed class CaseEvent
{
    public const string TextPurpose = "case.event.text";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public CaseEventKind Kind { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null for the system (the deadline service).</summary>
    public string? UserId { get; set; }

    /// <summary>Sealed: the line carries reasons typed by staff, which can name people.</summary>
    public required byte[] TextSealed { get; set; }

    public const string LinePurpose = "case.event.line";

    /// <summary>
    /// The same line as a message (<see cref="WordsJson"/>, sealed as the text is), so that the case page says it in its
    /// reader's language (<see cref="TimelineLines"/>); null on lines written before it was kept, and once retention has
    /// removed the text.
    /// </summary>
    public byte[]? LineSealed { get; set; }

    /// <summary>
    /// A new line: its English text (the API's, cut at <see cref="TimelineLines.MaxLength"/>) and its message, both sealed.
    /// <paramref name="caseId"/>: 0 when the case is new (the line is added to its <see cref="Case.Events"/>).
    /// </summary>
    public static CaseEvent Of(FieldProtector protector, CaseEventKind kind, DateTimeOffset at, string? userId, Words line, int caseId = 0)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(line);
        var text = line.ToString();
        var cut = text.Length > TimelineLines.MaxLength;
        return new CaseEvent
        {
            CaseId = caseId,
            Kind = kind,
            At = at,
            UserId = userId,
            TextSealed = protector.Seal(cut ? text[..TimelineLines.MaxLength] : text, TextPurpose),
            // A cut line is shown as its text: the message would say more than the record holds.
            LineSealed = cut ? null : protector.Seal(WordsJson.Write(line), LinePurpose),
        };
    }

    /// <summary>The line as a message for a page: the one kept, else read from the text (<see cref="TimelineLines.Read"/>); null when neither.</summary>
    public static Words? Line(FieldProtector protector, CaseEventKind kind, string text, byte[]? lineSealed)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return (lineSealed is null ? null : WordsJson.Read(protector.Unseal(lineSealed, LinePurpose))) ?? TimelineLines.Read(kind, text);
    }
}

/// <summary>An investigator, advocate or officer assigned to a case.</summary>
public sealed class CaseAssignment
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public required string UserId { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

/// <summary>A notice for a user or for everyone of a role in a mission (escalations, reminders, approvals).</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string? UserId { get; set; }
    public string? Role { get; set; }
    public int? MissionId { get; set; }
    public int? CaseId { get; set; }

    /// <summary>The report it is about (an untriaged report escalated), for the link.</summary>
    public int? ReportId { get; set; }
    /// <summary>The notice in English, as the API gives it (and the only form of notices written before their message was kept).</summary>
    public string Text { get; set; } = "";

    /// <summary>The notice as a stored message (<see cref="WordsJson"/>), so that a page says it in its reader's language.</summary>
    public string? Message { get; set; }

    /// <summary>Sets both forms of the notice.</summary>
    public required Words Notice
    {
        get => WordsJson.Read(Message) ?? Words.FromText(Text);
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            Text = value.ToString();
            Message = WordsJson.Write(value);
        }
    }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>
    /// An escalation: to the conduct chief of the mission (when there is one) and to headquarters, which is its global
    /// conduct chiefs and its global conduct officers (the demo's hq; they also triage reports that name no mission).
    /// </summary>
    public static IEnumerable<Notification> Escalation(int? missionId, Words text, DateTimeOffset now, int? caseId = null, int? reportId = null)
    {
        if (missionId is not null)
        {
            yield return new Notification { Role = Roles.ConductChief, MissionId = missionId, CaseId = caseId, ReportId = reportId, Notice = text, CreatedAt = now };
        }
        yield return new Notification { Role = Roles.ConductChief, MissionId = null, CaseId = caseId, ReportId = reportId, Notice = text, CreatedAt = now };
        yield return new Notification { Role = Roles.ConductOfficer, MissionId = null, CaseId = caseId, ReportId = reportId, Notice = text, CreatedAt = now };
    }
}
