using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Vigil.Matching;

/// <summary>
/// A date of birth of which only the year, or the year and month, may be known: <c>YYYY</c>,
/// <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>. Immutable.
/// </summary>
public readonly record struct BirthDate
{
    /// <summary>Creates a date; <paramref name="day"/> needs <paramref name="month"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is not 1–9999, the month not 1–12, or the day not in that month.</exception>
    /// <exception cref="ArgumentException">A day is given without a month.</exception>
    public BirthDate(int year, int? month = null, int? day = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (month is { } m && m is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be 1 to 12.");
        }
        if (day is not null && month is null)
        {
            throw new ArgumentException("A day needs a month.", nameof(day));
        }
        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "No such day in that month.");
        }
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The year, 1–9999.</summary>
    public int Year { get; }

    /// <summary>The month, 1–12, or null when unknown.</summary>
    public int? Month { get; }

    /// <summary>The day of the month, or null when unknown (always null when <see cref="Month"/> is).</summary>
    public int? Day { get; }

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> (surrounding spaces allowed).</summary>
    /// <returns>False for null, empty or any other form, or for a date that does not exist.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out BirthDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }
        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }
        int? month = numbers.Length > 1 ? numbers[1] : null;
        int? day = numbers.Length > 2 ? numbers[2] : null;
        if (numbers[0] < 1 || month is < 1 or > 12 || (day is { } d && (d < 1 || d > DateTime.DaysInMonth(numbers[0], month!.Value))))
        {
            return false;
        }
        date = new BirthDate(numbers[0], month, day);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid date in one of the three forms.</exception>
    public static BirthDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD.");

    /// <summary>The date as <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        ({ } m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        ({ } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };
}
