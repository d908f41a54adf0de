using Npgsql;
using Vigil.Core.Data;

namespace Vigil.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test host: a SQLite file in a temporary directory, or a new
/// database on the PostgreSQL server named by VIGIL_TEST_POSTGRES. Under CI=true a missing
/// PostgreSQL fails the test; on a developer machine it skips with the reason.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(StorageSettings storage, string directory, string? postgresAdmin, string? postgresName)
    {
        Storage = storage;
        Directory = directory;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public StorageSettings Storage { get; }

    /// <summary>A temporary data directory that belongs to this database.</summary>
    public string Directory { get; }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-tests", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        switch (provider)
        {
            case "sqlite":
                return new TestDatabase(StorageSettings.Sqlite(Path.Combine(directory, "vigil.db")), directory, null, null);
            case "postgres":
                var admin = RequirePostgres();
                var name = "vigil_test_" + Guid.NewGuid().ToString("N")[..16];
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }
                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(new StorageSettings(DatabaseProvider.Postgres, builder.ToString()), directory, admin, name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres");
        }
    }

    public static string RequirePostgres()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(admin))
        {
            return admin;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: PostgreSQL tests must run in CI.");
        }
        Assert.Skip($"PostgreSQL is not configured: set {PostgresVariable} (see README) to run this test.");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresAdmin is not null)
        {
            // Autovacuum (a superuser process) may briefly hold the new database; FORCE cannot end it.
            // Retry a few times, then leave the throwaway database: cleanup must not fail a test.
            for (var attempt = 0; attempt < 5; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(postgresAdmin);
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState is "42501" or "55006")
                {
                    await Task.Delay(300);
                }
            }
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean; the test's result does not depend on it.
        }
    }
}
