using System.Diagnostics;
using System.Globalization;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>Throughput and memory of a full screening run.</summary>
internal static class Scale
{
    public static void Run(int rosterSize, int registrySize, int threads, TextWriter output)
    {
        var set = new Synthetic(seed: 11).Generate(registrySize, rosterSize, trueShare: 0.01, hardNegativeShare: 0.01);
        // Parsing is part of the run: the CLI parses the same rows.
        var clock = Stopwatch.StartNew();
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        var parsed = clock.Elapsed;
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads });
        clock.Stop();
        var found = candidates.Count(c => set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| scale {rosterSize:N0} × {registrySize:N0}, {threads} threads | parse {parsed.TotalSeconds:0.00} s | total {clock.Elapsed.TotalSeconds:0.00} s | peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB | {candidates.Count} candidates at {ScreeningOptions.DefaultThreshold:0.00}; recall {found / (double)set.Truth.Count:0.000} |"));
    }
}
