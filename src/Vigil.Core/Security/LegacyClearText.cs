using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Core.Data;

namespace Vigil.Core.Security;

/// <summary>
/// Staff free text stored in clear before it was sealed: the SealStaffText migration moved it into the
/// table "LegacyClearText" (a migration cannot read the key file); this seals each value into its
/// "…Sealed" column and deletes it from that table, in one transaction. A no-op once the table is empty.
/// </summary>
public static class LegacyClearText
{
    public const string Table = "LegacyClearText";

    /// <summary>How many values still wait to be sealed (0 when the table is gone or empty).</summary>
    public static async Task<int> PendingAsync(VigilDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ExistsAsync(db, ct)
            ? await db.Database.SqlQueryRaw<int>(db.Database.IsSqlite() ? $"SELECT COUNT(*) AS \"Value\" FROM \"{Table}\"" : $"SELECT COUNT(*)::int AS \"Value\" FROM \"{Table}\"").SingleAsync(ct)
            : 0;
    }

    /// <returns>How many values were sealed.</returns>
    public static async Task<int> SealAsync(VigilDbContext db, FieldProtector protector, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        var sqlite = db.Database.IsSqlite();
        if (!await ExistsAsync(db, ct))
        {
            return 0;
        }
        var rows = await db.Database.SqlQueryRaw<LegacyRow>($"SELECT \"TableName\", \"ColumnName\", \"RowId\", \"Value\" FROM \"{Table}\"").ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }
        var targets = Targets(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        foreach (var row in rows)
        {
            // The table and column names come from our own model, never from the row's text.
            if (!targets.TryGetValue((row.TableName, row.ColumnName), out var target))
            {
                throw new InvalidOperationException($"{Table} holds a value for {row.TableName}.{row.ColumnName}, which no sealed column takes.");
            }
            await using var update = connection.CreateCommand();
            update.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            update.CommandText = $"UPDATE \"{row.TableName}\" SET \"{target.Column}\" = @value WHERE \"Id\" = @id";
            Add(update, "@value", protector.Seal(row.Value, target.Purpose));
            Add(update, "@id", row.RowId);
            await update.ExecuteNonQueryAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{Table}\"", ct);
        await transaction.CommitAsync(ct);
        if (sqlite)
        {
            // Freed pages (and the WAL's older frames) would still hold the clear text: rewrite without them.
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        return rows.Count;
    }

    private static async Task<bool> ExistsAsync(VigilDbContext db, CancellationToken ct) => db.Database.IsSqlite()
        ? await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{Table}'").SingleAsync(ct) > 0
        : await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{Table}'").SingleAsync(ct) > 0;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>(table, clear column) → sealed column and purpose, from <see cref="SealedColumns"/>: "Text" goes to "TextSealed".</summary>
    private static Dictionary<(string Table, string Column), (string Column, string Purpose)> Targets(VigilDbContext db)
    {
        var targets = new Dictionary<(string, string), (string, string)>();
        foreach (var sealedColumn in SealedColumns.All)
        {
            var entity = db.Model.FindEntityType(sealedColumn.Entity)!;
            var table = entity.GetTableName()!;
            var column = entity.FindProperty(sealedColumn.Property)!.GetColumnName();
            if (sealedColumn.Property.EndsWith("Sealed", StringComparison.Ordinal))
            {
                targets[(table, sealedColumn.Property[..^"Sealed".Length])] = (column, sealedColumn.Purpose);
            }
        }
        return targets;
    }

    private sealed record LegacyRow(string TableName, string ColumnName, long RowId, string Value);
}
