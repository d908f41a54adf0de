namespace Vigil.Matching;

/// <summary>
/// Jaro-Winkler similarity (Winkler 1990): the Jaro similarity raised for a common prefix of up to
/// four characters, with the usual prefix scale 0.1. Written here rather than taken from a package
/// because names are short and this is the only string measure the engine needs.
/// </summary>
public static class JaroWinkler
{
    /// <summary>
    /// The similarity of <paramref name="a"/> and <paramref name="b"/>, compared by ordinal
    /// characters: 1 when they are equal (two empty strings included), 0 when they share no character
    /// within the matching window or one of them is empty; otherwise strictly between.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Similarity(a.AsSpan(), b.AsSpan());
    }

    /// <inheritdoc cref="Similarity(string, string)"/>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }
        var window = Math.Max(0, b.Length / 2 - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0;
        }
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }
            while (!bMatched[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
