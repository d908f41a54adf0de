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
/// <c>0.65 × the higher coverage + 0.35 × the lower − 0.8 × the lower unmatched share</c>, clamped
/// to [0, 1]: a name missing a middle name on one side still scores high, while a word replaced by a
/// different word (unmatched on both sides: another surname, another father) costs more; a side's
/// unmatched share is at least its share of unmatched words, so that replacing even a common word
/// (Mohamed / Ahmed as a father's name) costs its place in the name. When both
/// names use patronymic connectors (bin, ould…), a word that is a given name on one side and a
/// father's name on the other is no counterpart (Abdullah bin Omar is Omar bin Abdullah's father). A match made of initials only scores at
/// most 0.5.
/// </para>
/// </summary>
public sealed class NameComparer
{
    private const double HigherShare = 0.65;
    private const double UnmatchedInitialWeight = 0.5;
    private const double SubstitutionPenalty = 0.8;
    private const double ConnectorRoleFactor = 0;
    // Names of up to this many parts keep their per-part arrays on the stack; longer ones (only from hostile or
    // broken input: a name is read on 300 characters at most) go to the heap, so no name can overflow the stack.
    private const int StackParts = 64;

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
    /// How alike two parts are, in [0, 1], symmetric:
    /// <list type="bullet">
    /// <item>1 for the same normalised word; 0.95 for two spellings of one family in <see cref="NameVariants"/>;</item>
    /// <item>an initial and a word: 0.75 when the word starts with that letter; two equal initials: 1;</item>
    /// <item>otherwise the mean of the Jaro-Winkler and edit-distance similarities of the words
    /// (when both have a joined prefix such as abd-, the better of the whole words and their
    /// <see cref="NamePart.Stem"/>s; times 0.9 for the stem when only one has), raised to at least 0.88 when their phonetic keys agree (0.85 for a key shorter than
    /// three codes) when, unless one word was written in Arabic script, Jaro-Winkler is at least 0.75 (0.8 for a short key);</item>
    /// <item>for a word written in Arabic script, at least 0.82 when the phonetic keys (three codes or
    /// more) are one edit apart;</item>
    /// <item>0 when the result is below <see cref="MinimumPartSimilarity"/>.</item>
    /// </list>
    /// A word with another reading (ض, read d in Arabic and z in Urdu and Persian) is compared in both, and the better
    /// similarity counts.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double PartSimilarity(NamePart first, NamePart second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var similarity = ReadingSimilarity(first, second);
        if (first.Alternative is { } firstOther && similarity < 1)
        {
            similarity = Math.Max(similarity, ReadingSimilarity(firstOther, second));
        }
        if (second.Alternative is { } secondOther && similarity < 1)
        {
            similarity = Math.Max(similarity, ReadingSimilarity(first, secondOther));
        }
        return similarity;
    }

    /// <summary><see cref="PartSimilarity"/> of two words as read (their other readings aside).</summary>
    private static double ReadingSimilarity(NamePart first, NamePart second)
    {
        if (first.IsInitial || second.IsInitial)
        {
            if (first.IsInitial && second.IsInitial)
            {
                return first.Normalized == second.Normalized ? 1 : 0;
            }
            return first.Normalized[0] == second.Normalized[0] ? InitialSimilarity : 0;
        }
        if (first.Normalized == second.Normalized)
        {
            return 1;
        }
        if (first.Canonical == second.Canonical)
        {
            return 0.95;
        }
        if (SameButDoubledLetters(first.Normalized, second.Normalized))
        {
            // Transliterations double and undouble letters freely (Jong-uun / Jong-un, Hassan / Hasan), short words too.
            return DoubledLetterSimilarity;
        }
        var unvocalized = first.IsUnvocalized || second.IsUnvocalized;
        var firstPrefixed = !ReferenceEquals(first.Stem, first.Normalized);
        var secondPrefixed = !ReferenceEquals(second.Stem, second.Normalized);
        var keysAgree = first.Key == second.Key || first.SpellingKey == second.SpellingKey;
        double similarity;
        if (firstPrefixed && secondPrefixed)
        {
            similarity = Math.Max(
                Words(first.Stem, second.Stem, first.StemKey == second.StemKey, unvocalized, first.StemKey.Length),
                Words(first.Normalized, second.Normalized, keysAgree, unvocalized, first.Key.Length));
        }
        else if (firstPrefixed || secondPrefixed)
        {
            var whole = Words(first.Normalized, second.Normalized, keysAgree, unvocalized, first.Key.Length);
            var (prefixed, other) = firstPrefixed ? (first, second) : (second, first);
            var partial = 0.9 * Words(prefixed.Stem, other.Normalized, prefixed.StemKey == other.SpellingKey, unvocalized, prefixed.StemKey.Length);
            similarity = Math.Max(whole, partial);
        }
        else
        {
            similarity = Words(first.Normalized, second.Normalized, keysAgree, unvocalized, first.Key.Length);
        }
        if (similarity < JoinedArticleFactor)
        {
            similarity = Math.Max(similarity, Math.Max(JoinedArticle(first, second, unvocalized), JoinedArticle(second, first, unvocalized)));
        }
        if (unvocalized && similarity < UnvocalizedNearSimilarity && first.Key.Length >= 3 && second.Key.Length >= 3
            && EditDistance.Distance(first.Key, second.Key) <= 1)
        {
            // Arabic script leaves out vowels and writes w/y for both vowels and consonants (درويش druish / Darwish):
            // keys one code apart still agree.
            similarity = UnvocalizedNearSimilarity;
        }
        return similarity >= MinimumPartSimilarity ? similarity : 0;
    }

    private const double InitialSimilarity = 0.75;

    /// <summary>What a word with its article joined counts against the same word whose article stood apart (as two spellings).</summary>
    private const double JoinedArticleFactor = 0.95;

    /// <summary>
    /// A word written with the article joined (Elamin, Alsheikh, Elhassan) against one whose article was written apart or in
    /// Arabic script (Al-Amin, الشيخ, الحسن), where parsing dropped it: the rest of the joined word is compared. Only then:
    /// against a word that had no article, al- and el- begin many names (Albert, Elmira).
    /// </summary>
    private static double JoinedArticle(NamePart joined, NamePart other, bool unvocalized)
    {
        var word = joined.Normalized;
        if (word.Length < 6 || word[1] != 'l' || word[0] is not ('a' or 'e' or 'u')
            || (other.Article is null && !other.Surface.StartsWith("\u0627\u0644", StringComparison.Ordinal)))
        {
            return 0;
        }
        var rest = word[2..];
        var key = PhoneticKey.Compute(rest);
        // The rest must sound the same, not merely look alike: ALnMASRI (a mistyped hyphen) is nmasri, for the typo rule.
        return rest == other.Normalized || key == other.SpellingKey || key == other.Key
            ? JoinedArticleFactor * Math.Max(rest == other.Normalized ? 1 : 0, Words(rest, other.Normalized, keysAgree: true, unvocalized, key.Length))
            : 0;
    }
    private const double DoubledLetterSimilarity = 0.9;
    private const double SyllableMismatchFactor = 0.6;

    /// <summary>Whether the words are equal once every run of one letter is read as a single letter (no text is built).</summary>
    internal static bool SameButDoubledLetters(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] != b[j])
            {
                return false;
            }
            var c = a[i];
            while (i < a.Length && a[i] == c)
            {
                i++;
            }
            while (j < b.Length && b[j] == c)
            {
                j++;
            }
        }
        return i == a.Length && j == b.Length;
    }
    private const double UnvocalizedNearSimilarity = 0.82;

    private static double Words(string a, string b, bool keysAgree, bool unvocalized, int keyLength)
    {
        var jaroWinkler = JaroWinkler.Similarity(a, b);
        if (jaroWinkler < 2 * MinimumPartSimilarity - 1 && !(keysAgree && unvocalized))
        {
            // The mean with the edit similarity (at most 1) cannot reach the minimum: spare the edit distance.
            return jaroWinkler / 2;
        }
        var similarity = (jaroWinkler + EditDistance.Similarity(a, b)) / 2;
        if (keysAgree)
        {
            var longKey = keyLength >= 3;
            if (unvocalized || jaroWinkler >= (longKey ? 0.75 : 0.8))
            {
                similarity = Math.Max(similarity, longKey ? 0.88 : 0.85);
            }
        }
        return similarity;
    }

    /// <summary>Compares two names; see the class remarks. Symmetric up to the order of the result's lists.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public NameComparison Compare(PersonName first, PersonName second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Align(first, second, detailed: true, typoTolerant: false, out _, out _)!;
    }

    /// <summary>
    /// Like <see cref="Compare(PersonName, PersonName)"/>; with <paramref name="typoTolerant"/>, a word left
    /// over on each side that is within two edits of the other (same first letter, both of four letters or
    /// more: Denie / Daniel, Patwal / Patel) counts as half a match instead of a replaced word. For
    /// screening, where closely agreeing dates of birth say the two are likely one person whose name
    /// was mistyped: names alone never use it.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public NameComparison Compare(PersonName first, PersonName second, bool typoTolerant)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Align(first, second, detailed: true, typoTolerant, out _, out _)!;
    }

    /// <summary>The <see cref="NameComparison.Score"/> and <see cref="NameComparison.Information"/> of <see cref="Compare(PersonName, PersonName)"/>, without building the comparison.</summary>
    internal double Score(PersonName first, PersonName second, out double information, bool typoTolerant = false)
    {
        Align(first, second, detailed: false, typoTolerant, out var score, out information);
        return score;
    }

    /// <summary>Similarity given to two left-over words within two edits of each other, in typo-tolerant comparisons.</summary>
    private const double TypoSimilarity = 0.5;

    /// <summary>Whether two words could be one mistyped: same first letter, both four letters or more, at most two edits apart.</summary>
    private static bool TypoNear(NamePart first, NamePart second) =>
        !first.IsInitial && !second.IsInitial
        && (TypoNear(first.Normalized, second.Normalized)
            // The article written with the word on one side (ALnMASRI, the hyphen mistyped) and dropped on the other.
            || (second.Article is { } article && TypoNear(first.Normalized, article + second.Normalized))
            || (first.Article is { } own && TypoNear(own + first.Normalized, second.Normalized)));

    private static bool TypoNear(string first, string second) =>
        first.Length >= 4 && second.Length >= 4 && first[0] == second[0] && Math.Abs(first.Length - second.Length) <= 2
        && EditDistance.Distance(first, second) <= 2;

    private struct Pair
    {
        public int I;
        public int J;
        public double Similarity;
        public double Weight;
    }

    private NameComparison? Align(PersonName first, PersonName second, bool detailed, bool typoTolerant, out double score, out double information)
    {
        score = 0;
        information = 0;
        if (first.Parts.IsEmpty || second.Parts.IsEmpty)
        {
            return detailed ? NameComparison.None : null;
        }
        var a = first.Parts;
        var b = second.Parts;
        if (a.Length > 1 || b.Length > 1)
        {
            // Two words run together on one side (or split on the other: Patr ushev / Patrushev, even beside a middle name the other lacks).
            b = MergeRunTogether(a, b);
            a = MergeRunTogether(b, a);
        }

        Span<double> weightA = a.Length <= StackParts ? stackalloc double[a.Length] : new double[a.Length];
        Span<double> weightB = b.Length <= StackParts ? stackalloc double[b.Length] : new double[b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            weightA[i] = Frequencies.WeightOf(a[i]);
        }
        for (var j = 0; j < b.Length; j++)
        {
            weightB[j] = Frequencies.WeightOf(b[j]);
        }

        var connectorsBoth = HasConnector(a) && HasConnector(b);
        // Thread-static access is slow: fetched once per comparison, not once per pair of parts.
        var cache = _similarities ??= new SimilarityCache();
        var size = a.Length * b.Length;
        Span<Pair> pairs = size <= 64 ? stackalloc Pair[size] : new Pair[size];
        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                var similarity = CachedSimilarity(cache, a[i], b[j]);
                if (connectorsBoth && a[i].AfterConnector != b[j].AfterConnector)
                {
                    // A given name on one side is a father's name on the other (Abdullah bin Omar / Omar bin Abdullah).
                    similarity *= ConnectorRoleFactor;
                }
                if (similarity > 0)
                {
                    pairs[count++] = new Pair { I = i, J = j, Similarity = similarity, Weight = weightA[i] + weightB[j] };
                }
            }
        }
        if (count == 0)
        {
            return detailed ? new NameComparison(0, [], a, b) : null;
        }
        pairs = pairs[..count];
        pairs.Sort(static (x, y) =>
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

        Span<double> scoreA = a.Length <= StackParts ? stackalloc double[a.Length] : new double[a.Length];
        Span<double> scoreB = b.Length <= StackParts ? stackalloc double[b.Length] : new double[b.Length];
        Span<bool> usedA = a.Length <= StackParts ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> usedB = b.Length <= StackParts ? stackalloc bool[b.Length] : new bool[b.Length];
        Span<int> partnerA = a.Length <= StackParts ? stackalloc int[a.Length] : new int[a.Length];
        partnerA.Fill(-1);
        var stemOnly = false;
        foreach (var pair in pairs)
        {
            var (i, j, similarity) = (pair.I, pair.J, pair.Similarity);
            if (usedA[i] || usedB[j])
            {
                continue;
            }
            usedA[i] = usedB[j] = true;
            scoreA[i] = scoreB[j] = similarity;
            partnerA[i] = j;
            stemOnly |= StemOnly(a[i], b[j]) != 0;
        }
        if (stemOnly)
        {
            // A servant prefix matched to nothing (Abdul Mohammed / Mohammed) is a prefix the other side dropped only
            // when that side has no word left over; otherwise the prefix stood for that word (Abdul Mohammed / Shah
            // Mohammed: two different fathers), and the two are no counterparts. Parting one such pair leaves a word over,
            // which may part another: repeated until nothing changes, so the result does not depend on the order of the names.
            for (var parted = true; parted;)
            {
                parted = false;
                for (var i = 0; i < a.Length; i++)
                {
                    var j = partnerA[i];
                    if (j < 0 || StemOnly(a[i], b[j]) is var side && side == 0)
                    {
                        continue;
                    }
                    if (side == 1 ? AnyUnused(b, usedB) : AnyUnused(a, usedA))
                    {
                        usedA[i] = usedB[j] = false;
                        scoreA[i] = scoreB[j] = 0;
                        partnerA[i] = -1;
                        parted = true;
                    }
                }
            }
        }
        if (typoTolerant)
        {
            for (var i = 0; i < a.Length; i++)
            {
                for (var j = 0; !usedA[i] && j < b.Length; j++)
                {
                    if (!usedB[j] && TypoNear(a[i], b[j]))
                    {
                        usedA[i] = usedB[j] = true;
                        scoreA[i] = scoreB[j] = TypoSimilarity;
                        partnerA[i] = j;
                    }
                }
            }
            // A mistyped rank before the name (Cple, Addj.) left over on one side is set aside, not read as another given name.
            SetAsideRank(a, usedA, weightA);
            SetAsideRank(b, usedB, weightB);
        }
        var matches = detailed ? ImmutableArray.CreateBuilder<PartMatch>() : null;
        var onlyInitials = true;
        for (var i = 0; i < a.Length; i++)
        {
            var j = partnerA[i];
            if (j < 0)
            {
                continue;
            }
            var similarity = scoreA[i];
            // An initial weighs what the word it stands for weighs.
            if (a[i].IsInitial && !b[j].IsInitial)
            {
                weightA[i] = weightB[j];
            }
            else if (b[j].IsInitial && !a[i].IsInitial)
            {
                weightB[j] = weightA[i];
            }
            onlyInitials &= a[i].IsInitial || b[j].IsInitial;
            matches?.Add(new PartMatch(a[i], b[j], similarity));
            information += (Math.Min(weightA[i], weightB[j]) - 1) * similarity;
        }
        if (matches is { Count: 0 } || (matches is null && partnerA.IndexOfAnyExcept(-1) < 0))
        {
            return detailed ? new NameComparison(0, [], a, b) : null;
        }
        var (coverageA, unmatchedA) = Coverage(a, weightA, scoreA, usedA);
        var (coverageB, unmatchedB) = Coverage(b, weightB, scoreB, usedB);
        score = HigherShare * Math.Max(coverageA, coverageB) + (1 - HigherShare) * Math.Min(coverageA, coverageB)
            - SubstitutionPenalty * Math.Min(unmatchedA, unmatchedB);
        if (onlyInitials)
        {
            // Initials alone (N. N.) say little.
            score = Math.Min(score, 0.5);
        }
        if (first.Syllables is { } written && second.Syllables is { } other && !string.Equals(written, other, StringComparison.Ordinal))
        {
            // Both in Chinese characters, Hangul or kana, and written differently: a syllable differs (习近朋 / 习近平), however alike the romanisations.
            score *= SyllableMismatchFactor;
        }
        score = Math.Clamp(score, 0, 1);
        return detailed
            ? new NameComparison(score, matches!.DrainToImmutable(), Unused(a, usedA), Unused(b, usedB), information)
            : null;
    }

    /// <summary>
    /// <see cref="PartSimilarity"/> through a per-thread cache: a screening run compares the same
    /// common words (Mohamed, Diallo) millions of times. The similarity depends only on the two
    /// normalised words and on whether either was written in Arabic script, which make the key.
    /// </summary>
    private static double CachedSimilarity(SimilarityCache cache, NamePart first, NamePart second)
    {
        if (first.IsInitial || second.IsInitial || ReferenceEquals(first.Normalized, second.Normalized) || first.WordId == 0 || second.WordId == 0)
        {
            return PartSimilarity(first, second);
        }
        var key = ((ulong)(uint)first.WordId << 32) | ((ulong)(uint)second.WordId << 1) | (first.IsUnvocalized || second.IsUnvocalized ? 1UL : 0UL);
        ref var slot = ref cache.Slot(key, out var found);
        if (!found)
        {
            slot = PartSimilarity(first, second);
        }
        return slot;
    }

    [ThreadStatic]
    private static SimilarityCache? _similarities;

    /// <summary>
    /// 1 when <paramref name="first"/> has a joined servant prefix (abd-, abu-) that <paramref name="second"/>
    /// lacks and they can only have matched through the stem (abdmohammed / mohammed), 2 the other way round, else 0.
    /// </summary>
    private static int StemOnly(NamePart first, NamePart second)
    {
        if (first.IsInitial || second.IsInitial)
        {
            return 0;
        }
        var firstPrefixed = !ReferenceEquals(first.Stem, first.Normalized);
        var secondPrefixed = !ReferenceEquals(second.Stem, second.Normalized);
        if (firstPrefixed == secondPrefixed)
        {
            return 0;
        }
        var (prefixed, other) = firstPrefixed ? (first, second) : (second, first);
        if (other.Normalized.StartsWith(prefixed.Normalized.AsSpan(0, 2), StringComparison.Ordinal) || prefixed.Canonical == other.Canonical)
        {
            return 0;
        }
        return firstPrefixed ? 1 : 2;
    }

    private static bool AnyUnused(ImmutableArray<NamePart> parts, ReadOnlySpan<bool> used)
    {
        for (var k = 0; k < parts.Length; k++)
        {
            if (!used[k] && !parts[k].IsInitial)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasConnector(ImmutableArray<NamePart> parts)
    {
        foreach (var part in parts)
        {
            if (part.AfterConnector)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Marks a leftover first word that may be a mistyped rank as no word of the name (weight 0, see <see cref="Coverage"/>).</summary>
    private static void SetAsideRank(ImmutableArray<NamePart> parts, Span<bool> used, Span<double> weights)
    {
        if (parts[0].MayBeRank && !used[0])
        {
            used[0] = true;
            weights[0] = 0;
        }
    }

    /// <summary>The weighted share of the parts matched (each counted with its similarity), and the weighted share left unmatched.</summary>
    private static (double Coverage, double Unmatched) Coverage(ImmutableArray<NamePart> parts, Span<double> weights, Span<double> scores, Span<bool> used)
    {
        double total = 0, covered = 0, unmatched = 0;
        var unmatchedWords = 0;
        var words = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (weights[i] == 0)
            {
                // Set aside (a mistyped rank): not a word of the name.
                continue;
            }
            words++;
            var weight = parts[i].IsInitial && !used[i] ? UnmatchedInitialWeight : weights[i];
            total += weight;
            covered += weight * scores[i];
            unmatched += used[i] ? 0 : weight;
            unmatchedWords += used[i] || parts[i].IsInitial ? 0 : 1;
        }
        // A word replaced by another says "another person" however common the word (another father, Mohamed / Ahmed):
        // the unmatched share is at least the share of words unmatched.
        return total > 0 ? (covered / total, Math.Max(unmatched / total, (double)unmatchedWords / words)) : (0, 1);
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
        Span<char> buffer = stackalloc char[128];
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var left = parts[i];
            var right = parts[i + 1];
            if (left.IsInitial || right.IsInitial)
            {
                continue;
            }
            var length = left.Normalized.Length + right.Normalized.Length;
            foreach (var word in other)
            {
                // Cheap tests first: this runs for every pair of names with a different number of parts.
                if (word.IsInitial || Math.Abs(word.Normalized.Length - length) > 2 || word.Normalized[0] != left.Normalized[0])
                {
                    continue;
                }
                if (Contains(other, left.Normalized) || Contains(other, right.Normalized))
                {
                    continue;
                }
                // Joined on the stack: this runs for most pairs of names whose word counts differ, and it
                // almost always fails, so it should not feed the garbage collector.
                var joined = length <= buffer.Length ? buffer[..length] : new char[length];
                left.Normalized.CopyTo(joined);
                right.Normalized.CopyTo(joined[left.Normalized.Length..]);
                if (joined.SequenceEqual(word.Normalized) || JaroWinkler.Similarity(word.Normalized, joined) >= 0.95)
                {
                    merged ??= parts.ToBuilder();
                    var index = merged.IndexOf(left);
                    merged[index] = new NamePart(left.Surface + " " + right.Surface, joined.ToString(), isInitial: false);
                    merged.RemoveAt(index + 1);
                    i++;
                    break;
                }
            }
        }
        return merged?.ToImmutable() ?? parts;
    }

    private static bool Contains(ImmutableArray<NamePart> parts, string normalized)
    {
        foreach (var part in parts)
        {
            if (part.Normalized == normalized)
            {
                return true;
            }
        }
        return false;
    }
}
