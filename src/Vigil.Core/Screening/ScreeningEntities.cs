using Vigil.Core.Personnel;

namespace Vigil.Core.Screening;

/// <summary>What started a screening run.</summary>
public enum ScreeningRunKind
{
    /// <summary>A roster uploaded before deployment.</summary>
    PreDeployment,

    /// <summary>A contingent's roster on arrival in the mission.</summary>
    Arrival,

    /// <summary>One person, for hiring.</summary>
    Person,

    /// <summary>Everyone deployed, on a schedule or after the registry changed.</summary>
    Deployed,
}

/// <summary>Where a candidate stands in the adjudication queue.</summary>
public enum CandidateStatus
{
    Open,

    /// <summary>A screening officer decided: same person.</summary>
    Confirmed,

    /// <summary>A screening officer decided: not the same person.</summary>
    Dismissed,

    /// <summary>Closed without a decision: the registry record was withdrawn while the candidate was open.</summary>
    Withdrawn,
}

/// <summary>One screening run: who started it (null for the scheduler), when, what it screened and raised.</summary>
public sealed class ScreeningRun
{
    public int Id { get; set; }
    public ScreeningRunKind Kind { get; set; }

    /// <summary>The user who started it; null when the scheduler did.</summary>
    public string? UserId { get; set; }

    /// <summary>The mission a roster was uploaded for, if any.</summary>
    public int? MissionId { get; set; }

    /// <summary>
    /// Why it ran ("registry changed", "schedule", the uploaded file's name), sealed (<see cref="LabelPurpose"/>):
    /// a file name is whatever the uploader typed, and rosters for hiring or replacement get named after people.
    /// </summary>
    public byte[]? LabelSealed { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int People { get; set; }
    public int Records { get; set; }

    /// <summary>
    /// Pairs at or above the threshold, other than a person met with a record fed from their own case (counted in
    /// <see cref="OwnCase"/>; before that count was kept, such pairs were counted here).
    /// </summary>
    public int Candidates { get; set; }

    /// <summary>
    /// People the re-screening of everyone deployed met with a registry record fed from a case about that very personnel
    /// record: the case tracks them, so they are no candidates. Always 0 for a roster or a hire (another deployment).
    /// </summary>
    public int OwnCase { get; set; }

    /// <summary>Of those, pairs put in the queue (not already decided or pending for the same versions of both records).</summary>
    public int Raised { get; set; }

    /// <summary>
    /// People screened whose date of birth screening set aside as not plausible on the day (placeholders such as
    /// 1900-01-01, slipped years): they were weighed on names, nationality and identifiers alone.
    /// </summary>
    public int BirthDatesSetAside { get; set; }

    public const string LabelPurpose = "screening.run-label";
}

/// <summary>
/// A candidate pair for adjudication: the screened person (a snapshot, since a roster row or an
/// applicant has no other home), the registry record, the engine's score and reasons, and the
/// decision. The fingerprints of both records at screening time make decisions stick: a later run
/// raises the same pair again only when one of the two records has changed.
/// </summary>
public sealed class ScreeningMatch
{
    public int Id { get; set; }
    public int RunId { get; set; }

    /// <summary>The screened person's key: their person number (roster and deployed) or an applicant key.</summary>
    public required string SubjectKey { get; set; }

    /// <summary>The personnel record, when the screened person is in Vigil's personnel.</summary>
    public int? PersonId { get; set; }

    /// <summary>
    /// True when a roster row's person_id is the number of a personnel record whose name and date of birth both disagree
    /// with the row: the row was not linked to that record (<see cref="PersonId"/> is null), and the candidate page says so.
    /// </summary>
    public bool PersonNumberDisagrees { get; set; }

    /// <summary>The mission of the screened person, if known: its conduct chief may read the candidate.</summary>
    public int? MissionId { get; set; }

    public required string SubjectName { get; set; }
    public List<string> SubjectAliases { get; set; } = [];
    public PartialDate? SubjectDateOfBirth { get; set; }
    public string? SubjectNationality { get; set; }
    public List<string> SubjectIdNumbers { get; set; } = [];
    public string? SubjectCategory { get; set; }
    public string? SubjectUnit { get; set; }
    public required string SubjectFingerprint { get; set; }

    public int RegistryRecordId { get; set; }
    public RegistryRecord? RegistryRecord { get; set; }
    public required string RecordFingerprint { get; set; }

    public double Score { get; set; }
    public required string Reasons { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    public CandidateStatus Status { get; set; }

    /// <summary>
    /// What settled the decision, sealed (<see cref="DecisionNotePurpose"/>): the screening officer
    /// often names the person ("the same Moussa K., born 1984 in…").
    /// </summary>
    public byte[]? DecisionNoteSealed { get; set; }

    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public const string DecisionNotePurpose = "screening.decision-note";
}

/// <summary>
/// The one row (Id 1) that coordinates scheduled re-screening across hosts: when the registry last
/// changed, when the last run was claimed, and a lease so that only one host runs at a time.
/// </summary>
public sealed class ScreeningSchedule
{
    public const int SingletonId = 1;

    public int Id { get; set; }
    public DateTimeOffset? RegistryChangedAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}
