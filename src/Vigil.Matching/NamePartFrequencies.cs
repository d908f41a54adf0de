namespace Vigil.Matching;

/// <summary>
/// How common each name part is in a population (the registry and the roster being screened), so that
/// an agreement on a common part (Mohamed, Jean, Ali, Kumar) counts for less than an agreement on a
/// rare one. Parts are counted by their <see cref="NamePart.Key"/>, at most once per person. Immutable
/// once built.
/// </summary>
public sealed class NamePartFrequencies
{
    private readonly Dictionary<string, int> _counts;

    private NamePartFrequencies(Dictionary<string, int> counts, int people)
    {
        _counts = counts;
        People = people;
    }

    /// <summary>No population: every part weighs 1.</summary>
    public static NamePartFrequencies Uniform { get; } = new([], 0);

    /// <summary>The number of people counted.</summary>
    public int People { get; }

    /// <summary>
    /// Counts the parts of each person's names (a person's names are the primary name and aliases;
    /// a part shared by several of them counts once for that person).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="people"/> or one of its items is null.</exception>
    public static NamePartFrequencies Build(IEnumerable<IEnumerable<PersonName>> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var names in people)
        {
            ArgumentNullException.ThrowIfNull(names);
            seen.Clear();
            foreach (var name in names)
            {
                foreach (var part in name.Parts)
                {
                    if (!part.IsInitial && seen.Add(part.Key))
                    {
                        counts[part.Key] = counts.GetValueOrDefault(part.Key) + 1;
                    }
                }
            }
            total++;
        }
        return new NamePartFrequencies(counts, total);
    }

    /// <summary>How many people have a part with this key (0 when unknown).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public int CountOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _counts.GetValueOrDefault(key);
    }

    /// <summary>
    /// The weight of a part: <c>1 + ln((N + 1) / (n + 1))</c> where N is <see cref="People"/> and n the
    /// part's count, so at least 1 (a part everyone has) and about 1 + ln N for a part no one has.
    /// 1 for every part when the population is empty. An initial weighs 1.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="part"/> is null.</exception>
    public double WeightOf(NamePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (People == 0 || part.IsInitial)
        {
            return 1;
        }
        if (part.Weight is { } cached && ReferenceEquals(cached.Frequencies, this))
        {
            return cached.Value;
        }
        var weight = 1 + Math.Log((People + 1.0) / (CountOf(part.Key) + 1.0));
        part.Weight = new WeightCache(this, weight);
        return weight;
    }
}
