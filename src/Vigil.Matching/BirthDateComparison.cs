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

    /// <summary>Both full dates, the same once day and month are swapped (03-07 / 07-03).</summary>
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
    public static BirthDateAgreement Compare(BirthDate? first, BirthDate? second)
    {
        if (first is not { } a || second is not { } b)
        {
            return BirthDateAgreement.Unknown;
        }
        var bothMonths = a.Month is not null && b.Month is not null;
        var bothDays = a.Day is not null && b.Day is not null;
        if (a.Year == b.Year)
        {
            if (!bothMonths)
            {
                return BirthDateAgreement.Year;
            }
            if (a.Month == b.Month)
            {
                if (!bothDays)
                {
                    return BirthDateAgreement.YearAndMonth;
                }
                if (a.Day == b.Day)
                {
                    return BirthDateAgreement.Exact;
                }
            }
            else if (bothDays && a.Month == b.Day && a.Day == b.Month)
            {
                return BirthDateAgreement.DayMonthSwapped;
            }
        }
        var oneDigit = OneDigitApart(a, b, bothMonths, bothDays);
        if (oneDigit && bothDays)
        {
            return BirthDateAgreement.OneDigitOff;
        }
        if (Math.Abs(a.Year - b.Year) == 1 && (!bothMonths || a.Month == b.Month) && (!bothDays || a.Day == b.Day))
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

    /// <summary>Whether the dates, written out as far as both are known, differ in exactly one digit (no text is built: this runs for every candidate).</summary>
    private static bool OneDigitApart(BirthDate a, BirthDate b, bool months, bool days)
    {
        var differences = DigitDifferences(a.Year, b.Year, 4);
        if (months)
        {
            differences += DigitDifferences(a.Month!.Value, b.Month!.Value, 2);
        }
        if (days)
        {
            differences += DigitDifferences(a.Day!.Value, b.Day!.Value, 2);
        }
        return differences == 1;
    }

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
