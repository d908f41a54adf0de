using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
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
/// <param name="Kept">Versions nothing uses any more but superseded too recently to remove (<see cref="KeyRotation.RetireAfter"/>).</param>
public sealed record RotationResult(int Version, bool Resumed, long Resealed, IReadOnlyList<int> Retired, IReadOnlyList<int>? Kept = null)
{
    /// <summary>"retired 1; kept 2 (superseded less than 10 minutes ago: …)": the second half of the summary line.</summary>
    public string DescribeRetirement() => KeyRetirement.Describe(Retired, Kept ?? [], []);
}

/// <param name="Retired">Versions removed from the key file.</param>
/// <param name="KeptRecent">Unused versions superseded less than <see cref="KeyRotation.RetireAfter"/> ago.</param>
/// <param name="InUse">Old versions some value still uses (run <c>vigil keys rotate</c> to re-seal them).</param>
public sealed record KeyRetirement(IReadOnlyList<int> Retired, IReadOnlyList<int> KeptRecent, IReadOnlyList<int> InUse)
{
    /// <summary>One sentence for the operator.</summary>
    public string Describe() => Describe(Retired, KeptRecent, InUse);

    internal static string Describe(IReadOnlyList<int> retired, IReadOnlyList<int> recent, IReadOnlyList<int> inUse)
    {
        var text = $"retired {(retired.Count == 0 ? "none" : string.Join(", ", retired))}";
        if (recent.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; kept {string.Join(", ", recent)} (superseded less than {KeyRotation.RetireAfter.TotalMinutes:0} minutes ago: a running host may still seal with it; `vigil keys retire` removes it later)");
        }
        if (inUse.Count > 0)
        {
            text += $"; kept {string.Join(", ", inUse)} (values still sealed with it: run `vigil keys rotate` to re-seal them)";
        }
        return text;
    }
}

/// <summary>A value the key file cannot open: a version it lacks, or a key that does not open it.</summary>
/// <param name="Where">Table and column (or the token, or the data-protection keys).</param>
/// <param name="Row">The row's id, when it has one.</param>
/// <param name="Version">The key version the value names.</param>
/// <param name="Missing">True when the key file holds no such version; false when its key does not open the value.</param>
public sealed record UnopenableValue(string Where, string? Row, int Version, bool Missing)
{
    /// <summary>"Reports.NarrativeSealed row 61 is sealed with key version 2, which the key file does not hold".</summary>
    public override string ToString() => Missing
        ? string.Create(CultureInfo.InvariantCulture, $"{Where}{(Row is null ? "" : " row " + Row)} is sealed with key version {Version}, which the key file does not hold")
        : string.Create(CultureInfo.InvariantCulture, $"{Where}{(Row is null ? "" : " row " + Row)} does not open with the key file's version {Version} key (another database's key file, or a value altered)");
}

/// <summary>A rotation stopped at a value it cannot open; what was re-sealed before it stays re-sealed (resumable).</summary>
public sealed class KeyRotationException(UnopenableValue value, bool beforeAnyChange)
    : Exception(beforeAnyChange
        ? $"Nothing was changed: {value}."
        : $"Stopped: {value}. The values before it are re-sealed; fix that value (or restore it) and run `vigil keys rotate` again.")
{
    /// <summary>The value that could not be opened.</summary>
    public UnopenableValue Value { get; } = value;

    /// <summary>True when the key file and the data were left untouched (found by the check before the run).</summary>
    public bool BeforeAnyChange { get; } = beforeAnyChange;
}

/// <summary>
/// <c>vigil keys rotate</c>: adds a key version, makes it current, re-seals every sealed value in
/// batches (each batch one transaction) and retires the old versions once nothing uses them and they were superseded
/// more than <see cref="RetireAfter"/> ago (a running host re-reads the key file every few seconds, and may seal with
/// the old version until then: retiring it at once lost those values for good). An interrupted run leaves some values
/// on the old version; the next run sees them and finishes the job under the same new version instead of adding
/// another one. Each version added and each run is written to the audit log when an <paramref name="audit"/> is given.
/// </summary>
public sealed class KeyRotation(VigilDbContext db, TimeProvider? clock = null, Audit.IAuditTrail? audit = null)
{
    /// <summary>How long a superseded version stays in the key file at least, whatever uses it.</summary>
    public static TimeSpan RetireAfter { get; } = TimeSpan.FromMinutes(10);

    private DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

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
        // Before anything changes: every version in use is in the file and its key opens a value of it.
        if (await FindUnopenableAsync(ring, thorough: true, ct) is { } unopenable)
        {
            throw new KeyRotationException(unopenable, beforeAnyChange: true);
        }
        var before = await StatusAsync(ring, ct);
        var resumed = before.Stale > 0;
        if (!resumed)
        {
            var previous = ring.CurrentFieldKeyVersion;
            ring = ring.AddVersion(Now);
            await RecordAsync("add-key-version", ring.CurrentFieldKeyVersion,
                string.Create(CultureInfo.InvariantCulture, $"version {ring.CurrentFieldKeyVersion} made current; version {previous} superseded"), ct);
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
                    if (Reseal(protector, value, column.Sealed.Purpose, column.Describe, id.ToString(CultureInfo.InvariantCulture)) is not { } resealed)
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
                    if (Reseal(protector, Convert.FromBase64String(row.Value!), token.Purpose, token.Describe, null) is { } resealed)
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

        var (retirement, retired) = await RetireUnusedAsync(ring, ct);
        var result = new RotationResult(retired.CurrentFieldKeyVersion, resumed, done, retirement.Retired, retirement.KeptRecent);
        await RecordAsync("rotate-keys", result.Version, string.Create(CultureInfo.InvariantCulture,
            $"{(resumed ? "resumed" : "rotated")} to version {result.Version}: {done} value(s) re-sealed; {retirement.Describe()}"), ct);
        return (result, retired);
    }

    /// <summary>
    /// <c>vigil keys retire</c>: removes from the key file the versions that are not current, that no value uses, and
    /// that were superseded more than <see cref="RetireAfter"/> ago. Adds nothing, re-seals nothing.
    /// </summary>
    public async Task<(KeyRetirement Result, KeyRing Ring)> RetireAsync(KeyRing ring, CancellationToken ct = default)
    {
        var (result, retired) = await RetireUnusedAsync(ring, ct);
        if (result.Retired.Count > 0)
        {
            await RecordAsync("retire-key-versions", retired.CurrentFieldKeyVersion, result.Describe(), ct);
        }
        return (result, retired);
    }

    private async Task<(KeyRetirement, KeyRing)> RetireUnusedAsync(KeyRing ring, CancellationToken ct)
    {
        var status = await StatusAsync(ring, ct);
        var now = Now;
        var old = ring.FieldKeyVersions.Where(v => v != ring.CurrentFieldKeyVersion).ToList();
        var inUse = old.Where(v => status.CountFor(v) > 0).ToList();
        var recent = old.Where(v => status.CountFor(v) == 0 && ring.SupersededAt(v) is { } at && now - at < RetireAfter).ToList();
        var retire = old.Except(inUse).Except(recent).ToList();
        if (retire.Count > 0)
        {
            ring = ring.Retire(retire);
        }
        return (new KeyRetirement(retire, recent, inUse), ring);
    }

    private async Task RecordAsync(string action, int version, string detail, CancellationToken ct)
    {
        if (audit is not null)
        {
            await audit.RecordAsync(new Audit.AuditEvent(action, "KeyFile", "version " + version.ToString(CultureInfo.InvariantCulture), detail), ct);
        }
    }

    private static byte[]? Reseal(FieldProtector protector, byte[] value, string purpose, string where, string? row)
    {
        try
        {
            return protector.ResealIfStale(value, purpose);
        }
        catch (CryptographicException)
        {
            var version = value.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(value) : 0;
            throw new KeyRotationException(new UnopenableValue(where, row, version, Missing: !protector.Holds(version)), beforeAnyChange: false);
        }
    }

    /// <summary>
    /// Whether <paramref name="ring"/> opens the data. Quick: the oldest and newest value of each sealed column (for
    /// large values, evidence files, only that their version is in the file), one TOTP secret and the newest
    /// data-protection key, cheap enough for every start. Thorough: one value of every key version in every column
    /// (<c>keys status</c>, and before a rotation). Null when everything tried opens. Tables or columns that an older
    /// schema does not have yet are skipped.
    /// </summary>
    public async Task<UnopenableValue?> FindUnopenableAsync(KeyRing ring, bool thorough, CancellationToken ct = default)
    {
        var protector = new FieldProtector(ring);
        var connection = await OpenAsync(ct);
        foreach (var column in Resolve())
        {
            var large = column.Sealed.MaxBatch < int.MaxValue;
            var sql = thorough
                ? $"SELECT MAX(\"Id\") FROM {column.Table} WHERE {column.Column} IS NOT NULL GROUP BY substr({column.Column}, 1, 4)"
                : $"SELECT MIN(\"Id\") FROM {column.Table} WHERE {column.Column} IS NOT NULL UNION SELECT MAX(\"Id\") FROM {column.Table} WHERE {column.Column} IS NOT NULL";
            List<int> ids;
            try
            {
                ids = [];
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (!reader.IsDBNull(0))
                    {
                        ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (DbException)
            {
                continue;
            }
            foreach (var id in ids)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = large && !thorough
                    ? $"SELECT substr({column.Column}, 1, 4) FROM {column.Table} WHERE \"Id\" = @id"
                    : $"SELECT {column.Column} FROM {column.Table} WHERE \"Id\" = @id";
                Add(command, "@id", id);
                if (await command.ExecuteScalarAsync(ct) is byte[] value
                    && Try(protector, value, column.Sealed.Purpose, column.Describe, id.ToString(CultureInfo.InvariantCulture), versionOnly: large && !thorough) is { } problem)
                {
                    return problem;
                }
            }
        }
        foreach (var token in SealedColumns.Tokens)
        {
            List<string> values;
            try
            {
                values = await TokenValues(token).AsNoTracking().Select(t => t.Value!).ToListAsync(ct);
            }
            catch (DbException)
            {
                continue;
            }
            foreach (var value in values.GroupBy(v => FieldProtector.VersionOf(Convert.FromBase64String(v))).Select(g => g.First()).Take(thorough ? int.MaxValue : 1))
            {
                if (Try(protector, Convert.FromBase64String(value), token.Purpose, token.Describe, null, versionOnly: false) is { } problem)
                {
                    return problem;
                }
            }
        }
        List<string?> keys;
        try
        {
            var query = db.DataProtectionKeys.AsNoTracking().OrderByDescending(k => k.Id).Select(k => k.Xml);
            keys = await (thorough ? query : query.Take(1)).ToListAsync(ct);
        }
        catch (DbException)
        {
            keys = [];
        }
        foreach (var element in keys.SelectMany(SealedElements).GroupBy(e => FieldProtector.VersionOf(Convert.FromBase64String(e.Value))).Select(g => g.First()))
        {
            if (Try(protector, Convert.FromBase64String(element.Value), SealedXmlEncryptor.Purpose, "data-protection keys", null, versionOnly: false) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static UnopenableValue? Try(FieldProtector protector, byte[] value, string purpose, string where, string? row, bool versionOnly)
    {
        var version = value.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(value) : 0;
        if (!protector.Holds(version))
        {
            return new UnopenableValue(where, row, version, Missing: true);
        }
        if (versionOnly)
        {
            return null;
        }
        try
        {
            CryptographicOperations.ZeroMemory(protector.UnsealBytes(value, purpose));
            return null;
        }
        catch (CryptographicException)
        {
            return new UnopenableValue(where, row, version, Missing: false);
        }
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
