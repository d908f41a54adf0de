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

/// <summary><c>vigil keys status</c>, <c>vigil keys rotate [--batch-size N]</c> and <c>vigil keys retire</c>.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var batchSize = new Option<int>("--batch-size") { Description = "Values re-sealed per transaction.", DefaultValueFactory = _ => 500 };

        var status = new Command("status", "Show the key versions in the key file and how many sealed values use each; exit 2 if the key file does not open the data.");
        storage.AddTo(status);
        status.SetAction(async (parse, ct) => await WithDatabaseAsync(parse, storage, writes: false, async (opened, db) =>
        {
            var rotation = new KeyRotation(db);
            var report = await rotation.StatusAsync(opened.Ring, ct);
            var table = new Table().AddColumns("version", "current", "values", "superseded");
            foreach (var version in report.Versions)
            {
                table.AddRow(version.ToString(CultureInfo.InvariantCulture), version == report.Current ? "yes" : "",
                    report.CountFor(version).ToString(CultureInfo.InvariantCulture),
                    opened.Ring.SupersededAt(version) is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "");
            }
            AnsiConsole.Write(table);
            var orphans = report.Usage.Where(u => !report.Versions.Contains(u.Version)).Select(u => u.Version).Distinct().Order().ToList();
            foreach (var orphan in orphans)
            {
                Console2.Error($"{report.CountFor(orphan)} value(s) are sealed with version {orphan}, which the key file {opened.KeyFile} does not hold: it does not go with {opened.Store.Describe()}.");
            }
            if (orphans.Count > 0)
            {
                return VigilCli.InvalidInput;
            }
            // One value of every version in every column: a key file whose version number matches but whose key does not.
            if (await KeyFileCheck.OpensDataProblemAsync(db, opened.Ring, opened.KeyFile, opened.Store.Describe(), thorough: true, ct) is { } problem)
            {
                Console2.Error(problem);
                return VigilCli.InvalidInput;
            }
            return VigilCli.Ok;
        }, ct));

        var rotate = new Command("rotate", "Add a key version, re-seal every sealed value with it in batches, and retire the versions nothing uses any more (superseded more than 10 minutes ago). Resumes an interrupted rotation.");
        storage.AddTo(rotate);
        rotate.Add(batchSize);
        rotate.SetAction(async (parse, ct) =>
        {
            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                Console2.Error($"--batch-size must be at least 1 (got {size}).");
                return VigilCli.InvalidInput;
            }
            return await WithDatabaseAsync(parse, storage, writes: true, async (opened, db) =>
            {
                var rotation = Audited(opened, db);
                RotationResult result;
                try
                {
                    if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                    {
                        result = await AnsiConsole.Progress()
                            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                            .StartAsync(async context =>
                            {
                                var task = context.AddTask("Re-sealing", maxValue: 1);
                                var progress = new Progress<RotationProgress>(p =>
                                {
                                    task.MaxValue = Math.Max(1, p.Total);
                                    task.Value = p.Done;
                                    task.Description = $"Re-sealing {p.Where}";
                                });
                                var (outcome, _) = await rotation.RotateAsync(opened.Ring, size, progress, ct);
                                task.Value = task.MaxValue;
                                return outcome;
                            });
                    }
                    else
                    {
                        (result, _) = await rotation.RotateAsync(opened.Ring, size, progress: null, ct);
                    }
                }
                catch (KeyRotationException e)
                {
                    // Before any change: the key file does not go with the data (2). During the run: a value that the
                    // checked key opens no more was altered or damaged (1).
                    Console2.Error(e.BeforeAnyChange ? $"The key file {opened.KeyFile} does not open the data of {opened.Store.Describe()}: {e.Message}" : e.Message);
                    return e.BeforeAnyChange ? VigilCli.InvalidInput : VigilCli.Failure;
                }
                AnsiConsole.MarkupLineInterpolated(
                    $"{(result.Resumed ? "Resumed rotation" : "Rotated")} to key version {result.Version}: {result.Resealed} value(s) re-sealed; {result.DescribeRetirement()}. Running hosts follow within seconds; restart them anyway.");
                return VigilCli.Ok;
            }, ct);
        });

        var retire = new Command("retire", "Remove from the key file the versions that are not current, that no value uses and that were superseded more than 10 minutes ago. Adds and re-seals nothing.");
        storage.AddTo(retire);
        retire.SetAction(async (parse, ct) => await WithDatabaseAsync(parse, storage, writes: true, async (opened, db) =>
        {
            var (result, ring) = await Audited(opened, db).RetireAsync(opened.Ring, ct);
            AnsiConsole.MarkupLineInterpolated($"Key version {ring.CurrentFieldKeyVersion} is current; {result.Describe()}.");
            return VigilCli.Ok;
        }, ct));
        return new Command("keys", "Field encryption keys (the key file).") { status, rotate, retire };
    }

    /// <summary>A rotation whose versions added and runs are written to the audit log as "system".</summary>
    private static KeyRotation Audited((StorageSettings Store, KeyRing Ring, string KeyFile, HostSettings Settings) opened, VigilDbContext db)
    {
        var writer = new AuditWriter(opened.Ring, TimeProvider.System, Options.Create(new AuditOptions()), AuditCommand.Witness(opened.Settings));
        return new KeyRotation(db, TimeProvider.System, new AuditTrail(db, writer, SystemActor.Instance, TimeProvider.System));
    }

    /// <summary>
    /// Opens the database and its key file and runs <paramref name="work"/>; every failure to reach or read the database
    /// is one line naming it, exit 2 (an unreachable server, a file that is not a database, a database without Vigil's
    /// tables or with pending migrations).
    /// </summary>
    private static async Task<int> WithDatabaseAsync(ParseResult parse, StorageOptions storage, bool writes,
        Func<(StorageSettings Store, KeyRing Ring, string KeyFile, HostSettings Settings), VigilDbContext, Task<int>> work, CancellationToken ct)
    {
        if (await OpenAsync(parse, storage, writes, ct) is not { } opened)
        {
            return VigilCli.InvalidInput;
        }
        var database = opened.Store.Describe();
        try
        {
            // Writes go through the audit interceptor (the TOTP secrets re-sealed are recorded as "system").
            await using var db = new VigilDbContext(writes ? AuditCommand.AuditedOptions(opened.Settings) : opened.Store.BuildOptions());
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                Console2.Error($"{database} has pending migrations (or is not a Vigil database): run `vigil db migrate` first.");
                return VigilCli.InvalidInput;
            }
            return await work(opened, db);
        }
        catch (Exception e) when (e is System.Data.Common.DbException || (e is InvalidOperationException && e.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException))
        {
            Console2.Error($"{database}: {(e.InnerException is { } inner && e is InvalidOperationException ? inner.Message : e.Message)}");
            return VigilCli.InvalidInput;
        }
    }

    /// <summary>
    /// The database and its key file, or null after saying why not: no key file, no database (a SQLite file is never
    /// created here), or, for <paramref name="writes"/>, a key file that does not go with the database.
    /// </summary>
    private static async Task<(StorageSettings Store, KeyRing Ring, string KeyFile, HostSettings Settings)?> OpenAsync(ParseResult parse, StorageOptions storage, bool writes, CancellationToken ct)
    {
        try
        {
            var settings = storage.Settings(parse);
            if (!File.Exists(settings.ResolvedKeyFile))
            {
                Console2.Error($"No key file at {settings.ResolvedKeyFile}: {KeyFileCheck.Remedy}.");
                return null;
            }
            if (settings.Storage.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.Storage.ConnectionString).DataSource))
            {
                Console2.Error($"{settings.Storage.Describe()}: no such database (give --database or --data-dir).");
                return null;
            }
            if (writes && !await StorageOptions.KeyFileFitsAsync(settings, ct))
            {
                return null;
            }
            return (settings.Storage, KeyRing.Load(settings.ResolvedKeyFile), settings.ResolvedKeyFile, settings);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console2.Error(e.Message);
            return null;
        }
    }
}
