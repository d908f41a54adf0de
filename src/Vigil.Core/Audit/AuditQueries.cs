using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Audit;

public sealed record AuditFilter(string? Actor = null, string? Action = null, string? RecordType = null, string? RecordId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 50);

/// <summary>An entry as the auditor sees it: the actor's user name next to the id, hashes in hex.</summary>
public sealed record AuditRow(long Sequence, DateTimeOffset At, string Actor, string? ActorName, string Action, string RecordType, string? RecordId,
    string? Reason, string? Detail, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Total, int Page, int PageSize);

public sealed record CheckpointView(long Sequence, string HeadHash, long Count, DateTimeOffset At, string KeyId);

public sealed record AuditSummary(long Entries, long LastSequence, CheckpointView? LatestCheckpoint, AuditVerification? LastVerification);

/// <summary>The auditor's view of the log, newest first, with filters. The route decides who may call it.</summary>
public sealed class AuditQueries(VigilDbContext db)
{
    public async Task<Result<AuditPage>> ListAsync(AuditFilter filter, CancellationToken ct = default)
    {
        if (Paging.Check(filter.Page, filter.PageSize) is { } paging)
        {
            return paging;
        }
        if (filter.From is { } f && filter.To is { } t && f > t)
        {
            return ValidationError.For("from", "'from' is after 'to'.");
        }
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            // An id, "system", "anonymous", or a user name.
            var actor = filter.Actor.Trim();
            var ids = db.Users.Where(u => u.UserName == actor).Select(u => u.Id);
            query = query.Where(e => e.Actor == actor || ids.Contains(e.Actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordType))
        {
            var type = filter.RecordType.Trim();
            query = query.Where(e => e.RecordType == type);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordId))
        {
            var id = filter.RecordId.Trim();
            query = query.Where(e => e.RecordId == id);
        }
        // In UTC: Npgsql writes only offset 0 to timestamptz (…+02:00 was a 500 there); the instant is the same.
        if (filter.From?.ToUniversalTime() is { } from)
        {
            query = query.Where(e => e.At >= from);
        }
        if (filter.To?.ToUniversalTime() is { } to)
        {
            query = query.Where(e => e.At < to);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Sequence).Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize)
            .Select(e => new { Entry = e, Name = db.Users.Where(u => u.Id == e.Actor).Select(u => u.UserName).FirstOrDefault() })
            .ToListAsync(ct);
        return new AuditPage(rows.Select(r => new AuditRow(r.Entry.Sequence, r.Entry.At, r.Entry.Actor, r.Name, r.Entry.Action, r.Entry.RecordType,
            r.Entry.RecordId, r.Entry.Reason, r.Entry.Detail, Convert.ToHexStringLower(r.Entry.Hash))).ToList(), total, filter.Page, filter.PageSize);
    }

    public async Task<AuditSummary> SummaryAsync(AuditVerification? lastVerification, CancellationToken ct = default)
    {
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.Id == AuditHead.SingletonId).FirstOrDefaultAsync(ct);
        var latest = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.LastSequence).ThenByDescending(c => c.Id)
            .Select(c => new { c.LastSequence, c.HeadHash, c.Count, c.At, c.KeyId }).FirstOrDefaultAsync(ct);
        return new AuditSummary(head?.LastSequence ?? 0, head?.LastSequence ?? 0,
            latest is null ? null : new CheckpointView(latest.LastSequence, Convert.ToHexStringLower(latest.HeadHash), latest.Count, latest.At, latest.KeyId),
            lastVerification);
    }
}

/// <summary>The result of the latest full verification in this process (the worker's or an auditor's), shown on the audit page.</summary>
public sealed class AuditStatus
{
    private AuditVerification? last;

    public AuditVerification? Last => Volatile.Read(ref last);

    public void Set(AuditVerification verification) => Volatile.Write(ref last, verification);
}
