namespace Vigil.Core.Reference;

/// <summary>
/// The rules a mission's reference records (sites, contingents, conduct officers) are held to, whoever writes them:
/// <c>vigil import</c> (docs/import.md) and the conduct chief's additions and corrections in the application. Each caller
/// says a fault in its own words (a file's line and column, or a form's field), but the limits are these.
/// </summary>
public static class ReferenceRules
{
    /// <summary>A mission's code (MINUSCA): at most this many characters.</summary>
    public const int MissionCodeLength = 20;

    /// <summary>A site's code (MINUSCA-BRI): at most this many characters.</summary>
    public const int SiteCodeLength = 40;

    /// <summary>A contingent's code (MINUSCA-BRI-RWA-INF-1): at most this many characters.</summary>
    public const int ContingentCodeLength = 60;

    /// <summary>A conduct officer's code (CDO-0042): at most this many characters.</summary>
    public const int OfficerCodeLength = 20;

    /// <summary>A site's name: at most this many characters, unique within its mission (<see cref="SameSiteName"/>).</summary>
    public const int SiteNameLength = 200;

    /// <summary>A conduct officer's full name: at most this many characters.</summary>
    public const int OfficerNameLength = 300;

    /// <summary>A UN grade (P-3, NO-B, FS-5): at most this many characters.</summary>
    public const int GradeLength = 10;

    /// <summary>A contingent's unit designation: at most this many characters.</summary>
    public const int UnitLength = 200;

    /// <summary>A contingent's authorised strength: at least this.</summary>
    public const int MinStrength = 1;

    /// <summary>Latitude in WGS 84 degrees: from −90 to 90.</summary>
    public const double MaxLatitude = 90;

    /// <summary>Longitude in WGS 84 degrees: from −180 to 180.</summary>
    public const double MaxLongitude = 180;

    /// <summary>
    /// The first character that a code may not hold, or null when it has none: a code names its record in routes and
    /// links (<c>/sites/{code}</c>) and in the planner's files, so it holds no white space, no control character and none
    /// of <c>/ \ ? # %</c>.
    /// </summary>
    public static char? CodeFault(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var c in code)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%')
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>How a forbidden character of a code is named in a message, in any language: itself, or its code point when it cannot be seen.</summary>
    public static string Described(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : $"'{c}'";

    /// <summary>Two sites of one mission whose names differ only in case would be told apart by nobody reading a plan.</summary>
    public static bool SameSiteName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The key under which a mission's site names are compared (<see cref="SameSiteName"/>).</summary>
    public static string SiteNameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant();
    }

    /// <summary>Whether <paramref name="value"/> is a latitude (finite, −90 to 90).</summary>
    public static bool IsLatitude(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxLatitude;

    /// <summary>Whether <paramref name="value"/> is a longitude (finite, −180 to 180).</summary>
    public static bool IsLongitude(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxLongitude;
}
