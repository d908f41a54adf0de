using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vigil.Matching;

/// <summary>Two aligned name parts and how alike they are.</summary>
/// <param name="First">The part of the first name.</param>
/// <param name="Second">The part of the second name.</param>
/// <param name="Similarity">In (0, 1]; see <see cref="NameComparer.PartSimilarity"/>.</param>
public sealed record PartMatch(NamePart First, NamePart Second, double Similarity);

/// <summary>The outcome of comparing two names. Immutable.</summary>
public sealed class NameComparison
{
    internal NameComparison(double score, ImmutableArray<PartMatch> matches, ImmutableArray<NamePart> unmatchedFirst, ImmutableArray<NamePart> unmatchedSecond, double information = 0)
    {
        Score = score;
        Information = information;
        Matches = matches;
        UnmatchedFirst = unmatchedFirst;
        UnmatchedSecond = unmatchedSecond;
    }

    /// <summary>A comparison of which nothing agreed (score 0).</summary>
    public static NameComparison None { get; } = new(0, [], [], []);

    /// <summary>
    /// In [0, 1]: 1 when every part of both names has an identical counterpart, 0 when no part of
    /// one has a counterpart in the other. See <see cref="NameComparer"/> for how it is weighed.
    /// </summary>
    public double Score { get; }

    /// <summary>
    /// How much the agreeing parts say, in nats: the sum over aligned parts of their rarity
    /// (ln((N + 1) / (n + 1)) for the commoner of the two, see <see cref="NamePartFrequencies"/>) times
    /// their similarity. A population of N people holds about N × e^−Information namesakes by chance;
    /// 0 when the comparer has no population.
    /// </summary>
    public double Information { get; }

    /// <summary>The aligned parts, best alignment first.</summary>
    public ImmutableArray<PartMatch> Matches { get; }

    /// <summary>Parts of the first name left without a counterpart.</summary>
    public ImmutableArray<NamePart> UnmatchedFirst { get; }

    /// <summary>Parts of the second name left without a counterpart.</summary>
    public ImmutableArray<NamePart> UnmatchedSecond { get; }

    /// <summary>
    /// In words, for a screening officer: <c>name 0.94 (Mohamed~Muhammad, Abdelrahman~Abd al-Rahman, Hamid unmatched)</c>.
    /// Identical parts are not listed; the score has two decimals (invariant culture). "names differ"
    /// when no part has a counterpart.
    /// </summary>
    public string Describe()
    {
        if (Matches.IsEmpty)
        {
            return "names differ";
        }
        var text = new StringBuilder("name ");
        text.Append(Score.ToString("0.00", CultureInfo.InvariantCulture));
        var details = new List<string>();
        foreach (var match in Matches)
        {
            if (match.First.Normalized != match.Second.Normalized)
            {
                details.Add($"{match.First.Surface}~{match.Second.Surface}");
            }
        }
        details.AddRange(UnmatchedFirst.Concat(UnmatchedSecond).Select(p => $"{p.Surface} unmatched"));
        if (details.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", details)).Append(')');
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
