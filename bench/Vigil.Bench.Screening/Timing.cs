using System.Diagnostics;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>Where the time of a scale run goes: parsing, word frequencies, the index, blocking, scoring.</summary>
internal static class Timing
{
    public static void Run(TextWriter output, int rosterSize, int registrySize, int threads)
    {
        var set = Scale.Generate(rosterSize, registrySize);
        // The generated set is collected before the clock starts, so that its garbage is not counted against parsing.
        GC.Collect();
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        // CPU, then the garbage collector's share: collections of each generation, pause time and bytes allocated in the phase.
        string Cpu()
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            var (now0, now1, now2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var text = $"{(now - cpu).TotalMilliseconds:0} ms CPU; GC {now0 - collections.Item1}/{now1 - collections.Item2}/{now2 - collections.Item3} (gen 0/1/2), paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms, {(GC.GetTotalAllocatedBytes() - allocated) / (1 << 20)} MiB allocated";
            (cpu, pause, collections, allocated) = (now, GC.GetTotalPauseDuration(), (now0, now1, now2), GC.GetTotalAllocatedBytes());
            return text;
        }
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        output.WriteLine($"parse {sw.ElapsedMilliseconds} ms, {Cpu()}");
        sw.Restart();
        var freq = NamePartFrequencies.Build(registry.Concat(roster).Select(s => s.Names.AsEnumerable()));
        output.WriteLine($"frequencies {sw.ElapsedMilliseconds} ms, {Cpu()}");
        sw.Restart();
        var scorer = new CandidateScorer(new NameComparer(freq), Synthetic.ScreeningDate);
        var index = new ScreeningIndex(registry, scorer);
        output.WriteLine($"index {sw.ElapsedMilliseconds} ms, {Cpu()}");
        sw.Restart();
        long total = 0;
        Parallel.For(0, roster.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => 0L, (i, _, sum) => sum + index.Candidates(roster[i]).Count, sum => Interlocked.Add(ref total, sum));
        output.WriteLine($"blocking only {sw.ElapsedMilliseconds} ms, {Cpu()} ({threads} threads), {total / (double)roster.Count:0} candidates per person");
        sw.Restart();
        long kept = 0;
        Parallel.For(0, roster.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => 0L, (i, _, sum) => sum + index.Screen(roster[i], ScreeningOptions.DefaultThreshold).Count, sum => Interlocked.Add(ref kept, sum));
        output.WriteLine($"screen (blocking + scoring) {sw.ElapsedMilliseconds} ms, {Cpu()} ({threads} threads), {kept} kept");
    }
}

/// <summary>Where parsing time goes.</summary>
internal static class ParseTiming
{
    public static void Run(TextWriter output, int rosterSize, int registrySize)
    {
        var set = Scale.Generate(rosterSize, registrySize);
        var names = set.Registry.Concat(set.Roster).Select(p => p.FullName).ToList();
        for (var round = 0; round < 2; round++)
        {
            var sw = Stopwatch.StartNew();
            var letters = 0;
            foreach (var n in names)
            {
                letters += NameNormalizer.Normalize(n).Length;
            }
            output.WriteLine($"normalize {sw.ElapsedMilliseconds} ms ({letters})");
            sw.Restart();
            var parts = 0;
            foreach (var n in names)
            {
                parts += PersonName.Parse(n).Parts.Length;
            }
            output.WriteLine($"PersonName.Parse {sw.ElapsedMilliseconds} ms ({parts})");
            sw.Restart();
            var subjects = set.Registry.Concat(set.Roster).Select(p => p.ToSubject()).Count();
            output.WriteLine($"ToSubject {sw.ElapsedMilliseconds} ms ({subjects})");
        }
    }
}
