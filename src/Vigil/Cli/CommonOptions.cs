using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary>Options shared by every verb that touches the database.</summary>
public sealed class StorageOptions
{
    public Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Directory for the SQLite file and local state (default ./data, or VIGIL_DATA_DIR).",
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = "PostgreSQL connection string (Host=…;Database=…) or postgres:// URI, or a SQLite .db file (default: VIGIL_DATABASE, else data-dir/vigil.db).",
    };

    public void AddTo(Command command)
    {
        command.Add(DataDir);
        command.Add(Database);
    }

    public (string DataDirectory, StorageSettings Storage) Resolve(ParseResult parse)
    {
        var dataDir = parse.GetValue(DataDir) is { Length: > 0 } d ? Path.GetFullPath(d) : HostSettings.DefaultDataDirectory;
        var database = parse.GetValue(Database) ?? Environment.GetEnvironmentVariable("VIGIL_DATABASE");
        return (dataDir, StorageSettings.Resolve(database, dataDir));
    }
}

internal static class Console2
{
    /// <summary>
    /// "--out PATH: could not be written (reason)." for an output file the system refused, so the operator
    /// sees which path and why rather than an exception's name (/proc, a read-only directory, a full disk).
    /// </summary>
    public static string NotWritten(string option, string path, Exception e)
    {
        var reason = e switch
        {
            UnauthorizedAccessException => "permission denied",
            FileNotFoundException or DirectoryNotFoundException => "a file cannot be created there",
            _ => e.Message,
        };
        return $"{option} {path}: could not be written ({reason}).";
    }

    public static void Error(string message) => AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");

    public static void Warning(string message) => AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {message}");
}
