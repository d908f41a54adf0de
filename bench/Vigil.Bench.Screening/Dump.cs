using System.Globalization;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>Every candidate of a synthetic run at threshold 0 with its evidence, as CSV, for studying the score's calibration offline.</summary>
internal static class Dump
{
    public static void Run(int registrySize, int rosterSize, int seed, double share, double threshold, string path, RosterScenario scenario = RosterScenario.RegistryLike)
    {
        var set = new Synthetic(seed, scenario).Generate(registrySize, rosterSize, trueShare: share, hardNegativeShare: share);
        var registry = set.Registry.Select(p => p.ToSubject()).ToList();
        var roster = set.Roster.Select(p => p.ToSubject()).ToList();
        var people = registry.Count + roster.Count;
        var candidates = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = threshold, ScreeningDate = Synthetic.ScreeningDate });
        var rosterById = roster.ToDictionary(p => p.Id);
        var registryById = registry.ToDictionary(p => p.Id);
        using var writer = new StreamWriter(path);
        writer.WriteLine("person,record,label,score,name,information,people,birth,full_dates,nationality,identifier,identifier_differs");
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            var label = set.Truth.TryGetValue(c.PersonId, out var r) && r == c.RecordId;
            if (label)
            {
                found.Add(c.PersonId);
            }
            var fullDates = rosterById[c.PersonId].BirthDate?.Day is not null && registryById[c.RecordId].BirthDate?.Day is not null;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.PersonId},{c.RecordId},{(label ? 1 : 0)},{c.Score:0.0000},{c.Name.Score:0.0000},{c.Name.Information:0.0000},{people},{c.BirthDate},{(fullDates ? 1 : 0)},{c.NationalityAgrees?.ToString() ?? ""},{(c.IdentifierMatched ? 1 : 0)},{(!c.IdentifierMatched && SameKindDiffers(rosterById[c.PersonId], registryById[c.RecordId]) ? 1 : 0)}"));
        }
        Console.WriteLine($"{candidates.Count} candidates, {found.Count} of {set.Truth.Count} true found at threshold 0");
    }

    /// <summary>Whether both have an identifier of the same shape (letters and digits in the same places) and none is shared.</summary>
    private static bool SameKindDiffers(ScreeningSubject a, ScreeningSubject b) =>
        a.Identifiers.Any(x => b.Identifiers.Any(y => Shape(x) == Shape(y)));

    private static string Shape(string identifier) => new([.. identifier.Select(c => char.IsAsciiDigit(c) ? '9' : 'A')]);
}
