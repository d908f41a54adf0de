using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Security;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary>`vigil audit verify|checkpoint|checkpoints`: prove the audit log intact, and keep its checkpoints elsewhere.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var checkpointsFile = new Option<FileInfo?>("--checkpoints") { Description = "A file written earlier by `vigil audit checkpoints --out`, to check the database against." };
        var verify = new Command("verify", "Check the whole hash chain, the head record and every signed checkpoint. Exit 0 if intact; 1 names the first broken entry; 2 when it cannot be checked (database, key file or checkpoint file).") { checkpointsFile };
        storage.AddTo(verify);
        verify.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<ExportedCheckpoint>? exported = null;
            if (parse.GetValue(checkpointsFile) is { } file)
            {
                if (Directory.Exists(file.FullName))
                {
                    Console2.Error($"--checkpoints {file.FullName}: is a directory; give the file written by `vigil audit checkpoints --out`.");
                    return VigilCli.InvalidInput;
                }
                try
                {
                    exported = ExportedCheckpoint.ReadLines(await File.ReadAllLinesAsync(file.FullName, ct));
                }
                catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
                {
                    var reason = e switch
                    {
                        FileNotFoundException or DirectoryNotFoundException => "no such file",
                        UnauthorizedAccessException => "permission denied",
                        _ => e.Message,
                    };
                    Console2.Error($"--checkpoints {file.FullName}: {reason}");
                    return VigilCli.InvalidInput;
                }
                if (exported.Count == 0)
                {
                    // An empty file checks nothing: "Intact" would be a false comfort.
                    Console2.Error($"--checkpoints {file.FullName}: holds no checkpoint (`vigil audit checkpoints --out` writes one line per checkpoint).");
                    return VigilCli.InvalidInput;
                }
            }
            return await WithContextAsync(storage, parse, async (db, keys, settings) =>
            {
                var result = await new AuditVerifier(db, keys, TimeProvider.System, Witness(settings)).VerifyAsync(exported, ct);
                if (result.FirstBroken is not null && await KeyFileMismatchAsync(db, keys, ct) is { } mismatch)
                {
                    // Not tampering: this key file is not the database's own, so its MACs and signatures cannot match.
                    Console2.Error($"The key file {settings.ResolvedKeyFile} does not go with {settings.Storage.Describe()}: {mismatch}. The log cannot be checked with it: {KeyFileCheck.Remedy}.");
                    return VigilCli.InvalidInput;
                }
                var witnessed = result.WitnessSequence is { } seen
                    ? string.Create(CultureInfo.InvariantCulture, $" this data directory's witness saw entry {seen:N0}.")
                    : " this data directory holds no witness of this log.";
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"Audit log: {result.Entries:N0} entries (last {result.LastSequence:N0}), head {result.HeadHash ?? "(empty)"}; {result.Checkpoints:N0} signed checkpoint(s) in the database; {result.ExportedCheckpoints:N0} exported checkpoint(s) checked;{witnessed}");
                if (result.FirstBroken is { } broken)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]BROKEN[/] at entry {broken.Sequence}: {broken.What}");
                    foreach (var problem in result.Problems.Skip(1).Take(20))
                    {
                        Console.WriteLine($"  also {problem}");
                    }
                    return VigilCli.Failure;
                }
                AnsiConsole.MarkupLine("[green]Intact[/]: every entry links to the one before, the head and every checkpoint match.");
                return VigilCli.Ok;
            }, checkKeyFile: false, ct);
        });

        var output = new Option<FileInfo>("--out") { Description = "File to write (JSON lines, one checkpoint each, with the public key).", Required = true };
        var export = new Command("checkpoints", "Write every signed checkpoint to a file, to keep somewhere the database's administrators cannot reach.") { output };
        storage.AddTo(export);
        export.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!.FullName;
            if (OutputProblem("--out", path) is { } problem)
            {
                Console2.Error(problem);
                return VigilCli.InvalidInput;
            }
            return await WithContextAsync(storage, parse, async (db, keys, _) =>
            {
                var lines = await AuditExport.LinesAsync(db, keys, ct);
                try
                {
                    await File.WriteAllLinesAsync(path, lines, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console2.Error(Console2.NotWritten("--out", path, e));
                    return VigilCli.InvalidInput;
                }
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Wrote {lines.Count} checkpoint(s) to {path} (signing key {keys.Audit.KeyId}).");
                return VigilCli.Ok;
            }, checkKeyFile: true, ct);
        });

        var checkpoint = new Command("checkpoint", "Sign a checkpoint of the current head now (the host also writes one every hour and every 1,000 entries).");
        storage.AddTo(checkpoint);
        checkpoint.SetAction(async (parse, ct) => await WithContextAsync(storage, parse, async (db, keys, settings) =>
        {
            var writer = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions()), Witness(settings));
            var sequence = await writer.CheckpointAsync(db, ct);
            if (sequence is null)
            {
                AnsiConsole.MarkupLine("The audit log is empty: no checkpoint.");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Checkpoint at entry {sequence:N0}.");
            }
            return VigilCli.Ok;
        }, checkKeyFile: true, ct));

        return new Command("audit", "The tamper-evident audit log.") { verify, export, checkpoint };
    }

    /// <summary>
    /// Null when <paramref name="path"/> can be written as far as can be told beforehand (its directory exists and it is
    /// not a directory); otherwise why not, naming <paramref name="option"/>.
    /// </summary>
    internal static string? OutputProblem(string option, string path)
    {
        if (Directory.Exists(path))
        {
            return $"{option} {path}: is a directory; give a file name.";
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is not null && !Directory.Exists(directory) ? $"{option} {path}: the directory {directory} does not exist." : null;
    }

    /// <summary>
    /// Opens the database and the existing key file (never creates one: a new key could not verify anything). With
    /// <paramref name="checkKeyFile"/> (a verb that signs or exports with the key), a key file that does not go with the
    /// database is refused (<see cref="KeyFileCheck"/>); `verify` reports that as a broken head instead.
    /// </summary>
    private static async Task<int> WithContextAsync(StorageOptions storage, ParseResult parse, Func<VigilDbContext, KeyRing, HostSettings, Task<int>> work, bool checkKeyFile, CancellationToken ct)
    {
        HostSettings settings;
        try
        {
            settings = storage.Settings(parse);
        }
        catch (ArgumentException e)
        {
            Console2.Error(e.Message);
            return VigilCli.InvalidInput;
        }
        if (!File.Exists(settings.ResolvedKeyFile))
        {
            Console2.Error($"The key file {settings.ResolvedKeyFile} does not exist: {KeyFileCheck.Remedy}.");
            return VigilCli.InvalidInput;
        }
        if (settings.Storage.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.Storage.ConnectionString).DataSource))
        {
            // Opening it would create an empty file.
            Console2.Error($"{settings.Storage.Describe()}: no such database (give --database or --data-dir).");
            return VigilCli.InvalidInput;
        }
        if (checkKeyFile && !await StorageOptions.KeyFileFitsAsync(settings, ct))
        {
            return VigilCli.InvalidInput;
        }
        KeyRing keys;
        try
        {
            keys = KeyRing.Load(settings.ResolvedKeyFile);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console2.Error($"The key file {settings.ResolvedKeyFile} cannot be used: {e.Message}");
            return VigilCli.InvalidInput;
        }
        await using var db = new VigilDbContext(settings.Storage.BuildOptions());
        try
        {
            // A database that cannot be read is "cannot check" (2), never "broken" (1): a monitoring script must tell them apart.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                Console2.Error($"{settings.Storage.Describe()} has pending migrations (or is not a Vigil database): run `vigil db migrate` first.");
                return VigilCli.InvalidInput;
            }
            return await work(db, keys, settings);
        }
        catch (Exception e) when (e is System.Data.Common.DbException || (e is InvalidOperationException && e.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException))
        {
            Console2.Error($"{settings.Storage.Describe()}: {(e is InvalidOperationException && e.InnerException is { } inner ? inner.Message : e.Message)}");
            return VigilCli.InvalidInput;
        }
    }

    /// <summary>
    /// Why the key file is not the database's own, when the head's MAC fails because of it rather than an alteration:
    /// the stored checkpoints were all signed with another signing key, or (with no checkpoint) the key file does not
    /// open the sealed values either. Null when the key file is the database's (the failure is then tampering).
    /// </summary>
    private static async Task<string?> KeyFileMismatchAsync(VigilDbContext db, KeyRing keys, CancellationToken ct)
    {
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditHead.SingletonId, ct);
        if (head is null || System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(head.Mac, AuditHead.ComputeMac(keys.Audit.HeadKey, head.LastSequence, head.HeadHash)))
        {
            return null;
        }
        var signers = await db.AuditCheckpoints.AsNoTracking().Select(c => c.KeyId).Distinct().ToListAsync(ct);
        if (signers.Count > 0)
        {
            return signers.Contains(keys.Audit.KeyId)
                ? null
                : $"the audit head's MAC does not match its audit key, and every checkpoint was signed with another signing key ({string.Join(", ", signers.Order(StringComparer.Ordinal))}, not {keys.Audit.KeyId})";
        }
        return await new KeyRotation(db).FindUnopenableAsync(keys, thorough: false, ct) is { } value
            ? $"the audit head's MAC does not match its audit key, and {value}"
            : null;
    }

    /// <summary>The witness of the data directory (the newest head seen committed there), which hosts and verbs share.</summary>
    public static AuditWitness Witness(HostSettings settings) => new(Path.Combine(settings.DataDirectory, AuditWitness.FileName));

    /// <summary>Options for a command-line DbContext whose changes are audited as "system".</summary>
    public static DbContextOptions<VigilDbContext> AuditedOptions(HostSettings settings) => Audited(settings).Options;

    /// <summary>
    /// Options for a command-line DbContext whose changes are audited as "system", and the writer of its interceptor: an
    /// <see cref="AuditTrail"/> over the context built with it appends what a verb records inside a transaction with the
    /// transaction's rows (another writer's entries would wait for a commit it never sees).
    /// </summary>
    public static (DbContextOptions<VigilDbContext> Options, AuditWriter Writer) Audited(HostSettings settings)
    {
        var keys = KeyRing.LoadOrCreate(settings.ResolvedKeyFile);
        var writer = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions()), Witness(settings));
        var builder = new DbContextOptionsBuilder<VigilDbContext>();
        settings.Storage.Apply(builder);
        builder.AddInterceptors(new AuditInterceptor(writer, SystemActor.Instance, TimeProvider.System));
        return (builder.Options, writer);
    }
}
