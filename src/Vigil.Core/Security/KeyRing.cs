using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Security;

/// <summary>
/// The secrets Vigil keeps outside its database: versioned AES-256 keys for sensitive fields and the
/// HMAC key for anonymous receipts. A stolen database without this file reveals neither narratives
/// nor contacts, and cannot be used to test a guessed receipt.
/// Stored as JSON in a file readable by the service account only (0600); several hosts sharing one
/// PostgreSQL must share the same file.
/// </summary>
public sealed class KeyRing
{
    public const string FileName = "vigil-keys.json";
    public const string FileVariable = "VIGIL_KEY_FILE";

    private readonly object reloadLock = new();
    private volatile State state;

    private KeyRing(Dictionary<int, byte[]> fieldKeys, int currentVersion, byte[] receiptKey, AuditKeys audit, string? path,
        Dictionary<int, DateTimeOffset>? superseded = null)
    {
        state = new State(fieldKeys, currentVersion, superseded ?? []);
        ReceiptKey = receiptKey;
        Audit = audit;
        Path = path;
    }

    private sealed record State(Dictionary<int, byte[]> FieldKeys, int Current, Dictionary<int, DateTimeOffset> Superseded);

    /// <summary>The file this ring was loaded from (null for a generated ring not yet saved).</summary>
    public string? Path { get; }

    /// <summary>
    /// The version new values are sealed with. A running host notices within a few seconds that
    /// <c>vigil keys rotate</c> changed the file, and from then on seals with the new version.
    /// </summary>
    public int CurrentFieldKeyVersion
    {
        get
        {
            if (Path is not null && Environment.TickCount64 >= nextCheck)
            {
                nextCheck = Environment.TickCount64 + RecheckMilliseconds;
                if (File.Exists(Path) && File.GetLastWriteTimeUtc(Path) != loadedWriteTime)
                {
                    Reload();
                }
            }
            return state.Current;
        }
    }

    private const int RecheckMilliseconds = 5000;
    private long nextCheck = Environment.TickCount64 + RecheckMilliseconds;
    private DateTime loadedWriteTime;

    private void Reload()
    {
        lock (reloadLock)
        {
            var fresh = Load(Path!);
            loadedWriteTime = fresh.loadedWriteTime;
            // A version's key never changes: a file that says otherwise is another database's (or a wrong restore).
            // Sealing with it would make values no key file opens; it is ignored, and /health says so.
            var changed = fresh.state.FieldKeys.Where(k => state.FieldKeys.TryGetValue(k.Key, out var known) && !CryptographicOperations.FixedTimeEquals(known, k.Value))
                .Select(k => k.Key).Order().ToList();
            if (changed.Count > 0)
            {
                Problem = $"The key file {Path} now gives version {string.Join(", ", changed)} another key than the one this host loaded: the change is ignored. Put the right key file back, or restart with the new one if it is right.";
                return;
            }
            Problem = null;
            // Keep the keys already known: values this host sealed just before the rotation stay
            // readable here, and the rotation re-seals them on its next run.
            var merged = new Dictionary<int, byte[]>(state.FieldKeys);
            foreach (var (version, key) in fresh.state.FieldKeys)
            {
                merged[version] = key;
            }
            state = new State(merged, fresh.state.Current, new Dictionary<int, DateTimeOffset>(fresh.state.Superseded));
        }
    }

    /// <summary>
    /// Set when the key file changed under this host in a way it refused (a known version given another key); null
    /// otherwise. Reported by /health.
    /// </summary>
    public string? Problem { get; private set; }

    /// <summary>When <paramref name="version"/> stopped being current (null: still current, or before this was recorded).</summary>
    public DateTimeOffset? SupersededAt(int version) => state.Superseded.TryGetValue(version, out var at) ? at : null;

    /// <summary>Every field key version the file holds, ascending.</summary>
    public IReadOnlyList<int> FieldKeyVersions => [.. state.FieldKeys.Keys.Order()];

    /// <summary>
    /// HMAC-SHA-256 key for receipts and idempotency keys (32 bytes). Not rotated: a receipt is looked
    /// up by its HMAC, and only the reporter holds the receipt, so rows cannot be re-keyed.
    /// </summary>
    public byte[] ReceiptKey { get; }

    /// <summary>The audit log's head HMAC key and checkpoint signing key.</summary>
    public AuditKeys Audit { get; }

    /// <summary>
    /// The key for a version. An unknown version makes the ring re-read its file once: another
    /// process (<c>vigil keys rotate</c>) may have added it while this host was running.
    /// </summary>
    public byte[] FieldKey(int version)
    {
        if (state.FieldKeys.TryGetValue(version, out var key))
        {
            return key;
        }
        if (Path is not null && File.Exists(Path))
        {
            Reload();
            if (state.FieldKeys.TryGetValue(version, out key))
            {
                return key;
            }
        }
        throw new CryptographicException($"Field key version {version} is not in the key file.");
    }

    public static KeyRing Generate() =>
        new(new Dictionary<int, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }, 1, RandomNumberGenerator.GetBytes(32), AuditKeys.Generate(), null);

    /// <summary>
    /// Adds a fresh key version, makes it current and saves the file (atomically, mode 0600). The version it replaces is
    /// recorded as superseded at <paramref name="now"/>: running hosts may seal with it for a few seconds more, so it is
    /// retired only later (<see cref="KeyRotation.RetireAfter"/>).
    /// </summary>
    public KeyRing AddVersion(DateTimeOffset now)
    {
        var keys = new Dictionary<int, byte[]>(state.FieldKeys);
        var version = keys.Keys.Max() + 1;
        keys[version] = RandomNumberGenerator.GetBytes(32);
        var superseded = new Dictionary<int, DateTimeOffset>(state.Superseded) { [state.Current] = now };
        var ring = new KeyRing(keys, version, ReceiptKey, Audit, Path, superseded);
        ring.Save();
        return ring;
    }

    /// <summary>Removes versions that are not current and that nothing is sealed with any more; saves the file.</summary>
    public KeyRing Retire(IEnumerable<int> versions)
    {
        var keys = new Dictionary<int, byte[]>(state.FieldKeys);
        var superseded = new Dictionary<int, DateTimeOffset>(state.Superseded);
        foreach (var version in versions)
        {
            if (version == state.Current)
            {
                throw new InvalidOperationException("The current key version cannot be retired.");
            }
            keys.Remove(version);
            superseded.Remove(version);
        }
        var ring = new KeyRing(keys, state.Current, ReceiptKey, Audit, Path, superseded);
        ring.Save();
        return ring;
    }

    private void Save()
    {
        if (Path is null)
        {
            throw new InvalidOperationException("This key ring has no file to save to.");
        }
        // Write a new file beside the old one, then rename over it: a crash leaves one whole file.
        var temporary = Path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, ToFile());
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
        loadedWriteTime = File.GetLastWriteTimeUtc(Path);
    }

    /// <summary>Loads the key file, creating it with fresh keys (mode 0600) when it does not exist.</summary>
    public static KeyRing LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Load(path);
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var generated = Generate();
        var ring = new KeyRing(generated.state.FieldKeys, generated.state.Current, generated.ReceiptKey, generated.Audit, path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(path, options);
            JsonSerializer.Serialize(stream, ring.ToFile());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host or process created it first: use theirs.
            return Load(path);
        }
        return ring;
    }

    public static KeyRing Load(string path)
    {
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The key file {path} is not valid JSON: {e.Message}", e);
        }
        if (file is null || file.FieldKeys.Count == 0 || string.IsNullOrEmpty(file.ReceiptKey))
        {
            throw new InvalidOperationException($"The key file {path} has no field keys or no receipt key.");
        }
        var keys = file.FieldKeys.ToDictionary(k => k.Version, k => Convert.FromBase64String(k.Key));
        if (keys.Values.Any(k => k.Length != 32) || !keys.ContainsKey(file.CurrentFieldKeyVersion))
        {
            throw new InvalidOperationException($"The key file {path} has a key that is not 256 bits, or no key for the current version.");
        }
        if (string.IsNullOrEmpty(file.AuditKey) || string.IsNullOrEmpty(file.AuditSigningKey))
        {
            // A key file from before the audit log: add its keys once, under a lock so that
            // hosts starting together agree on one pair.
            return AddAuditKeys(path);
        }
        var superseded = file.FieldKeys.Where(k => k.SupersededAt is not null).ToDictionary(k => k.Version, k => k.SupersededAt!.Value);
        return new KeyRing(keys, file.CurrentFieldKeyVersion, Convert.FromBase64String(file.ReceiptKey),
            AuditKeys.From(Convert.FromBase64String(file.AuditKey), Convert.FromBase64String(file.AuditSigningKey)), path, superseded)
        { loadedWriteTime = File.GetLastWriteTimeUtc(path) };
    }

    private static KeyRing AddAuditKeys(string path)
    {
        using var fileLock = AcquireLock(path + ".lock");
        var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path))!;
        if (string.IsNullOrEmpty(file.AuditKey) || string.IsNullOrEmpty(file.AuditSigningKey))
        {
            var audit = AuditKeys.Generate();
            file.AuditKey = Convert.ToBase64String(audit.HeadKey);
            file.AuditSigningKey = Convert.ToBase64String(audit.ExportSigningKey());
            var temporary = path + ".new";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, file);
            }
            File.Move(temporary, path, overwrite: true);
        }
        return Load(path);
    }

    private static FileStream AcquireLock(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }

    private KeyFile ToFile() => new()
    {
        CurrentFieldKeyVersion = CurrentFieldKeyVersion,
        FieldKeys = [.. state.FieldKeys.OrderBy(k => k.Key).Select(k => new FieldKeyEntry { Version = k.Key, Key = Convert.ToBase64String(k.Value), SupersededAt = SupersededAt(k.Key) })],
        ReceiptKey = Convert.ToBase64String(ReceiptKey),
        AuditKey = Convert.ToBase64String(Audit.HeadKey),
        AuditSigningKey = Convert.ToBase64String(Audit.ExportSigningKey()),
    };

    private sealed class KeyFile
    {
        [JsonPropertyName("currentFieldKeyVersion")]
        public int CurrentFieldKeyVersion { get; set; }

        [JsonPropertyName("fieldKeys")]
        public List<FieldKeyEntry> FieldKeys { get; set; } = [];

        [JsonPropertyName("receiptKey")]
        public string ReceiptKey { get; set; } = "";

        /// <summary>HMAC-SHA-256 key for the audit log's head record.</summary>
        [JsonPropertyName("auditKey")]
        public string? AuditKey { get; set; }

        /// <summary>ECDSA P-256 private key (PKCS#8) that signs audit checkpoints.</summary>
        [JsonPropertyName("auditSigningKey")]
        public string? AuditSigningKey { get; set; }
    }

    private sealed class FieldKeyEntry
    {
        [JsonPropertyName("version")]
        public int Version { get; set; }

        [JsonPropertyName("key")]
        public string Key { get; set; } = "";

        /// <summary>When this version stopped being current (absent while it is, and in files from before it was recorded).</summary>
        [JsonPropertyName("supersededAt")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTimeOffset? SupersededAt { get; set; }
    }
}
