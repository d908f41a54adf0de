using System.Text;

namespace Vigil.Matching;

/// <summary>Identity document, index and service numbers, compared in a normal form.</summary>
public static class Identifiers
{
    /// <summary>
    /// The normal form of an identifier: letters and digits only (spaces, dashes, dots, slashes and
    /// other separators removed), upper case, any script folded to ASCII by
    /// <see cref="NameNormalizer.ToLatin"/>. Empty when nothing is left.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
    public static string Normalize(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var text = NameNormalizer.ToLatin(NameNormalizer.WithoutLoneSurrogates(identifier).Normalize(NormalizationForm.FormKC));
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                output.Append(char.ToUpperInvariant(c));
            }
        }
        return output.ToString();
    }
}
