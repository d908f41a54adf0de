using System.Diagnostics;
using System.Globalization;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>Throughput, memory and accuracy of a full screening run.</summary>
internal static class Scale
{
    /// <summary>The scale data set: 1 % of the roster true matches, 1 % same-name others (seed fixed).</summary>
    public static SyntheticSet Generate(int rosterSize, int registrySize, RosterScenario scenario = RosterScenario.RegistryLike) =>
        new Synthetic(seed: 11, scenario).Generate(registrySize, rosterSize, trueShare: 0.01, hardNegativeShare: 0.01);

    /// <summary>The suffix that names a scenario in a table row: nothing for the registry-like (hard) roster.</summary>
    public static string Label(RosterScenario scenario) => scenario == RosterScenario.DeploymentRoster ? " deployment roster" : "";

    /// <summary>Accuracy only (untimed) of a set at every threshold.</summary>
    public static void Accuracy(SyntheticSet set, RosterScenario scenario, int threads, TextWriter output)
    {
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads, Threshold = Quality.Thresholds[0], ScreeningDate = Synthetic.ScreeningDate });
        foreach (var threshold in Quality.Thresholds)
        {
            var kept = candidates.Where(c => c.Score >= threshold).ToList();
            var tp = kept.Count(c => set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId);
            output.WriteLine(new Metrics(tp, kept.Count - tp, set.Truth.Count - tp).Row($"synthetic {roster.Count}×{registry.Count}{Label(scenario)}", threshold,
                string.Create(CultureInfo.InvariantCulture, $"{set.Truth.Count} true, {set.HardNegatives} same-name others; {(kept.Count - tp) * 200.0 / roster.Count:0.00} false per 200 screened")));
        }
    }

    /// <summary>Screens the set at the default threshold (timed), prints accuracy per threshold, and returns the engine's line of the scale table.</summary>
    public static ScaleRow Run(SyntheticSet set, int threads, TextWriter output)
    {
        var rosterSize = set.Roster.Count;
        var registrySize = set.Registry.Count;
        // Parsing is part of the run: the CLI parses the same rows, on as many threads (ScreeningFiles).
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var registry = ParseAll(set.Registry, threads);
        var roster = ParseAll(set.Roster, threads);
        var parsed = clock.Elapsed;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var timed = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads, ScreeningDate = Synthetic.ScreeningDate });
        clock.Stop();
        var screening = clock.Elapsed - parsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var parseCpu = cpuBefore - cpuStart;
        var probe = new ScreeningIndex(registry, new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform), Synthetic.ScreeningDate));
        var blocked = roster.Take(2000).Select(p => probe.Candidates(p).Count).Order().ToList();
        var blocking = string.Create(CultureInfo.InvariantCulture, $"blocking: mean {blocked.Average():0} records per person (95th percentile {blocked[blocked.Count * 95 / 100]}, max {blocked[^1]}) of {registry.Count:N0}");
        // Quality at every threshold: a second, untimed run at the lowest.
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { MaxDegreeOfParallelism = threads, Threshold = Quality.Thresholds[0], ScreeningDate = Synthetic.ScreeningDate });
        foreach (var threshold in Quality.Thresholds)
        {
            var kept = candidates.Where(c => c.Score >= threshold).ToList();
            var tp = kept.Count(c => set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId);
            output.WriteLine(new Metrics(tp, kept.Count - tp, set.Truth.Count - tp).Row($"synthetic {rosterSize}×{registrySize}", threshold,
                string.Create(CultureInfo.InvariantCulture, $"{set.Truth.Count} true, {set.HardNegatives} same-name others; {(kept.Count - tp) * 200.0 / rosterSize:0.00} false per 200 screened")));
        }
        using var process = Process.GetCurrentProcess();
        var found = timed.Count(c => set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId);
        var metrics = new Metrics(found, timed.Count - found, set.Truth.Count - found);
        var notes = string.Create(CultureInfo.InvariantCulture,
            $"threshold {ScreeningOptions.DefaultThreshold:0.00}; parse {parsed.TotalSeconds:0.00} s ({parseCpu.TotalSeconds:0.00} s CPU, {threads} threads) + screen {screening.TotalSeconds:0.00} s ({cpu.TotalSeconds:0.00} s CPU, {threads} threads); peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB; {blocking}");
        return new ScaleRow("Vigil engine (names, date, nationality, identifiers)", $"{rosterSize:N0} (all) × {registrySize:N0}", clock.Elapsed.TotalSeconds, false, metrics,
            (timed.Count - found) * 200.0 / rosterSize, notes);
    }

    /// <summary>Every person's subject (names parsed), in order, on <paramref name="threads"/> threads.</summary>
    private static List<ScreeningSubject> ParseAll(List<SyntheticPerson> people, int threads)
    {
        var subjects = new ScreeningSubject[people.Count];
        Parallel.For(0, people.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => subjects[i] = people[i].ToSubject());
        return [.. subjects];
    }
}
