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
        var keyFile = new Option<string?>("--key-file") { Description = "The key file (default: VIGIL_KEY_FILE, else data-dir/vigil-keys.json)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Values re-sealed per transaction.", DefaultValueFactory = _ => 500 };

        var status = new Command("status", "Show the key versions in the key file and how many sealed values use each.");
        storage.AddTo(status);
        status.Add(keyFile);
        status.SetAction(async (parse, ct) =>
        {
            if (Open(parse, storage, keyFile) is not { } opened)
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
        rotate.Add(keyFile);
        rotate.Add(batchSize);
        rotate.SetAction(async (parse, ct) =>
        {
            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                Console2.Error($"--batch-size must be at least 1 (got {size}).");
                return VigilCli.InvalidInput;
            }
            if (Open(parse, storage, keyFile) is not { } opened)
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

    private static (StorageSettings Store, KeyRing Ring)? Open(ParseResult parse, StorageOptions storage, Option<string?> keyFile)
    {
        try
        {
            var (dataDir, store) = storage.Resolve(parse);
            var settings = new HostSettings { DataDirectory = dataDir, Storage = store, KeyFile = parse.GetValue(keyFile) };
            if (!File.Exists(settings.ResolvedKeyFile))
            {
                Console2.Error($"No key file at {settings.ResolvedKeyFile}.");
                return null;
            }
            return (store, KeyRing.Load(settings.ResolvedKeyFile));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console2.Error(e.Message);
            return null;
        }
    }
}
