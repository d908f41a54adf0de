using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Governance;

/// <summary>The grants a caller holds right now, read once per request into their scope.</summary>
public sealed class ActiveGrants
{
    public IReadOnlyList<string> Missions { get; private set; } = [];
    public IReadOnlyList<string> Cases { get; private set; } = [];
    public IReadOnlyList<string> Unmasked { get; private set; } = [];

    public void Set(IReadOnlyList<(BreakGlassKind Kind, string Mission, string? Case)> grants)
    {
        Missions = [.. grants.Where(g => g.Kind == BreakGlassKind.MissionOverride).Select(g => g.Mission)];
        Cases = [.. grants.Where(g => g.Kind == BreakGlassKind.CaseOverride && g.Case is not null).Select(g => g.Case!)];
        Unmasked = [.. grants.Where(g => g.Kind == BreakGlassKind.UnmaskVictim && g.Case is not null).Select(g => g.Case!)];
    }
}

/// <summary>Reads active grants and records each use of one, for the auditor's review.</summary>
public sealed class BreakGlassLedger(VigilDbContext db, TimeProvider clock)
{
    /// <summary>Approved, not expired, not given back: one indexed query per signed-in request.</summary>
    public async Task<IReadOnlyList<(BreakGlassKind Kind, string Mission, string? Case)>> ActiveGrantsAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.BreakGlassRequests.AsNoTracking()
            .Where(r => r.RequesterUserId == userId && r.Status == BreakGlassStatus.Approved && r.EndedAt == null && r.ExpiresAt > now)
            .Where(r => r.Kind != BreakGlassKind.PersonnelExport)
            .Select(r => new { r.Kind, r.MissionCode, r.CaseReference })
            .ToListAsync(ct);
        return rows.Select(r => (r.Kind, r.MissionCode, r.CaseReference)).ToList();
    }

    /// <summary>
    /// Records one use of the caller's active grant of this kind on this case or mission, and returns the request's id
    /// (null when the caller holds no such grant). The caller writes its read-audit entry with
    /// <see cref="BreakGlassRequest.AuditReason"/> of that id as the reason.
    /// </summary>
    public async Task<int?> RecordUseAsync(string userId, BreakGlassKind kind, string? caseReference, string? missionCode, string what, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var request = await db.BreakGlassRequests.AsNoTracking()
            .Where(r => r.RequesterUserId == userId && r.Kind == kind && r.Status == BreakGlassStatus.Approved && r.EndedAt == null && r.ExpiresAt > now)
            .Where(r => caseReference == null ? r.MissionCode == missionCode : r.CaseReference == caseReference)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (request is not null)
        {
            await RecordUseAsync(request.Value, what, ct);
        }
        return request;
    }

    /// <inheritdoc cref="RecordUseAsync(string, BreakGlassKind, string?, string?, string, CancellationToken)"/>
    public async Task RecordUseAsync(int requestId, string what, CancellationToken ct = default)
    {
        db.BreakGlassUses.Add(new BreakGlassUse { RequestId = requestId, At = clock.GetUtcNow(), What = what });
        await db.SaveChangesAsync(ct);
    }
}
