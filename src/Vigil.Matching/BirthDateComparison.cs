namespace Vigil.Matching;

/// <summary>How two dates of birth relate, from strongest agreement to conflict.</summary>
public enum BirthDateAgreement
{
    /// <summary>At least one date is missing: no evidence either way.</summary>
    Unknown,

    /// <summary>Both full dates, equal.</summary>
    Exact,

    /// <summary>Year and month equal; at least one date has no day.</summary>
    YearAndMonth,

    /// <summary>Years equal; at least one date has no month.</summary>
    Year,

    /// <summary>
    /// The same once day and month are swapped: both full dates (03-07 / 07-03), or a full date whose day is the
    /// other's month where that one has no day (1994-01-10 / 1994-10).
    /// </summary>
    DayMonthSwapped,

    /// <summary>Two full dates written the same but for one digit (1985-03-14 / 1985-03-17, 1975-03-14 / 1985-03-14).</summary>
    OneDigitOff,

    /// <summary>
    /// Partial dates written the same but for one digit (1978 / 1918): a typo, or a different person
    /// (bare years differ by one digit by chance too often to count as agreement).
    /// </summary>
    PartialOneDigitOff,

    /// <summary>Years one apart, the rest agreeing as far as known.</summary>
    YearOffByOne,

    /// <summary>The dates cannot be the same person's.</summary>
    Conflict,
}

/// <summary>Compares dates of birth, allowing for partial dates and the usual clerical errors.</summary>
public static class BirthDateComparison
{
    /// <summary>
    /// The relation of two dates, checked in the order of <see cref="BirthDateAgreement"/>: a partial
    /// date is compared only as far as both are known; a one-digit difference between two full dates
    /// is <see cref="BirthDateAgreement.OneDigitOff"/>, between partial ones (unless the years are one
    /// apart) <see cref="BirthDateAgreement.PartialOneDigitOff"/>.
    /// </summary>
    public static BirthDateAgreement Compare(BirthDate? first, BirthDate? second) => Compare(Pack(first), Pack(second));

    /// <summary>
    /// A date packed in one number, <c>year &lt;&lt; 9 | month &lt;&lt; 5 | day</c> (an unknown month or day is 0), or 0 when
    /// unknown: screening compares a person's date with a few hundred records' for each person, and reading the packed
    /// dates from one array costs a fraction of copying the nullable ones.
    /// </summary>
    internal static int Pack(BirthDate? date) => date is { } d ? (d.Year << 9) | ((d.Month ?? 0) << 5) | (d.Day ?? 0) : 0;

    /// <summary>
    /// The sign bit of a packed date (<see cref="Pack"/>) marks it set aside as not plausible for the person (see
    /// <see cref="CandidateScorer"/>): a placeholder such as 1900-01-01 or a mistyped year.
    /// </summary>
    internal const int SetAside = int.MinValue;

    /// <summary>Packs like <c>Pack</c>, marked <see cref="SetAside"/> when the year is outside <paramref name="fromYear"/>–<paramref name="toYear"/>.</summary>
    internal static int PackChecked(BirthDate? date, int fromYear, int toYear) =>
        date is { } d && (d.Year < fromYear || d.Year > toYear) ? Pack(date) | SetAside : Pack(date);

    /// <summary>Whether a packed date (see <see cref="Pack"/>) has its day.</summary>
    internal static bool HasDay(int packed) => (packed & 31) != 0;

    /// <summary><see cref="Compare(BirthDate?, BirthDate?)"/> on packed dates (see <see cref="Pack"/>): the one implementation.</summary>
    internal static BirthDateAgreement Compare(int first, int second)
    {
        if (first == 0 || second == 0)
        {
            return BirthDateAgreement.Unknown;
        }
        if ((first | second) < 0)
        {
            // A date set aside says nothing by itself, and two placeholders (1900-01-01 twice) agree by convention, not
            // by person. Only one digit off a plausible full date stays evidence: 1902-05-14 / 1962-05-14 is a typo.
            var relation = (first & second) < 0 ? BirthDateAgreement.Unknown : Compare(first & int.MaxValue, second & int.MaxValue);
            return relation == BirthDateAgreement.OneDigitOff ? relation : BirthDateAgreement.Unknown;
        }
        var (yearA, monthA, dayA) = (first >> 9, (first >> 5) & 15, first & 31);
        var (yearB, monthB, dayB) = (second >> 9, (second >> 5) & 15, second & 31);
        var bothMonths = monthA != 0 && monthB != 0;
        var bothDays = dayA != 0 && dayB != 0;
        if (yearA == yearB)
        {
            if (!bothMonths)
            {
                return BirthDateAgreement.Year;
            }
            if (monthA == monthB)
            {
                if (!bothDays)
                {
                    return BirthDateAgreement.YearAndMonth;
                }
                if (dayA == dayB)
                {
                    return BirthDateAgreement.Exact;
                }
            }
            // Day and month swapped: both full dates, or a full date whose day is the month of one without a day
            // (1994-01-10 / 1994-10): a clerk who wrote the day as the month could have dropped the day too.
            else if (bothDays ? monthA == dayB && dayA == monthB : dayA == monthB || dayB == monthA)
            {
                return BirthDateAgreement.DayMonthSwapped;
            }
        }
        var differences = DigitDifferences(yearA, yearB, 4)
            + (bothMonths ? DigitDifferences(monthA, monthB, 2) : 0)
            + (bothDays ? DigitDifferences(dayA, dayB, 2) : 0);
        var oneDigit = differences == 1;
        if (oneDigit && bothDays)
        {
            return BirthDateAgreement.OneDigitOff;
        }
        if (Math.Abs(yearA - yearB) == 1 && (!bothMonths || monthA == monthB) && (!bothDays || dayA == dayB))
        {
            return BirthDateAgreement.YearOffByOne;
        }
        if (oneDigit)
        {
            return BirthDateAgreement.PartialOneDigitOff;
        }
        return BirthDateAgreement.Conflict;
    }

    /// <summary>A phrase for the officer: "birth date agrees", "birth dates differ", or null when unknown.</summary>
    public static string? Describe(BirthDateAgreement agreement) => agreement switch
    {
        BirthDateAgreement.Unknown => null,
        BirthDateAgreement.Exact => "birth date agrees",
        BirthDateAgreement.YearAndMonth => "birth year and month agree",
        BirthDateAgreement.Year => "birth year agrees",
        BirthDateAgreement.DayMonthSwapped => "birth date agrees with day and month swapped",
        BirthDateAgreement.OneDigitOff => "birth date differs by one digit",
        BirthDateAgreement.PartialOneDigitOff => "birth year differs by one digit",
        BirthDateAgreement.YearOffByOne => "birth year one apart",
        BirthDateAgreement.Conflict => "birth dates differ",
    };

    /// <summary>How many of the last <paramref name="digits"/> decimal digits differ (no text is built: this runs for every candidate).</summary>
    private static int DigitDifferences(int a, int b, int digits)
    {
        var differences = 0;
        for (var i = 0; i < digits; i++)
        {
            if (a % 10 != b % 10)
            {
                differences++;
            }
            a /= 10;
            b /= 10;
        }
        return differences;
    }
}
