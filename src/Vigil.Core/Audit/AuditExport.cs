using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Audit;

/// <summary>Checkpoints as JSON lines, each with the public key that verifies it.</summary>
public static class AuditExport
{
    public static async Task<IReadOnlyList<string>> LinesAsync(VigilDbContext db, KeyRing keys, CancellationToken ct = default)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.LastSequence).ThenBy(c => c.Id).ToListAsync(ct);
        return checkpoints.Select(c => ExportedCheckpoint.From(c, keys.Audit.PublicKey).ToJson()).ToList();
    }
}
