using System.Text.Json;
using Vigil.Cli;

namespace Vigil.Tests;

/// <summary>`vigil rotation plan` as spec/rotation.md describes it: exit 0 with a plan written, 2 on an invalid problem.</summary>
public sealed class RotationCommandTests : IDisposable
{
    private const string Problem = """
        {
          "horizon": { "start": "2027-01-01", "periods": 3, "periodMonths": 1 },
          "rules": { "maxConsecutivePeriods": 2, "minPeriodsBeforeReturn": 1, "crossMissionMoves": false,
                     "weights": { "uncovered": 100000, "languageGap": 500, "move": 200, "travelKm": 1 } },
          "sites": [
            { "id": "M-A", "mission": "M", "name": "A", "lat": 0, "lon": 0 },
            { "id": "M-B", "mission": "M", "name": "B", "lat": 0, "lon": 1 }
          ],
          "officers": [ { "id": "CDO-1", "mission": "M", "nationality": "KEN", "currentSite": "M-A", "periodsAtCurrentSite": 2 } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-rotation-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Plan_ValidProblem_WritesThePlan_AndExits0()
    {
        var problem = Write("problem.json", Problem);
        var plan = Path.Combine(_directory, "plan.json");
        Assert.Equal(0, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", plan, "--time-limit", "10", "--threads", "1"]));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(plan, TestContext.Current.CancellationToken));
        Assert.Equal("OPTIMAL", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(300622, json.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("postings").GetArrayLength());
    }

    [Fact]
    public async Task Plan_OutIsAPipe_Exits2_OutCannotBeWritten_FailsBeforePlanning_ALinkIsWrittenThrough()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes, symbolic links and /proc as on Linux");
        var problem = Write("problem.json", Problem);
        var pipe = Path.Combine(_directory, "pipe");
        Assert.Equal(0, Mono.Unix.Native.Syscall.mkfifo(pipe, Mono.Unix.Native.FilePermissions.DEFFILEMODE));
        Assert.Equal(2, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", pipe, "--time-limit", "10"]));
        Assert.True(new Mono.Unix.UnixFileInfo(pipe).FileType == Mono.Unix.FileTypes.Fifo);

        // Checked before planning: with a week's time limit, a path that cannot be written would otherwise wait a week.
        Assert.Equal(1, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", "/proc/vigil-plan.json", "--time-limit", "604800"]));

        var target = Write("target.json", "old");
        var link = Path.Combine(_directory, "link.json");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(0, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", link, "--time-limit", "10", "--threads", "1"]));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal("OPTIMAL", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));
    }

    [Fact]
    public async Task Plan_InfeasibleProblem_StillWritesAPlan_AndExits0()
    {
        var problem = Write("problem.json", Problem.Replace("\"periodsAtCurrentSite\": 2 }", "\"periodsAtCurrentSite\": 2 } ], \"pinned\": [ { \"officer\": \"CDO-1\", \"period\": 0, \"site\": \"M-A\" }", StringComparison.Ordinal));
        var plan = Path.Combine(_directory, "plan.json");
        Assert.Equal(0, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", plan, "--time-limit", "10", "--threads", "1"]));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(plan, TestContext.Current.CancellationToken));
        Assert.Equal("INFEASIBLE", json.RootElement.GetProperty("status").GetString());
        Assert.NotEqual(0, json.RootElement.GetProperty("infeasible").GetArrayLength());
        // "objective and bound are null", and the breakdown, which sums to the objective, with them.
        foreach (var field in new[] { "objective", "bound", "breakdown" })
        {
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task Plan_TenThousandSites_EndsWithinTheTimeLimit_AndSolveSecondsIsTheRealTime()
    {
        // The most sites ProblemLimits allows, one officer, one period: it took 65 s and 1.6 GB with --time-limit 2
        // (the table of every pair of sites was built before the planner's clock started), and said 2.7 s.
        var random = new Random(4);
        var sites = string.Join(",\n", Enumerable.Range(0, 10_000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{ "id": "M-S{{i}}", "mission": "M", "lat": {{(random.NextDouble() * 15) - 5:0.0000}}, "lon": {{15 + (random.NextDouble() * 15):0.0000}} }""")));
        var problem = Write("huge.json", $$"""
            { "horizon": { "start": "2027-01-01", "periods": 1 },
              "rules": { "maxConsecutivePeriods": 6, "minPeriodsBeforeReturn": 12, "weights": { "uncovered": 100000, "languageGap": 500, "move": 200, "travelKm": 1 } },
              "sites": [ {{sites}} ],
              "officers": [ { "id": "CDO-1", "mission": "M", "nationality": "KEN", "currentSite": "M-S5", "periodsAtCurrentSite": 2 } ] }
            """);
        var plan = Path.Combine(_directory, "plan.json");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", plan, "--time-limit", "2", "--threads", "1"]));
        var wall = watch.Elapsed.TotalSeconds;
        Assert.True(wall < 4, $"took {wall:0.0} s with a limit of 2 s");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(plan, TestContext.Current.CancellationToken));
        Assert.Equal(1, json.RootElement.GetProperty("postings").GetArrayLength());
        Assert.InRange(json.RootElement.GetProperty("solveSeconds").GetDouble(), 0, 2.2);
    }

    [Fact]
    public async Task Plan_UnknownSite_Exits2_AndWritesNothing()
    {
        var problem = Write("problem.json", Problem.Replace("\"currentSite\": \"M-A\"", "\"currentSite\": \"X\"", StringComparison.Ordinal));
        var plan = Path.Combine(_directory, "plan.json");
        Assert.Equal(2, await VigilCli.RunAsync(["rotation", "plan", "--problem", problem, "--out", plan]));
        Assert.False(File.Exists(plan));
    }

    [Theory]
    // Each was an unhandled exception with a stack trace before (a time limit TimeSpan cannot hold, a directory as --out).
    [InlineData("--time-limit", "1e308")]
    [InlineData("--time-limit", "0")]
    [InlineData("--threads", "100000")]
    [InlineData("--out", "DIRECTORY")]
    [InlineData("--problem", "DIRECTORY")]
    // The plan would have overwritten the problem it came from.
    [InlineData("--out", "PROBLEM")]
    public async Task Plan_BadOption_Exits2_BeforePlanning_AndWritesNothing(string option, string value)
    {
        var problem = Write("problem.json", Problem);
        var plan = Path.Combine(_directory, "plan.json");
        string[] args = ["rotation", "plan", "--problem", problem, "--out", plan, "--time-limit", "10", "--threads", "1"];
        var at = Array.IndexOf(args, option);
        args[at + 1] = value switch { "DIRECTORY" => _directory, "PROBLEM" => problem, _ => value };
        Assert.Equal(2, await VigilCli.RunAsync(args));
        Assert.Equal(Problem, await File.ReadAllTextAsync(problem, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(plan));
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));
    }

    [Fact]
    public async Task Plan_MissingProblemFile_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["rotation", "plan", "--problem", Path.Combine(_directory, "none.json"), "--out", Path.Combine(_directory, "plan.json")]));
}
