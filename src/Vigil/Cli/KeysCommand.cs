using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Core.Security;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil keys status</c> and <c>vigil keys rotate [--batch-size N]</c>.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var batchSize = new Option<int>("--batch-size") { Description = "Values re-sealed per transaction.", DefaultValueFactory = _ => 500 };

        var status = new Command("status", "Show the key versions in the key file and how many sealed values use each.");
        storage.AddTo(status);
        status.SetAction(async (parse, ct) =>
        {
            if (await OpenAsync(parse, storage, writes: false, ct) is not { } opened)
            {
                return VigilCli.InvalidInput;
            }
            await using var db = new VigilDbContext(opened.Store.BuildOptions());
            var report = await new KeyRotation(db).StatusAsync(opened.Ring, ct);
            var table = new Table().AddColumns("version", "current", "values");
            foreach (var version in report.Versions)
            {
                table.AddRow(version.ToString(CultureInfo.InvariantCulture), version == report.Current ? "yes" : "", report.CountFor(version).ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            foreach (var orphan in report.Usage.Where(u => !report.Versions.Contains(u.Version)).Select(u => u.Version).Distinct())
            {
                Console2.Error($"{report.CountFor(orphan)} value(s) are sealed with version {orphan}, which the key file does not hold.");
            }
            return report.Usage.Any(u => !report.Versions.Contains(u.Version)) ? VigilCli.Failure : VigilCli.Ok;
        });

        var rotate = new Command("rotate", "Add a key version, re-seal every sealed value with it in batches, and retire the versions nothing uses any more. Resumes an interrupted rotation.");
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
            if (await OpenAsync(parse, storage, writes: true, ct) is not { } opened)
            {
                return VigilCli.InvalidInput;
            }
            await using var db = new VigilDbContext(opened.Store.BuildOptions());
            var rotation = new KeyRotation(db);
            RotationResult result;
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
            AnsiConsole.MarkupLineInterpolated(
                $"{(result.Resumed ? "Resumed rotation" : "Rotated")} to key version {result.Version}: {result.Resealed} value(s) re-sealed; retired {(result.Retired.Count == 0 ? "none" : string.Join(", ", result.Retired))}. Restart running hosts so that they write with the new version.");
            return VigilCli.Ok;
        });
        return new Command("keys", "Field encryption keys (the key file).") { status, rotate };
    }

    /// <summary>
    /// The database and its key file, or null after saying why not: no key file, no database (a SQLite file is never
    /// created here), or, for <paramref name="writes"/>, a key file that does not go with the database.
    /// </summary>
    private static async Task<(StorageSettings Store, KeyRing Ring)?> OpenAsync(ParseResult parse, StorageOptions storage, bool writes, CancellationToken ct)
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
            return (settings.Storage, KeyRing.Load(settings.ResolvedKeyFile));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console2.Error(e.Message);
            return null;
        }
    }
}
