using System.Collections.Immutable;

namespace Vigil.Matching;

/// <summary>
/// Compares two parsed names regardless of word order.
/// <para>
/// Parts are first aligned: a word of one name that is two adjacent words of the other run together
/// (<c>Mohammadhasni</c> / <c>Mohammad Hasni</c>) is compared as one word; then every pair of parts
/// gets a <see cref="PartSimilarity"/>, and pairs are taken greedily, most similar first (ties: the
/// heavier pair first, then the earlier parts), each part used at most once.
/// </para>
/// <para>
/// Each side's coverage is the weighted share of its parts that found a counterpart, each counted
/// with its similarity; the weight of a part comes from <see cref="NamePartFrequencies"/> (an initial
/// weighs as much as the word it matched, or 0.5 when unmatched). The score is
/// <c>0.65 × the higher coverage + 0.35 × the lower</c>: a name missing a middle name still scores
/// high, while a name with a different surname on both sides does not.
/// </para>
/// </summary>
public sealed class NameComparer
{
    private const double HigherShare = 0.65;
    private const double UnmatchedInitialWeight = 0.5;

    /// <summary>Part pairs below this similarity count as different words.</summary>
    public const double MinimumPartSimilarity = 0.8;

    /// <summary>Creates a comparer weighing parts by <paramref name="frequencies"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="frequencies"/> is null.</exception>
    public NameComparer(NamePartFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        Frequencies = frequencies;
    }

    /// <summary>The word frequencies that weigh the parts.</summary>
    public NamePartFrequencies Frequencies { get; }

    /// <summary>
    /// How alike two parts are, in [0, 1]:
    /// 1 for the same normalised word; 0.95 for two spellings of one family in <see cref="NameVariants"/>;
    /// for an initial and a word, 0.8 when the word starts with that letter (1 for two equal initials);
    /// otherwise the Jaro-Winkler similarity of the normalised words, raised to 0.9 when their
    /// phonetic keys agree (0.85 when the key has fewer than three codes); and 0 when that is below
    /// <see cref="MinimumPartSimilarity"/>. Symmetric.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double PartSimilarity(NamePart first, NamePart second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.IsInitial || second.IsInitial)
        {
            if (first.IsInitial && second.IsInitial)
            {
                return first.Normalized == second.Normalized ? 1 : 0;
            }
            return first.Normalized[0] == second.Normalized[0] ? 0.8 : 0;
        }
        if (first.Normalized == second.Normalized)
        {
            return 1;
        }
        if (first.Canonical == second.Canonical)
        {
            return 0.95;
        }
        var similarity = JaroWinkler.Similarity(first.Normalized, second.Normalized);
        if (first.SpellingKey == second.SpellingKey || first.Key == second.Key)
        {
            similarity = Math.Max(similarity, first.Key.Length >= 3 ? 0.9 : 0.85);
        }
        return similarity >= MinimumPartSimilarity ? similarity : 0;
    }

    /// <summary>Compares two names; see the class remarks. Symmetric up to the order of the result's lists.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public NameComparison Compare(PersonName first, PersonName second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Parts.IsEmpty || second.Parts.IsEmpty)
        {
            return NameComparison.None;
        }
        var a = first.Parts;
        var b = second.Parts;
        if (a.Length > 1 || b.Length > 1)
        {
            b = MergeRunTogether(a, b);
            a = MergeRunTogether(b, a);
        }

        Span<double> weightA = stackalloc double[a.Length];
        Span<double> weightB = stackalloc double[b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            weightA[i] = Frequencies.WeightOf(a[i]);
        }
        for (var j = 0; j < b.Length; j++)
        {
            weightB[j] = Frequencies.WeightOf(b[j]);
        }

        var candidates = new List<(int I, int J, double Similarity, double Weight)>(a.Length * b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                var similarity = PartSimilarity(a[i], b[j]);
                if (similarity > 0)
                {
                    candidates.Add((i, j, similarity, weightA[i] + weightB[j]));
                }
            }
        }
        if (candidates.Count == 0)
        {
            return new NameComparison(0, [], a, b);
        }
        candidates.Sort((x, y) =>
        {
            var c = y.Similarity.CompareTo(x.Similarity);
            if (c == 0)
            {
                c = y.Weight.CompareTo(x.Weight);
            }
            if (c == 0)
            {
                c = x.I.CompareTo(y.I);
            }
            return c != 0 ? c : x.J.CompareTo(y.J);
        });

        Span<double> scoreA = stackalloc double[a.Length];
        Span<double> scoreB = stackalloc double[b.Length];
        Span<bool> usedA = stackalloc bool[a.Length];
        Span<bool> usedB = stackalloc bool[b.Length];
        var matches = ImmutableArray.CreateBuilder<PartMatch>();
        foreach (var (i, j, similarity, _) in candidates)
        {
            if (usedA[i] || usedB[j])
            {
                continue;
            }
            usedA[i] = usedB[j] = true;
            scoreA[i] = scoreB[j] = similarity;
            // An initial weighs what the word it stands for weighs.
            if (a[i].IsInitial && !b[j].IsInitial)
            {
                weightA[i] = weightB[j];
            }
            else if (b[j].IsInitial && !a[i].IsInitial)
            {
                weightB[j] = weightA[i];
            }
            matches.Add(new PartMatch(a[i], b[j], similarity));
        }
        var coverageA = Coverage(a, weightA, scoreA, usedA);
        var coverageB = Coverage(b, weightB, scoreB, usedB);
        var score = HigherShare * Math.Max(coverageA, coverageB) + (1 - HigherShare) * Math.Min(coverageA, coverageB);
        return new NameComparison(
            Math.Clamp(score, 0, 1),
            matches.DrainToImmutable(),
            Unused(a, usedA),
            Unused(b, usedB));
    }

    private static double Coverage(ImmutableArray<NamePart> parts, Span<double> weights, Span<double> scores, Span<bool> used)
    {
        double total = 0, covered = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var weight = parts[i].IsInitial && !used[i] ? UnmatchedInitialWeight : weights[i];
            total += weight;
            covered += weight * scores[i];
        }
        return total > 0 ? covered / total : 0;
    }

    private static ImmutableArray<NamePart> Unused(ImmutableArray<NamePart> parts, Span<bool> used)
    {
        var builder = ImmutableArray.CreateBuilder<NamePart>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (!used[i])
            {
                builder.Add(parts[i]);
            }
        }
        return builder.DrainToImmutable();
    }

    /// <summary>
    /// Where a word of <paramref name="other"/> is two adjacent words of <paramref name="parts"/> run
    /// together (and has no equal of its own there), those two become one part.
    /// </summary>
    private static ImmutableArray<NamePart> MergeRunTogether(ImmutableArray<NamePart> other, ImmutableArray<NamePart> parts)
    {
        if (parts.Length < 2)
        {
            return parts;
        }
        ImmutableArray<NamePart>.Builder? merged = null;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var left = parts[i];
            var right = parts[i + 1];
            if (left.IsInitial || right.IsInitial)
            {
                continue;
            }
            var joined = left.Normalized + right.Normalized;
            foreach (var word in other)
            {
                if (word.IsInitial || word.Normalized.Length != joined.Length && Math.Abs(word.Normalized.Length - joined.Length) > 2)
                {
                    continue;
                }
                if (other.Any(o => o.Normalized == left.Normalized || o.Normalized == right.Normalized))
                {
                    continue;
                }
                if (word.Normalized == joined || JaroWinkler.Similarity(word.Normalized, joined) >= 0.95)
                {
                    merged ??= parts.ToBuilder();
                    var index = merged.IndexOf(left);
                    merged[index] = new NamePart(left.Surface + " " + right.Surface, joined, isInitial: false);
                    merged.RemoveAt(index + 1);
                    i++;
                    break;
                }
            }
        }
        return merged?.ToImmutable() ?? parts;
    }
}
