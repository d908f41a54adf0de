using System.Text.RegularExpressions;
using CsCheck;

namespace Vigil.Matching.Tests;

/// <summary>
/// Random input (CsCheck, seeded, shrinking to the smallest failing case): names as rosters and case files really hold
/// them, in many scripts with marks, invisible characters, digits and punctuation mixed in, and arbitrary UTF-16 (lone
/// surrogates included). The matching library must never throw on any of it and keep its invariants; a failure prints
/// the seed that reproduces it.
/// </summary>
public sealed partial class RandomInputTests
{
    private const int Iterations = 3_000;

    /// <summary>Letters and marks of the scripts names arrive in, and the noise found around them in real files.</summary>
    private const string Palette =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" +
        "محمدعبدالرحمنعلييوسفةىئءآأإ" + "ًٌٍَُِّْ" + "پچژگکی" +
        "ВладимирПутинЁёЙйЪъ" + "ΑλέξανδροςΣσς" + "ნიკოლოზ" +
        "習近平金正恩" + "김정은" + "ばらくオバマｶﾞﾝﾀﾞﾑ" + "कुमारसिंह" + "ញឹម" +
        "éèêëáàâäãåçñøæœßıİĳǅ" + "\u0300\u0301\u0308\u0327" +
        "\u200B\u200C\u200D\u200E\u200F\u202E\u00A0\u2009\uFEFF\u00AD" +
        "0123456789 -'’`ʿʾ.,;:|/()[]\"\t\r\n" + "\uD83D\uDE00\uD800\uDFFF";

    private static readonly Gen<string> Names = Gen.OneOf(
        Gen.Char[Palette].Array[0, 40].Select(chars => new string(chars)),
        Gen.String[0, 30],
        // Plausible names: words from the palette's Latin and Arabic parts, with ranks, particles and initials.
        Gen.OneOf("Mohamed", "Mohammed", "محمد", "Abdoulaye", "Abdul", "Abd", "al", "el-", "Rahman", "Karim", "Ali", "bin", "ould", "Omar",
                "Diallo", "Ousmane", "Usman", "Sow", "J.", "Jean", "Claude", "Jean-Claude", "Abdelkarim", "Hassan", "de", "van", "Patr", "ushev",
                "Patrushev", "Sgt.", "Cple", "Mamadou", "Mamadu", "Denie", "Daniel", "ALnMASRI", "al-Masri", "عبدe", "الرحمن", "MUN CHO'NG-MIN", "Ig0r", "x", "").Array[0, 6].Select(words => string.Join(' ', words)));

    private static readonly Gen<string?> Dates = Gen.OneOf(
        Gen.OneOf<string?>(null, "", "1975", "1975-06", "1975-06-01", "1902-11-13", "2001-02-29", "2000-02-29", "0000-00-00", "9999-12-31", "1975-13-01", "-1", "1975/06/01"),
        Gen.Char["0123456789-/ "].Array[0, 12].Select(chars => (string?)new string(chars)));

    /// <summary>Nationalities a subject accepts (ISO alpha-3, any case, blank for none); others are refused by its constructor.</summary>
    private static readonly Gen<string?> Nationalities = Gen.OneOf<string?>(null, "", " ", "MLI", "mli", " Egy ", "EGY");

    private static readonly Gen<string[]> Identifiers = Gen.OneOf("", "P1234567", "p 123-4567", "MLI-12345", "--", "Ⅻ", "12")
        .Array[0, 3];

    [GeneratedRegex("^([a-z]+( [a-z]+)*)?$")]
    private static partial Regex NormalForm();

    [Fact]
    public void Normalize_AnyText_GivesLowerCaseAsciiWords()
    {
        Names.Sample(text =>
        {
            var normalized = NameNormalizer.Normalize(text);
            Assert.Matches(NormalForm(), normalized);
            Assert.Equal(normalized, NameNormalizer.Normalize(normalized));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Parse_AnyText_GivesPartsOfLowerCaseLetters()
    {
        Names.Sample(text =>
        {
            var name = PersonName.Parse(text);
            Assert.All(name.Parts, part => Assert.Matches("^[a-z]+$", part.Normalized));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Compare_AnyTwoNames_IsASymmetricScoreInTheUnitRange()
    {
        var comparer = new NameComparer(NamePartFrequencies.Uniform);
        Gen.Select(Names, Names, Gen.Bool).Sample((first, second, typoTolerant) =>
        {
            var a = PersonName.Parse(first);
            var b = PersonName.Parse(second);
            var forward = comparer.Compare(a, b, typoTolerant).Score;
            Assert.InRange(forward, 0, 1);
            Assert.Equal(forward, comparer.Compare(b, a, typoTolerant).Score, 9);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Compare_ANameWithAWholeWord_MatchesItselfFully()
    {
        var comparer = new NameComparer(NamePartFrequencies.Uniform);
        Names.Sample(text =>
        {
            var name = PersonName.Parse(text);
            if (name.Parts.Any(part => !part.IsInitial))
            {
                Assert.Equal(1, comparer.Compare(name, PersonName.Parse(text)).Score, 9);
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void BirthDate_AnyText_ParsesOrIsRefused()
    {
        Gen.String[0, 12].Sample(text =>
        {
            if (BirthDate.TryParse(text, out var date))
            {
                Assert.Equal(date, BirthDate.Parse(date.ToString()));
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Score_AnyPersonAndRecord_IsInTheUnitRangeWithReasons()
    {
        var scorer = new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform));
        var subjects = Gen.Select(Names, Names.Array[0, 2], Dates, Nationalities, Identifiers);
        Gen.Select(subjects, subjects).Sample((person, record) =>
        {
            var candidate = scorer.Score(Subject("P", person), Subject("R", record));
            if (candidate is not null)
            {
                Assert.InRange(candidate.Score, 0, 1);
                Assert.False(string.IsNullOrWhiteSpace(candidate.Reasons));
                Assert.Matches("^\\d\\.\\d{3}$", CandidateScorer.Format(candidate.Score));
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Screen_AnyRosterAndRegistry_FindsOnlyWhatTheScorerScoresAtTheThreshold()
    {
        var scorer = new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform));
        var subjects = Gen.Select(Names, Names.Array[0, 2], Dates, Nationalities, Identifiers).Array[1, 8];
        Gen.Select(subjects, subjects).Sample((roster, registry) =>
        {
            var people = roster.Select((s, i) => Subject($"P{i}", s)).ToList();
            var records = registry.Select((s, i) => Subject($"R{i}", s)).ToList();
            var found = Screener.Screen(people, records, new ScreeningOptions { Threshold = 0.5 });
            foreach (var candidate in found)
            {
                Assert.InRange(candidate.Score, 0.5, 1);
            }
            Assert.Equal(found.Count, found.Select(c => (c.PersonId, c.RecordId)).Distinct().Count());
        }, iter: 500, threads: 1);
    }

    /// <summary>A subject of the generated fields; a name without a letter (which the constructor refuses) becomes "x".</summary>
    private static ScreeningSubject Subject(string id, (string Name, string[] Aliases, string? Date, string? Nationality, string[] Identifiers) s) =>
        new(id, PersonName.Parse(s.Name).Parts.IsEmpty ? "x" : s.Name, s.Aliases, BirthDate.TryParse(s.Date, out var date) ? date : null, s.Nationality, s.Identifiers);
}
