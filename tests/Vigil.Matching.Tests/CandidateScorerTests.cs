namespace Vigil.Matching.Tests;

public sealed class CandidateScorerTests
{
    private static readonly CandidateScorer Scorer = new(new NameComparer(NamePartFrequencies.Uniform));

    private static ScreeningSubject Person(string name, string? birth = null, string? nationality = null, params string[] ids) =>
        new("P1", name, null, birth is null ? null : BirthDate.Parse(birth), nationality, ids);

    private static ScreeningSubject Record(string name, string? birth = null, string? nationality = null, params string[] ids) =>
        new("R1", name, null, birth is null ? null : BirthDate.Parse(birth), nationality, ids);

    [Fact]
    public void Score_AgreeingDateAndNationality_RaiseTheNameScore()
    {
        var bare = Scorer.Score(Person("Ousmane Sow"), Record("Usman Sow"))!;
        var corroborated = Scorer.Score(Person("Ousmane Sow", "1975-06-01", "MLI"), Record("Usman Sow", "1975-06", "MLI"))!;
        Assert.True(corroborated.Score > bare.Score);
        Assert.Equal("name 0.98 (Ousmane~Usman); birth year and month agree; nationality agrees", corroborated.Reasons);
    }

    [Fact]
    public void Score_DaySwappedIntoTheMonthOfADateWithoutDay_WeighsAsTheYearAndSaysSo()
    {
        // 1994-01-10 written 1994-10 in the case file: a clerical swap (1 in 20), not a conflict; a namesake shows it about
        // 1 in 900, so it counts as the year agreeing, and it does not corroborate like a full date would.
        var swapped = Scorer.Score(Person("Aleksandr Zainyk", "1994-01-10", "RUS"), Record("Aleksandr Zainyk", "1994-10", "RUS"))!;
        var year = Scorer.Score(Person("Aleksandr Zainyk", "1994-01-10", "RUS"), Record("Aleksandr Zainyk", "1994", "RUS"))!;
        Assert.Equal(BirthDateAgreement.DayMonthSwapped, swapped.BirthDate);
        Assert.Equal(year.Score, swapped.Score, 9);
        Assert.InRange(swapped.Score, 0.8, CandidateScorer.UncorroboratedCeiling);
        Assert.Contains("birth date agrees with day and month swapped", swapped.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ConflictingDate_LowersTheScore()
    {
        var candidate = Scorer.Score(Person("Ousmane Sow", "1975-06-01"), Record("Ousmane Sow", "1990-01-20"))!;
        Assert.InRange(candidate.Score, 0, 0.6);
        Assert.Contains("birth dates differ (1975-06-01 vs 1990-01-20)", candidate.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_IdentifierAlone_IsHigh()
    {
        var candidate = Scorer.Score(Person("Jean Dupont", ids: "P 123-4567"), Record("Ali Traore", ids: "p1234567"))!;
        Assert.True(candidate.IdentifierMatched);
        Assert.InRange(candidate.Score, 0.95, 1);
        Assert.Contains("identifier P1234567 agrees", candidate.Reasons, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, null, 0.95, 1.0)]
    [InlineData("1980-03-12", "1980-03-12", "SEN", "SEN", 0.95, 1.0)]
    // A contradicted identifier (another kind of number that happens to be equal) only closes half the gap.
    [InlineData("1980-03-12", "1962-11-02", null, null, 0.5, 0.8)]
    [InlineData(null, null, "SEN", "MLI", 0.5, 0.9)]
    public void Score_SharedIdentifier_SettlesUnlessContradicted(string? personBirth, string? recordBirth, string? personNationality, string? recordNationality, double min, double max)
    {
        var person = new ScreeningSubject("P1", "Mamadou Diallo", null, personBirth is null ? null : BirthDate.Parse(personBirth), personNationality, ["P1234567"]);
        var record = new ScreeningSubject("R1", "Mamadou Diallo", null, recordBirth is null ? null : BirthDate.Parse(recordBirth), recordNationality, ["p-123 4567"]);
        Assert.InRange(Scorer.Score(person, record)!.Score, min, max);
    }

    [Fact]
    public void Score_UnrelatedNames_IsNull() => Assert.Null(Scorer.Score(Person("Jean Dupont"), Record("Ali Traore")));

    [Fact]
    public void Score_UsesTheBestAlias()
    {
        var record = new ScreeningSubject("R1", "Abu Hamza", ["Mustafa Kamel Mustafa"]);
        var candidate = Scorer.Score(Person("Moustapha Kamel Mustapha"), record)!;
        // A name alone, however close, stays under the top of the scale (0.9 to 1) that needs corroboration.
        Assert.InRange(candidate.Score, 0.85, CandidateScorer.UncorroboratedCeiling);
        Assert.Contains("with the alias Mustafa Kamel Mustafa", candidate.Reasons, StringComparison.Ordinal);
    }

    /// <summary>A population of 1,000 where one in ten is called Mamadou Diallo and everyone else has a name of their own.</summary>
    private static readonly CandidateScorer PopulationScorer = new(new NameComparer(NamePartFrequencies.Build(
        Enumerable.Range(0, 1000).Select(i => new[] { PersonName.Parse(i % 10 == 0 ? "Mamadou Diallo" : $"Given{Letters(i)} Family{Letters(i)}") }.AsEnumerable()))));

    private static string Letters(int i) => string.Concat(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));

    [Theory]
    // A common name with nothing else: about ten namesakes would agree as well, so under the default threshold.
    [InlineData("Mamadou Diallo", null, null, "Mamadou Diallo", null, null, 0.0, 0.65)]
    // The same name with a full date of birth agreeing: no namesake would, so it stands.
    [InlineData("Mamadou Diallo", "1980-03-12", null, "Mamadou Diallo", "1980-03-12", null, 0.95, 1.0)]
    // A year alone narrows ten namesakes to about one in three: still discounted, less.
    [InlineData("Mamadou Diallo", "1980", "SEN", "Mamadou Diallo", "1980-03-12", "SEN", 0.65, 0.95)]
    // A rare name needs no corroboration.
    [InlineData("Kwame Asantewaa", null, null, "Kwame Asantewaa", null, null, 0.9, 1.0)]
    // A different nationality counts against (×0.6).
    [InlineData("Kwame Asantewaa", null, "GHA", "Kwame Asantewaa", null, "TGO", 0.5, 0.65)]
    // ... less where the full dates agree: the same name born the same day is the same person recorded twice, not a namesake.
    [InlineData("Abdelrahman Mohamed Osman", "1982-07-15", "TCD", "Abdelrahman Mohamed Osman", "1982-07-15", "SDN", 0.75, 0.85)]
    [InlineData("Abdelrahman Mohamed Osman", "1982-05-07", "TCD", "Abdelrahman Mohamed Osman", "1982-07-05", "SDN", 0.65, 0.85)]
    // Bare years one digit apart are more often different people than a typo (×0.6).
    [InlineData("Kwame Asantewaa", "1978", null, "Kwame Asantewaa", "1918", null, 0.5, 0.65)]
    // The same year with months one digit apart: a month slip is about as likely as a namesake's date, no evidence either way.
    [InlineData("Kwame Asantewaa", "1973-02", null, "Kwame Asantewaa", "1973-05-28", null, 0.85, 0.9)]
    // Years one apart with the same month: a clerical slip 1 time in 20, a namesake's date 1 time in 200, so ten namesakes count as one.
    [InlineData("Mamadou Diallo", "1980-03", null, "Mamadou Diallo", "1981-03-12", null, 0.65, 0.75)]
    // Bare years one apart: as likely a namesake's as a slip, no evidence either way.
    [InlineData("Mamadou Diallo", "1980", null, "Mamadou Diallo", "1981-03-12", null, 0.0, 0.35)]
    public void Score_WeighsTheNameByTheNamesakesThatWouldAgreeAsWell(
        string personName, string? personBirth, string? personNationality, string recordName, string? recordBirth, string? recordNationality, double min, double max)
    {
        var person = new ScreeningSubject("P1", personName, null, personBirth is null ? null : BirthDate.Parse(personBirth), personNationality);
        var record = new ScreeningSubject("R1", recordName, null, recordBirth is null ? null : BirthDate.Parse(recordBirth), recordNationality);
        var score = PopulationScorer.Score(person, record)?.Score ?? 0;
        Assert.InRange(score, min, max);
    }

    [Fact]
    public void Score_CommonName_SaysHowManyWouldAgreeByChance()
    {
        var candidate = PopulationScorer.Score(new ScreeningSubject("P1", "Mamadou Diallo"), new ScreeningSubject("R1", "Mamadou Diallo"))!;
        Assert.Contains("common name: about 10 others would agree this well by chance", candidate.Reasons, StringComparison.Ordinal);
    }

    [Theory]
    // A word within two edits of the other side's (same first letter, four letters or more) is a typo only when the dates
    // agree as only 1 namesake in hundreds would: a full date, or year and month (1 in 400, rarer by chance than one digit off).
    [InlineData("Denie Mushi", "1998-11-16", "Daniel Mushi", "1998-11-16", 0.8, 1.0)]
    [InlineData("Krishna Amit Patwal", "1985-02-18", "Krishna Amit Patel", "1985-02-18", 0.8, 1.0)]
    [InlineData("Denie Mushi", "1998-11-16", "Daniel Mushi", "1998-11-21", 0.0, 0.1)]
    [InlineData("Denie Mushi", "1998-11", "Daniel Mushi", "1998-11-16", 0.7, 0.9)]
    [InlineData("Anil Shjerma", "2001-02-19", "Anil Sharma", "2001-02", 0.7, 0.9)]
    [InlineData("Denie Mushi", "1998", "Daniel Mushi", "1998-11-16", 0.0, 0.1)]
    [InlineData("Denie Mushi", null, "Daniel Mushi", null, 0.0, 0.1)]
    // The hyphen of the article mistyped as a letter: the word is within one edit of the written al-Masri.
    [InlineData("OMAR MOHAMED ALnMASRI", "1987-06-27", "Omar Mohamed al-Masri", "1987-06-27", 0.7, 1.0)]
    [InlineData("Omar Mohamed al-Masri", "1987-06-27", "OMAR MOHAMED ALnMASRI", "1987-06-27", 0.7, 1.0)]
    [InlineData("OMAR MOHAMED ALnMASRI", "1987", "Omar Mohamed al-Masri", "1987-06-27", 0.0, 0.45)]
    // A mistyped rank before the name (Cpl, Adj.) is set aside when the dates agree closely; otherwise it is a given name
    // (Cole, Majd, Adja are names) and a different given name on each side says "another person".
    [InlineData("Cple Souleymane Maiga", "1979-08-31", "Issa Souleymane Maiga", "1979-08-31", 0.85, 1.0)]
    [InlineData("Addj. Mohamed Samir", "1980-07-31", "Mohamed Mohamed Samir", "1980-07-31", 0.85, 1.0)]
    [InlineData("Cple Souleymane Maiga", "1979", "Issa Souleymane Maiga", "1979-08-31", 0.0, 0.45)]
    [InlineData("Cple Souleymane Maiga", null, "Issa Souleymane Maiga", null, 0.0, 0.45)]
    // Two different names are not a typo, whatever the date.
    [InlineData("Amadou Mushi", "1998-11-16", "Seydou Mushi", "1998-11-16", 0.0, 0.1)]
    public void Score_MistypedWord_CountsWhenTheDatesAgreeClosely(string personName, string? personBirth, string recordName, string? recordBirth, double min, double max)
    {
        var candidate = Scorer.Score(Person(personName, personBirth), Record(recordName, recordBirth));
        Assert.InRange(candidate?.Score ?? 0, min, max);
    }

    [Fact]
    public void Score_MistypedWord_IsNamedInTheReasons()
    {
        var candidate = Scorer.Score(Person("Denie Mushi", "1998-11-16"), Record("Daniel Mushi", "1998-11-16"))!;
        Assert.StartsWith("name 0.75 (Denie~Daniel); birth date agrees", candidate.Reasons, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0.000")]
    [InlineData(0.12345, "0.123")]
    [InlineData(1.0, "1.000")]
    public void Format_HasThreeDecimals(double score, string expected) => Assert.Equal(expected, CandidateScorer.Format(score));

    [Theory]
    // A name alone, a bare year, year and month, or full dates one digit apart or a year apart: below the top of the scale.
    [InlineData(null, null, null, 0.85, 0.9)]
    [InlineData("1980", "1980-03-12", null, 0.85, 0.9)]
    [InlineData("1980-03", "1980-03-12", null, 0.85, 0.9)]
    [InlineData("1980-03-12", "1990-03-12", null, 0.8, 0.9)]
    [InlineData("1980-03-12", "1981-03-12", null, 0.8, 0.9)]
    // An agreeing full date (exact or day and month swapped) or a shared identifier reaches it.
    [InlineData("1980-03-12", "1980-03-12", null, 0.999, 1.0)]
    [InlineData("1980-03-12", "1980-12-03", null, 0.95, 1.0)]
    [InlineData(null, null, "P1234567", 0.999, 1.0)]
    public void Score_TopOfTheScale_NeedsCorroboration(string? personBirth, string? recordBirth, string? identifier, double min, double max)
    {
        string[] ids = identifier is null ? [] : [identifier];
        var candidate = Scorer.Score(Person("Kwame Asantewaa", personBirth, "GHA", ids), Record("Kwame Asantewaa", recordBirth, "GHA", ids))!;
        Assert.InRange(candidate.Score, min, max);
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.8, 0.8)]
    [InlineData(0.9, 0.85)]
    [InlineData(1.0, 0.9)]
    public void Uncorroborated_CompressesOnlyTheTop(double score, double expected) =>
        Assert.Equal(expected, CandidateScorer.Uncorroborated(score), 6);

    [Theory]
    // Two passports (same shape) that differ: mild evidence against, and said.
    [InlineData("P1234567", "P7654321", true)]
    [InlineData("p-123 4567", "P 765-4321", true)]
    // Numbers of different kinds say nothing about each other.
    [InlineData("P1234567", "SEN-12345", false)]
    [InlineData("P1234567", "1234567", false)]
    public void Score_IdentifiersOfOneKindThatDiffer_CountMildlyAgainst(string personId, string recordId, bool differs)
    {
        var plain = Scorer.Score(Person("Kwame Asantewaa", "1980-03-12"), Record("Kwame Asantewaa", "1980-03-12"))!;
        var candidate = Scorer.Score(Person("Kwame Asantewaa", "1980-03-12", null, personId), Record("Kwame Asantewaa", "1980-03-12", null, recordId))!;
        Assert.Equal(differs, candidate.Reasons.Contains("identifiers of the same kind differ", StringComparison.Ordinal));
        if (differs)
        {
            Assert.InRange(candidate.Score, plain.Score * 0.94, plain.Score * 0.96);
        }
        else
        {
            Assert.Equal(plain.Score, candidate.Score, 9);
        }
    }

    [Theory]
    // A differing passport: the same person's was renewed about half the time, a namesake's always differs, so the
    // namesakes counted double; a rare name (none to count) keeps only the mild ×0.95.
    [InlineData("Mamadou Diallo", "1980", "SEN", 2.0)]
    [InlineData("Mamadou Diallo", null, null, 2.0)]
    [InlineData("Kwame Asantewaa", "1980", "GHA", 0)]
    public void Score_DifferingPassport_DoublesTheNamesakes(string name, string? birth, string? nationality, double ratio)
    {
        var person = new ScreeningSubject("P1", name, null, birth is null ? null : BirthDate.Parse("1980-03-12"), nationality, ["P1234567"]);
        var plain = PopulationScorer.Score(person, new ScreeningSubject("R1", name, null, birth is null ? null : BirthDate.Parse(birth), nationality), 0)!;
        var differs = PopulationScorer.Score(person, new ScreeningSubject("R1", name, null, birth is null ? null : BirthDate.Parse(birth), nationality, ["P7654321"]), 0)!;
        Assert.Equal(ratio > 0, plain.Reasons.Contains("common name", StringComparison.Ordinal));
        if (ratio > 0)
        {
            // The reasons give the namesakes counted: twice as many with the passports differing.
            Assert.Equal(ratio, Namesakes(differs.Reasons) / Namesakes(plain.Reasons), 1);
        }
        else
        {
            Assert.DoesNotContain("common name", differs.Reasons, StringComparison.Ordinal);
            Assert.InRange(differs.Score, plain.Score - 0.05, plain.Score - 0.01);
        }
    }

    private static double Namesakes(string reasons)
    {
        var start = reasons.IndexOf("about ", StringComparison.Ordinal) + "about ".Length;
        return double.Parse(reasons[start..reasons.IndexOf(' ', start)], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    // Ten namesakes in a thousand: full dates one digit apart are what a clerical error gives 1 time in 20,
    // and a namesake gives 1 time in 600, so a common name is discounted, a rare one is not.
    [InlineData("Mamadou Diallo", "1980-03-12", "1980-03-13", true)]
    [InlineData("Mamadou Diallo", "1980-03-12", "1980-12-03", false)]
    // The year one off with day and month equal is that clerical slip whatever digits it changes (1967 / 1968 as 1969 / 1970):
    // a namesake shows it 2 times in 14,600, not as often as any one digit off.
    [InlineData("Mamadou Diallo", "1967-03-12", "1968-03-12", false)]
    [InlineData("Mamadou Diallo", "1969-03-12", "1970-03-12", false)]
    [InlineData("Mamadou Diallo", "1968-03-12", "1968-03-18", true)]
    [InlineData("Kwame Asantewaa", "1980-03-12", "1980-03-13", false)]
    public void Score_ClericalDateRelation_IsWeighedAgainstTheClericalErrorRate(string name, string personBirth, string recordBirth, bool discounted)
    {
        var candidate = PopulationScorer.Score(
            new ScreeningSubject("P1", name, null, BirthDate.Parse(personBirth)), new ScreeningSubject("R1", name, null, BirthDate.Parse(recordBirth)))!;
        Assert.Equal(discounted, candidate.Reasons.Contains("common name", StringComparison.Ordinal));
    }
}

public sealed class ImplausibleBirthDateTests
{
    private static readonly DateOnly ScreenedOn = new(2026, 12, 2);
    private static readonly CandidateScorer Dated = new(new NameComparer(NamePartFrequencies.Uniform), ScreenedOn);
    private static readonly CandidateScorer Undated = new(new NameComparer(NamePartFrequencies.Uniform));

    private static ScreeningSubject Person(string? birth) => new("P1", "Aleksandr Zainyk", null, birth is null ? null : BirthDate.Parse(birth), "RUS", []);

    private static ScreeningSubject Record(string? birth) => new("R1", "Aleksandr Zainyk", null, birth is null ? null : BirthDate.Parse(birth), "RUS", []);

    [Theory]
    // Placeholders and mistyped years on the roster: no evidence either way, the name alone.
    [InlineData("1900-01-01", "1975-03-02", BirthDateAgreement.Unknown)]
    [InlineData("0001-01-01", "1975", BirthDateAgreement.Unknown)]
    [InlineData("1902-05-14", "1962", BirthDateAgreement.Unknown)]
    [InlineData("2024-05-14", "1984-05", BirthDateAgreement.Unknown)]
    // Older than anyone screened (80) but not than anyone on record (100): set aside on the roster only.
    [InlineData("1944-05-14", "1975", BirthDateAgreement.Unknown)]
    // One digit off a plausible full date stays evidence: the typo it likely is.
    [InlineData("1902-05-14", "1962-05-14", BirthDateAgreement.OneDigitOff)]
    // Two placeholders agree by convention, not by person.
    [InlineData("1900-01-01", "1900-01-01", BirthDateAgreement.Unknown)]
    // At the edges, plausible: 16 and 80 on the day of screening (by year); a record of someone now 100.
    [InlineData("2010-05-14", "2010-05-14", BirthDateAgreement.Exact)]
    [InlineData("1946-05-14", "1946-05", BirthDateAgreement.YearAndMonth)]
    [InlineData("1975-03-02", "1926", BirthDateAgreement.Conflict)]
    public void Score_WithAScreeningDate_SetsAsideDatesNobodyScreenedThenCouldHave(string personBirth, string recordBirth, BirthDateAgreement expected)
    {
        var candidate = Dated.Score(Person(personBirth), Record(recordBirth));
        Assert.NotNull(candidate);
        Assert.Equal(expected, candidate.BirthDate);
    }

    [Theory]
    [InlineData("1900-01-01", "1975-03-02")]
    [InlineData("1902-05-14", "1962")]
    [InlineData("1975-03-02", "1900")]
    public void Score_DateSetAside_ScoresAsTheNameWithoutDatesAndSaysWhy(string personBirth, string recordBirth)
    {
        var setAside = Dated.Score(Person(personBirth), Record(recordBirth))!;
        var withoutDates = Dated.Score(Person(null), Record(null))!;
        var weighed = Undated.Score(Person(personBirth), Record(recordBirth));
        Assert.Equal(withoutDates.Score, setAside.Score, 9);
        Assert.True(weighed is null || weighed.Score < setAside.Score, "without a screening date the implausible date counted against the match");
        var side = personBirth.StartsWith("19", StringComparison.Ordinal) && personBirth != "1975-03-02" ? $"birth date {personBirth} on the roster" : $"birth date {recordBirth} on record";
        Assert.Contains($"{side} set aside (not plausible)", setAside.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WithoutAScreeningDate_WeighsEveryDateAsBefore()
    {
        Assert.Equal(BirthDateAgreement.Conflict, Undated.Score(Person("1900-01-01"), Record("1975-03-02"))!.BirthDate);
        Assert.Equal(BirthDateAgreement.Exact, Undated.Score(Person("1900-01-01"), Record("1900-01-01"))!.BirthDate);
        Assert.DoesNotContain("set aside", Undated.Score(Person("1902-05-14"), Record("1962"))?.Reasons ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_PlaceholderDateOnTheRoster_StillFindsTheRecordThroughBlocking()
    {
        // Blocking skips records whose date alone keeps them below the threshold: a placeholder must not do that.
        ScreeningSubject[] roster = [new("P1", "Aleksandr Zainyk", null, BirthDate.Parse("1900-01-01"), "RUS", [])];
        ScreeningSubject[] registry = [new("R1", "Aleksandr Zainyk", null, BirthDate.Parse("1975-03-02"), "RUS", []), new("R2", "Jean Dupont", null, null, "FRA", [])];
        var dated = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = 0.65, ScreeningDate = ScreenedOn }, cancellationToken: TestContext.Current.CancellationToken);
        var undated = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = 0.65 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("R1", Assert.Single(dated).RecordId);
        Assert.Empty(undated);
    }
}
