using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vigil.Planning;

namespace Vigil.Cli;

/// <summary>`vigil rotation plan`: plan officer rotations from a problem file (spec/rotation.md).</summary>
public static class RotationCommand
{
    public static Command Create()
    {
        const double MaxSeconds = 7 * 24 * 3600;
        const int MaxThreads = 256;
        var problemOption = new Option<FileInfo>("--problem") { Description = "The problem file (JSON, spec/rotation.md).", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "Where to write the plan (JSON).", Required = true };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds to search.", DefaultValueFactory = _ => 60 };
        var threads = new Option<int>("--threads") { Description = "Solver threads (the default is the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var plan = new Command("plan", "Plan postings for every officer and period: exit 0 when a plan was written (whatever its status), 2 on an invalid problem.")
        {
            problemOption, outOption, timeLimit, threads,
        };
        plan.SetAction((parse, ct) =>
        {
            var problemFile = parse.GetValue(problemOption)!;
            var outFile = parse.GetValue(outOption)!;
            var seconds = parse.GetValue(timeLimit);
            var workers = parse.GetValue(threads);
            if (!(seconds > 0) || seconds > MaxSeconds)
            {
                Console2.Error($"--time-limit must be a positive number of seconds, at most {MaxSeconds:0} (a week).");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            if (workers is < 1 or > MaxThreads)
            {
                Console2.Error($"--threads must be from 1 to {MaxThreads}.");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            var (outPath, outError) = OutputPath.Resolve("--out", outFile.FullName, directoryMustExist: false);
            if (outPath is null)
            {
                Console2.Error(outError!);
                return Task.FromResult(VigilCli.InvalidInput);
            }
            if (Directory.Exists(problemFile.FullName))
            {
                Console2.Error($"--problem {problemFile.FullName}: that is a directory; give the problem file.");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            if (!problemFile.Exists)
            {
                Console2.Error($"--problem {problemFile.FullName}: no such file.");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            if (string.Equals(Path.GetFullPath(problemFile.FullName), outPath, StringComparison.Ordinal))
            {
                // The plan would replace the only copy of the problem it was planned from.
                Console2.Error($"--out {outFile.FullName}: that is the problem file; give another file name for the plan.");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            var read = ProblemReader.ReadFile(problemFile.FullName);
            if (read.Error is { } error)
            {
                Console2.Error($"{problemFile.Name}: {error}");
                return Task.FromResult(VigilCli.InvalidInput);
            }
            var options = new PlannerOptions
            {
                TimeLimit = TimeSpan.FromSeconds(seconds),
                Threads = workers,
                Progress = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected ? new TerminalProgress() : null,
            };
            // All or nothing: the plan goes to a temporary file beside the destination, which replaces it only once complete.
            // The temporary file is made before planning, so that a path that cannot be written fails at once, not after
            // the whole time limit.
            var temporary = outPath + ".partial";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
                File.WriteAllText(temporary, "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console2.Error(Console2.NotWritten("--out", outFile.FullName, e));
                return Task.FromResult(VigilCli.Failure);
            }
            var result = RotationPlanner.Plan(read.Problem!, options, ct);
            try
            {
                File.WriteAllText(temporary, PlanJson.Write(result));
                File.Move(temporary, outPath, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDelete(temporary);
                Console2.Error(Console2.NotWritten("--out", outFile.FullName, e));
                return Task.FromResult(VigilCli.Failure);
            }
            var summary = result.Objective is { } objective
                ? string.Create(CultureInfo.InvariantCulture, $"{result.Status.ToString().ToUpperInvariant()}: objective {objective:N0}, bound {result.Bound:N0}, {result.Uncovered.Sum(u => u.Missing)} uncovered officer-period(s), {result.SolveSeconds:0.0} s")
                : $"{result.Status.ToString().ToUpperInvariant()}: no plan";
            Console.WriteLine($"{summary} -> {outFile.FullName}");
            if (ct.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: the planner returns its best plan so far, which is written like any other.
                Console.Error.WriteLine("vigil rotation plan: interrupted; the plan written is the best found before the interruption.");
            }
            foreach (var reason in result.Infeasible)
            {
                Console.WriteLine("  " + reason);
            }
            return Task.FromResult(VigilCli.Ok);
        });
        return new Command("rotation", "Rotation planning for conduct and discipline officers.") { plan };
    }

    /// <summary>Best objective and bound over time, at most one line a second.</summary>
    private sealed class TerminalProgress : IProgress<PlanProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(PlanProgress value)
        {
            lock (_gate)
            {
                if (_sinceLast.Elapsed < TimeSpan.FromSeconds(1))
                {
                    return;
                }
                _sinceLast.Restart();
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"[grey]{value.ElapsedSeconds,6:0.0} s[/]  objective [bold]{value.Objective,14:N0}[/]  bound {value.Bound,14:N0}  [grey]{value.Stage}[/]");
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under its .partial name, which no reader takes for a plan.
        }
    }
}
