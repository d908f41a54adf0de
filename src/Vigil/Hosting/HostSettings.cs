using Vigil.Core.Data;

namespace Vigil.Hosting;

/// <summary>What <c>vigil serve</c> was asked for, after defaults and environment variables.</summary>
public sealed record HostSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Holds the SQLite file and the data-protection key fallback. Default: ./data.</summary>
    public required string DataDirectory { get; init; }

    public required StorageSettings Storage { get; init; }

    /// <summary>
    /// The key file (field encryption and receipt HMAC keys), outside the database. Default:
    /// VIGIL_KEY_FILE, else vigil-keys.json in the data directory; created on first start with mode 0600.
    /// </summary>
    public string? KeyFile { get; init; }

    public string ResolvedKeyFile => KeyFile ?? Environment.GetEnvironmentVariable(Core.Security.KeyRing.FileVariable)
        ?? Path.Combine(DataDirectory, Core.Security.KeyRing.FileName);

    /// <summary>Seed the demo data set into an empty database.</summary>
    public bool Demo { get; init; }

    /// <summary>
    /// Apply pending migrations at start. Always on for the embedded SQLite file; for PostgreSQL only
    /// when asked (<c>--migrate</c>), since production applies them with <c>vigil db migrate</c>.
    /// </summary>
    public bool Migrate { get; init; }

    /// <summary>Settings added on top of appsettings and the environment, before services are registered (tests use it).</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    public static string DefaultDataDirectory => Path.GetFullPath(Environment.GetEnvironmentVariable("VIGIL_DATA_DIR") ?? "data");
}
