using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Core.Data;

/// <summary>
/// Puts every SQLite connection in WAL mode with a busy timeout: readers never block the writer,
/// and a second writer waits instead of failing. Journal mode persists in the file; synchronous
/// and busy_timeout are per connection. A database file that does not exist yet is created first,
/// readable and writable by its owner only (0600): SQLite would create it 0644, open to every local
/// account, and the file holds personnel and registry names in clear. SQLite gives the -wal and -shm
/// files the mode of the database file.
/// </summary>
internal sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    public static SqliteWalInterceptor Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CreatePrivateFile(connection.ConnectionString);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        CreatePrivateFile(connection.ConnectionString);
        return ValueTask.FromResult(result);
    }

    /// <summary>Creates the (empty) database file with mode 0600 when it does not exist; an existing file is left as it is.</summary>
    internal static void CreatePrivateFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (OperatingSystem.IsWindows() || builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || string.IsNullOrEmpty(path)
            || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || File.Exists(path))
        {
            return;
        }
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another connection or process created it first.
        }
        catch (DirectoryNotFoundException)
        {
            // Let SQLite report the missing directory as it always has.
        }
    }

    /// <summary>
    /// SQLite's own lower() and upper() fold ASCII letters only, so a name search for Сидоров or DIAKITÉ (translated to
    /// lower(…)) found nothing in any case but the one typed; these fold every script, as PostgreSQL's do.
    /// </summary>
    private static void RegisterFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string?>("lower", text => text?.ToLowerInvariant(), isDeterministic: true);
            sqlite.CreateFunction<string?, string?>("upper", text => text?.ToUpperInvariant(), isDeterministic: true);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        RegisterFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RegisterFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
