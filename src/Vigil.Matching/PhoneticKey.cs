namespace Vigil.Matching;

/// <summary>
/// Vigil's compact phonetic key of one name word, built to fold the spellings that transliteration
/// produces for the same name (Arabic, French, English, Swahili, South Asian and Slavic traditions):
/// <list type="bullet">
/// <item>a doubled letter counts once (Hassan = Hasan, Diallo = Dialo);</item>
/// <item>vowels are dropped, but a word that starts with a vowel keeps one mark <c>A</c> (Usman =
/// Ousmane = Othman → <c>ASMN</c>/<c>ATMN</c> differ only by the consonant, Omar = Umar = عمر);
/// <c>y</c> is a consonant only before a vowel at the start (Yusuf, Youssef);</item>
/// <item><c>h</c> is dropped unless it forms a digraph (Mohamed = Muhammad = Mamadou = محمد → <c>MMT</c>;
/// Ahmed = Amadou → <c>AMT</c>);</item>
/// <item>digraphs fold: ph→f, kh/gh→k, th→t, dh→d, sh/ch/sch/tch/tsh→x, zh/dj/dzh→j, ck→k; q→k;
/// c is s before e, i or y and k elsewhere; x is ks;</item>
/// <item>letter classes: b/p, d/t, g/k/q, f/v/w, s/z, j/y (consonant); l, m, n, r and x (the sh
/// sound) stand alone; a word-initial "ou" before a vowel is w (Oualid = Walid).</item>
/// </list>
/// Equal codes from adjacent letters are collapsed (dt → T), but not across a dropped vowel or h
/// (Haddad → TT, Mohamed → MMT). The key uses the letters A F J K L M N P R S T X.
/// </summary>
public static class PhoneticKey
{
    /// <summary>
    /// The key of one word of lower-case ASCII letters (as produced by <see cref="NameNormalizer"/>).
    /// Characters other than a–z are ignored. The key is empty only when the word has no letter.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public static string Compute(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<char> letters = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            if (c is >= 'a' and <= 'z' && (n == 0 || letters[n - 1] != c))
            {
                letters[n++] = c;
            }
        }
        letters = letters[..n];
        Span<char> key = n <= 60 ? stackalloc char[n * 2 + 2] : new char[n * 2 + 2];
        var k = 0;
        var separated = false;
        for (var i = 0; i < n; i++)
        {
            var c = letters[i];
            var next = At(letters, i + 1);
            var after = At(letters, i + 2);
            char code;
            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u':
                    if (i == 0 && c == 'o' && next == 'u' && IsVowel(after))
                    {
                        code = 'F';
                        i++;
                        break;
                    }
                    code = i == 0 ? 'A' : '\0';
                    break;
                case 'y':
                    code = i == 0 ? (IsVowel(next) ? 'J' : 'A') : '\0';
                    break;
                case 'h':
                    code = '\0';
                    break;
                case 's':
                    if (next == 'h')
                    {
                        code = 'X';
                        i++;
                    }
                    else if (next == 'c' && after == 'h')
                    {
                        code = 'X';
                        i += 2;
                    }
                    else
                    {
                        code = 'S';
                    }
                    break;
                case 'c':
                    if (next == 'h')
                    {
                        code = 'X';
                        i++;
                    }
                    else if (next == 'k')
                    {
                        code = 'K';
                        i++;
                    }
                    else
                    {
                        code = next is 'e' or 'i' or 'y' ? 'S' : 'K';
                    }
                    break;
                case 't':
                    if (next == 'h')
                    {
                        code = 'T';
                        i++;
                    }
                    else if (next == 'c' && after == 'h')
                    {
                        code = 'X';
                        i += 2;
                    }
                    else if (next == 's' && after == 'h')
                    {
                        // tsh, as Arabic and Slavic transliterations write ch.
                        code = 'X';
                        i += 2;
                    }
                    else if (next == 's' && after == 'c' && At(letters, i + 3) == 'h')
                    {
                        code = 'X';
                        i += 3;
                    }
                    else
                    {
                        code = 'T';
                    }
                    break;
                case 'd':
                    if (next == 'h')
                    {
                        code = 'T';
                        i++;
                    }
                    else if (next == 'j')
                    {
                        code = 'J';
                        i++;
                    }
                    else if (next == 'z' && after == 'h')
                    {
                        code = 'J';
                        i += 2;
                    }
                    else
                    {
                        code = 'T';
                    }
                    break;
                case 'z':
                    if (next == 'h')
                    {
                        code = 'J';
                        i++;
                    }
                    else
                    {
                        code = 'S';
                    }
                    break;
                case 'p':
                    if (next == 'h')
                    {
                        code = 'F';
                        i++;
                    }
                    else
                    {
                        code = 'P';
                    }
                    break;
                case 'k' or 'g':
                    if (next == 'h')
                    {
                        i++;
                    }
                    code = 'K';
                    break;
                case 'q':
                    code = 'K';
                    break;
                case 'x':
                    Append(key, ref k, 'K', separated);
                    separated = false;
                    code = 'S';
                    break;
                case 'b':
                    code = 'P';
                    break;
                case 'f' or 'v' or 'w':
                    code = 'F';
                    break;
                case 'j':
                    code = 'J';
                    break;
                default:
                    code = char.ToUpperInvariant(c);
                    break;
            }
            if (code != '\0')
            {
                Append(key, ref k, code, separated);
                separated = false;
            }
            else
            {
                // A dropped vowel or h keeps the consonants on either side apart: Haddad is TT, not T.
                separated = k > 0;
            }
        }
        return new string(key[..k]);
    }

    private static void Append(Span<char> key, ref int k, char code, bool separated)
    {
        if (k == 0 || separated || key[k - 1] != code)
        {
            key[k++] = code;
        }
    }

    private static char At(ReadOnlySpan<char> letters, int i) => i < letters.Length ? letters[i] : '\0';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
