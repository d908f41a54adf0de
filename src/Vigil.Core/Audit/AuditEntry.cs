using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Audit;

/// <summary>
/// One link of the hash chain. Holds who did what to which record and when, never personal data:
/// the actor is a user id, "system" or "anonymous" (never an IP address or user agent), and the
/// detail names changed properties, never their values.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3… without gaps: a gap is a removed entry.</summary>
    public long Sequence { get; set; }

    /// <summary>Whole milliseconds (both databases store them exactly, so the hash recomputes).</summary>
    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string RecordType { get; set; } = "";
    public string? RecordId { get; set; }

    /// <summary>The justification given for a break-glass or other exceptional access.</summary>
    public string? Reason { get; set; }

    public string? Detail { get; set; }
    public byte[] PreviousHash { get; set; } = [];
    public byte[] Hash { get; set; } = [];

    public const int HashSize = 32;

    public static byte[] Genesis { get; } = new byte[HashSize];

    /// <summary>SHA-256 over the previous hash and <see cref="Canonical"/>.</summary>
    public byte[] ComputeHash()
    {
        var body = Canonical();
        var buffer = new byte[PreviousHash.Length + body.Length];
        PreviousHash.CopyTo(buffer, 0);
        body.CopyTo(buffer, PreviousHash.Length);
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// An unambiguous encoding: a version tag, the sequence and time as big-endian integers, then each
    /// text field as a 4-byte length and its UTF-8 bytes (length -1 for null), so no two different
    /// entries encode alike (no separator a value could contain).
    /// </summary>
    public byte[] Canonical()
    {
        using var stream = new MemoryStream(256);
        Span<byte> number = stackalloc byte[8];
        stream.Write("vigil-audit-1"u8);
        BinaryPrimitives.WriteInt64BigEndian(number, Sequence);
        stream.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, At.UtcTicks);
        stream.Write(number);
        foreach (var text in (string?[])[Actor, Action, RecordType, RecordId, Reason, Detail])
        {
            WriteText(stream, text);
        }
        return stream.ToArray();
    }

    private static void WriteText(MemoryStream stream, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            stream.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    /// <summary>Truncates to whole milliseconds, the precision both databases keep.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}

/// <summary>
/// The chain's head (one row): last sequence and hash, with an HMAC under the audit key from the key
/// file. Someone with the database but not the key file cannot move it back after deleting the last
/// entries, so removing the tail is detected without waiting for the next checkpoint.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long LastSequence { get; set; }
    public byte[] HeadHash { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public byte[] Mac { get; set; } = [];

    public static byte[] ComputeMac(byte[] key, long lastSequence, byte[] headHash)
    {
        var buffer = new byte[16 + 8 + headHash.Length];
        "vigil-audit-head"u8.CopyTo(buffer);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(16), lastSequence);
        headHash.CopyTo(buffer, 24);
        return HMACSHA256.HashData(key, buffer);
    }
}

/// <summary>
/// A signed statement "the chain had <see cref="Count"/> entries ending at <see cref="LastSequence"/>
/// with hash <see cref="HeadHash"/> at <see cref="At"/>", exported and kept elsewhere: even with the
/// database and the key file, nobody can rewrite history before an exported checkpoint unnoticed.
/// </summary>
public sealed class AuditCheckpoint
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public byte[] HeadHash { get; set; } = [];
    public long Count { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>First 16 hex digits of SHA-256 over the public key (SubjectPublicKeyInfo).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>ECDSA P-256 over SHA-256 of <see cref="SignedBytes()"/>, IEEE P1363 format (r‖s, 64 bytes).</summary>
    public byte[] Signature { get; set; } = [];

    public byte[] SignedBytes() => SignedBytes(LastSequence, HeadHash, Count, At);

    public static byte[] SignedBytes(long lastSequence, byte[] headHash, long count, DateTimeOffset at)
    {
        var prefix = "vigil-audit-checkpoint-1"u8;
        var buffer = new byte[prefix.Length + 8 + headHash.Length + 8 + 8];
        prefix.CopyTo(buffer);
        var span = buffer.AsSpan(prefix.Length);
        BinaryPrimitives.WriteInt64BigEndian(span, lastSequence);
        headHash.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt64BigEndian(span[(8 + headHash.Length)..], count);
        BinaryPrimitives.WriteInt64BigEndian(span[(16 + headHash.Length)..], at.UtcTicks);
        return buffer;
    }
}
