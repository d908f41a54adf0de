using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Core.Data;
using Vigil.Testing;

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

    // Migrating a new database took 0.3–1 s of every test host's start. The migrations themselves are
    // proven by MigrationTests (and by `serve` on an empty database, which the demo tests run), so a test
    // process migrates one template per provider once and gives each host a copy: a file copy on SQLite (tests/Shared/SqliteTemplate.cs),
    // CREATE DATABASE … TEMPLATE on PostgreSQL. The host still checks for pending migrations at start.
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);

    /// <summary>A new database with every migration applied, copied from this process's template.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(string provider)
    {
        switch (provider)
        {
            case "sqlite":
                var database = CreateSqlite();
                await SqliteTemplate.CopyToAsync(Path.Combine(database.Directory, StorageSettings.SqliteFileName));
                return database;
            case "postgres":
                RequirePostgres();
                return await CreatePostgresAsync(await PostgresTemplate.Value);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres");
        }
    }

    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var admin = RequirePostgres();
        var name = "vigil_template_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
        await using (var db = new VigilDbContext(new StorageSettings(DatabaseProvider.Postgres, connection).BuildOptions()))
        {
            await db.Database.MigrateAsync();
        }
        // A template may have no open connection while it is copied.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                using var drop = new NpgsqlConnection(admin);
                drop.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", drop);
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // A throwaway database left on a test server; the next run does not depend on it.
            }
        };
        return name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        "sqlite" => Task.FromResult(CreateSqlite()),
        "postgres" => CreatePostgresAsync(template: null),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
    };

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-tests", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static TestDatabase CreateSqlite()
    {
        var directory = NewDirectory();
        return new TestDatabase(StorageSettings.Sqlite(Path.Combine(directory, StorageSettings.SqliteFileName)), directory, null, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string? template)
    {
        var admin = RequirePostgres();
        var directory = NewDirectory();
        var name = "vigil_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(admin, template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(new StorageSettings(DatabaseProvider.Postgres, builder.ToString()), directory, admin, name);
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
        SqliteTemplate.TryDeleteDirectory(Directory);
    }
}
