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

    private readonly Dictionary<int, byte[]> fieldKeys;

    private KeyRing(Dictionary<int, byte[]> fieldKeys, int currentVersion, byte[] receiptKey, AuditKeys audit)
    {
        this.fieldKeys = fieldKeys;
        CurrentFieldKeyVersion = currentVersion;
        ReceiptKey = receiptKey;
        Audit = audit;
    }

    public int CurrentFieldKeyVersion { get; }

    /// <summary>HMAC-SHA-256 key for receipts and idempotency keys (32 bytes).</summary>
    public byte[] ReceiptKey { get; }

    /// <summary>The audit log's head HMAC key and checkpoint signing key.</summary>
    public AuditKeys Audit { get; }

    public byte[] FieldKey(int version) =>
        fieldKeys.TryGetValue(version, out var key) ? key : throw new CryptographicException($"Field key version {version} is not in the key file.");

    public static KeyRing Generate() =>
        new(new Dictionary<int, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }, 1, RandomNumberGenerator.GetBytes(32), AuditKeys.Generate());

    /// <summary>Loads the key file, creating it with fresh keys (mode 0600) when it does not exist.</summary>
    public static KeyRing LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Load(path);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var ring = Generate();
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
        return new KeyRing(keys, file.CurrentFieldKeyVersion, Convert.FromBase64String(file.ReceiptKey),
            AuditKeys.From(Convert.FromBase64String(file.AuditKey), Convert.FromBase64String(file.AuditSigningKey)));
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
        FieldKeys = [.. fieldKeys.Select(k => new FieldKeyEntry { Version = k.Key, Key = Convert.ToBase64String(k.Value) })],
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
    }
}
