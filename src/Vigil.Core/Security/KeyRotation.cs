using System.Buffers.Binary;
using System.Data.Common;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Core.Data;

namespace Vigil.Core.Security;

/// <summary>How many values one key version still seals in one place (a table's column, or the data-protection key ring).</summary>
public sealed record KeyUsage(string Where, int Version, long Count);

/// <summary>The key file's versions and what uses each.</summary>
public sealed record KeyStatus(int Current, IReadOnlyList<int> Versions, IReadOnlyList<KeyUsage> Usage)
{
    public long CountFor(int version) => Usage.Where(u => u.Version == version).Sum(u => u.Count);

    /// <summary>Values sealed under a version other than the current one.</summary>
    public long Stale => Usage.Where(u => u.Version != Current).Sum(u => u.Count);
}

/// <param name="Where">The column being re-sealed.</param>
/// <param name="Done">Values re-sealed so far, all columns.</param>
/// <param name="Total">Values that were stale when the run started.</param>
public sealed record RotationProgress(string Where, long Done, long Total);

/// <param name="Version">The current key version after the run.</param>
/// <param name="Resumed">True when the run finished an earlier, interrupted rotation instead of adding a version.</param>
/// <param name="Resealed">Values re-sealed by this run.</param>
/// <param name="Retired">Versions removed from the key file because nothing uses them any more.</param>
public sealed record RotationResult(int Version, bool Resumed, long Resealed, IReadOnlyList<int> Retired);

/// <summary>
/// <c>vigil keys rotate</c>: adds a key version, makes it current, re-seals every sealed value in
/// batches (each batch one transaction) and retires the old versions once nothing uses them. An
/// interrupted run leaves some values on the old version; the next run sees them and finishes
/// the job under the same new version instead of adding another one.
/// </summary>
public sealed class KeyRotation(VigilDbContext db)
{
    public async Task<KeyStatus> StatusAsync(KeyRing ring, CancellationToken ct = default)
    {
        var usage = new List<KeyUsage>();
        var connection = await OpenAsync(ct);
        foreach (var column in Resolve())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT substr({column.Column}, 1, 4), COUNT(*) FROM {column.Table} WHERE {column.Column} IS NOT NULL GROUP BY substr({column.Column}, 1, 4)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var prefix = (byte[])reader.GetValue(0);
                usage.Add(new KeyUsage(column.Describe, BinaryPrimitives.ReadInt32BigEndian(prefix), reader.GetInt64(1)));
            }
        }
        foreach (var token in SealedColumns.Tokens)
        {
            foreach (var group in (await TokenValues(token).AsNoTracking().Select(t => t.Value!).ToListAsync(ct))
                         .GroupBy(v => FieldProtector.VersionOf(Convert.FromBase64String(v))))
            {
                usage.Add(new KeyUsage(token.Describe, group.Key, group.Count()));
            }
        }
        foreach (var group in (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(ct))
                     .SelectMany(SealedElements).GroupBy(e => FieldProtector.VersionOf(Convert.FromBase64String(e.Value))))
        {
            usage.Add(new KeyUsage("data-protection keys", group.Key, group.Count()));
        }
        return new KeyStatus(ring.CurrentFieldKeyVersion, ring.FieldKeyVersions, usage);
    }

    /// <summary>Rotates (or resumes an interrupted rotation), then retires unused versions. Returns the ring now in force.</summary>
    public async Task<(RotationResult Result, KeyRing Ring)> RotateAsync(KeyRing ring, int batchSize, IProgress<RotationProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var before = await StatusAsync(ring, ct);
        var resumed = before.Stale > 0;
        if (!resumed)
        {
            ring = ring.AddVersion();
        }
        var protector = new FieldProtector(ring);
        var total = resumed ? before.Stale : before.Usage.Sum(u => u.Count);
        long done = 0;
        var currentPrefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(currentPrefix, ring.CurrentFieldKeyVersion);
        var connection = await OpenAsync(ct);

        foreach (var column in Resolve())
        {
            var lastId = 0;
            var limit = Math.Min(batchSize, column.Sealed.MaxBatch);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var batch = new List<(int Id, byte[] Value)>();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction.GetDbTransaction();
                    select.CommandText = $"SELECT \"Id\", {column.Column} FROM {column.Table} WHERE \"Id\" > @last AND {column.Column} IS NOT NULL AND substr({column.Column}, 1, 4) <> @current ORDER BY \"Id\" LIMIT @limit";
                    Add(select, "@last", lastId);
                    Add(select, "@current", currentPrefix);
                    Add(select, "@limit", limit);
                    await using var reader = await select.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        batch.Add((reader.GetInt32(0), (byte[])reader.GetValue(1)));
                    }
                }
                if (batch.Count == 0)
                {
                    break;
                }
                foreach (var (id, value) in batch)
                {
                    if (protector.ResealIfStale(value, column.Sealed.Purpose) is not { } resealed)
                    {
                        continue;
                    }
                    await using var update = connection.CreateCommand();
                    update.Transaction = transaction.GetDbTransaction();
                    update.CommandText = $"UPDATE {column.Table} SET {column.Column} = @value WHERE \"Id\" = @id";
                    Add(update, "@value", resealed);
                    Add(update, "@id", id);
                    await update.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                lastId = batch[^1].Id;
                done += batch.Count;
                progress?.Report(new RotationProgress(column.Describe, done, total));
            }
        }
        foreach (var token in SealedColumns.Tokens)
        {
            // One row per enrolled account: few enough to read at once, re-sealed in batches all the same.
            var stale = (await TokenValues(token).ToListAsync(ct))
                .Where(t => FieldProtector.VersionOf(Convert.FromBase64String(t.Value!)) != ring.CurrentFieldKeyVersion).ToList();
            foreach (var batch in stale.Chunk(batchSize))
            {
                ct.ThrowIfCancellationRequested();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var row in batch)
                {
                    if (protector.ResealIfStale(Convert.FromBase64String(row.Value!), token.Purpose) is { } resealed)
                    {
                        row.Value = Convert.ToBase64String(resealed);
                    }
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                done += batch.Length;
                progress?.Report(new RotationProgress(token.Describe, done, total));
            }
            db.ChangeTracker.Clear();
        }
        done += await RewrapDataProtectionKeysAsync(protector, ct);
        progress?.Report(new RotationProgress("data-protection keys", done, total));

        var after = await StatusAsync(ring, ct);
        var retire = ring.FieldKeyVersions.Where(v => v != ring.CurrentFieldKeyVersion && after.CountFor(v) == 0).ToList();
        if (retire.Count > 0)
        {
            ring = ring.Retire(retire);
        }
        return (new RotationResult(ring.CurrentFieldKeyVersion, resumed, done, retire), ring);
    }

    private async Task<long> RewrapDataProtectionKeysAsync(FieldProtector protector, CancellationToken ct)
    {
        long count = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var key in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (key.Xml is null)
            {
                continue;
            }
            var document = XElement.Parse(key.Xml);
            var changed = false;
            foreach (var element in document.DescendantsAndSelf(SealedXmlEncryptor.ElementName))
            {
                if (protector.ResealIfStale(Convert.FromBase64String(element.Value), SealedXmlEncryptor.Purpose) is { } resealed)
                {
                    element.Value = Convert.ToBase64String(resealed);
                    changed = true;
                    count++;
                }
            }
            if (changed)
            {
                key.Xml = document.ToString(SaveOptions.DisableFormatting);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    private IQueryable<Microsoft.AspNetCore.Identity.IdentityUserToken<string>> TokenValues(SealedToken token) =>
        db.UserTokens.Where(t => t.LoginProvider == token.LoginProvider && t.Name == token.Name && t.Value != null);

    private static IEnumerable<XElement> SealedElements(string? xml) =>
        xml is null ? [] : XElement.Parse(xml).DescendantsAndSelf(SealedXmlEncryptor.ElementName);

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record ResolvedColumn(SealedColumn Sealed, string Table, string Column, string Describe);

    private List<ResolvedColumn> Resolve() => [.. SealedColumns.All.Select(c =>
    {
        var entity = db.Model.FindEntityType(c.Entity) ?? throw new InvalidOperationException($"{c.Entity.Name} is not in the model.");
        var table = entity.GetTableName()!;
        var column = entity.FindProperty(c.Property)!.GetColumnName();
        return new ResolvedColumn(c, Quote(table), Quote(column), $"{table}.{column}");
    })];

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
