using System.Globalization;
using System.Text;

namespace Vigil.Core.Common;

/// <summary>
/// A person's name as typed by hand is one line of printable text. A line break, a tab or another control character
/// (Unicode Cc, and the line and paragraph separators) pasted into it splits the name on pages, in CSV exports and in the
/// matching engine's tokens, and the same person would no longer match themself. Format characters (Cf: zero-width
/// joiners, direction marks) are left alone: Persian and Indic names need them.
/// </summary>
public static class NameText
{
    /// <summary>The first such character of <paramref name="name"/> as <c>U+000A</c>, or null when there is none.</summary>
    public static string? ControlIn(string? name)
    {
        if (name is null)
        {
            return null;
        }
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"U+{rune.Value:X4}";
            }
        }
        return null;
    }

    /// <summary>The refusal for a name holding <paramref name="control"/> (from <see cref="ControlIn"/>); the name is not quoted.</summary>
    public static Words OneLine(string control) => $"This name holds a line break or another control character ({control}): type it on one line.";

    /// <summary>
    /// The refusal for other one-line text (an official's title, a unit's designation, a site's name, a victim's
    /// identity, a reference) holding a control character, when there is one: null otherwise. It names the field,
    /// <paramref name="what"/> in the API's English ("title"), on a page by the resource <c>one-line:{what}</c> in the
    /// page's language; the text is not quoted. Free text (notes, narratives, reasons) may hold line breaks: not for it.
    /// </summary>
    public static Words? NotOneLine(string? text, string what) =>
        ControlIn(text) is { } control
            ? (Words)$"The {new Term($"one-line:{what}", what)} holds a line break or another control character ({control}): type it on one line."
            : null;
}
