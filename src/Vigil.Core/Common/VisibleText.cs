using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Vigil.Core.Common;

/// <summary>Whether a typed text says anything a reader can see.</summary>
public static class VisibleText
{
    /// <summary>
    /// False for null, white space, and text made only of invisible format characters (zero-width space, joiners,
    /// direction marks, a byte-order mark): such a narrative or reason would pass a white-space check and show nothing.
    /// </summary>
    public static bool Any([NotNullWhen(true)] string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                return true;
            }
        }
        return false;
    }
}
