using System.Text;

namespace Vigil.Matching;

/// <summary>
/// Arabic (and the Persian and Urdu letters) to Latin, as names are usually spelled in English and
/// French lists. Arabic script seldom writes short vowels, so the result is close to a consonant
/// skeleton (محمد → "mhmd"); <see cref="PhoneticKey"/> drops vowels on the Latin side too, which is
/// what lets the two meet. The definite article ال becomes a separate "al-" so that name parsing can
/// treat it like the Latin article.
/// </summary>
internal static class ArabicTransliterator
{
    /// <summary>Whether <paramref name="c"/> is in one of the Arabic blocks this class handles.</summary>
    public static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>Transliterates the Arabic letters of <paramref name="text"/>; other characters are kept.</summary>
    public static string Transliterate(string text)
    {
        // Presentation forms (ﻣﺤﻤﺪ) fold to the base letters first.
        text = text.Normalize(NormalizationForm.FormKC);
        var output = new StringBuilder(text.Length + 8);
        var wordStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsArabic(c))
            {
                output.Append(c);
                wordStart = !char.IsLetter(c);
                continue;
            }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (wordStart && c == '\u0627' && next == '\u0644' && i + 2 < text.Length && IsArabicLetter(text[i + 2]))
            {
                // ال: the article, written apart as Latin lists do ("al-rahman").
                output.Append("al-");
                i++;
                wordStart = true;
                continue;
            }
            var latin = c switch
            {
                '\u0627' or '\u0623' or '\u0622' or '\u0671' or '\u0649' => "a",
                '\u0625' => "i",
                '\u0628' => "b",
                '\u062A' => "t",
                '\u062B' => "th",
                '\u062C' => "j",
                '\u062D' => "h",
                '\u062E' => "kh",
                '\u062F' => "d",
                '\u0630' => "dh",
                '\u0631' => "r",
                '\u0632' => "z",
                '\u0633' => "s",
                '\u0634' => "sh",
                '\u0635' => "s",
                '\u0636' => "d",
                '\u0637' => "t",
                '\u0638' => "z",
                // ʿayn is heard as a vowel in Latin spellings (عمر Omar, علي Ali, سعد Saad).
                '\u0639' => "a",
                '\u063A' => "gh",
                '\u0641' => "f",
                '\u0642' => "q",
                '\u0643' or '\u06A9' => "k",
                '\u0644' => "l",
                '\u0645' => "m",
                '\u0646' => "n",
                '\u0647' or '\u06C1' => wordStart || IsArabicLetter(next) ? "h" : "a",
                '\u0629' or '\u06C0' => "a",
                '\u0648' => wordStart || next is '\u0627' ? "w" : "u",
                '\u064A' or '\u06CC' => wordStart || next is '\u0627' ? "y" : "i",
                '\u0626' => "i",
                '\u0624' => "u",
                '\u06D2' => "e",
                '\u067E' => "p",
                '\u0686' => "ch",
                '\u0698' => "zh",
                '\u06AF' => "g",
                '\u0679' => "t",
                '\u0688' => "d",
                '\u0691' => "r",
                '\u06BA' => "n",
                '\u064E' => "a",
                '\u064F' => "u",
                '\u0650' => "i",
                '\u0651' => Doubled(output),
                >= '\u0660' and <= '\u0669' => ((char)('0' + (c - '\u0660'))).ToString(),
                '\u060C' or '\u061B' => ",",
                _ => "",
            };
            output.Append(latin);
            wordStart = false;
        }
        return output.ToString();
    }

    private static bool IsArabicLetter(char c) => IsArabic(c) && char.IsLetter(c);

    /// <summary>Shadda doubles the consonant before it.</summary>
    private static string Doubled(StringBuilder output) =>
        output.Length > 0 && char.IsAsciiLetter(output[^1]) ? output[^1].ToString() : "";
}
