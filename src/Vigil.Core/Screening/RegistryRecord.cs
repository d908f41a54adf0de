using Vigil.Core.Personnel;

namespace Vigil.Core.Screening;

public enum RegistrySource
{
    Case,
    Manual,
    Import,
}

/// <summary>
/// A record of prior misconduct that screening checks personnel against. Records from cases are
/// written automatically (a substantiated finding, a repatriation with ban, a subject who left with
/// the case open) with a snapshot of the person's identifiers, so the record outlives the roster.
/// Personal data: readable by screening officers only.
/// </summary>
public sealed class RegistryRecord
{
    public int Id { get; set; }

    /// <summary>record_id in files, e.g. REG-000123, as given; unique without regard to case (<see cref="RecordKey"/>).</summary>
    public required string RecordId
    {
        get => recordId;
        set
        {
            recordId = value;
            RecordKey = KeyOf(value);
        }
    }

    private string recordId = "";

    /// <summary>
    /// <see cref="RecordId"/> in upper case: the unique key, and what a lookup compares. spec/screening.md says record_id is
    /// unique; R-001 and r-001 would name one record to a person (and to a URL typed by hand), so they may not be two. A
    /// column of its own because the providers compare text differently (SQLite's = is binary, PostgreSQL's follows the
    /// collation), and a lookup by an upper-cased column uses its index on both. Set with <see cref="RecordId"/>.
    /// </summary>
    public string RecordKey { get; private set; } = "";

    /// <summary>The key a record id is stored and looked up by (ids are ASCII: Registry.IsSafeRecordId).</summary>
    public static string KeyOf(string recordId)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        return recordId.ToUpperInvariant();
    }
    public required string FullName { get; set; }
    public List<string> Aliases { get; set; } = [];
    public PartialDate? DateOfBirth { get; set; }
    public string? Nationality { get; set; }
    public List<string> IdNumbers { get; set; } = [];
    public RegistryFinding Finding { get; set; }
    public string? CaseReference { get; set; }
    public int? PersonId { get; set; }
    public RegistrySource Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// When the record was withdrawn (the finding it came from was overturned, or a screening officer withdrew it); null
    /// while it stands. A withdrawn record is kept for the audit trail but never screened again.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The screening officer who withdrew it; null when a case change withdrew it (or for a record the upgrade merged).</summary>
    public string? WithdrawnByUserId { get; set; }

    /// <summary>Why it was withdrawn, sealed (<see cref="WithdrawalReasonPurpose"/>): an officer's reason may name the person.</summary>
    public byte[]? WithdrawalReasonSealed { get; set; }

    public const string WithdrawalReasonPurpose = "registry.withdrawal-reason";
}
