using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Vigil.Matching;

/// <summary>
/// An in-memory blocking index over the registry, so that a person is scored only against records
/// that share something with them, never against all. A record is a candidate for a person when one
/// of their names shares with one of the record's names:
/// <list type="bullet">
/// <item>two part keys (<see cref="NamePart.Key"/>), in any order; or</item>
/// <item>one part key, and a second key within one deletion of the other's (each side's key with
/// one code deleted, as in symmetric-delete spelling correction: catches a typo or transliteration
/// difference in the second word); or</item>
/// <item>one part key that is rare in the registry (held by at most <see cref="RareKeyLimit"/>
/// records), or the only part of a one-word name; or</item>
/// <item>an identifier.</item>
/// </list>
/// Immutable once built; <see cref="Screen"/> is safe to call from several threads.
/// </summary>
public sealed class ScreeningIndex
{
    private readonly FrozenDictionary<string, int[]> _postings;
    private readonly FrozenDictionary<string, int[]> _identifiers;
    private readonly CandidateScorer _scorer;

    /// <summary>Builds the index of <paramref name="registry"/>, scoring with <paramref name="scorer"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument, or an item of <paramref name="registry"/>, is null.</exception>
    public ScreeningIndex(IEnumerable<ScreeningSubject> registry, CandidateScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        Records = [.. registry];
        RareKeyLimit = 25;
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var identifiers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < Records.Length; r++)
        {
            var record = Records[r] ?? throw new ArgumentNullException(nameof(registry), "The registry holds a null record.");
            keys.Clear();
            foreach (var name in record.Names)
            {
                AddKeys(name, keys);
            }
            foreach (var key in keys)
            {
                Add(postings, key, r);
            }
            foreach (var identifier in record.Identifiers)
            {
                Add(identifiers, identifier, r);
            }
        }
        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _identifiers = identifiers.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The indexed records, in the order given.</summary>
    public ImmutableArray<ScreeningSubject> Records { get; }

    /// <summary>A single shared part key (of a name with several parts) makes a candidate only if at most this many records hold it: 25.</summary>
    public int RareKeyLimit { get; }

    /// <summary>
    /// The records that score at or above <paramref name="threshold"/> against <paramref name="person"/>,
    /// highest score first (ties by record id, ordinal).
    /// </summary>
    /// <param name="person">The person to screen.</param>
    /// <param name="threshold">In [0, 1], inclusive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="person"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside [0, 1] or NaN.</exception>
    public IReadOnlyList<ScreeningCandidate> Screen(ScreeningSubject person, double threshold)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in [0, 1].");
        }
        var candidates = new HashSet<int>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in person.Names)
        {
            AddKeys(name, keys);
        }
        foreach (var key in keys)
        {
            if (_postings.TryGetValue(key, out var records) && (key[0] != Single || records.Length <= RareKeyLimit || IsOnlyPart(person, key)))
            {
                candidates.UnionWith(records);
            }
        }
        foreach (var identifier in person.Identifiers)
        {
            if (_identifiers.TryGetValue(identifier, out var records))
            {
                candidates.UnionWith(records);
            }
        }
        var results = new List<ScreeningCandidate>();
        foreach (var r in candidates)
        {
            if (_scorer.Score(person, Records[r]) is { } candidate && candidate.Score >= threshold)
            {
                results.Add(candidate);
            }
        }
        results.Sort(static (x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            return c != 0 ? c : string.CompareOrdinal(x.RecordId, y.RecordId);
        });
        return results;
    }

    private const char Single = '1';
    private const char Pair = '2';
    private const char NearPair = '3';

    private static bool IsOnlyPart(ScreeningSubject person, string key) =>
        person.Names.Any(n => n.Parts.Count(p => !p.IsInitial) == 1 && n.Parts.Any(p => !p.IsInitial && Single + p.Key == key));

    /// <summary>
    /// The blocking keys of one name: every part key ("1" + key), every pair of part keys in
    /// ordinal order ("2" + k1 + "|" + k2), and for every ordered pair one key exact and the other
    /// whole or with one code deleted ("3" + k1 + "|" + k2 or k2 less one code).
    /// </summary>
    private static void AddKeys(PersonName name, HashSet<string> keys)
    {
        var parts = name.Parts.Where(p => !p.IsInitial && p.Key.Length > 0).Select(p => p.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var key in parts)
        {
            keys.Add(Single + key);
        }
        for (var i = 0; i < parts.Length; i++)
        {
            for (var j = 0; j < parts.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }
                if (i < j)
                {
                    keys.Add($"{Pair}{parts[i]}|{parts[j]}");
                }
                var other = parts[j];
                keys.Add($"{NearPair}{parts[i]}|{other}");
                for (var d = 0; other.Length >= 2 && d < other.Length; d++)
                {
                    keys.Add($"{NearPair}{parts[i]}|{other[..d]}{other[(d + 1)..]}");
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> postings, string key, int record)
    {
        if (!postings.TryGetValue(key, out var list))
        {
            postings[key] = list = [];
        }
        list.Add(record);
    }
}
