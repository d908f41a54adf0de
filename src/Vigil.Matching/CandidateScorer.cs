using System.Globalization;

namespace Vigil.Matching;

/// <summary>
/// Scores one person against one record. The score starts from the best name comparison over every
/// pair of their names (primary and aliases, ties to the earlier pair; when the dates of birth agree
/// closely: full dates exactly, swapped, one digit or the year off, or year and month, names are compared typo-tolerant: see
/// <see cref="NameComparer.Compare(PersonName, PersonName, bool)"/>), then each piece of evidence
/// moves it, always staying in [0, 1]:
/// <list type="bullet">
/// <item>date of birth: exact closes half of the remaining gap to 1 (s + (1 − s) × 0.5); year and
/// month 0.35; day and month swapped 0.25; one digit off 0.15, and so full dates a year apart with day and
/// month equal (the slip of the year, however many digits it changes: 1967 / 1968 as 1969 / 1970); year only 0.1;
/// partial dates a year apart, or the same year with months one digit apart, leave the score as it is; a conflict multiplies it by 0.5 between two full dates, by 0.6 otherwise, and
/// so do partial dates one digit apart (1978 / 1918: a quarter of unrelated bare years are, so it
/// is far likelier a different person than a typo);</item>
/// <item>nationality: agreeing closes 0.1 of the gap; differing multiplies by 0.6 (people change and
/// hold several nationalities, but rarely: a different nationality is evidence against), by 0.8 where full dates of birth
/// agree exactly or with day and month swapped (a namesake born that day is rarer than one person under two nationalities);</item>
/// <item>a name that unrelated people share is discounted by how many of them would agree this well
/// by chance: k = N × e^−information (<see cref="NameComparison.Information"/>, N the population)
/// times the chance that an unrelated namesake also agrees on what the date and nationality agree on
/// (see <see cref="ChanceAgreement"/>); for k above 0.1 the score is multiplied by
/// max(0.3, (1 + k)^−½). A common name with no date or identifier thus falls under the default
/// threshold, a rare one does not, and an agreeing full date of birth leaves any name undiscounted;</item>
/// <item>an identical identifier is strong evidence on its own: the score becomes at least 0.95 (and no namesake discount
/// applies); when the dates conflict or the nationalities differ, identifiers of different kinds may have collided, so it
/// only closes half of the gap. Identifiers of one kind (same length, letters and digits in the same places) that
/// all differ multiply the score by 0.95 (passports are renewed) and double the namesakes counted below (a namesake's
/// number always differs, the same person's about half the time);</item>
/// <item>a clerical date relation (one digit off, day and month swapped, years one apart with the month equal) is what a
/// clerical error gives about 1 time in 20: the namesakes are counted against that rate, so a common name whose
/// full dates are one digit apart is discounted about as much as one with only the birth year agreeing;</item>
/// <item>the top of the scale needs corroboration: without an agreeing full date (exact or day and month
/// swapped) or a shared identifier, a score above 0.8 is compressed into [0.8, 0.9], order kept. A name
/// alone, with a bare year, or with full dates one digit apart never reaches 1.000.</item>
/// </list>
/// </summary>
public sealed class CandidateScorer
{
    /// <summary>Name scores below this are not looked at further unless an identifier agrees.</summary>
    public const double MinimumNameScore = 0.45;

    /// <summary>Youngest age anyone screened or on record can be: younger, the date is a typo or a placeholder.</summary>
    public const int YoungestAge = 16;

    /// <summary>Oldest age a person screened (deployed or hired) can be on the day of screening.</summary>
    public const int OldestScreenedAge = 80;

    /// <summary>Oldest age a person on record can be on the day of screening (records may be decades old).</summary>
    public const int OldestRecordAge = 100;

    /// <summary>
    /// Creates a scorer that compares names with <paramref name="names"/>. Given <paramref name="screeningDate"/>, a
    /// date of birth that makes the person screened younger than <see cref="YoungestAge"/> or older than
    /// <see cref="OldestScreenedAge"/> that day (a record's: older than <see cref="OldestRecordAge"/>) is set aside:
    /// placeholders such as 1900-01-01 and mistyped years (1902 for 1962) would otherwise count against a true match.
    /// Only a one-digit difference from the other full date is still weighed (as the typo it likely is).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    public CandidateScorer(NameComparer names, DateOnly? screeningDate = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
        ScreeningDate = screeningDate;
        ((_personFrom, _to), (_recordFrom, _)) = screeningDate is { } day ? (PlausibleYears(day, false), PlausibleYears(day, true)) : ((int.MinValue, int.MaxValue), (int.MinValue, int.MaxValue));
    }

    /// <summary>
    /// Whether a birth year is one a person screened on <paramref name="screeningDate"/> can have (or, with
    /// <paramref name="onRecord"/>, a person on record): the rule by which a scorer given that day sets dates aside.
    /// </summary>
    public static bool IsPlausibleBirthYear(int year, DateOnly screeningDate, bool onRecord) =>
        PlausibleYears(screeningDate, onRecord) is var (from, to) && year >= from && year <= to;

    private static (int From, int To) PlausibleYears(DateOnly day, bool onRecord) =>
        (day.Year - (onRecord ? OldestRecordAge : OldestScreenedAge), day.Year - YoungestAge);

    /// <summary>The day of screening that dates of birth are checked against, or null when they are not.</summary>
    public DateOnly? ScreeningDate { get; }

    private readonly int _personFrom;
    private readonly int _recordFrom;
    private readonly int _to;

    /// <summary>A screened person's date packed (<see cref="BirthDateComparison.PackChecked"/>), set aside when not plausible.</summary>
    internal int PackPerson(BirthDate? date) => BirthDateComparison.PackChecked(date, _personFrom, _to);

    /// <summary>A record's date packed, set aside when not plausible.</summary>
    internal int PackRecord(BirthDate? date) => BirthDateComparison.PackChecked(date, _recordFrom, _to);

    /// <summary>The name comparer.</summary>
    public NameComparer Names { get; }

    /// <summary>
    /// Scores <paramref name="person"/> against <paramref name="record"/>; null when the names are
    /// too far apart (below <see cref="MinimumNameScore"/>) and no identifier agrees.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ScreeningCandidate? Score(ScreeningSubject person, ScreeningSubject record) => Score(person, record, 0);

    /// <summary>
    /// Scores <paramref name="person"/> against <paramref name="record"/>; null when the score is
    /// below <paramref name="threshold"/> (inclusive bound: a score equal to it is kept), or when the
    /// names are below <see cref="MinimumNameScore"/> and no identifier agrees. Reasons are put into
    /// words only for a kept candidate.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ScreeningCandidate? Score(ScreeningSubject person, ScreeningSubject record, double threshold) =>
        Score(person, record, threshold, mayShareIdentifier: true);

    /// <summary>
    /// <see cref="Score(ScreeningSubject, ScreeningSubject, double)"/>, told by the index whether the two can share an
    /// identifier at all: when not, the record's identifiers are not read (one memory fetch per candidate saved).
    /// </summary>
    internal ScreeningCandidate? Score(ScreeningSubject person, ScreeningSubject record, double threshold, bool mayShareIdentifier)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(record);
        var identifier = mayShareIdentifier ? SharedIdentifier(person, record) : null;
        var (personBirth, recordBirth) = (PackPerson(person.BirthDate), PackRecord(record.BirthDate));
        var reported = BirthDateComparison.Compare(personBirth, recordBirth);
        var fullDates = person.BirthDate?.Day is not null && record.BirthDate?.Day is not null;
        var months = person.BirthDate?.Month is not null && record.BirthDate?.Month is not null;
        var birth = Weighed(reported, personBirth, recordBirth, fullDates);
        bool? nationality = person.Nationality is null || record.Nationality is null ? null : person.Nationality == record.Nationality;
        // The evidence can only lower a perfect name so far: below the threshold, the names need not be compared.
        if (identifier is null && Evidence(1, birth, fullDates, nationality) < Unrounded(threshold))
        {
            return null;
        }

        // Scores only first; the comparison in words is built for a kept candidate.
        var (bestScore, bestInformation, bestPersonName, bestRecordName) = (0.0, 0.0, 0, 0);
        for (var p = 0; p < person.Names.Length; p++)
        {
            for (var r = 0; r < record.Names.Length; r++)
            {
                var nameScore = Names.Score(person.Names[p], record.Names[r], out var information);
                if (nameScore > bestScore)
                {
                    (bestScore, bestInformation, bestPersonName, bestRecordName) = (nameScore, information, p, r);
                }
            }
        }
        // Dates that agree as only 1 namesake in hundreds would (a full date, one digit or the year off, or year and month)
        // make a mistyped word (Denie / Daniel) likelier a typo than another name.
        var typoTolerant = birth is BirthDateAgreement.Exact or BirthDateAgreement.DayMonthSwapped or BirthDateAgreement.OneDigitOff or BirthDateAgreement.YearAndMonth
            || (birth is BirthDateAgreement.YearOffByOne && fullDates);
        if (typoTolerant)
        {
            for (var p = 0; p < person.Names.Length; p++)
            {
                for (var r = 0; r < record.Names.Length; r++)
                {
                    var nameScore = Names.Score(person.Names[p], record.Names[r], out var information, typoTolerant: true);
                    if (nameScore > bestScore)
                    {
                        (bestScore, bestInformation, bestPersonName, bestRecordName) = (nameScore, information, p, r);
                    }
                }
            }
        }
        if (bestScore < MinimumNameScore && identifier is null)
        {
            return null;
        }

        var score = Evidence(bestScore, birth, fullDates, nationality);
        var identifierDiffers = identifier is null && IdentifiersOfOneKindDiffer(person, record);
        if (identifierDiffers)
        {
            score *= IdentifierDiffersFactor;
        }
        // Namesakes the population holds by chance that would also agree this well on date and nationality.
        var namesakes = identifier is null && Names.Frequencies.People > 0
            ? Names.Frequencies.People * Math.Exp(-bestInformation) * ChanceAgreement(birth, fullDates, months, nationality) / SamePersonAgreement(birth, months)
                / (identifierDiffers ? PassportKeptRate : 1)
            : 0;
        var common = namesakes > CommonNameNamesakes;
        if (common)
        {
            score *= NamesakeFactor(namesakes);
        }
        if (identifier is not null)
        {
            // Numbers of different kinds and countries collide (a service number equal to someone's passport
            // number): an identifier settles the match only when neither the date nor the nationality contradicts it.
            var contradicted = birth is BirthDateAgreement.Conflict or BirthDateAgreement.PartialOneDigitOff || nationality == false;
            score = contradicted ? Closer(score, 0.5) : Math.Max(score, 0.95);
        }
        else if (!Corroborated(birth))
        {
            score = Uncorroborated(score);
        }
        // The score is the three-decimal number the match file shows, so a row written "0.650" is kept at 0.65.
        score = Math.Round(Math.Clamp(score, 0, 1), 3, MidpointRounding.AwayFromZero);
        if (score < threshold)
        {
            return null;
        }

        var best = Names.Compare(person.Names[bestPersonName], record.Names[bestRecordName], typoTolerant);
        var reasons = new List<string> { bestRecordName > 0 ? $"{best.Describe()} with the alias {record.Names[bestRecordName].Text}" : best.Describe() };
        if (BirthDateComparison.Describe(reported) is { } birthReason)
        {
            reasons.Add(reported == BirthDateAgreement.Conflict ? $"{birthReason} ({person.BirthDate} vs {record.BirthDate})" : birthReason);
        }
        if (personBirth < 0)
        {
            reasons.Add($"birth date {person.BirthDate} on the roster set aside (not plausible)");
        }
        if (recordBirth < 0)
        {
            reasons.Add($"birth date {record.BirthDate} on record set aside (not plausible)");
        }
        if (nationality is { } agrees)
        {
            reasons.Add(agrees ? "nationality agrees" : $"nationality differs ({person.Nationality} vs {record.Nationality})");
        }
        if (common)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"common name: about {FormatNamesakes(namesakes)} others would agree this well by chance"));
        }
        if (identifier is not null)
        {
            reasons.Add($"identifier {identifier} agrees");
        }
        else if (identifierDiffers)
        {
            reasons.Add("identifiers of the same kind differ");
        }
        return new ScreeningCandidate(person.Id, record.Id, score, string.Join("; ", reasons), best, reported, nationality, identifier is not null);
    }

    /// <summary>
    /// The relation the evidence is weighed by: two full dates whose years are one apart with the same day and month
    /// (1967-03-13 / 1968-03-13) are the clerical "year one off" however many digits it changes, a relation an
    /// unrelated namesake shows far more rarely (2 dates in about 14,600) than "some digit off" (about 25).
    /// Dates packed (<see cref="BirthDateComparison.PackChecked"/>; a date set aside keeps its mark).
    /// </summary>
    private static BirthDateAgreement Weighed(BirthDateAgreement birth, int first, int second, bool fullDates)
    {
        if (first == 0 || second == 0)
        {
            return birth;
        }
        first &= int.MaxValue; // without the set-aside mark (BirthDateComparison.SetAside)
        second &= int.MaxValue;
        // The low nine bits are month and day.
        if (birth == BirthDateAgreement.OneDigitOff && fullDates && Math.Abs((first >> 9) - (second >> 9)) == 1 && (first & 511) == (second & 511))
        {
            return BirthDateAgreement.YearOffByOne;
        }
        // A day swapped into the month of a date without a day (1994-01-10 / 1994-10): a namesake's date shows it about 1
        // in 900 (the year, then a day that is that month), one person's two records about 1 in 20 (a clerical swap), so it
        // tells about as much as the year agreeing and is weighed as that.
        if (birth == BirthDateAgreement.DayMonthSwapped && !fullDates)
        {
            return BirthDateAgreement.Year;
        }
        // The same year with months one digit apart (1973-02 / 1973-05): a month slip and a namesake's date are about as
        // likely (1 in 80 against 1 in 160), so no evidence either way; bare years one digit apart (1978 / 1918) stay against.
        return birth == BirthDateAgreement.PartialOneDigitOff && first >> 9 == second >> 9 ? BirthDateAgreement.Unknown : birth;
    }

    /// <summary>The first identifier of the person that the record has too, or null (a plain loop: this runs for every candidate).</summary>
    private static string? SharedIdentifier(ScreeningSubject person, ScreeningSubject record)
    {
        foreach (var mine in person.Identifiers)
        {
            foreach (var theirs in record.Identifiers)
            {
                if (string.Equals(mine, theirs, StringComparison.Ordinal))
                {
                    return mine;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Whether both have an identifier of the same kind (the same length, letters and digits in the same
    /// places: P1234567 / P7654321) and none is shared (the caller checks that). Allocates nothing.
    /// </summary>
    internal static bool IdentifiersOfOneKindDiffer(ScreeningSubject person, ScreeningSubject record)
    {
        foreach (var mine in person.Identifiers)
        {
            foreach (var theirs in record.Identifiers)
            {
                if (SameShape(mine, theirs))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool SameShape(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length; i++)
        {
            if (char.IsAsciiDigit(a[i]) != char.IsAsciiDigit(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the dates agree as well as a full date can: only then may a name without an identifier reach the top of the scale.</summary>
    private static bool Corroborated(BirthDateAgreement birth) => birth is BirthDateAgreement.Exact or BirthDateAgreement.DayMonthSwapped;

    /// <summary>How often the same person's two records relate this way: a clerical error is rare.</summary>
    internal static double SamePersonAgreement(BirthDateAgreement birth, bool months) => birth switch
    {
        BirthDateAgreement.OneDigitOff or BirthDateAgreement.DayMonthSwapped => ClericalErrorRate,
        BirthDateAgreement.YearOffByOne when months => ClericalErrorRate,
        _ => 1,
    };

    /// <summary>
    /// Whether a record with this date of birth and nationality (agreeing with the person's, differing, or
    /// null when either is unknown) could reach <paramref name="threshold"/> against a person born on
    /// <paramref name="personBirth"/> (dates packed by <see cref="BirthDateComparison.Pack"/>) with a perfect name and no identifier: the exact bound that lets
    /// blocking skip comparing names.
    /// </summary>
    internal static bool CouldReach(int personBirth, int recordBirth, bool? nationalityAgrees, double threshold)
    {
        var fullDates = BirthDateComparison.HasDay(personBirth) && BirthDateComparison.HasDay(recordBirth);
        var birth = Weighed(BirthDateComparison.Compare(personBirth, recordBirth), personBirth, recordBirth, fullDates);
        return Evidence(1, birth, fullDates, nationalityAgrees) >= Unrounded(threshold);
    }

    // The lowest unrounded score that rounds (three decimals) to the threshold or above: the bound for pruning.
    private static double Unrounded(double threshold) => threshold - 0.0005;

    /// <summary>The name score moved by the date and nationality evidence (see the class remarks); never raises a score above 1.</summary>
    private static double Evidence(double score, BirthDateAgreement birth, bool fullDates, bool? nationality)
    {
        score = birth switch
        {
            BirthDateAgreement.Unknown => score,
            BirthDateAgreement.Exact => Closer(score, 0.5),
            BirthDateAgreement.YearAndMonth => Closer(score, 0.35),
            BirthDateAgreement.DayMonthSwapped => Closer(score, 0.25),
            BirthDateAgreement.Year => Closer(score, 0.1),
            BirthDateAgreement.OneDigitOff => Closer(score, 0.15),
            BirthDateAgreement.PartialOneDigitOff => score * 0.6,
            // Between full dates, a clerical slip of the year (as rare by chance as one digit off); between partial dates no evidence.
            BirthDateAgreement.YearOffByOne => fullDates ? Closer(score, 0.15) : score,
            BirthDateAgreement.Conflict => score * (fullDates ? 0.5 : 0.6),
        };
        return nationality switch
        {
            true => Closer(score, 0.1),
            false => score * (birth is BirthDateAgreement.Exact or BirthDateAgreement.DayMonthSwapped && fullDates ? NationalityDiffersGivenFullDate : 0.6),
            null => score,
        };
    }

    /// <summary>
    /// A different nationality where the full dates of birth agree: a namesake born the same day is rare (1 in 10,000),
    /// while one person recorded under two nationalities is not (dual nationals, naturalisation, a contingent's
    /// country typed for the person's): ×0.6 would put an exact name and date under the threshold, a barred person
    /// missed because a clerk wrote SDN for TCD.
    /// </summary>
    private const double NationalityDiffersGivenFullDate = 0.8;

    /// <summary>
    /// Identifiers of one kind that differ (a passport on the roster, another passport in the case file) count
    /// against, but mildly: passports are renewed every 5 to 10 years and a case file keeps the one of its time.
    /// </summary>
    private const double IdentifierDiffersFactor = 0.95;

    /// <summary>
    /// How often the same person still holds the passport a case file recorded years before: about half the time
    /// (passports last 5 to 10 years). A namesake's always differs, so differing passports double the namesakes that
    /// would agree as well: a common name is discounted more, a rare one (no namesake to count) only by ×0.95.
    /// </summary>
    private const double PassportKeptRate = 0.5;

    /// <summary>
    /// How often one person's two records differ by a given clerical error (day and month swapped, one digit,
    /// the year one off): a priori a few in a hundred each. A namesake agreeing that way by chance is weighed
    /// against this, not against certainty.
    /// </summary>
    private const double ClericalErrorRate = 0.05;

    /// <summary>
    /// Without an agreeing full date of birth or a shared identifier, scores above <see cref="UncorroboratedKnee"/>
    /// are compressed into [knee, <see cref="UncorroboratedCeiling"/>]: the order is kept, but the top of the
    /// scale (0.9 to 1) is left to candidates with corroborating evidence.
    /// </summary>
    internal const double UncorroboratedCeiling = 0.9;

    private const double UncorroboratedKnee = 0.8;

    internal static double Uncorroborated(double score) =>
        score > UncorroboratedKnee ? UncorroboratedKnee + (score - UncorroboratedKnee) * (UncorroboratedCeiling - UncorroboratedKnee) / (1 - UncorroboratedKnee) : score;

    /// <summary>Below this many expected chance namesakes, a name counts as rare and is not discounted.</summary>
    private const double CommonNameNamesakes = 0.1;

    /// <summary>
    /// The share of unrelated people (of the same name) who would agree this well on date of birth and
    /// nationality by chance. A-priori figures, not fitted: birth dates of adults spread over about
    /// 40 years (a year agrees by chance 1 in 30, year and month 1 in 400, a full date 1 in 10,000); a
    /// one-digit slip or a swap of day and month between full dates is still rare by chance (1 in 600 and
    /// 1 in 5,000), and so are years one apart with the same day and month (1 in 5,000) or, when no day is
    /// known, the same month (1 in 200); between bare years a digit off or a year apart happens too often to count. A shared
    /// nationality is common among namesakes of one tradition (1 in 3). A conflict counts 1: its penalty is applied apart.
    /// </summary>
    internal static double ChanceAgreement(BirthDateAgreement birth, bool fullDates, bool months, bool? nationality)
    {
        var chance = birth switch
        {
            BirthDateAgreement.Exact => 1.0 / 10_000,
            BirthDateAgreement.YearAndMonth => 1.0 / 400,
            BirthDateAgreement.DayMonthSwapped => 1.0 / 5_000,
            BirthDateAgreement.OneDigitOff => 1.0 / 600,
            BirthDateAgreement.Year => 1.0 / 30,
            BirthDateAgreement.YearOffByOne when fullDates && months => 1.0 / 5_000,
            BirthDateAgreement.YearOffByOne when months => 1.0 / 200,
            _ => 1.0,
        };
        return nationality == true ? chance / 3 : chance;
    }

    /// <summary>
    /// The discount of a name that <paramref name="namesakes"/> unrelated people would match as well:
    /// (1 + k)^−½, at least 0.3, so that a common name with nothing to corroborate it falls under the
    /// default threshold (k ≥ 2 leaves a perfect name at most 0.58) while a rare one keeps most of its score
    /// (k = 0.25: ×0.89) and a true match stays findable at a lower threshold.
    /// </summary>
    internal static double NamesakeFactor(double namesakes) => Math.Max(0.3, 1 / Math.Sqrt(1 + namesakes));

    private static string FormatNamesakes(double namesakes) =>
        namesakes < 10 ? namesakes.ToString("0.#", CultureInfo.InvariantCulture) : Math.Round(namesakes).ToString(CultureInfo.InvariantCulture);

    private static double Closer(double score, double share) => score + (1 - score) * share;

    /// <summary>The score as written in a match file: three decimals, invariant culture.</summary>
    public static string Format(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
