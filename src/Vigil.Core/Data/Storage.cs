using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vigil.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. SQLite (one file in the data directory) unless a PostgreSQL connection
/// string is given. The connection string never reaches a log: it may hold a password.
/// </summary>
public sealed record StorageSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "vigil.db";

    /// <summary>
    /// Chooses the provider: a value of <paramref name="database"/> (from <c>--database</c> or
    /// <c>VIGIL_DATABASE</c>) that looks like a PostgreSQL connection string or URI selects PostgreSQL;
    /// a value ending in .db or starting "Data Source=" selects that SQLite file; no value selects
    /// <c>vigil.db</c> in the data directory.
    /// </summary>
    public static StorageSettings Resolve(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            Directory.CreateDirectory(dataDirectory);
            return Sqlite(Path.Combine(dataDirectory, SqliteFileName));
        }
        database = database.Trim();
        if (database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageSettings(DatabaseProvider.Postgres, FromUri(new Uri(database)));
        }
        if (database.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageSettings(DatabaseProvider.Sqlite, database);
        }
        if (database.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || database.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(Path.GetFullPath(database));
        }
        if (database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || database.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageSettings(DatabaseProvider.Postgres, database);
        }
        throw new ArgumentException("The database setting is neither a PostgreSQL connection string (Host=…; or postgres://…) nor a SQLite file (*.db).", nameof(database));
    }

    public static StorageSettings Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 };
        return new StorageSettings(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>A description safe to print: provider and file or host/database, never credentials.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        DatabaseProvider.Postgres => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static string FromUri(Uri uri)
    {
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null,
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        return builder.ToString();
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Vigil.Migrations.Sqlite"));
                options.AddInterceptors(SqliteWalInterceptor.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Vigil.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }

    public DbContextOptions<VigilDbContext> BuildOptions()
    {
        var builder = new DbContextOptionsBuilder<VigilDbContext>();
        Apply(builder);
        return builder.Options;
    }
}
