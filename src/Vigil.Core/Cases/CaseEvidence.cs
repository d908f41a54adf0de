using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Cases;

public sealed record EvidenceView(int Id, string Name, string ContentType, long Length, string Sha256, string Description, DateTimeOffset UploadedAt,
    IReadOnlyList<CustodyView> Custody);

public sealed record CustodyView(CustodyAction Action, DateTimeOffset At, string Who, string? Note);

public sealed record EvidenceFile(string Name, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// The evidence register: files sealed at rest with their SHA-256 taken at upload, and a chain of
/// custody that records every download. Conduct officers and chiefs of the mission and the assigned
/// investigator handle evidence; liaisons and advocates do not.
/// </summary>
public sealed class CaseEvidence(VigilDbContext db, CaseAccess access, FieldProtector protector, TimeProvider clock, IAuditTrail audit)
{
    public const long MaxBytes = 50 * 1024 * 1024;

    /// <summary>Conduct officers and chiefs who see the case, and the investigator assigned to it (a case override is not an assignment).</summary>
    private async Task<bool> MayHandleAsync(CallerScope scope, string userId, int caseId, string reference, CancellationToken ct) =>
        CaseAccess.MayManage(scope)
        || (scope.IsInRole(Roles.Investigator) && await access.IsAssignedAsync(scope, userId, caseId, reference, ct));

    public async Task<Result<int>> AddAsync(CallerScope scope, string userId, string reference, string fileName, Stream content, string? description, CancellationToken ct = default)
    {
        var found = await access.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => new { c.Id, c.Status }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        int? caseId = found.Id;
        if (!await MayHandleAsync(scope, userId, found.Id, reference, ct))
        {
            return new ForbiddenError("Conduct officers, chiefs and the assigned investigator handle evidence.");
        }
        if (CaseCommands.Closed(found.Status) is { } closed)
        {
            return closed;
        }
        if (string.IsNullOrWhiteSpace(description) || description.Length > 1000)
        {
            return ValidationError.For("description", "Describe the item (1 to 1,000 characters).");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length is 0 or > MaxBytes)
        {
            return ValidationError.For("file", $"The file must hold 1 byte to {MaxBytes / (1024 * 1024)} MiB.");
        }
        var bytes = buffer.ToArray();
        // The stored (and later served) type is the one the bytes prove; the client's word is not taken.
        if (EvidenceContent.Detect(bytes) is not { } detectedType)
        {
            return ValidationError.For("file", $"The file's content is not an accepted kind ({EvidenceContent.Accepted}); its first bytes match none of them.");
        }
        var now = clock.GetUtcNow();
        var item = new EvidenceItem
        {
            CaseId = caseId.Value,
            NameSealed = protector.Seal(BareName(fileName), EvidenceItem.NamePurpose),
            ContentType = detectedType,
            Length = bytes.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
            DescriptionSealed = protector.Seal(description.Trim(), EvidenceItem.DescriptionPurpose),
            UploadedAt = now,
            UploadedByUserId = userId,
            Custody = [new CustodyEntry { Action = CustodyAction.Received, At = now, UserId = userId, NoteSealed = protector.Seal("Uploaded", CustodyEntry.NotePurpose) }],
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Evidence.Add(item);
        await db.SaveChangesAsync(ct);
        db.EvidenceBlobs.Add(new EvidenceBlob { EvidenceId = item.Id, Sealed = protector.SealBytes(bytes, EvidenceItem.ContentPurpose) });
        db.CaseEvents.Add(CaseEvent.Of(protector, CaseEventKind.EvidenceAdded, now, userId, TimelineLines.EvidenceAdded(description.Trim(), item.Sha256[..12]), caseId.Value));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return item.Id;
    }

    public async Task<Result<IReadOnlyList<EvidenceView>>> ListAsync(CallerScope scope, string userId, string reference, CancellationToken ct = default)
    {
        var caseId = await access.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (caseId is null || !await MayHandleAsync(scope, userId, caseId.Value, reference, ct))
        {
            return new NotFoundError("No such case in your scope.");
        }
        var items = await db.Evidence.AsNoTracking().Where(e => e.CaseId == caseId).Include(e => e.Custody).OrderBy(e => e.Id).ToListAsync(ct);
        var userIds = items.SelectMany(i => i.Custody.Select(c => c.UserId)).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        await audit.RecordReadAsync(nameof(Case), caseId.Value, detail: "evidence register", ct: ct);
        return items.Select(i => new EvidenceView(i.Id, protector.Unseal(i.NameSealed, EvidenceItem.NamePurpose), i.ContentType, i.Length, i.Sha256,
            protector.Unseal(i.DescriptionSealed, EvidenceItem.DescriptionPurpose), i.UploadedAt,
            i.Custody.OrderBy(c => c.At).Select(c => new CustodyView(c.Action, c.At, names.GetValueOrDefault(c.UserId, "?"),
                protector.UnsealOptional(c.NoteSealed, CustodyEntry.NotePurpose))).ToList())).ToList();
    }

    /// <summary>Returns the file and appends a custody entry; refuses a file whose hash no longer matches.</summary>
    public async Task<Result<EvidenceFile>> DownloadAsync(CallerScope scope, string userId, string reference, int evidenceId, CancellationToken ct = default)
    {
        var caseId = await access.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (caseId is null || !await MayHandleAsync(scope, userId, caseId.Value, reference, ct))
        {
            return new NotFoundError("No such case in your scope.");
        }
        var item = await db.Evidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.CaseId == caseId, ct);
        var blob = item is null ? null : await db.EvidenceBlobs.AsNoTracking().FirstOrDefaultAsync(b => b.EvidenceId == item.Id, ct);
        if (item is null || blob is null)
        {
            return new NotFoundError("No such evidence on this case.");
        }
        var bytes = protector.UnsealBytes(blob.Sealed, EvidenceItem.ContentPurpose);
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        if (hash != item.Sha256)
        {
            return new ConflictError("The stored file no longer matches the hash taken at upload.");
        }
        db.Custody.Add(new CustodyEntry { EvidenceId = item.Id, Action = CustodyAction.Downloaded, At = clock.GetUtcNow(), UserId = userId });
        await db.SaveChangesAsync(ct);
        await audit.RecordReadAsync(nameof(EvidenceItem), item.Id, detail: "content", ct: ct);
        return new EvidenceFile(protector.Unseal(item.NameSealed, EvidenceItem.NamePurpose), item.ContentType, bytes, item.Sha256);
    }

    /// <summary>
    /// The file's own name, without the folders of the uploader's machine: a Windows browser may send
    /// "C:\\Users\\…\\statement.pdf", and Path.GetFileName on Linux splits on "/" only; the folders can name people.
    /// </summary>
    internal static string BareName(string fileName) => fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
}

public sealed record ReferralRequest(int VictimId, AssistanceKind Kind, string? Provider, DateOnly ReferredOn, string? Note);

public sealed record ReferralUpdate(AssistanceStatus Status, string? Note);

public sealed record ReferralView(int Id, int VictimId, AssistanceKind Kind, string Provider, DateOnly ReferredOn, AssistanceStatus Status, string? Note, DateTimeOffset UpdatedAt);

/// <summary>The victim assistance track: victims' rights advocates and conduct chiefs only.</summary>
public sealed class CaseAssistance(VigilDbContext db, CaseAccess access, FieldProtector protector, TimeProvider clock, IAuditTrail audit)
{
    /// <summary>
    /// The case, for a conduct chief who sees it or the victims' rights advocate assigned to it (an advocate let in by
    /// a case override does not reach the track: its notes are about the victims); null otherwise.
    /// </summary>
    private async Task<int?> CaseIdAsync(CallerScope scope, string userId, string reference, CancellationToken ct)
    {
        if (!scope.IsInRole(Roles.VictimsAdvocate) && !scope.IsInRole(Roles.ConductChief))
        {
            return null;
        }
        var caseId = await access.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        // The assignment is looked up only when the role alone does not decide.
        return caseId is { } id && (CaseAccess.MaySeeAssistance(scope, assigned: false)
            || CaseAccess.MaySeeAssistance(scope, await access.IsAssignedAsync(scope, userId, id, reference, ct))) ? caseId : null;
    }

    public async Task<Result<int>> ReferAsync(CallerScope scope, string userId, string reference, ReferralRequest request, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(scope, userId, reference, ct);
        if (caseId is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        if (!await db.CaseVictims.AnyAsync(v => v.Id == request.VictimId && v.CaseId == caseId, ct))
        {
            return ValidationError.For("victimId", "Not a victim of this case.");
        }
        if (string.IsNullOrWhiteSpace(request.Provider) || request.Provider.Length > 200)
        {
            return ValidationError.For("provider", "Name the service provider (1 to 200 characters).");
        }
        // A provider is a name, shown on one line: a line break in it is refused, naming the field.
        if (NameText.NotOneLine(request.Provider.Trim(), "provider") is { } control)
        {
            return ValidationError.For("provider", control);
        }
        var allegations = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Include(c => c.Allegations).FirstAsync(ct);
        if (RecordDates.Check(request.ReferredOn, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), "referredOn", allegations) is { } badDate)
        {
            return badDate;
        }
        if (request.Note?.Trim().Length > 2000)
        {
            return ValidationError.For("note", (Words)$"The {new Term("text:note", "note")} is at most {2000:N0} characters.");
        }
        var now = clock.GetUtcNow();
        var referral = new AssistanceReferral
        {
            CaseId = caseId.Value,
            VictimId = request.VictimId,
            Kind = request.Kind,
            Provider = request.Provider.Trim(),
            ReferredOn = request.ReferredOn,
            Status = AssistanceStatus.Referred,
            NoteSealed = protector.SealOptional(string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), AssistanceReferral.NotePurpose),
            RecordedByUserId = userId,
            UpdatedAt = now,
        };
        db.AssistanceReferrals.Add(referral);
        // The timeline says only that assistance was recorded: what it is stays on the assistance track.
        db.CaseEvents.Add(CaseEvent.Of(protector, CaseEventKind.AssistanceRecorded, now, userId, TimelineLines.AssistanceRecorded(), caseId.Value));
        await db.SaveChangesAsync(ct);
        return referral.Id;
    }

    public async Task<Result<bool>> UpdateAsync(CallerScope scope, string userId, string reference, int referralId, ReferralUpdate update, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(scope, userId, reference, ct);
        var referral = caseId is null ? null : await db.AssistanceReferrals.FirstOrDefaultAsync(r => r.Id == referralId && r.CaseId == caseId, ct);
        if (referral is null)
        {
            return new NotFoundError("No such referral in your scope.");
        }
        if (update.Note?.Trim().Length > 2000)
        {
            return ValidationError.For("note", (Words)$"The {new Term("text:note", "note")} is at most {2000:N0} characters.");
        }
        referral.Status = update.Status;
        if (!string.IsNullOrWhiteSpace(update.Note))
        {
            referral.NoteSealed = protector.Seal(update.Note.Trim(), AssistanceReferral.NotePurpose);
        }
        referral.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<IReadOnlyList<ReferralView>>> ListAsync(CallerScope scope, string userId, string reference, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(scope, userId, reference, ct);
        if (caseId is null)
        {
            return new NotFoundError("No such case in your scope.");
        }
        var referrals = await db.AssistanceReferrals.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.ReferredOn).ToListAsync(ct);
        await audit.RecordReadAsync(nameof(Case), caseId.Value, detail: "assistance track", ct: ct);
        return referrals.Select(r => new ReferralView(r.Id, r.VictimId, r.Kind, r.Provider, r.ReferredOn, r.Status,
            protector.UnsealOptional(r.NoteSealed, AssistanceReferral.NotePurpose), r.UpdatedAt)).ToList();
    }
}
