using System.Globalization;
using System.Text;

namespace Vigil.Matching;

/// <summary>
/// Turns a name in any script into lower-case ASCII words: Arabic by Vigil's own rules
/// (<c>محمد عبد الرحمن</c> → <c>mhmd abd al rhmn</c>), Latin with diacritics removed
/// (<c>Nicolás</c> → <c>nicolas</c>, via Unicode NFKD), every other script through AnyAscii
/// (<c>Владимир</c> → <c>vladimir</c>, <c>ბარაკ</c> → <c>barak</c>). Words are runs of letters a–z;
/// everything else (spaces, hyphens, commas, dots, digits) separates words, except a digit between two letters, read as the letter it looks like (<c>Sech1n</c> → <c>sechin</c>), except apostrophes and
/// similar marks inside a word, which are dropped (<c>O'Brien</c> → <c>obrien</c>). A word written
/// in camel case is split (<c>AlisherUsmanov</c> → <c>alisher usmanov</c>).
/// </summary>
public static class NameNormalizer
{
    /// <summary>
    /// The lower-case ASCII form of <paramref name="text"/>, words separated by single spaces, no
    /// leading or trailing space. Empty when the text holds no letter.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', Words(text));
    }

    /// <summary>The words of <see cref="Normalize(string)"/>, in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var latin = ToLatin(SplitCamelCase(text));
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < latin.Length; i++)
        {
            var c = char.ToLowerInvariant(latin[i]);
            if (c is >= '0' and <= '9' && word.Length > 0 && i + 1 < latin.Length && char.IsAsciiLetter(latin[i + 1]) && LookAlike(c) is { } letter)
            {
                // A digit standing for a letter inside a word (Ig0r Sech1n), as typed to dodge a name filter.
                c = letter;
            }
            if (c is >= 'a' and <= 'z')
            {
                word.Append(c);
            }
            else if (c is '\'' or '`' or '\u2019' or '\u02BF' or '\u02BE')
            {
                // An apostrophe joins (Cho'ng, O'Brien); a leading ʿayn mark is simply dropped.
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Latin, Greek and Cyrillic end here (U+0530): their diacritics are dropped, the marks of later scripts are not.</summary>
    private const char AlphabeticScriptsEnd = '\u0530';

    private static char? LookAlike(char digit) => digit switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        _ => null,
    };

    /// <summary>
    /// <paramref name="text"/> in Latin letters: Arabic by Vigil's rules, Latin diacritics removed,
    /// other scripts through AnyAscii. Case, spaces and punctuation are kept.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string ToLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (AnyAscii.Transliteration.IsAscii(text))
        {
            return text;
        }
        text = WithoutLoneSurrogates(text);
        if (text.Any(ArabicTransliterator.IsArabic))
        {
            text = ArabicTransliterator.Transliterate(DropStrayLatin(text));
        }
        text = WithoutSilentThaiLetters(text);
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var stripped = new StringBuilder(decomposed.Length);
        var keptMark = false;
        var baseIsAlphabetic = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                baseIsAlphabetic = c < AlphabeticScriptsEnd;
                stripped.Append(c);
            }
            else if (!baseIsAlphabetic)
            {
                // A mark on a kana, an Indic or a Southeast Asian letter is part of the sound (バ is ハ with the voicing
                // mark, ba not ha; कु is ku, not ka): kept, and put back together with its letter below.
                stripped.Append(c);
                keptMark = true;
            }
        }
        var result = keptMark ? stripped.ToString().Normalize(NormalizationForm.FormC) : stripped.ToString();
        return AnyAscii.Transliteration.IsAscii(result) ? result : AnyAscii.Transliteration.Transliterate(result);
    }

    /// <summary>
    /// <paramref name="text"/> without halves of surrogate pairs that have no other half (invalid UTF-16, which
    /// Unicode normalisation refuses with an exception): they are no letter of any name.
    /// </summary>
    internal static string WithoutLoneSurrogates(string text)
    {
        StringBuilder? output = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]))
            {
                if (char.IsSurrogatePair(text, i))
                {
                    output?.Append(text, i, 2);
                    i++;
                    continue;
                }
                output ??= new StringBuilder(text, 0, i, text.Length);
                continue;
            }
            output?.Append(text[i]);
        }
        return output?.ToString() ?? text;
    }

    /// <summary>
    /// Thai marks a letter that is written but not pronounced with the thanthakhat (U+0E4C): ประยุทธ์ is Prayut, not
    /// Prayuthth. The silenced consonant goes, with the vowel signs written on it (สิทธิ์ sit), and a silenced ร takes the
    /// consonant before it along (จันทร์ chan, ศาสตร์ sat); a transliteration letter by letter would pronounce them all.
    /// </summary>
    internal static string WithoutSilentThaiLetters(string text)
    {
        if (!text.Contains('\u0E4C', StringComparison.Ordinal))
        {
            return text;
        }
        var output = new StringBuilder(text);
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] != '\u0E4C')
            {
                continue;
            }
            var start = i - 1;
            while (start >= 0 && IsThaiSign(output[start]))
            {
                start--;
            }
            if (start < 0 || !IsThaiConsonant(output[start]))
            {
                // A mark on nothing it could silence: dropped alone.
                output.Remove(i, 1);
                i--;
                continue;
            }
            // อ before ร is a vowel carrier (เบอร์ ber), not a consonant the ร silences.
            if (output[start] == '\u0E23' && start > 0 && IsThaiConsonant(output[start - 1]) && output[start - 1] != '\u0E2D')
            {
                start--;
            }
            output.Remove(start, i - start + 1);
            i = start - 1;
        }
        return output.ToString();
    }

    private static bool IsThaiConsonant(char c) => c is >= '\u0E01' and <= '\u0E2E';

    /// <summary>Vowel signs above and below a consonant, and tone marks (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E).</summary>
    private static bool IsThaiSign(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');

    /// <summary>
    /// Removes Latin letters from words otherwise written in Arabic script (<c>عبدe</c> → <c>عبد</c>): no name
    /// mixes the two inside a word, so such a letter is a keystroke typed on the other keyboard layout, and
    /// keeping it would hide the word (here the servant prefix of عبد الرحمن) from every rule that knows it.
    /// </summary>
    private static string DropStrayLatin(string text)
    {
        StringBuilder? output = null;
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var arabic = false;
            var latin = false;
            while (end < text.Length && (char.IsLetter(text[end]) || CharUnicodeInfo.GetUnicodeCategory(text[end]) == UnicodeCategory.NonSpacingMark))
            {
                arabic |= ArabicTransliterator.IsArabic(text[end]);
                latin |= char.IsAsciiLetter(text[end]);
                end++;
            }
            if (arabic && latin)
            {
                output ??= new StringBuilder(text, 0, start, text.Length);
                foreach (var c in text.AsSpan(start, end - start))
                {
                    if (!char.IsAsciiLetter(c))
                    {
                        output.Append(c);
                    }
                }
            }
            else
            {
                output?.Append(text, start, end - start);
            }
            if (end < text.Length)
            {
                output?.Append(text[end]);
                end++;
            }
            start = end;
        }
        return output?.ToString() ?? text;
    }

    /// <summary>
    /// Inserts a space where two lower-case letters are followed by an upper-case one that is itself
    /// followed by a lower-case one, and both sides have at least three letters (AlisherUsmanov), but
    /// not inside a word typed in capitals with a stray lower-case letter (OCHcZIMA) nor before a run
    /// of capitals (BouKARY: a word typed half in capitals, not two words).
    /// </summary>
    private static string SplitCamelCase(string text)
    {
        StringBuilder? output = null;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i > 1 && char.IsUpper(c) && char.IsLower(text[i - 1]) && char.IsLower(text[i - 2]) && i + 1 < text.Length && char.IsLower(text[i + 1]) && run >= 3 && LettersFrom(text, i) >= 3)
            {
                output ??= new StringBuilder(text, 0, i, text.Length + 4);
                output.Append(' ');
                run = 0;
            }
            run = char.IsLetter(c) ? run + 1 : 0;
            output?.Append(c);
        }
        return output?.ToString() ?? text;
    }

    private static int LettersFrom(string text, int start)
    {
        var n = 0;
        while (start + n < text.Length && char.IsLetter(text[start + n]))
        {
            n++;
        }
        return n;
    }
}
