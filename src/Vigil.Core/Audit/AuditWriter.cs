using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Vigil.Core.Security;

namespace Vigil.Core.Audit;

public sealed class AuditOptions
{
    /// <summary>A signed checkpoint is written with the entry whose sequence is a multiple of this.</summary>
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>And at this interval by the background worker, when entries were added since the last one.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Appends entries to the chain in the caller's transaction. Appends are serialized so the chain never
/// forks: SQLite has one writer (Vigil's transactions begin IMMEDIATE, so the write lock is held);
/// PostgreSQL takes a transaction-scoped advisory lock just before reading the head, held until commit,
/// so hosts sharing one database take turns. Entries are written with plain SQL on the transaction's
/// connection: never through the change tracker, which the interceptor is watching.
/// </summary>
public sealed class AuditWriter(KeyRing keys, TimeProvider clock, IOptions<AuditOptions> options)
{
    /// <summary>pg_advisory_xact_lock key: "VigilAud" as a 64-bit integer.</summary>
    public const long PostgresLockKey = 0x5669_6769_6C41_7564;

    private const int RowsPerInsert = 100;

    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    private sealed class Pending
    {
        public Guid TransactionId { get; set; }
        public List<AuditEntry> Entries { get; } = [];
    }

    public static string FormatKey(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Keeps entries to append when <paramref name="transactionId"/> commits; entries of an earlier, abandoned transaction are dropped.</summary>
    internal void Enqueue(DbContext context, Guid transactionId, IEnumerable<AuditEntry> entries)
    {
        var state = pending.GetOrCreateValue(context);
        lock (state)
        {
            if (state.TransactionId != transactionId)
            {
                state.Entries.Clear();
                state.TransactionId = transactionId;
            }
            state.Entries.AddRange(entries);
        }
    }

    internal List<AuditEntry> Take(DbContext context, Guid transactionId)
    {
        if (!pending.TryGetValue(context, out var state))
        {
            return [];
        }
        lock (state)
        {
            var mine = state.TransactionId == transactionId ? state.Entries.ToList() : [];
            state.Entries.Clear();
            return mine;
        }
    }

    internal void Discard(DbContext context)
    {
        if (pending.TryGetValue(context, out var state))
        {
            lock (state)
            {
                state.Entries.Clear();
            }
        }
    }

    /// <summary>Appends <paramref name="entries"/> (sequence and hashes are filled in here) inside <paramref name="transaction"/>.</summary>
    public async Task AppendAsync(DbContext context, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var connection = transaction.Connection ?? context.Database.GetDbConnection();
        var postgres = context.Database.IsNpgsql();
        if (postgres)
        {
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", [("k", PostgresLockKey)], ct);
        }
        var (lastSequence, previous, exists) = await ReadHeadAsync(connection, transaction, ct);
        var sequence = lastSequence;
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = entry.ComputeHash();
            previous = entry.Hash;
        }
        for (var offset = 0; offset < entries.Count; offset += RowsPerInsert)
        {
            await InsertAsync(connection, transaction, postgres, entries.Skip(offset).Take(RowsPerInsert).ToList(), ct);
        }
        var now = AuditEntry.Normalize(clock.GetUtcNow());
        var mac = AuditHead.ComputeMac(keys.Audit.HeadKey, sequence, previous);
        var headSql = exists
            ? """UPDATE "AuditHead" SET "LastSequence" = @s, "HeadHash" = @h, "UpdatedAt" = @t, "Mac" = @m WHERE "Id" = 1"""
            : """INSERT INTO "AuditHead" ("Id", "LastSequence", "HeadHash", "UpdatedAt", "Mac") VALUES (1, @s, @h, @t, @m)""";
        await ExecuteAsync(connection, transaction, headSql, [("s", sequence), ("h", previous), ("t", Time(now, postgres)), ("m", mac)], ct);

        var every = Math.Max(1, options.Value.CheckpointEvery);
        if (lastSequence / every != sequence / every)
        {
            await InsertCheckpointAsync(connection, transaction, postgres, sequence, previous, now, ct);
        }
    }

    /// <summary>
    /// Signs and stores a checkpoint of the current head, unless the latest checkpoint already covers it.
    /// Returns the checkpoint's sequence, or null when the log is empty.
    /// </summary>
    public async Task<long?> CheckpointAsync(DbContext context, CancellationToken ct = default)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var dbTransaction = transaction.GetDbTransaction();
        var connection = dbTransaction.Connection!;
        var postgres = context.Database.IsNpgsql();
        if (postgres)
        {
            await ExecuteAsync(connection, dbTransaction, "SELECT pg_advisory_xact_lock(@k)", [("k", PostgresLockKey)], ct);
        }
        var (sequence, hash, exists) = await ReadHeadAsync(connection, dbTransaction, ct);
        if (!exists)
        {
            return null;
        }
        await using (var command = Command(connection, dbTransaction, """SELECT MAX("LastSequence") FROM "AuditCheckpoints" """, []))
        {
            var latest = await command.ExecuteScalarAsync(ct);
            if (latest is not null and not DBNull && Convert.ToInt64(latest, CultureInfo.InvariantCulture) >= sequence)
            {
                return sequence;
            }
        }
        await InsertCheckpointAsync(connection, dbTransaction, postgres, sequence, hash, AuditEntry.Normalize(clock.GetUtcNow()), ct);
        await transaction.CommitAsync(ct);
        return sequence;
    }

    private async Task InsertCheckpointAsync(DbConnection connection, DbTransaction transaction, bool postgres, long sequence, byte[] hash, DateTimeOffset at, CancellationToken ct)
    {
        var signature = keys.Audit.Sign(AuditCheckpoint.SignedBytes(sequence, hash, sequence, at));
        await ExecuteAsync(connection, transaction,
            """INSERT INTO "AuditCheckpoints" ("LastSequence", "HeadHash", "Count", "At", "KeyId", "Signature") VALUES (@s, @h, @c, @t, @k, @g)""",
            [("s", sequence), ("h", hash), ("c", sequence), ("t", Time(at, postgres)), ("k", keys.Audit.KeyId), ("g", signature)], ct);
    }

    private static async Task<(long Sequence, byte[] Hash, bool Exists)> ReadHeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, """SELECT "LastSequence", "HeadHash" FROM "AuditHead" WHERE "Id" = 1""", []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
        {
            return (reader.GetInt64(0), (byte[])reader.GetValue(1), true);
        }
        return (0, AuditEntry.Genesis, false);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, bool postgres, List<AuditEntry> rows, CancellationToken ct)
    {
        var sql = new System.Text.StringBuilder(
            """INSERT INTO "AuditEntries" ("Sequence", "At", "Actor", "Action", "RecordType", "RecordId", "Reason", "Detail", "PreviousHash", "Hash") VALUES """);
        var parameters = new List<(string, object?)>(rows.Count * 10);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"(@s{i}, @t{i}, @a{i}, @n{i}, @y{i}, @r{i}, @w{i}, @d{i}, @p{i}, @h{i})");
            parameters.Add(($"s{i}", e.Sequence));
            parameters.Add(($"t{i}", Time(e.At, postgres)));
            parameters.Add(($"a{i}", e.Actor));
            parameters.Add(($"n{i}", e.Action));
            parameters.Add(($"y{i}", e.RecordType));
            parameters.Add(($"r{i}", e.RecordId));
            parameters.Add(($"w{i}", e.Reason));
            parameters.Add(($"d{i}", e.Detail));
            parameters.Add(($"p{i}", e.PreviousHash));
            parameters.Add(($"h{i}", e.Hash));
        }
        await ExecuteAsync(connection, transaction, sql.ToString(), parameters, ct);
    }

    /// <summary>SQLite keeps times as UTC ticks (see VigilDbContext); PostgreSQL as timestamptz.</summary>
    private static object Time(DateTimeOffset at, bool postgres) => postgres ? at : at.UtcTicks;

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
