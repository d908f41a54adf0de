using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Vigil.Web.Platform;

/// <summary>
/// A label followed by its colon, as the page's language writes it: French puts a no-break space before the colon
/// ("Immunité : aucune", and the space never lets the colon wrap to the next line); English and Arabic put none.
/// </summary>
public static class Typography
{
    /// <summary><paramref name="label"/> (already in the page's language) with its colon.</summary>
    public static string Colon(string label) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? label + "\u00A0:" : label + ":";

    /// <summary>The term <paramref name="key"/> in the page's language, with its colon.</summary>
    public static string Label(this IStringLocalizer t, string key)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Colon(t[key]);
    }
}
