using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Audit;

/// <summary>
/// A point of the chain that was committed: the chain's identity (the hash of its entry 1), a sequence and the hash of
/// the entry at that sequence.
/// </summary>
/// <param name="Chain">SHA-256 hash of entry 1: tells one database's chain from another's.</param>
/// <param name="Sequence">The entry this mark is at.</param>
/// <param name="Hash">That entry's hash.</param>
public sealed record AuditMark(byte[] Chain, long Sequence, byte[] Hash);

/// <summary>
/// The newest head this process saw committed, per chain, kept in memory and in a small file of the data directory
/// (<see cref="FileName"/>): outside the database. Someone with write access to the database but not to the host's
/// files can delete the newest entries and put back an older head row (its MAC is valid: it came from a backup, or
/// from the table a moment ago); only something the database does not hold can tell that the log once went further.
/// The writer refuses to extend a chain whose head is behind its mark, and <c>vigil audit verify</c> reports it.
/// </summary>
/// <remarks>
/// The file is rewritten after each committed append (a new file renamed over the old one, mode 0600; no flush to disk:
/// a crash may lose the last marks, which only makes the witness older, never wrong). Several processes may share the
/// directory: each writes the marks it knows, and a mark that goes back in that race is only weaker. A witness never
/// raises a false alarm while the database is the one it watched: a mark is taken after the commit. Restoring an older
/// backup on purpose does trip it: delete the file after such a restore (docs/audit.md).
/// </remarks>
public sealed class AuditWitness
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "vigil-audit-witness.json";

    private const int MaxChains = 20;

    private readonly object gate = new();
    private List<AuditMark>? marks;

    /// <param name="path">The witness file, or null to keep the marks in memory only.</param>
    public AuditWitness(string? path)
    {
        Path = path;
    }

    /// <summary>The witness file, or null when the marks are kept in memory only.</summary>
    public string? Path { get; }

    /// <summary>True once this process committed an append (to any chain).</summary>
    public bool ExtendedAny { get; private set; }

    /// <summary>Why the file could not be written the last time (null when it was, or never tried).</summary>
    public string? WriteProblem { get; private set; }

    /// <summary>The newest mark known for the chain whose entry 1 has hash <paramref name="chain"/>, or null.</summary>
    public AuditMark? Find(ReadOnlySpan<byte> chain)
    {
        lock (gate)
        {
            foreach (var mark in Load())
            {
                if (chain.SequenceEqual(mark.Chain))
                {
                    return mark;
                }
            }
            return null;
        }
    }

    /// <summary>Records a committed head: raises the chain's mark (never lowers it) and rewrites the file.</summary>
    public void Observe(AuditMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        lock (gate)
        {
            ExtendedAny = true;
            var known = Load();
            var index = known.FindIndex(m => m.Chain.AsSpan().SequenceEqual(mark.Chain));
            if (index >= 0)
            {
                if (known[index].Sequence >= mark.Sequence)
                {
                    return;
                }
                known.RemoveAt(index);
            }
            known.Insert(0, mark);
            if (known.Count > MaxChains)
            {
                known.RemoveRange(MaxChains, known.Count - MaxChains);
            }
            Save(known);
        }
    }

    private List<AuditMark> Load()
    {
        if (marks is not null)
        {
            return marks;
        }
        marks = [];
        if (Path is null || !File.Exists(Path))
        {
            return marks;
        }
        try
        {
            var file = JsonSerializer.Deserialize<WitnessFile>(File.ReadAllText(Path));
            foreach (var line in file?.Chains ?? [])
            {
                marks.Add(new AuditMark(Convert.FromHexString(line.Chain), line.Sequence, Convert.FromHexString(line.Hash)));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            // An unreadable witness proves nothing either way; it is rewritten at the next append.
            marks.Clear();
        }
        return marks;
    }

    private void Save(List<AuditMark> known)
    {
        if (Path is null)
        {
            return;
        }
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, new WitnessFile
                {
                    Chains = [.. known.Select(m => new WitnessLine
                    {
                        Chain = Convert.ToHexStringLower(m.Chain),
                        Sequence = m.Sequence,
                        Hash = Convert.ToHexStringLower(m.Hash),
                    })],
                });
            }
            File.Move(temporary, Path, overwrite: true);
            WriteProblem = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only data directory keeps the witness in memory only: the running host still checks.
            WriteProblem = e.Message;
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do.
            }
        }
    }

    private sealed class WitnessFile
    {
        [JsonPropertyName("chains")]
        public List<WitnessLine> Chains { get; set; } = [];
    }

    private sealed class WitnessLine
    {
        [JsonPropertyName("chain")]
        public string Chain { get; set; } = "";

        [JsonPropertyName("sequence")]
        public long Sequence { get; set; }

        [JsonPropertyName("hash")]
        public string Hash { get; set; } = "";
    }
}
