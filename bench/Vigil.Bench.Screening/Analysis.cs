using System.Globalization;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>
/// Error analysis of a synthetic run: every true match missed at the threshold, split into "never
/// compared" (blocking missed it) and "compared, scored low" with its evidence; every false candidate
/// at the threshold grouped by its evidence, and whether the person was a planted same-name other.
/// </summary>
internal static class Analysis
{
    public static void Run(int registrySize, int rosterSize, int seed, double share, double threshold, int samples, TextWriter output, RosterScenario scenario = RosterScenario.RegistryLike)
    {
        var set = new Synthetic(seed, scenario).Generate(registrySize, rosterSize, trueShare: share, hardNegativeShare: share);
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        var frequencies = NamePartFrequencies.Build(registry.Concat(roster).Select(s => s.Names.AsEnumerable()));
        var scorer = new CandidateScorer(new NameComparer(frequencies), Synthetic.ScreeningDate);
        var index = new ScreeningIndex(registry, scorer);
        var rosterById = roster.ToDictionary(p => p.Id);
        var registryById = registry.Select((r, i) => (r, i)).ToDictionary(x => x.r.Id, x => x.i);
        var rawRoster = set.Roster.ToDictionary(p => p.Id);
        var rawRegistry = set.Registry.ToDictionary(p => p.Id);
        var causes = new Dictionary<string, List<string>>();
        void Note(string cause, string line)
        {
            if (!causes.TryGetValue(cause, out var list))
            {
                causes[cause] = list = [];
            }
            list.Add(line);
        }
        long compared = 0;
        foreach (var person in roster.Take(2000))
        {
            compared += index.Candidates(person).Count;
        }
        foreach (var (personId, recordId) in set.Truth)
        {
            var person = rosterById[personId];
            var r = registryById[recordId];
            var record = registry[r];
            var text = $"{rawRoster[personId].FullName} [{person.BirthDate} {person.Nationality}] vs {rawRegistry[recordId].FullName} [{record.BirthDate} {record.Nationality}] {string.Join('|', rawRegistry[recordId].Aliases)}";
            if (!index.Candidates(person).Contains(r))
            {
                Note("MISS not blocked", text);
                continue;
            }
            var c = scorer.Score(person, record);
            if (c is null)
            {
                Note("MISS name below 0.45", text);
                continue;
            }
            if (c.Score < threshold)
            {
                var namePart = c.Name.Score >= 0.9 ? "name≥0.9" : c.Name.Score >= 0.75 ? "name 0.75–0.9" : "name<0.75";
                Note($"MISS scored {namePart}, birth {c.BirthDate}, nationality {c.NationalityAgrees?.ToString() ?? "?"}", string.Create(CultureInfo.InvariantCulture, $"{c.Score:0.000} {text} :: {c.Reasons}"));
            }
        }
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = threshold, ScreeningDate = Synthetic.ScreeningDate });
        var hardNegatives = set.Roster.Where(p => !set.Truth.ContainsKey(p.Id)).Take(0);
        var falses = 0;
        foreach (var c in candidates)
        {
            if (set.Truth.TryGetValue(c.PersonId, out var rec) && rec == c.RecordId)
            {
                continue;
            }
            falses++;
            var namePart = c.Name.Score >= 0.9 ? "name≥0.9" : c.Name.Score >= 0.75 ? "name 0.75–0.9" : "name<0.75";
            Note($"FALSE {namePart}, birth {c.BirthDate}, nationality {c.NationalityAgrees?.ToString() ?? "?"}{(c.IdentifierMatched ? ", identifier" : "")}",
                string.Create(CultureInfo.InvariantCulture, $"{c.Score:0.000} {rawRoster[c.PersonId].FullName} [{rosterById[c.PersonId].BirthDate}] vs {rawRegistry[c.RecordId].FullName} [{registry[registryById[c.RecordId]].BirthDate}] :: {c.Reasons}"));
        }
        _ = hardNegatives;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {rosterSize}×{registrySize}, threshold {threshold:0.00}: {set.Truth.Count} true; false candidates {falses} ({falses * 200.0 / rosterSize:0.00} per 200); blocking mean {compared / 2000.0:0} records per person"));
        foreach (var (cause, lines) in causes.OrderBy(c => c.Key[..4]).ThenByDescending(c => c.Value.Count))
        {
            output.WriteLine($"{lines.Count,5} {cause}");
            foreach (var line in lines.Take(samples))
            {
                output.WriteLine($"        {line}");
            }
        }
    }
}
