using System.Diagnostics;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

internal static class Timing
{
    public static void Run(TextWriter output)
    {
        var set = new Synthetic(seed: 11).Generate(50000, 20000, trueShare: 0.01, hardNegativeShare: 0.01);
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        var sw = Stopwatch.StartNew();
        var freq = NamePartFrequencies.Build(registry.Concat(roster).Select(s => s.Names.AsEnumerable()));
        output.WriteLine($"freq {sw.ElapsedMilliseconds}"); sw.Restart();
        var scorer = new CandidateScorer(new NameComparer(freq));
        var index = new ScreeningIndex(registry, scorer);
        output.WriteLine($"index {sw.ElapsedMilliseconds}"); sw.Restart();
        long total = 0;
        var cands = new List<IReadOnlySet<int>>();
        foreach (var p in roster) { var c = index.Candidates(p); total += c.Count; cands.Add(c); }
        output.WriteLine($"blocking {sw.ElapsedMilliseconds} ms, {total} candidates"); sw.Restart();
        long kept = 0;
        for (var i = 0; i < roster.Count; i++) foreach (var r in cands[i]) if (scorer.Score(roster[i], index.Records[r], 0.65) is not null) kept++;
        output.WriteLine($"scoring {sw.ElapsedMilliseconds} ms, kept {kept}"); sw.Restart();
        long screened = 0;
        foreach (var p in roster) screened += index.Screen(p, ScreeningOptions.DefaultThreshold).Count;
        output.WriteLine($"screen path {sw.ElapsedMilliseconds} ms, {screened} kept"); sw.Restart();
        long dob = 0;
        for (var i = 0; i < roster.Count; i++) foreach (var r in cands[i]) if (BirthDateComparison.Compare(roster[i].BirthDate, index.Records[r].BirthDate) != BirthDateAgreement.Conflict) dob++;
        output.WriteLine($"dob only {sw.ElapsedMilliseconds} ms, non-conflict {dob}");
    }
}
