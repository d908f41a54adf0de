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

    /// <summary>
    /// Characters as a person counts them for a limit: Unicode scalar values, so that an emoji or a letter of a script
    /// outside the Basic Multilingual Plane is one, not the two UTF-16 units .NET's Length gives.
    /// </summary>
    public static int Characters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}
