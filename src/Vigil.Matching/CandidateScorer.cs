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
/// (see <see cref="NameComparison.Information"/>), the score is multiplied by max(0.75, 1 − 0.08 ln k);</item>
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
    public ScreeningCandidate? Score(ScreeningSubject person, ScreeningSubject record)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(record);
        var identifier = person.Identifiers.FirstOrDefault(record.Identifiers.Contains);
        NameComparison best = NameComparison.None;
        var bestRecordName = 0;
        foreach (var personName in person.Names)
        {
            for (var r = 0; r < record.Names.Length; r++)
            {
                var comparison = Names.Compare(personName, record.Names[r]);
                if (comparison.Score > best.Score)
                {
                    best = comparison;
                    bestRecordName = r;
                }
            }
        }
        if (best.Score < MinimumNameScore && identifier is null)
        {
            return null;
        }

        var score = best.Score;
        var reasons = new List<string> { bestRecordName > 0 ? $"{best.Describe()} with the alias {record.Names[bestRecordName].Text}" : best.Describe() };

        var birth = BirthDateComparison.Compare(person.BirthDate, record.BirthDate);
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
            BirthDateAgreement.Conflict => score * (person.BirthDate!.Value.Day is not null && record.BirthDate!.Value.Day is not null ? 0.5 : 0.6),
        };
        if (BirthDateComparison.Describe(birth) is { } birthReason)
        {
            reasons.Add(birth == BirthDateAgreement.Conflict ? $"{birthReason} ({person.BirthDate} vs {record.BirthDate})" : birthReason);
        }

        bool? nationality = person.Nationality is null || record.Nationality is null ? null : person.Nationality == record.Nationality;
        if (nationality == true)
        {
            score = Closer(score, 0.1);
            reasons.Add("nationality agrees");
        }
        else if (nationality == false)
        {
            score *= 0.8;
            reasons.Add($"nationality differs ({person.Nationality} vs {record.Nationality})");
        }

        var corroborated = identifier is not null || birth is BirthDateAgreement.Exact or BirthDateAgreement.YearAndMonth
            or BirthDateAgreement.Year or BirthDateAgreement.DayMonthSwapped or BirthDateAgreement.OneDigitOff;
        var namesakes = Names.Frequencies.People * Math.Exp(-best.Information);
        if (!corroborated && Names.Frequencies.People > 0 && namesakes > 1)
        {
            score *= Math.Max(0.75, 1 - 0.08 * Math.Log(namesakes));
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"common name (about {Math.Round(namesakes)} namesakes expected), nothing else agrees"));
        }

        if (identifier is not null)
        {
            score = Math.Max(score, 0.95);
            reasons.Add($"identifier {identifier} agrees");
        }
        score = Math.Clamp(score, 0, 1);
        return new ScreeningCandidate(person.Id, record.Id, score, string.Join("; ", reasons), best, birth, nationality, identifier is not null);
    }

    private static double Closer(double score, double share) => score + (1 - score) * share;

    /// <summary>The score as written in a match file: three decimals, invariant culture.</summary>
    public static string Format(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
