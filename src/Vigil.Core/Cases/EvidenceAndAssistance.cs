namespace Vigil.Core.Cases;

/// <summary>
/// An item in a case's evidence register. The file is sealed (AES-GCM) in <see cref="EvidenceBlob"/>;
/// its SHA-256, taken at upload over the original bytes, proves later that it was not altered.
/// </summary>
public sealed class EvidenceItem
{
    public const string ContentPurpose = "evidence.content";
    public const string NamePurpose = "evidence.name";
    public const string DescriptionPurpose = "evidence.description";

    public int Id { get; set; }
    public int CaseId { get; set; }

    /// <summary>Sealed original file name (names can identify people).</summary>
    public required byte[] NameSealed { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }

    /// <summary>Lower-case hex SHA-256 of the original bytes.</summary>
    public required string Sha256 { get; set; }
    public required byte[] DescriptionSealed { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedByUserId { get; set; }
    public List<CustodyEntry> Custody { get; set; } = [];
}

/// <summary>The sealed bytes, apart from the register so that lists never load them.</summary>
public sealed class EvidenceBlob
{
    public int Id { get; set; }
    public int EvidenceId { get; set; }
    public required byte[] Sealed { get; set; }
}

public enum CustodyAction
{
    Received,
    Viewed,
    Downloaded,
    HandedOver,
    Returned,

    /// <summary>The file was destroyed under the retention policy; the item's record and its custody stay.</summary>
    Destroyed,
}

/// <summary>Chain of custody: every handling of an item, appended.</summary>
public sealed class CustodyEntry
{
    public const string NotePurpose = "evidence.custody.note";

    public int Id { get; set; }
    public int EvidenceId { get; set; }
    public CustodyAction Action { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserId { get; set; }
    public byte[]? NoteSealed { get; set; }
}

public enum AssistanceKind
{
    Medical,
    Psychosocial,
    Legal,
    Material,
    Shelter,
    Education,
}

public enum AssistanceStatus
{
    Referred,
    Provided,
    Declined,
    Closed,
}

/// <summary>
/// The victim assistance track, separate from the investigation: referrals to services and the
/// advocate's follow-up, given before and regardless of any finding. Only victims' rights
/// advocates and conduct chiefs see it; nothing crosses into the investigation file unless the
/// victim consented (<see cref="CaseVictim.ConsentToInvestigation"/>).
/// </summary>
public sealed class AssistanceReferral
{
    public const string NotePurpose = "assistance.note";

    public int Id { get; set; }
    public int CaseId { get; set; }
    public int VictimId { get; set; }
    public AssistanceKind Kind { get; set; }
    public required string Provider { get; set; }
    public DateOnly ReferredOn { get; set; }
    public AssistanceStatus Status { get; set; }
    public byte[]? NoteSealed { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
