namespace Vigil.Core.Retention;

/// <summary>
/// A legal hold on a case or a report: while it is active, retention deletes and anonymises nothing
/// of that record (a hold on a case also covers the reports linked to it). Set and released by a
/// conduct chief or a legal officer, each time with a reason; released holds stay on record.
/// </summary>
public sealed class LegalHold
{
    public const string ReasonPurpose = "retention.hold.reason";
    public const string ReleaseReasonPurpose = "retention.hold.release-reason";

    public int Id { get; set; }
    public int? CaseId { get; set; }
    public int? ReportId { get; set; }

    /// <summary>Why the hold was set, sealed: it may name a court, a proceeding or a person.</summary>
    public required byte[] ReasonSealed { get; set; }
    public required string SetByUserId { get; set; }

    /// <summary>Set by a legal officer: only a legal officer may release it (a chief cannot undo legal's hold alone).</summary>
    public bool SetByLegalOffice { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public string? ReleasedByUserId { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public byte[]? ReleaseReasonSealed { get; set; }
}

public enum RetainedKind
{
    Report,
    Case,
}

/// <summary>Remembers that retention anonymised a record, so that it is neither done nor counted twice.</summary>
public sealed class RetentionMark
{
    public int Id { get; set; }
    public RetainedKind Kind { get; set; }
    public int RecordId { get; set; }
    public int RunId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One retention run (not dry runs, which change nothing): when, started by what, and what it did.</summary>
public sealed class RetentionRun
{
    public int Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>"cli" or "scheduled".</summary>
    public required string Trigger { get; set; }
    public int ReportsAnonymised { get; set; }
    public int MessagesDeleted { get; set; }
    public int CasesAnonymised { get; set; }
    public int EvidenceFilesDeleted { get; set; }

    /// <summary>Records that were due but kept because of a legal hold.</summary>
    public int HeldSkipped { get; set; }
}
