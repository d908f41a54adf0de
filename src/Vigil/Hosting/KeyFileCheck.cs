using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Hosting;

/// <summary>
/// Whether the key file a verb would use goes with its database, checked before anything is written or created.
/// A verb that writes audited rows or reads sealed fields with another key file (or with a new one, which
/// <see cref="KeyRing.LoadOrCreate"/> would create in the current directory's ./data) would MAC the audit head
/// and sign checkpoints under a key the database's own key file does not hold: `vigil audit verify` then reports
/// the log broken for good, and sealed fields cannot be read. So:
/// <list type="bullet">
/// <item>a database that holds nothing yet (no file, no migration applied, no row in the tables checked) may get a new key file;</item>
/// <item>a database that holds data needs an existing key file;</item>
/// <item>when the database has an audit head, its MAC must verify under the key file's audit key;</item>
/// <item>the key file must open the data: the oldest and newest value of each sealed column, a TOTP secret and the
/// newest data-protection key (<see cref="KeyRotation.FindUnopenableAsync"/>). A key file from before a rotation, or
/// one whose field key is not the database's, would otherwise start a host that answers 500 on old records and seals
/// new ones under a key that no key file shares with them.</item>
/// </list>
/// </summary>
public static class KeyFileCheck
{
    /// <summary>The operator's options that choose the key file, named in every refusal.</summary>
    public const string Remedy = "give --data-dir (the directory that holds the database's vigil-keys.json) or --key-file (or set VIGIL_KEY_FILE)";

    /// <summary>Null when the verb may go on; otherwise the reason, for the operator (exit 2).</summary>
    public static async Task<string?> ProblemAsync(HostSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keyFile = settings.ResolvedKeyFile;
        if (Directory.Exists(keyFile))
        {
            return $"The key file {keyFile} is a directory: {Remedy}.";
        }
        var database = settings.Storage.Describe();
        if (settings.Storage.Provider == DatabaseProvider.Sqlite
            && !File.Exists(new SqliteConnectionStringBuilder(settings.Storage.ConnectionString).DataSource))
        {
            // A new SQLite file: whatever key file is used (or created) is the one that goes with it.
            return null;
        }
        await using var db = new VigilDbContext(settings.Storage.BuildOptions());
        try
        {
            if (!await db.Database.CanConnectAsync(ct) || !(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            {
                // Nothing there yet (or nothing reachable: the verb reports that itself).
                return null;
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return null;
        }
        var head = await TryAsync(() => db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditHead.SingletonId, ct));
        if (!File.Exists(keyFile))
        {
            var holdsData = head is not null
                || await TryAsync(() => db.AuditEntries.AnyAsync(ct))
                || await TryAsync(() => db.Missions.AnyAsync(ct))
                || await TryAsync(() => db.Users.AnyAsync(ct))
                || await TryAsync(() => db.DataProtectionKeys.AnyAsync(ct));
            return holdsData
                ? $"{database} already holds data, but there is no key file at {keyFile}. A new key file would not read its sealed fields and would break its audit log: {Remedy}."
                : null;
        }
        KeyRing keys;
        try
        {
            keys = KeyRing.Load(keyFile);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            return $"The key file {keyFile} cannot be used: {e.Message}";
        }
        if (head is not null && !CryptographicOperations.FixedTimeEquals(head.Mac, AuditHead.ComputeMac(keys.Audit.HeadKey, head.LastSequence, head.HeadHash)))
        {
            return $"The key file {keyFile} does not go with {database}: the database's audit head was not written with its key (or was altered; `vigil audit verify` tells which). Nothing was written: {Remedy}.";
        }
        return await OpensDataProblemAsync(db, keys, keyFile, database, thorough: false, ct);
    }

    /// <summary>Null when <paramref name="keys"/> opens the sampled values of <paramref name="db"/>; otherwise the refusal, one line.</summary>
    public static async Task<string?> OpensDataProblemAsync(VigilDbContext db, KeyRing keys, string keyFile, string database, bool thorough, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await new KeyRotation(db).FindUnopenableAsync(keys, thorough, ct) is { } value
            ? $"The key file {keyFile} does not open the data of {database}: {value}. Nothing was written: {Remedy}."
            : null;
    }

    /// <summary>A query on a table an older schema may not have yet: missing means empty.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (System.Data.Common.DbException)
        {
            return default;
        }
    }
}
