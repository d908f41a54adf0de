using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Hosting;

public sealed record MigrationOutcome(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);

/// <summary>Creates and migrates the database, or reports what is pending.</summary>
public static class DatabaseStartup
{
    public static async Task<MigrationOutcome> MigrateAsync(VigilDbContext db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(ct);
        }
        return new MigrationOutcome(pending, []);
    }

    public static async Task<MigrationOutcome> CheckAsync(VigilDbContext db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return new MigrationOutcome([], pending);
    }
}
