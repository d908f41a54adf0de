using System.Globalization;

namespace Vigil.Matching;

/// <summary>
/// Scores one person against one record. The score starts from the best name comparison over every
/// pair of their names (primary and aliases, ties to the earlier pair), then each piece of evidence
/// moves it, always staying in [0, 1]:
/// <list type="bullet">
/// <item>date of birth: exact closes half of the remaining gap to 1 (s + (1 − s) × 0.5); year and
/// month 0.35; day and month swapped 0.25; one digit off 0.15 (partial dates one digit off: times 0.8, a typo or a different person); year only 0.1; year one apart leaves
/// the score as it is; a conflict multiplies it by 0.5 between two full dates, by 0.6 otherwise;</item>
/// <item>nationality: agreeing closes 0.1 of the gap; differing multiplies by 0.8 (people change and
/// hold several nationalities, so it is not decisive);</item>
/// <item>a common name that nothing else corroborates (no agreeing date or identifier; a shared nationality is
/// expected within a contingent and does not count)
/// is discounted: when the population is expected to hold k &gt; 1 namesakes by chance
/// (see <see cref="NameComparison.Information"/>), the score is multiplied by max(0.8, 1 − 0.06 ln k);</item>
/// <item>an identical identifier is strong evidence on its own: the score becomes at least 0.95.</item>
/// </list>
/// </summary>
public sealed class CandidateScorer
{
    /// <summary>Name scores below this are not looked at further unless an identifier agrees.</summary>
    public const double MinimumNameScore = 0.45;

    /// <summary>Creates a scorer that compares names with <paramref name="names"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    public CandidateScorer(NameComparer names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
    }

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
    public ScreeningCandidate? Score(ScreeningSubject person, ScreeningSubject record, double threshold)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(record);
        var identifier = SharedIdentifier(person, record);
        var birth = BirthDateComparison.Compare(person.BirthDate, record.BirthDate);
        var fullDates = person.BirthDate?.Day is not null && record.BirthDate?.Day is not null;
        bool? nationality = person.Nationality is null || record.Nationality is null ? null : person.Nationality == record.Nationality;
        // The evidence can only lower a perfect name so far: below the threshold, the names need not be compared.
        if (identifier is null && Evidence(1, birth, fullDates, nationality) < threshold)
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
        if (bestScore < MinimumNameScore && identifier is null)
        {
            return null;
        }

        var score = Evidence(bestScore, birth, fullDates, nationality);
        var corroborated = identifier is not null || birth is BirthDateAgreement.Exact or BirthDateAgreement.YearAndMonth
            or BirthDateAgreement.Year or BirthDateAgreement.DayMonthSwapped or BirthDateAgreement.OneDigitOff;
        var namesakes = Names.Frequencies.People * Math.Exp(-bestInformation);
        var common = !corroborated && Names.Frequencies.People > 0 && namesakes > 1;
        if (common)
        {
            score *= Math.Max(0.8, 1 - 0.06 * Math.Log(namesakes));
        }
        if (identifier is not null)
        {
            score = Math.Max(score, 0.95);
        }
        score = Math.Clamp(score, 0, 1);
        if (score < threshold)
        {
            return null;
        }

        var best = Names.Compare(person.Names[bestPersonName], record.Names[bestRecordName]);
        var reasons = new List<string> { bestRecordName > 0 ? $"{best.Describe()} with the alias {record.Names[bestRecordName].Text}" : best.Describe() };
        if (BirthDateComparison.Describe(birth) is { } birthReason)
        {
            reasons.Add(birth == BirthDateAgreement.Conflict ? $"{birthReason} ({person.BirthDate} vs {record.BirthDate})" : birthReason);
        }
        if (nationality is { } agrees)
        {
            reasons.Add(agrees ? "nationality agrees" : $"nationality differs ({person.Nationality} vs {record.Nationality})");
        }
        if (common)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"common name (about {Math.Round(namesakes)} namesakes expected), nothing else agrees"));
        }
        if (identifier is not null)
        {
            reasons.Add($"identifier {identifier} agrees");
        }
        return new ScreeningCandidate(person.Id, record.Id, score, string.Join("; ", reasons), best, birth, nationality, identifier is not null);
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
    /// Whether a record with this date of birth and nationality could reach <paramref name="threshold"/>
    /// against <paramref name="person"/> with a perfect name and no identifier: the exact bound that
    /// lets blocking skip comparing names.
    /// </summary>
    internal static bool CouldReach(ScreeningSubject person, BirthDate? birthDate, string? nationality, double threshold)
    {
        var birth = BirthDateComparison.Compare(person.BirthDate, birthDate);
        bool? agrees = person.Nationality is null || nationality is null ? null : person.Nationality == nationality;
        return Evidence(1, birth, person.BirthDate?.Day is not null && birthDate?.Day is not null, agrees) >= threshold;
    }

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
            BirthDateAgreement.PartialOneDigitOff => score * 0.8,
            BirthDateAgreement.YearOffByOne => score,
            BirthDateAgreement.Conflict => score * (fullDates ? 0.5 : 0.6),
        };
        return nationality switch
        {
            true => Closer(score, 0.1),
            false => score * 0.8,
            null => score,
        };
    }

    private static double Closer(double score, double share) => score + (1 - score) * share;

    /// <summary>The score as written in a match file: three decimals, invariant culture.</summary>
    public static string Format(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
