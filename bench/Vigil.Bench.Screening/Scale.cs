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
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var timed = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads });
        clock.Stop();
        var screening = clock.Elapsed - parsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var probe = new ScreeningIndex(registry, new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform)));
        var blocked = roster.Take(2000).Select(p => probe.Candidates(p).Count).Order().ToList();
        var blocking = string.Create(CultureInfo.InvariantCulture, $"blocking: mean {blocked.Average():0} records per person (95th percentile {blocked[blocked.Count * 95 / 100]}, max {blocked[^1]}) of {registry.Count:N0}");
        // Quality at every threshold: a second, untimed run at the lowest.
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads, Threshold = Quality.Thresholds[0] });
        foreach (var threshold in Quality.Thresholds)
        {
            var kept = candidates.Where(c => c.Score >= threshold).ToList();
            var tp = kept.Count(c => set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId);
            output.WriteLine(new Metrics(tp, kept.Count - tp, set.Truth.Count - tp).Row($"synthetic {rosterSize}×{registrySize}", threshold,
                string.Create(CultureInfo.InvariantCulture, $"{set.Truth.Count} true, {set.HardNegatives} same-name others; {(kept.Count - tp) * 200.0 / rosterSize:0.00} false per 200 screened")));
        }
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| scale {rosterSize:N0} × {registrySize:N0}, {threads} threads | parse {parsed.TotalSeconds:0.00} s | screen {screening.TotalSeconds:0.00} s ({cpu.TotalSeconds:0.00} s CPU) | total {clock.Elapsed.TotalSeconds:0.00} s | peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB | {timed.Count} candidates at {ScreeningOptions.DefaultThreshold:0.00} | {blocking} |"));
    }
}
