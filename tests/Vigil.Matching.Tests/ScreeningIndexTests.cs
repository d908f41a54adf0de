namespace Vigil.Matching.Tests;

public sealed class ScreeningIndexTests
{
    private static ScreeningIndex Index(params ScreeningSubject[] records) =>
        new(records, new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform)));

    [Theory]
    [InlineData("Mamadou Traode")]
    [InlineData("TRAORE Mamadou")]
    [InlineData("Muhammad Traore")]
    [InlineData("محمد تراوري")]
    public void Screen_FindsVariantsThroughTheBlockingKeys(string name)
    {
        var index = Index(new ScreeningSubject("R1", "Mamadou Traore"), new ScreeningSubject("R2", "Fatoumata Keita"));
        var found = index.Screen(new ScreeningSubject("P1", name), 0.5);
        Assert.Equal(["R1"], found.Select(c => c.RecordId));
    }

    [Fact]
    public void Screen_FindsByIdentifierWhateverTheName()
    {
        var index = Index(new ScreeningSubject("R1", "Mamadou Traore", identifiers: ["P1234567"]));
        Assert.Single(index.Screen(new ScreeningSubject("P1", "Jean Dupont", identifiers: ["p 123 4567"]), 0.9));
    }

    [Fact]
    public void Screen_ScoresAsTheScorerDoes_WithAndWithoutASharedIdentifier()
    {
        // The index tells the scorer which records can share an identifier; the scores must not depend on it.
        var scorer = new CandidateScorer(new NameComparer(NamePartFrequencies.Uniform));
        ScreeningSubject[] records =
        [
            new("R1", "Mamadou Traore", identifiers: ["P1234567"], birthDate: new BirthDate(1980, 3, 12)),
            new("R2", "Mamadou Traore", identifiers: ["P7654321"], birthDate: new BirthDate(1980, 3, 12)),
            new("R3", "Mamadou Traore", birthDate: new BirthDate(1980, 3, 12)),
        ];
        var index = new ScreeningIndex(records, scorer);
        var person = new ScreeningSubject("P1", "Mamadou Traoré", identifiers: ["P1234567"], birthDate: new BirthDate(1980, 3, 12));
        var found = index.Screen(person, 0);
        Assert.Equal(3, found.Count);
        foreach (var candidate in found)
        {
            var direct = scorer.Score(person, records.Single(r => r.Id == candidate.RecordId), 0)!;
            Assert.Equal(direct.Score, candidate.Score);
            Assert.Equal(direct.Reasons, candidate.Reasons);
        }
        Assert.Contains("identifier", found.Single(c => c.RecordId == "R1").Reasons, StringComparison.Ordinal);
        Assert.Contains("identifiers of the same kind differ", found.Single(c => c.RecordId == "R2").Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_OrdersByScoreThenRecordId()
    {
        var index = Index(new ScreeningSubject("R2", "Ousmane Sow"), new ScreeningSubject("R1", "Ousmane Sow"), new ScreeningSubject("R0", "Usman Sow"));
        var found = index.Screen(new ScreeningSubject("P1", "Ousmane Sow"), 0);
        Assert.Equal(["R1", "R2", "R0"], found.Select(c => c.RecordId));
    }

    [Theory]
    // Nothing of the names in common: only the full date of birth (or its day/month swap) brings the record.
    [InlineData("1980-03-12", "1980-03-12", true)]
    [InlineData("1980-03-12", "1980-12-03", true)]
    [InlineData("1980-03-12", "1980-03-13", false)]
    [InlineData("1980-03", "1980-03-12", false)]
    [InlineData("1980-03-12", "1980-03", false)]
    public void Candidates_SameFullBirthDate_IsCompared(string personBirth, string recordBirth, bool expected)
    {
        var index = Index(new ScreeningSubject("R1", "Lamine Barry", birthDate: BirthDate.Parse(recordBirth)));
        var candidates = index.Candidates(new ScreeningSubject("P1", "Xavier Quon", birthDate: BirthDate.Parse(personBirth)));
        Assert.Equal(expected, candidates.Contains(0));
    }

    [Theory]
    // One typo in a word whose phonetic key has one or two codes (its spelling within a deletion).
    [InlineData("Mamadou Keita", "", "Mamadou Keiqa", "", true)]
    [InlineData("Ibrahima Toure", "", "Ibrahima Toue", "", true)]
    [InlineData("John Mushi", "", "John Msuhi", "", true)]
    // A typo that takes a word out of its variant family (Kadiatou is read Khadija): its own spelling's key.
    [InlineData("Diarra Kadiatou", "", "Diarra Kadiatocu", "", true)]
    // A typo in each word: their first codes and the year of birth; not when the years differ.
    [InlineData("Sunil Yangh", "1966-04", "Smnil Yanh", "1966-04-04", true)]
    [InlineData("Sunil Yangh", "1967-04", "Smnil Yanh", "1966-04-04", false)]
    [InlineData("Sunil Yangh", "", "Smnil Yanh", "1966-04-04", false)]
    // A one-word name with a typo; a one-word name that is a servant prefix joined to a family name.
    [InlineData("Yevgeny Bondarenko", "", "Bondarerko", "", true)]
    [InlineData("Abdul Karim Kumar", "", "Abdul Kumar", "", true)]
    // Two words run together.
    [InlineData("Rami Makhlouf", "", "Ramimakhlouf", "", true)]
    public void Candidates_TyposThatChangeEveryWordKey_AreStillCompared(string recordName, string recordBirth, string personName, string personBirth, bool expected)
    {
        // 30 others share each word of the record's, so that no word is rare enough to block on by itself.
        var words = recordName.Split(' ');
        string[] others = ["Abebe", "Bogdan", "Chidi", "Dmitri", "Emeka", "Farouk", "Gustavo", "Hiroshi", "Ivo", "Jurgen", "Kwame", "Lorenzo", "Mehmet", "Nnamdi", "Olusegun",
            "Pieter", "Quentin", "Rashid", "Stelian", "Thabo", "Ulrich", "Vusi", "Wanjiru", "Xolani", "Yiannis", "Zoltan", "Aurelio", "Branko", "Cosmin", "Desmond"];
        var records = new List<ScreeningSubject> { new("R0", recordName, birthDate: recordBirth.Length == 0 ? null : BirthDate.Parse(recordBirth)) };
        foreach (var word in words)
        {
            records.AddRange(others.Select((other, i) => new ScreeningSubject($"{word}{i}", $"{word} {other}")));
        }
        var index = Index([.. records]);
        var candidates = index.Candidates(new ScreeningSubject("P1", personName, birthDate: personBirth.Length == 0 ? null : BirthDate.Parse(personBirth)));
        Assert.Equal(expected, candidates.Contains(0));
    }

    [Theory]
    [InlineData(new ulong[] { 1, 2 }, new ulong[] { 2, 3 }, new ulong[] { }, 2UL, new[] { 0, 1 })]
    [InlineData(new ulong[] { 1, 2 }, new ulong[] { 2, 3 }, new ulong[] { 3 }, 3UL, new[] { 1, 2 })]
    [InlineData(new ulong[] { 7 }, new ulong[] { }, new ulong[] { 7 }, 7UL, new[] { 0, 2 })]
    [InlineData(new ulong[] { 1 }, new ulong[] { 2 }, new ulong[] { 3 }, 4UL, new int[] { })]
    // Keys equal in their low 32 bits probe the same slots: still told apart.
    [InlineData(new ulong[] { 0x1_0000_0005 }, new ulong[] { 0x2_0000_0005 }, new ulong[] { 0x1_0000_0005 }, 0x1_0000_0005UL, new[] { 0, 2 })]
    internal void PostingTable_ListsTheRecordsOfAKeyInOrder(ulong[] first, ulong[] second, ulong[] third, ulong key, int[] expected)
    {
        ulong[][] keys = [first, second, third];
        var table = new PostingTable(3, r => keys[r]);
        Assert.Equal(expected, table[key].ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Screen_ThresholdOutsideUnitInterval_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Index().Screen(new ScreeningSubject("P1", "Ali"), threshold));
}
