using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;

namespace Vigil.Core.Intake;

/// <summary>
/// One report of possible misconduct, from any channel. The narrative, the free-text location and
/// the reporter's contact are sealed (<see cref="Security.FieldProtector"/>); no IP address or user
/// agent is ever stored. Reports are never deleted: triage decisions are appended.
/// </summary>
public sealed class Report
{
    public const string NarrativePurpose = "report.narrative";
    public const string LocationPurpose = "report.location";
    public const string ContactPurpose = "report.contact";

    public int Id { get; set; }

    /// <summary>Staff reference, e.g. R-2026-000042. Not secret, never given to an anonymous reporter.</summary>
    public required string Reference { get; set; }

    public Channel Channel { get; set; }
    public ReporterRelationship Relationship { get; set; }

    /// <summary>Whether the reporter agreed to onward sharing (null: not asked, as for anonymous reports).</summary>
    public bool? ConsentToShare { get; set; }

    /// <summary>BCP 47 tag of the language the report was written in.</summary>
    public string? Language { get; set; }

    public int? MissionId { get; set; }
    public Mission? Mission { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }

    public required byte[] NarrativeSealed { get; set; }
    public byte[]? LocationSealed { get; set; }
    public byte[]? ContactSealed { get; set; }

    /// <summary>Day or month of the incident, as the reporter knows it.</summary>
    public PartialDate? IncidentDate { get; set; }

    public InvolvedCategory Involved { get; set; }
    public bool? ChildInvolved { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The staff member who recorded it; null for the public portal.</summary>
    public string? RecordedByUserId { get; set; }

    /// <summary>HMAC of the receipt, for reports that have one (public portal); unique.</summary>
    public byte[]? ReceiptHash { get; set; }

    public ReportStatus Status { get; set; }
    public int? CaseId { get; set; }

    /// <summary>When the report, still untriaged past its triage limit, was escalated (once) to the conduct chief and headquarters.</summary>
    public DateTimeOffset? TriageEscalatedAt { get; set; }

    /// <summary>Maintained with each message so that the inbox can show unanswered reporters in one query.</summary>
    public DateTimeOffset? LastReporterMessageAt { get; set; }
    public DateTimeOffset? LastTeamMessageAt { get; set; }

    public List<ReportMessage> Messages { get; set; } = [];
    public List<ReportDecision> Decisions { get; set; } = [];
}

/// <summary>A message between the reporter and the conduct team; the text is sealed.</summary>
public sealed class ReportMessage
{
    public const string TextPurpose = "report.message";

    public int Id { get; set; }
    public int ReportId { get; set; }
    public MessageSender From { get; set; }
    public required byte[] TextSealed { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public string? SentByUserId { get; set; }
}

public enum DecisionKind
{
    LinkedToCase,
    CaseOpened,
    Closed,
}

/// <summary>A triage decision: who, when, why. Appended, never changed.</summary>
public sealed class ReportDecision
{
    public const string ReasonPurpose = "report.decision.reason";

    public int Id { get; set; }
    public int ReportId { get; set; }
    public DecisionKind Kind { get; set; }
    public int? CaseId { get; set; }
    public CloseReason? CloseReason { get; set; }
    public required byte[] ReasonSealed { get; set; }
    public required string DecidedByUserId { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// Remembers a public submission's Idempotency-Key (as an HMAC) for 24 hours, with the receipt
/// sealed, so that a retry after a lost answer returns the same receipt and not a second report.
/// </summary>
public sealed class IdempotencyRecord
{
    public const string ReceiptPurpose = "idempotency.receipt";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public int Id { get; set; }
    public required byte[] KeyHash { get; set; }
    public required byte[] RequestHash { get; set; }
    public int ReportId { get; set; }
    public required byte[] ReceiptSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The replay lookup shared by the public and the staff intake.</summary>
internal static class IdempotencyRecords
{
    /// <summary>
    /// The record stored under <paramref name="keyHash"/> within its lifetime, or null (a first send); a record for
    /// another request body is <see cref="IdempotencyMismatch"/>.
    /// </summary>
    public static async Task<Result<IdempotencyRecord>?> FindAsync(VigilDbContext db, byte[] keyHash, byte[] requestHash, DateTimeOffset now, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == keyHash, ct);
        if (record is null || record.CreatedAt < now - IdempotencyRecord.Lifetime)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(record.RequestHash, requestHash) ? record : new IdempotencyMismatch();
    }
}
