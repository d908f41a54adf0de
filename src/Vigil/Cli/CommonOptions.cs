using System.CommandLine;
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

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "The key file (default: VIGIL_KEY_FILE, else data-dir/vigil-keys.json). It must be the one that goes with the database.",
    };

    public void AddTo(Command command)
    {
        command.Add(DataDir);
        command.Add(Database);
        command.Add(KeyFile);
    }

    /// <summary>The data directory and database; a --data-dir that is a file throws <see cref="ArgumentException"/> naming it.</summary>
    public (string DataDirectory, StorageSettings Storage) Resolve(ParseResult parse)
    {
        var dataDir = parse.GetValue(DataDir) is { Length: > 0 } d ? Path.GetFullPath(d) : HostSettings.DefaultDataDirectory;
        if (File.Exists(dataDir))
        {
            throw new ArgumentException($"--data-dir {dataDir}: is a file, not a directory.");
        }
        var database = parse.GetValue(Database) ?? Environment.GetEnvironmentVariable("VIGIL_DATABASE");
        return (dataDir, StorageSettings.Resolve(database, dataDir));
    }

    /// <summary>The host settings of a verb: data directory, database and key file from the options.</summary>
    public HostSettings Settings(ParseResult parse)
    {
        var (dataDir, store) = Resolve(parse);
        var keyFile = parse.GetValue(KeyFile) is { Length: > 0 } k ? Path.GetFullPath(k) : null;
        return new HostSettings { DataDirectory = dataDir, Storage = store, KeyFile = keyFile };
    }

    /// <summary>
    /// <see cref="KeyFileCheck"/> for a verb about to write audited rows or read sealed fields: prints the refusal and
    /// returns false when the key file does not go with the database.
    /// </summary>
    public static async Task<bool> KeyFileFitsAsync(HostSettings settings, CancellationToken ct)
    {
        if (await KeyFileCheck.ProblemAsync(settings, ct) is { } problem)
        {
            Console2.Error(problem);
            return false;
        }
        return true;
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

    /// <summary>
    /// "error: …" on standard error, as one line whatever its length: tools that read the first line of stderr get the
    /// whole message (Spectre wrapped it at 80 columns when the output was not a terminal). Only the prefix is coloured,
    /// and only when standard error is a terminal.
    /// </summary>
    public static void Error(string message) => WriteLine("error", "\e[31m", message);

    public static void Warning(string message) => WriteLine("warning", "\e[33m", message);

    private static void WriteLine(string label, string colour, string message)
    {
        var prefix = Console.IsErrorRedirected ? label + ":" : $"{colour}{label}:\e[0m";
        Console.Error.WriteLine($"{prefix} {OneLine(message)}");
    }

    /// <summary>Line breaks (and other control characters) in a message become spaces, so that it stays one line.</summary>
    internal static string OneLine(string message) =>
        string.Create(message.Length, message, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
            }
        });
}

/// <summary>
/// The file a CLI's --out names, checked before any work: the file itself, or the file a symbolic link there leads to
/// (written through: the link stays a link). A directory, a device, a pipe or a socket is refused in words, so that the
/// write-then-rename never replaces /dev/null or a terminal with a file (as root it would), and nothing is deleted there.
/// </summary>
internal static class OutputPath
{
    public static (string? Path, string? Error) Resolve(string option, string path, bool directoryMustExist)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
            if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
            {
                full = target.FullName;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"{option} {path}: the path cannot be followed ({e.Message}).");
        }
        if (Directory.Exists(full))
        {
            return (null, $"{option} {path}: that is a directory; give a file name.");
        }
        if (!IsRegularOrAbsent(path) || !IsRegularOrAbsent(full))
        {
            return (null, $"{option} {path}: that is not a regular file (a device, a pipe or a socket); give a file name.");
        }
        if (directoryMustExist && !Directory.Exists(Path.GetDirectoryName(full)))
        {
            return (null, $"{option} {path}: the directory does not exist.");
        }
        return (full, null);
    }

    /// <summary>
    /// Whether the path, its links followed by the kernel (stat, not lstat), is a regular file or nothing: /dev/stdout
    /// into a pipe leads to "pipe:[N]", which is no path, so the link's own target says nothing; stat does.
    /// </summary>
    private static bool IsRegularOrAbsent(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }
        try
        {
            var info = new Mono.Unix.UnixFileInfo(path);
            return !info.Exists || info.IsRegularFile;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            // Mono.Unix has no native library for this system (musl): the check is skipped, as on Windows.
            return true;
        }
    }
}
