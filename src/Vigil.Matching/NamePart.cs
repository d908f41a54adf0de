namespace Vigil.Matching;

/// <summary>
/// One word of a parsed name, in the forms that comparison needs. Immutable.
/// </summary>
public sealed class NamePart
{
    internal NamePart(string surface, string normalized, bool isInitial, bool afterConnector = false, string? alternative = null)
    {
        Surface = surface;
        IsInitial = isInitial;
        AfterConnector = afterConnector;
        IsUnvocalized = IsUnvocalizedScript(surface);
        if (!isInitial && alternative is not null && alternative != normalized)
        {
            Alternative = new NamePart(surface, alternative, isInitial: false, afterConnector);
        }
        // Everything else depends on the word alone (and its other reading, if any): computed once per distinct word,
        // not once per name it appears in.
        var forms = isInitial ? Forms.OfInitial(normalized) : Forms.Of(normalized, Alternative?.Normalized);
        Normalized = forms.Normalized;
        Canonical = forms.Canonical;
        Stem = forms.Stem;
        Key = forms.Key;
        StemKey = forms.StemKey;
        SpellingKey = forms.SpellingKey;
        WordId = forms.Id;
    }

    /// <summary>
    /// Whether the word is written in a script whose short vowels are not written: Arabic (with Persian and Urdu) and
    /// Hebrew, which transliterate to a consonant skeleton (محمد mhmd, דוד dvd).
    /// </summary>
    private static bool IsUnvocalizedScript(string surface)
    {
        foreach (var c in surface)
        {
            if (ArabicTransliterator.IsArabic(c) || IsHebrewLetter(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsHebrewLetter(char c) => c is (>= '\u05D0' and <= '\u05F2') or (>= '\uFB1D' and <= '\uFB4F');

    /// <summary>The forms of one normalised word, shared by every part with that word.</summary>
    private sealed class Forms
    {
        private const int CacheLimit = 1 << 20;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Forms> Cache = new(StringComparer.Ordinal);

        private Forms(string normalized, bool isInitial)
        {
            // Interned: the same word in a hundred thousand names is one string, which the comparer's cache compares by reference.
            Normalized = string.Intern(normalized);
            Canonical = isInitial ? Normalized : NameVariants.CanonicalOf(Normalized);
            // The key folds the servant prefix of the canonical form too, so that the Arabic عبد الله
            // (abdlh) and the table's abdullah meet.
            var folded = isInitial ? Normalized : FoldServantPrefix(Canonical, anyWord: true);
            Stem = !isInitial && folded.Length >= 6 && (folded.StartsWith("abd", StringComparison.Ordinal) || folded.StartsWith("abu", StringComparison.Ordinal))
                ? folded[3..]
                : Normalized;
            Key = isInitial ? Normalized.ToUpperInvariant() : PhoneticKey.Compute(folded);
            StemKey = ReferenceEquals(Stem, Normalized) ? Key : PhoneticKey.Compute(Stem);
            SpellingKey = isInitial ? Key : PhoneticKey.Compute(Normalized);
            Id = isInitial ? 0 : NextId();
        }

        private static long _lastId;

        /// <summary>A number per distinct word (0 once 2³¹ are spent: such words are then compared uncached).</summary>
        private static int NextId()
        {
            var id = Interlocked.Increment(ref _lastId);
            return id <= int.MaxValue ? (int)id : 0;
        }

        public string Normalized { get; }

        public string Canonical { get; }

        public string Stem { get; }

        public string Key { get; }

        public string StemKey { get; }

        public string SpellingKey { get; }

        public int Id { get; }

        public static Forms OfInitial(string letter) => new(letter, isInitial: true);

        /// <summary>
        /// The forms of a word; one with another reading (<paramref name="alternative"/>) gets forms of its own, and so a
        /// <see cref="Id"/> of its own: the comparer caches similarities by id, and رضا (rda, or rza) is not ردا (rda).
        /// </summary>
        public static Forms Of(string normalized, string? alternative = null)
        {
            var key = alternative is null ? normalized : normalized + "|" + alternative;
            if (Cache.TryGetValue(key, out var forms))
            {
                return forms;
            }
            if (Cache.Count >= CacheLimit)
            {
                Cache.Clear();
            }
            return Cache.GetOrAdd(key, static (_, word) => new Forms(word, isInitial: false), normalized);
        }
    }

    /// <summary>The word as written in the input, with any particle that was folded into it (<c>Abd al-Rahman</c>, <c>محمد</c>).</summary>
    public string Surface { get; }

    /// <summary>Lower-case ASCII letters (<c>abdrahman</c>, <c>mhmd</c>).</summary>
    public string Normalized { get; }

    /// <summary>The canonical spelling from <see cref="NameVariants"/>, or <see cref="Normalized"/> when the word is in no family.</summary>
    public string Canonical { get; }

    /// <summary>The <see cref="PhoneticKey"/> of <see cref="Canonical"/> (with a servant prefix folded: abdullah → abdlah); for an initial, the upper-case letter. Used for blocking and for word frequencies.</summary>
    public string Key { get; }

    /// <summary>The <see cref="PhoneticKey"/> of <see cref="Normalized"/> (differs from <see cref="Key"/> only for words in a variant family).</summary>
    public string SpellingKey { get; }

    /// <summary>True for a single letter (<c>M.</c> in <c>M. Diallo</c>), which stands for any word starting with it.</summary>
    public bool IsInitial { get; }

    /// <summary>
    /// The word without a joined servant or father prefix (<c>abdrahman</c> → <c>rahman</c>,
    /// <c>abubakr</c> → <c>bakr</c>); the <see cref="Normalized"/> word when it has none.
    /// </summary>
    public string Stem { get; }

    /// <summary>
    /// The article dropped before the word (<c>al</c> of <c>al-Masri</c>), or null: a typo can fall on the
    /// article's hyphen (<c>ALnMASRI</c>), which only the written form with the article shows.
    /// </summary>
    internal string? Article { get; init; }

    /// <summary>True for a name's first word when it is one keystroke from a rank abbreviation (<c>Cple</c>): see <see cref="NameComparer"/>.</summary>
    internal bool MayBeRank { get; init; }

    /// <summary>A number of its own per distinct <see cref="Normalized"/> word (0 for an initial), the key of the comparer's cache.</summary>
    internal int WordId { get; }

    /// <summary>The last weight computed for this part, with the frequencies it came from (one reference, so written atomically).</summary>
    internal WeightCache? Weight { get; set; }

    /// <summary>The <see cref="PhoneticKey"/> of <see cref="Stem"/> (<see cref="Key"/> when the word has no prefix).</summary>
    public string StemKey { get; }

    /// <summary>True when the word came after a patronymic connector (bin, ben, ibn, ould…): it names a father or ancestor.</summary>
    public bool AfterConnector { get; }

    /// <summary>True when the word was written in Arabic or Hebrew script, whose short vowels are not written: only consonants can be compared.</summary>
    public bool IsUnvocalized { get; }

    /// <summary>
    /// The word's other reading, or null: a word written in Arabic script with ض, which Arabic reads d (Ramadan) and Urdu
    /// and Persian z (Raza, Zia), is also read with z. <see cref="NameComparer.PartSimilarity"/> takes the better reading.
    /// </summary>
    internal NamePart? Alternative { get; }

    private const string SunLetters = "tdrzsln";

    private static readonly string[] ServantInfixes = ["oul", "el", "al", "ul", "ol", "il", "ur", "ar", "er", "ir", "ou", "u", "e", "a", "i"];

    /// <summary>
    /// abdelrahman, abdulrahman, abdurrahman → abdrahman; a word in a variant family, or one edit from
    /// one, is left alone unless <paramref name="anyWord"/>: a mistyped abdoulaye (abdoulayje) folded to
    /// abdayje would no longer look like the abdoulaye it is.
    /// </summary>
    /// <param name="word">A normalised word.</param>
    /// <param name="anyWord">Fold words of the variant table too.</param>
    internal static string FoldServantPrefix(string word, bool anyWord = false)
    {
        if (!word.StartsWith("abd", StringComparison.Ordinal) || (!anyWord && (NameVariants.IsKnown(word) || NameVariants.IsNearKnown(word))))
        {
            return word;
        }
        foreach (var infix in ServantInfixes)
        {
            if (string.CompareOrdinal(word, 3, infix, 0, infix.Length) == 0 && word.Length - 3 - infix.Length >= 4)
            {
                var rest = word[(3 + infix.Length)..];
                // Abdurrahman, Abdel-Rrahman: the assimilated article doubles the next letter, but only a
                // "sun" letter (t, d, r, z, s, l, n); before any other doubled letter the vowel belongs to
                // the name (abd + abbas, not abda + bbas).
                if (rest.Length > 3 && rest[0] == rest[1])
                {
                    if (!SunLetters.Contains(rest[0]))
                    {
                        continue;
                    }
                    rest = rest[1..];
                }
                return "abd" + rest;
            }
        }
        return word;
    }

    /// <inheritdoc/>
    public override string ToString() => Surface;
}

/// <summary>A part's weight under one <see cref="NamePartFrequencies"/>.</summary>
internal sealed record WeightCache(NamePartFrequencies Frequencies, double Value);
