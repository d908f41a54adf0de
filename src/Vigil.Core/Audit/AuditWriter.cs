using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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

    /// <summary>
    /// Refuse to start a chain (no head, no entry) in a database that already holds accounts, missions, reports or cases
    /// other than those the first append records: their log was deleted. On for the host and the command line; off only
    /// for <see cref="AuditTrail.ForSystem"/> over a context built by hand (tests, benchmarks), whose rows were written
    /// without an audit interceptor.
    /// </summary>
    public bool RefuseNewChainOverData { get; set; } = true;
}

/// <summary>
/// The audit log failed the check made before every append (the head's MAC, the entry it points at, nothing after it,
/// and no older than the host's witness): extending it would sign whatever an intruder left. Nothing is written; the
/// host answers 503 and `vigil audit verify` says more. The message holds sequence numbers only, never personal data.
/// </summary>
public sealed class AuditLogBrokenException(long sequence, string problem)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"The audit log failed its check at entry {sequence}: {problem}. Nothing was written; run `vigil audit verify`."))
{
    /// <summary>The entry where the log stops being trustworthy.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>What is wrong, without the sequence prefix.</summary>
    public string Problem { get; } = problem;

    /// <summary>The first <see cref="AuditLogBrokenException"/> in <paramref name="exception"/> or its inner exceptions.</summary>
    public static AuditLogBrokenException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuditLogBrokenException broken)
            {
                return broken;
            }
        }
        return null;
    }
}

/// <summary>
/// Appends entries to the chain in the caller's transaction. Appends are serialized so the chain never
/// forks: SQLite has one writer (Vigil's transactions begin IMMEDIATE, so the write lock is held);
/// PostgreSQL takes a transaction-scoped advisory lock just before reading the head, held until commit,
/// so hosts sharing one database take turns. Entries are written with plain SQL on the transaction's
/// connection: never through the change tracker, which the interceptor is watching.
/// </summary>
/// <remarks>
/// Before extending the chain the writer checks its head (<see cref="CheckHeadAsync"/>): the MAC under the key file's
/// audit key, the entry it points at (present, same hash, nothing after it) and, with a <see cref="AuditWitness"/>, that
/// it is not behind a head this host saw committed. A head that fails is never re-signed:
/// <see cref="AuditLogBrokenException"/>, and nothing is written.
/// </remarks>
public sealed class AuditWriter(KeyRing keys, TimeProvider clock, IOptions<AuditOptions> options, AuditWitness? witness = null)
{
    /// <summary>pg_advisory_xact_lock key: "VigilAud" as a 64-bit integer.</summary>
    public const long PostgresLockKey = 0x5669_6769_6C41_7564;

    private const int RowsPerInsert = 100;

    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    /// <summary>The head each open transaction will leave once it commits (taken into the witness then, never before).</summary>
    private readonly ConditionalWeakTable<DbTransaction, AuditMark> provisional = new();

    private volatile AuditLogBrokenException? refusal;

    /// <summary>The reason the last append (or start-up check) was refused; null once an append succeeds.</summary>
    public AuditLogBrokenException? Refusal => refusal;

    /// <summary>The witness this writer feeds and checks against (null: none).</summary>
    public AuditWitness? Witness => witness;

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
        var head = await ReadHeadAsync(connection, transaction, ct);
        var chain = await CheckAsync(connection, transaction, head, entries, ct);
        var (lastSequence, previous, exists) = (head.Sequence, head.Hash, head.Exists);
        var sequence = lastSequence;
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = entry.ComputeHash();
            previous = entry.Hash;
        }
        chain ??= entries[0].Hash;
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
        provisional.AddOrUpdate(transaction, new AuditMark(chain, sequence, previous));
        refusal = null;
    }

    /// <summary>
    /// Call once <paramref name="transaction"/> has committed: the head it wrote becomes this host's mark (the interceptor
    /// does it for EF transactions; a second call does nothing).
    /// </summary>
    public void Committed(DbTransaction transaction)
    {
        if (provisional.TryGetValue(transaction, out var mark))
        {
            provisional.Remove(transaction);
            witness?.Observe(mark);
        }
    }

    /// <summary>Forgets the head of a transaction that rolled back.</summary>
    public void RolledBack(DbTransaction transaction) => provisional.Remove(transaction);

    /// <summary>
    /// The check an append makes, without appending (start-up, health): null when the log may be extended, otherwise
    /// why not (also kept in <see cref="Refusal"/>).
    /// </summary>
    public async Task<AuditLogBrokenException?> ProbeAsync(DbContext context, CancellationToken ct = default)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var dbTransaction = transaction.GetDbTransaction();
        try
        {
            var head = await ReadHeadAsync(dbTransaction.Connection!, dbTransaction, ct);
            await CheckAsync(dbTransaction.Connection!, dbTransaction, head, [], ct);
            refusal = null;
            return null;
        }
        catch (AuditLogBrokenException broken)
        {
            return broken;
        }
    }

    private sealed record Head(long Sequence, byte[] Hash, byte[] Mac, bool Exists);

    /// <summary>
    /// Refuses (<see cref="AuditLogBrokenException"/>) to extend a head that does not verify: a MAC that the key file's
    /// audit key did not make, an entry it points at that is missing or different, an entry after it, a head behind the
    /// witness's mark; with no head, entries without one, a chain this writer was extending that is gone, or a database
    /// that holds data the first append does not account for. Returns the chain's identity (entry 1's hash), or null for
    /// a new chain.
    /// </summary>
    private async Task<byte[]?> CheckAsync(DbConnection connection, DbTransaction transaction, Head head, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        try
        {
            return await CheckHeadAsync(connection, transaction, head, entries, ct);
        }
        catch (AuditLogBrokenException broken)
        {
            refusal = broken;
            throw;
        }
    }

    private async Task<byte[]?> CheckHeadAsync(DbConnection connection, DbTransaction transaction, Head head, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (!head.Exists)
        {
            await using (var any = Command(connection, transaction, """SELECT MIN("Sequence") FROM "AuditEntries" """, []))
            {
                if (await any.ExecuteScalarAsync(ct) is { } first and not DBNull)
                {
                    throw new AuditLogBrokenException(Convert.ToInt64(first, CultureInfo.InvariantCulture),
                        "the head record is missing while entries exist: it was deleted, so entries after it may have been removed");
                }
            }
            if (witness?.ExtendedAny == true)
            {
                throw new AuditLogBrokenException(1, "the log this host has been writing is gone (no entry, no head): it was deleted");
            }
            if (options.Value.RefuseNewChainOverData && await AuditedData.DescribeUnaccountedAsync(connection, transaction, entries, ct) is { } data)
            {
                throw new AuditLogBrokenException(1, $"the log is empty (no entry, no head) but the database already holds {data}: the log was deleted");
            }
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(head.Mac, AuditHead.ComputeMac(keys.Audit.HeadKey, head.Sequence, head.Hash)))
        {
            throw new AuditLogBrokenException(head.Sequence, "the head record was altered: its MAC does not match the key file's audit key");
        }
        byte[]? chain = null;
        byte[]? atHead = null;
        long? after = null;
        await using (var command = Command(connection, transaction,
            """SELECT "Sequence", "Hash" FROM "AuditEntries" WHERE "Sequence" = 1 OR "Sequence" >= @s ORDER BY "Sequence" LIMIT 3""", [("s", head.Sequence)]))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var sequence = reader.GetInt64(0);
                var hash = (byte[])reader.GetValue(1);
                if (sequence == 1)
                {
                    chain = hash;
                }
                if (sequence == head.Sequence)
                {
                    atHead = hash;
                }
                else if (sequence > head.Sequence)
                {
                    after ??= sequence;
                }
            }
        }
        if (atHead is null)
        {
            throw new AuditLogBrokenException(head.Sequence, "the entry the head points at is missing: entries were deleted from the end of the log");
        }
        if (!atHead.AsSpan().SequenceEqual(head.Hash))
        {
            throw new AuditLogBrokenException(head.Sequence, "the entry the head points at differs from the head: the log was rewritten");
        }
        if (after is { } inserted)
        {
            throw new AuditLogBrokenException(inserted, string.Create(CultureInfo.InvariantCulture,
                $"an entry lies after the last one Vigil appended ({head.Sequence}): it was inserted"));
        }
        if (chain is not null && witness?.Find(chain) is { } mark)
        {
            if (mark.Sequence > head.Sequence)
            {
                throw new AuditLogBrokenException(head.Sequence + 1, string.Create(CultureInfo.InvariantCulture,
                    $"the head is at entry {head.Sequence}, but this host saw the log reach entry {mark.Sequence}: the newest entries were deleted and an older head put back"));
            }
            if (mark.Sequence == head.Sequence && !mark.Hash.AsSpan().SequenceEqual(head.Hash))
            {
                throw new AuditLogBrokenException(head.Sequence, "the head differs from the one this host saw at the same entry: the log was rewritten");
            }
        }
        return chain;
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
        var head = await ReadHeadAsync(connection, dbTransaction, ct);
        if (!head.Exists)
        {
            return null;
        }
        // Never sign a head that does not verify: the checkpoint would vouch for what an intruder left.
        await CheckAsync(connection, dbTransaction, head, [], ct);
        var (sequence, hash) = (head.Sequence, head.Hash);
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

    private static async Task<Head> ReadHeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, """SELECT "LastSequence", "HeadHash", "Mac" FROM "AuditHead" WHERE "Id" = 1""", []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
        {
            return new Head(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2), true);
        }
        return new Head(0, AuditEntry.Genesis, [], false);
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
