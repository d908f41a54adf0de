using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Core.Screening;
using Vigil.Matching;

namespace Vigil.Cli;

/// <summary>
/// `vigil screen`: a roster against the registry of prior misconduct, as spec/screening.md says.
/// Exit 0 on success (also when nothing matched), 2 on invalid input with the file, line and column
/// of the first fault and no output file left behind (an earlier run's file at --out is removed). A progress bar on a terminal, quiet otherwise.
/// </summary>
public static class ScreenCommand
{
    public static Command Create()
    {
        var roster = new Option<string?>("--roster") { Description = "Roster CSV: the people to screen (person_id, full_name, date_of_birth, nationality, id_numbers, category, unit)." };
        var registry = new Option<string?>("--registry") { Description = "Registry CSV of prior misconduct (record_id, full_name, aliases, date_of_birth, nationality, id_numbers, finding, case_reference)." };
        var output = new Option<string?>("--out") { Description = "Matches CSV to write (person_id, record_id, score, reasons)." };
        // A double read by OptionValues ("--threshold: 'abc' is not a number"); the range is checked here.
        var threshold = new Option<double?>("--threshold")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Lowest score reported, 0 to 1 (default {ScreeningOptions.DefaultThreshold:0.00}, chosen to favour recall; see docs/screening.md)."),
        };
        var command = new Command("screen", "Screen a roster against the registry of prior misconduct and write the candidate matches for adjudication.")
        {
            roster, registry, output, threshold,
        };
        command.SetAction(async (parse, ct) =>
        {
            var rosterPath = parse.GetValue(roster);
            var registryPath = parse.GetValue(registry);
            var outPath = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(rosterPath) || string.IsNullOrWhiteSpace(registryPath) || string.IsNullOrWhiteSpace(outPath))
            {
                return Invalid("give --roster, --registry and --out (see vigil screen --help).");
            }
            foreach (var (option, input) in new[] { ("--roster", rosterPath), ("--registry", registryPath) })
            {
                if (Directory.Exists(input))
                {
                    return Invalid($"{option} {input}: that is a directory; give the CSV file.");
                }
            }
            var (resolved, outError) = OutputPath.Resolve("--out", outPath, directoryMustExist: true);
            if (resolved is not { } outFull)
            {
                return Invalid(outError!);
            }
            if (SamePath(outFull, rosterPath) || SamePath(outFull, registryPath))
            {
                return Invalid("--out must not be the roster or the registry file.");
            }
            // From here --out is a file of its own: on invalid input, an earlier run's matches there are removed, so that
            // no output file is left behind to be read as this run's (spec/screening.md). Through a symbolic link that is
            // the file it leads to (where the matches are); the link itself stays.
            int InvalidInput(string message)
            {
                try
                {
                    File.Delete(outFull);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    message += $" (and the earlier --out file could not be removed: {e.GetType().Name})";
                }
                return Invalid(message);
            }
            var level = parse.GetValue(threshold) ?? ScreeningOptions.DefaultThreshold;
            if (!(level is >= 0 and <= 1))
            {
                return InvalidInput("--threshold must be a number from 0 to 1.");
            }

            // Both files are read at once (each parses its names on all cores); the registry's fault is
            // reported first when both have one, as when they were read one after the other.
            var registryTask = Task.Run(() => ScreeningFiles.ReadRegistryAsync(registryPath, ct), ct);
            var rosterTask = Task.Run(() => ScreeningFiles.ReadRosterAsync(rosterPath, ct), ct);
            var registryRead = await registryTask;
            var rosterRead = await rosterTask;
            if (registryRead.Error is { } registryError)
            {
                return InvalidInput(registryError.ToString());
            }
            if (rosterRead.Error is { } rosterError)
            {
                return InvalidInput(rosterError.ToString());
            }
            var people = rosterRead.Rows!.Select(r => r.Subject).ToList();
            var records = registryRead.Rows!.Select(r => r.Subject).ToList();
            // Today's date sets aside dates of birth nobody screened today could have (1900-01-01 placeholders, mistyped years).
            var options = new ScreeningOptions { Threshold = level, ScreeningDate = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime) };

            IReadOnlyList<ScreeningCandidate> matches;
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                matches = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"Screening {people.Count} people against {records.Count} records", maxValue: Math.Max(1, people.Count));
                        var progress = new Progress<int>(done => task.Value = done);
                        var result = await Task.Run(() => Screener.Screen(people, records, options, progress, ct), ct);
                        task.Value = task.MaxValue;
                        return result;
                    });
            }
            else
            {
                matches = await Task.Run(() => Screener.Screen(people, records, options, progress: null, ct), ct);
            }
            try
            {
                // Written to a temporary file beside the destination and moved into place, which is removed on failure: no partial file.
                await ScreeningFiles.WriteMatchesAsync(outFull, matches, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console2.Error(Console2.NotWritten("--out", outPath, e));
                return VigilCli.Failure;
            }
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"{matches.Count} candidate match(es) for {matches.Select(m => m.PersonId).Distinct(StringComparer.Ordinal).Count()} of {people.Count} people at threshold {level.ToString("0.00", CultureInfo.InvariantCulture)}: {outPath}");
            }
            return VigilCli.Ok;
        });
        return command;
    }

    private static int Invalid(string message)
    {
        // One line with the "error:" prefix, as every verb writes it (README).
        Console2.Error(message);
        return VigilCli.InvalidInput;
    }

    /// <summary>Whether two paths name one file once symbolic links (of the file or of a directory above it) are followed.</summary>
    private static bool SamePath(string full, string other) =>
        string.Equals(Resolved(full), Resolved(other), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// The full path with every symbolic link on it followed (a path that does not exist yet resolves as far as it exists).
    /// A loop of links stops after 40, as the kernel's does.
    /// </summary>
    internal static string Resolved(string path, int hops = 0)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            FileSystemInfo info = new FileInfo(current);
            if (info.LinkTarget is null && Directory.Exists(current))
            {
                info = new DirectoryInfo(current);
            }
            if (info.LinkTarget is null || hops >= 40)
            {
                continue;
            }
            try
            {
                if (info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    // The target may itself lie under a linked directory: resolve it with the rest of the path.
                    return Resolved(Path.Combine([target.FullName, .. parts[(i + 1)..]]), hops + 1);
                }
            }
            catch (IOException)
            {
                // A loop or a dangling link: compared as written from here.
            }
        }
        return current;
    }
}
