using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Audit;

/// <summary>Something wrong at one entry of the chain (or the checkpoint that covers it).</summary>
public sealed record AuditProblem(long Sequence, string What)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"entry {Sequence}: {What}");
}

/// <summary>The outcome of a verification: what was checked and every problem found (none: intact).</summary>
/// <param name="At">When it ran.</param>
/// <param name="Entries">Entries read.</param>
/// <param name="LastSequence">The last entry read.</param>
/// <param name="HeadHash">Its hash (hex), or null for an empty log.</param>
/// <param name="Checkpoints">Signed checkpoints stored in the database.</param>
/// <param name="ExportedCheckpoints">Exported checkpoints checked.</param>
/// <param name="Problems">Every problem, by sequence (at most 50).</param>
/// <param name="WitnessSequence">The newest entry the witness of this host's data directory saw committed, when it knows this chain.</param>
public sealed record AuditVerification(
    DateTimeOffset At, long Entries, long LastSequence, string? HeadHash, int Checkpoints, int ExportedCheckpoints,
    IReadOnlyList<AuditProblem> Problems, long? WitnessSequence = null)
{
    public bool Intact => Problems.Count == 0;

    /// <summary>The lowest-numbered problem: where the log stops being trustworthy.</summary>
    public AuditProblem? FirstBroken => Problems.MinBy(p => p.Sequence);
}

/// <summary>One line of an exported checkpoint file (JSON lines), with the public key that verifies it.</summary>
public sealed record ExportedCheckpoint(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("headHash")] string HeadHash,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("publicKey")] string PublicKey,
    [property: JsonPropertyName("signature")] string Signature)
{
    public static ExportedCheckpoint From(AuditCheckpoint c, byte[] publicKey) => new(c.LastSequence, Convert.ToHexStringLower(c.HeadHash), c.Count,
        c.At, c.KeyId, Convert.ToBase64String(publicKey), Convert.ToBase64String(c.Signature));

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a file written by <c>vigil audit checkpoints</c>; a bad line is named by number.</summary>
    public static IReadOnlyList<ExportedCheckpoint> ReadLines(IEnumerable<string> lines)
    {
        var result = new List<ExportedCheckpoint>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var checkpoint = JsonSerializer.Deserialize<ExportedCheckpoint>(line)
                    ?? throw new FormatException($"line {number}: empty");
                Convert.FromHexString(checkpoint.HeadHash);
                Convert.FromBase64String(checkpoint.PublicKey);
                Convert.FromBase64String(checkpoint.Signature);
                result.Add(checkpoint);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                throw new FormatException($"line {number}: not a checkpoint ({e.Message})", e);
            }
        }
        return result;
    }
}

/// <summary>
/// Checks the whole chain (sequence without gaps, each previous hash, each entry's own hash), the head
/// record (its MAC, and that it points at the last entry), every stored checkpoint (signature and the
/// entry it names), the mark of the data directory's <see cref="AuditWitness"/> (the newest head this host saw, kept
/// outside the database) and, when given, checkpoints exported earlier and kept elsewhere. An empty log in a database
/// that holds data is a deleted log.
/// </summary>
public sealed class AuditVerifier(VigilDbContext db, KeyRing keys, TimeProvider clock, AuditWitness? witness = null)
{
    private const int BatchSize = 5000;
    private const int MaxProblems = 50;

    /// <summary>
    /// The head's last sequence when an entry lies beyond it (one Vigil never appended), else null. The highest entry
    /// is read before the head: an append commits its entries and the head together, so a head read later has
    /// caught up with every entry seen before it.
    /// </summary>
    private async Task<long?> InsertedAfterHeadAsync(CancellationToken ct)
    {
        var highest = await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Sequence, ct);
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.Id == AuditHead.SingletonId).Select(h => (long?)h.LastSequence).FirstOrDefaultAsync(ct);
        return highest is { } top && head is { } now && top > now ? now : null;
    }

    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<ExportedCheckpoint>? exported = null, CancellationToken ct = default)
    {
        var problems = new List<AuditProblem>();
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.LastSequence).ToListAsync(ct);
        exported ??= [];
        // The witness before the head: a mark is taken after its commit, so it never lies past a head read later.
        var chain = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == 1).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        var mark = chain is null ? null : witness?.Find(chain);
        var wanted = checkpoints.Select(c => c.LastSequence).Concat(exported.Select(e => e.Sequence)).ToHashSet();
        if (mark is not null)
        {
            wanted.Add(mark.Sequence);
        }
        var hashesAt = new Dictionary<long, byte[]>();

        // The head is read before the entries, and the chain checked up to it: entries appended while the scan runs
        // (each append writes its entries and the head in one transaction) then cannot look like entries deleted
        // from the end. Read after the scan, a head that had moved on raised that false alarm at a demo's start-up.
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.Id == AuditHead.SingletonId).FirstOrDefaultAsync(ct);
        var until = head?.LastSequence ?? long.MaxValue;

        long expected = 1, count = 0;
        var previous = AuditEntry.Genesis;
        byte[]? lastHash = null;
        long last = 0;
        while (true)
        {
            var from = last;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > from && e.Sequence <= until).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (from == 0)
            {
                // Rows numbered below 1 are never written by Vigil.
                var strays = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence < 1).Select(e => e.Sequence).ToListAsync(ct);
                problems.AddRange(strays.Select(s => new AuditProblem(s, "is numbered below 1: it was inserted")));
            }
            foreach (var entry in batch)
            {
                count++;
                if (entry.Sequence != expected)
                {
                    Add(problems, expected, entry.Sequence == expected + 1
                        ? "is missing: it was deleted"
                        : string.Create(CultureInfo.InvariantCulture, $"is missing, and so is every entry up to {entry.Sequence - 1}: they were deleted"));
                }
                else if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
                {
                    Add(problems, entry.Sequence, "does not link to the entry before it (its previous hash differs): an entry was inserted, replaced or altered before it");
                }
                if (!entry.ComputeHash().AsSpan().SequenceEqual(entry.Hash))
                {
                    Add(problems, entry.Sequence, "was altered: its content no longer matches its hash");
                }
                if (wanted.Contains(entry.Sequence))
                {
                    hashesAt[entry.Sequence] = entry.Hash;
                }
                previous = entry.Hash;
                expected = entry.Sequence + 1;
                last = entry.Sequence;
                lastHash = entry.Hash;
            }
            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        if (head is null)
        {
            if (count > 0)
            {
                Add(problems, last + 1, "cannot be proven absent: the head record is missing (it was deleted), so entries from here on may have been removed");
            }
            else if (await AuditedData.DescribeAsync(db, ct) is { } data)
            {
                Add(problems, 1, $"is missing, and so is the whole log (no entry, no head), yet the database holds {data}: the audit log was deleted");
            }
        }
        else
        {
            if (!CryptographicOperations.FixedTimeEquals(head.Mac, AuditHead.ComputeMac(keys.Audit.HeadKey, head.LastSequence, head.HeadHash)))
            {
                Add(problems, head.LastSequence, "the head record pointing here was altered (its MAC does not match the key file)");
            }
            else if (await InsertedAfterHeadAsync(ct) is { } headNow)
            {
                Add(problems, headNow + 1, string.Create(CultureInfo.InvariantCulture,
                    $"is after the last entry Vigil appended ({headNow}): it was inserted"));
            }
            else if (head.LastSequence > last)
            {
                Add(problems, last + 1, string.Create(CultureInfo.InvariantCulture,
                    $"is missing, and so is every entry up to {head.LastSequence}: they were deleted from the end of the log"));
            }
            else if (lastHash is not null && !head.HeadHash.AsSpan().SequenceEqual(lastHash))
            {
                Add(problems, last, "differs from the head Vigil recorded: the chain up to here was rewritten");
            }
        }

        foreach (var checkpoint in checkpoints)
        {
            if (checkpoint.KeyId != keys.Audit.KeyId || !AuditKeys.Verify(keys.Audit.PublicKey, checkpoint.SignedBytes(), checkpoint.Signature))
            {
                Add(problems, checkpoint.LastSequence, "its stored checkpoint's signature is not valid under the key file's signing key: the checkpoint was forged or altered");
            }
            else if (checkpoint.Count != checkpoint.LastSequence)
            {
                Add(problems, checkpoint.LastSequence, "its stored checkpoint counts a different number of entries");
            }
            else
            {
                CheckAgainst(problems, hashesAt, last, checkpoint.LastSequence, checkpoint.HeadHash, "a stored checkpoint");
            }
        }

        if (mark is not null)
        {
            CheckAgainst(problems, hashesAt, last, mark.Sequence, mark.Hash, "the witness this host's data directory keeps (the newest head it saw committed)");
        }

        foreach (var line in exported)
        {
            var publicKey = Convert.FromBase64String(line.PublicKey);
            var hash = Convert.FromHexString(line.HeadHash);
            if (!AuditKeys.Verify(publicKey, AuditCheckpoint.SignedBytes(line.Sequence, hash, line.Count, line.At), Convert.FromBase64String(line.Signature)))
            {
                Add(problems, line.Sequence, "the exported checkpoint for it has an invalid signature: the file was altered");
                continue;
            }
            if (!publicKey.AsSpan().SequenceEqual(keys.Audit.PublicKey))
            {
                Add(problems, line.Sequence, "the exported checkpoint for it was signed with another key than the key file's");
                continue;
            }
            CheckAgainst(problems, hashesAt, last, line.Sequence, hash, "the exported checkpoint");
            if (!checkpoints.Any(c => c.LastSequence == line.Sequence && c.HeadHash.AsSpan().SequenceEqual(hash)))
            {
                Add(problems, line.Sequence, "the exported checkpoint for it is no longer in the database: the checkpoint table was altered");
            }
        }

        return new AuditVerification(clock.GetUtcNow(), count, last, lastHash is null ? null : Convert.ToHexStringLower(lastHash), checkpoints.Count, exported.Count,
            problems.OrderBy(p => p.Sequence).ToList(), mark?.Sequence);
    }

    private static void CheckAgainst(List<AuditProblem> problems, Dictionary<long, byte[]> hashesAt, long last, long sequence, byte[] hash, string what)
    {
        if (sequence > last)
        {
            Add(problems, last + 1, string.Create(CultureInfo.InvariantCulture,
                $"is missing, and so is every entry up to {sequence}, which {what} covers: they were deleted from the end of the log"));
        }
        else if (!hashesAt.TryGetValue(sequence, out var actual))
        {
            Add(problems, sequence, $"is missing, yet {what} covers it: it was deleted");
        }
        else if (!actual.AsSpan().SequenceEqual(hash))
        {
            Add(problems, sequence, $"differs from {what}: the chain up to here was altered or rewritten");
        }
    }

    private static void Add(List<AuditProblem> problems, long sequence, string what)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(new AuditProblem(sequence, what));
        }
    }
}
