namespace Vigil.Matching;

/// <summary>
/// Optimal-string-alignment distance (Levenshtein with adjacent transpositions): the number of
/// single-character insertions, deletions, substitutions and swaps of neighbours that turn one string
/// into the other, no substring edited twice.
/// </summary>
public static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> (ordinal characters); 0 when equal.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }
        var width = b.Length + 1;
        Span<int> rows = (a.Length + 1) * width <= 1024 ? stackalloc int[(a.Length + 1) * width] : new int[(a.Length + 1) * width];
        for (var j = 0; j <= b.Length; j++)
        {
            rows[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            rows[i * width] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[(i - 1) * width + j] + 1, rows[i * width + j - 1] + 1), rows[(i - 1) * width + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[(i - 2) * width + j - 2] + 1);
                }
                rows[i * width + j] = value;
            }
        }
        return rows[a.Length * width + b.Length];
    }

    /// <summary>
    /// 1 − distance / length of the longer string, in [0, 1]: 1 for equal strings (two empty ones
    /// included), 0 when every character must change.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 1 : 1 - (double)Distance(a, b) / longer;
    }
}
