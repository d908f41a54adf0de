using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Vigil.Matching;

/// <summary>
/// A personal name split into comparable parts. Parsing normalises every word (see
/// <see cref="NameNormalizer"/>), then:
/// <list type="bullet">
/// <item>drops honorifics and ranks (Mr, Dr, Col, Capt, Sgt, Lt, Maj, Gen, Hajj, Sheikh, …) unless
/// nothing else would be left or the article comes before them (<c>el-Sayed</c> is a family name);</item>
/// <item>drops the article al/el/ul before a word (<c>al-Assad</c> → assad), the patronymic connectors
/// bin, ben, ibn, bint, ould, ag between two words, and the particles van, von, de, da, di, du, del,
/// della, der, den, dos, das, le, la before a word;</item>
/// <item>joins the servant prefix to the name after it, whether written apart or together
/// (<c>Abd al-Rahman</c>, <c>Abdul Rahman</c>, <c>Abdelrahman</c> → abdrahman), and likewise
/// Abu/Abou (<c>Abu Bakr</c> → abubakr);</item>
/// <item>keeps a single letter as an initial.</item>
/// </list>
/// Word order is kept but does not matter to comparison. Immutable.
/// </summary>
public sealed class PersonName
{
    private static readonly FrozenSet<string> Honorifics = FrozenSet.Create(StringComparer.Ordinal,
        "mr", "mrs", "ms", "miss", "mme", "mlle", "dr", "prof", "sir", "madam", "madame", "monsieur", "herr", "frau",
        "col", "colonel", "ltcol", "capt", "cpt", "captain", "sgt", "sergeant", "ssgt", "msgt", "lt", "lieutenant",
        "maj", "major", "gen", "general", "brig", "brigadier", "cpl", "corporal", "pte", "pvt", "private", "adj", "adjudant",
        "cdt", "commandant", "cmdr", "cdr", "commander", "adm", "admiral", "insp", "inspector", "supt", "superintendent",
        // Rank abbreviations of anglophone and francophone rosters that are no one's name (not wo, sol or gal).
        "lcpl", "lcp", "ssg", "sfc", "sgm", "csm", "rsm", "cne", "capitaine", "lcl", "cba", "cch", "sch", "adc", "mdl",
        "sdt", "soldat", "caporal", "sergent",
        "hajj", "haj", "haji", "hadj", "hadji", "alhaji", "alhaj", "elhadj", "elhadji", "sheikh", "shaikh", "sheik", "shaykh", "cheikh",
        "president", "imam", "mullah", "mulla", "maulana", "mawlana", "sayyid", "sayed", "syed", "sri", "shri", "smt");

    private static readonly FrozenSet<string> Articles = FrozenSet.Create(StringComparer.Ordinal, "al", "el", "ul");

    private static readonly FrozenSet<string> Connectors = FrozenSet.Create(StringComparer.Ordinal, "bin", "ben", "ibn", "bint", "binti", "ould", "ag", "walad");

    private static readonly FrozenSet<string> Particles = FrozenSet.Create(StringComparer.Ordinal,
        "van", "von", "de", "da", "di", "du", "del", "della", "der", "den", "dos", "das", "le", "la", "ter", "ten", "vd");

    private static readonly FrozenSet<string> ServantPrefixes = FrozenSet.Create(StringComparer.Ordinal,
        "abd", "abdel", "abdul", "abdoul", "abdal", "abdur", "abdar", "abdol", "abdil");

    private static readonly FrozenSet<string> FatherPrefixes = FrozenSet.Create(StringComparer.Ordinal, "abu", "abou", "abo");

    private PersonName(string text, ImmutableArray<NamePart> parts, bool withAlternative = true)
    {
        Text = text;
        Parts = parts;
        Syllables = SyllabicLetters(text);
        if (withAlternative && parts.Any(p => p.Alternative is not null))
        {
            Alternative = new PersonName(text, [.. parts.Select(p => p.Alternative ?? p)], withAlternative: false);
        }
    }

    /// <summary>
    /// The name with each word's other reading (<see cref="NamePart.Alternative"/>: ض read z), or null when no word has
    /// one. The screening index keys it too, so that علی رضا is a candidate for Ali Raza.
    /// </summary>
    internal PersonName? Alternative { get; }

    /// <summary>
    /// The letters of the name when every one is a Chinese character, Hangul or kana, else null. Each such
    /// letter is a syllable, and a romanisation folds different ones together (市 and 石 are both shi): two
    /// names written in these scripts are compared as written too.
    /// </summary>
    internal string? Syllables { get; }

    private static string? SyllabicLetters(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }
            if (!IsSyllabic(c))
            {
                return null;
            }
            letters++;
        }
        if (letters == 0)
        {
            return null;
        }
        var result = new char[letters];
        var i = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                result[i++] = c;
            }
        }
        return new string(result);
    }

    private static bool IsSyllabic(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
        or (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\u3040' and <= '\u30FF');

    /// <summary>The name as given.</summary>
    public string Text { get; }

    /// <summary>The parts, in the order written; empty when the text holds no letter.</summary>
    public ImmutableArray<NamePart> Parts { get; }

    /// <summary>
    /// Characters of a name that are read (300): real names are far shorter, and a longer text (a pasted paragraph,
    /// a hostile file) would only cost time and memory in parsing and comparing. The app's inputs refuse longer
    /// names with a message; this bound keeps the library safe for any caller and any record already stored.
    /// </summary>
    public const int MaxLength = 300;

    /// <summary>Parses <paramref name="text"/> (any script, any order; see the class remarks); only its first <see cref="MaxLength"/> characters are read.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static PersonName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<(string Surface, string Normalized, int Token, string? Alternative)>();
        var tokens = Tokens(text.Length > MaxLength ? text[..MaxLength] : text);
        for (var t = 0; t < tokens.Count; t++)
        {
            var normal = NameNormalizer.Words(tokens[t]);
            var other = OtherReading(tokens[t]) is { } reading ? NameNormalizer.Words(reading) : null;
            for (var w = 0; w < normal.Count; w++)
            {
                // ض and ظ are one letter each, so the two readings have the same words in the same places.
                var alternative = other is not null && other.Count == normal.Count && other[w] != normal[w] ? other[w] : null;
                words.Add((tokens[t], normal[w], t, alternative));
            }
        }
        if (words.Any(w => !Honorifics.Contains(w.Normalized)))
        {
            // An honorific after the article is a family name (al-Sayed, el-Sayed), not a title.
            for (var i = words.Count - 1; i >= 0; i--)
            {
                if (Honorifics.Contains(words[i].Normalized) && !(i > 0 && Articles.Contains(words[i - 1].Normalized)))
                {
                    words.RemoveAt(i);
                }
            }
        }

        var parts = ImmutableArray.CreateBuilder<NamePart>(words.Count);
        string? pendingSurface = null;
        var pendingToken = -1;
        string? pendingPrefix = null;
        string? pendingArticle = null;
        var afterConnector = false;
        for (var i = 0; i < words.Count; i++)
        {
            var (surface, word, token, alternativeWord) = words[i];
            var hasNext = i + 1 < words.Count;
            if (hasNext && Articles.Contains(word))
            {
                pendingArticle ??= word;
                pendingSurface = Join(pendingSurface, ref pendingToken, surface, token);
                continue;
            }
            if (hasNext && i > 0 && Connectors.Contains(word))
            {
                afterConnector = true;
                continue;
            }
            if (hasNext && Particles.Contains(word) && pendingPrefix is null)
            {
                pendingSurface = Join(pendingSurface, ref pendingToken, surface, token);
                continue;
            }
            if (hasNext && pendingPrefix is null && (ServantPrefixes.Contains(word) || FatherPrefixes.Contains(word)))
            {
                pendingPrefix = ServantPrefixes.Contains(word) ? "abd" : "abu";
                pendingSurface = Join(pendingSurface, ref pendingToken, surface, token);
                continue;
            }
            var joined = pendingPrefix is not null;
            var normalized = pendingPrefix + word;
            var alternative = alternativeWord is null ? null : pendingPrefix + alternativeWord;
            var display = Join(pendingSurface, ref pendingToken, surface, token).TrimEnd('-');
            var article = pendingArticle;
            pendingArticle = null;
            pendingPrefix = null;
            pendingSurface = null;
            pendingToken = -1;
            if (normalized.Length == 1)
            {
                parts.Add(new NamePart(display, normalized, isInitial: true, afterConnector));
                afterConnector = false;
                continue;
            }
            parts.Add(new NamePart(display, joined ? normalized : NamePart.FoldServantPrefix(normalized), isInitial: false, afterConnector,
                alternative is null ? null : joined ? alternative : NamePart.FoldServantPrefix(alternative))
            { Article = article });
            afterConnector = false;
        }
        if (parts.Count > 1 && !parts[0].IsInitial && MistypedRank(parts[0].Normalized))
        {
            parts[0] = new NamePart(parts[0].Surface, parts[0].Normalized, isInitial: false, parts[0].AfterConnector, parts[0].Alternative?.Normalized)
            { Article = parts[0].Article, MayBeRank = true };
        }
        return new PersonName(text, parts.DrainToImmutable());
    }

    /// <summary>
    /// The token with ض read as Urdu and Persian read it (z: رضا Raza, ضیاء Zia) where Arabic reads d (رمضان Ramadan), or
    /// null when it has no ض: the letter becomes ظ, which is z in every reading.
    /// </summary>
    private static string? OtherReading(string token)
    {
        if (AnyAscii.Transliteration.IsAscii(token))
        {
            return null;
        }
        // Presentation forms of ض (U+FEBD–U+FEC0) fold to it first, as the transliteration does.
        var text = NameNormalizer.WithoutLoneSurrogates(token).Normalize(System.Text.NormalizationForm.FormKC);
        return text.Contains('\u0636', StringComparison.Ordinal) ? text.Replace('\u0636', '\u0638') : null;
    }

    /// <summary>The rank abbreviations a roster puts before a name (<c>Cpl</c>, <c>Adj.</c>), to recognise them mistyped.</summary>
    private static readonly string[] Ranks =
        ["col", "capt", "cpt", "sgt", "ssgt", "msgt", "maj", "cpl", "pte", "pvt", "adj", "cdt", "cmdr", "cdr", "lcpl", "lcp", "ssg", "sfc", "sgm", "cne", "lcl", "adc", "mdl", "sdt"];

    /// <summary>
    /// Whether a first word is one keystroke from a rank abbreviation (<c>Cple</c>, <c>Addj</c>) without being one. Such
    /// words are also names (Cole, Majd, Adja), so the comparer sets them aside only when the dates of birth agree closely.
    /// </summary>
    private static bool MistypedRank(string word) =>
        word.Length is >= 3 and <= 5 && !Honorifics.Contains(word)
        && Array.Exists(Ranks, rank => rank[0] == word[0] && Math.Abs(rank.Length - word.Length) <= 1 && EditDistance.Distance(rank, word) == 1);

    /// <summary>Appends a word's surface to the pending display text, once per input token.</summary>
    private static string Join(string? pending, ref int pendingToken, string surface, int token)
    {
        if (pending is null)
        {
            pendingToken = token;
            return surface;
        }
        if (pendingToken == token)
        {
            return pending;
        }
        pendingToken = token;
        return pending.EndsWith('-') ? pending + surface : pending + " " + surface;
    }

    /// <summary>Splits on spaces and punctuation; a hyphen stays at the end of the token before it (<c>al-</c>, <c>Rahman</c>).</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length;
            var c = end ? ' ' : text[i];
            if (c == '-')
            {
                if (i > start)
                {
                    tokens.Add(text[start..(i + 1)]);
                }
                start = i + 1;
            }
            else if (end || char.IsWhiteSpace(c) || (char.IsPunctuation(c) && c is not ('\'' or '\u2019' or '\u02BF' or '\u02BE' or '`')) || c is '|')
            {
                if (i > start)
                {
                    tokens.Add(text[start..i]);
                }
                start = i + 1;
            }
        }
        return tokens;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
