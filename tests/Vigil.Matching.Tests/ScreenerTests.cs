namespace Vigil.Matching.Tests;

public sealed class ScreenerTests
{
    [Fact]
    public void Screen_OrdersByPersonIdThenScore()
    {
        ScreeningSubject[] registry = [new("R1", "Ousmane Sow", birthDate: BirthDate.Parse("1975")), new("R2", "Usman Sow"), new("R3", "Fatoumata Keita")];
        ScreeningSubject[] roster = [new("P2", "Fatoumata Keïta"), new("P10", "Ousmane Sow", birthDate: BirthDate.Parse("1975-06-01")), new("P1", "Jean Dupont")];
        var found = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = 0.5 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["P10/R1", "P10/R2", "P2/R3"], found.Select(c => $"{c.PersonId}/{c.RecordId}"));
    }

    [Fact]
    public void Screen_ReportsProgressToTheEnd()
    {
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported);
        Screener.Screen([new ScreeningSubject("P1", "Ali Sow")], [new ScreeningSubject("R1", "Ali Sow")], new ScreeningOptions(), progress, TestContext.Current.CancellationToken);
        Assert.Equal([1], reported);
    }

    [Fact]
    public void Screen_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Screener.Screen([new ScreeningSubject("P1", "Ali Sow")], [], new ScreeningOptions(), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Screen_InvalidThreshold_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Screener.Screen([], [], new ScreeningOptions { Threshold = 2 }, cancellationToken: TestContext.Current.CancellationToken));

    [Fact]
    public void Screen_AHugeNameOnEitherSide_NeitherCrashesNorHangs()
    {
        // Once, a name of 500,000 words overflowed the stack and took the web server down with it.
        var huge = string.Concat(Enumerable.Repeat("Zebulon ", 500_000)) + "Quartermain";
        var found = Screener.Screen([new ScreeningSubject("P1", huge)], [new ScreeningSubject("R1", "Zebulon Quartermain", [huge])], new ScreeningOptions { Threshold = 0 },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(found, c => c.PersonId == "P1" && c.RecordId == "R1");
    }

    /// <summary>Names in their own script against their usual English spelling (all invented pairs of common names).</summary>
    public static TheoryData<string, string, string?> OtherScripts => new()
    {
        // ض is z in Urdu and Persian (Raza, Zia), d in Arabic (Ramadan): both readings are tried.
        { "Ali Raza", "علی رضا", "PAK" },
        { "Hassan Raza", "حسن رضا", "PAK" },
        { "Ahmed Raza Khan", "احمد رضا خان", "PAK" },
        { "Zia ul Haq", "ضیاء الحق", "PAK" },
        { "Reza Tehrani", "رضا تهرانی", "IRN" },
        { "Ramadan Ali", "رمضان علی", "EGY" },
        { "Fadl Hassan", "فضل حسن", "SDN" },
        // Hebrew, like Arabic, writes no short vowels: דוד is dvd.
        { "David Cohen", "דוד כהן", "ISR" },
        // Thai writes letters it does not pronounce, marked with the thanthakhat (ทร์ in จันทร์ is silent).
        { "Prayut Chanocha", "ประยุทธ์ จันทร์โอชา", "THA" },
    };

    [Theory]
    [MemberData(nameof(OtherScripts))]
    public void Screen_CommonNamesInTheirOwnScript_AreFound_WithTheFullDateOfBirth_AndOnNameAndNationalityAlone(string latin, string written, string? nationality)
    {
        var birth = BirthDate.Parse("1972-03-12");
        var withDate = Screener.Screen([new ScreeningSubject("P1", latin, birthDate: birth, nationality: nationality)],
            [new ScreeningSubject("R1", written, birthDate: birth, nationality: nationality)], new ScreeningOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(withDate).Score >= 0.9, $"{latin} / {written}: {withDate[0].Score} {withDate[0].Reasons}");
        // No date: the names alone must still meet in the index (written either way round).
        var byName = Screener.Screen([new ScreeningSubject("P1", written, nationality: nationality)],
            [new ScreeningSubject("R1", latin, nationality: nationality), new ScreeningSubject("R2", "Jean Dupont", nationality: nationality)],
            new ScreeningOptions { Threshold = 0.5 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("R1", Assert.Single(byName).RecordId);
    }

    [Theory]
    // The z reading is for ض only: ردا and دیا (with د) are no Raza and no Zia.
    [InlineData("Ali Raza", "علی ردا")]
    [InlineData("Zia Khan", "دیا خان")]
    public void Screen_TheOtherReadingOfDad_IsOnlyForThatLetter(string latin, string written)
    {
        var birth = BirthDate.Parse("1972-03-12");
        var found = Screener.Screen([new ScreeningSubject("P1", latin, birthDate: birth)], [new ScreeningSubject("R1", written, birthDate: birth)],
            new ScreeningOptions { Threshold = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(found.Count == 0 || found[0].Score < 0.65, found.Count == 0 ? "" : $"{found[0].Score} {found[0].Reasons}");
    }

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value) => reported.Add(value);
    }

    [Fact]
    public void Screen_ScoreIsTheThreeDecimalNumberWritten_AndAThresholdEqualToItKeepsTheCandidate()
    {
        // A score written "0.650" must be kept at threshold 0.65: the file's number is the score (spec/screening.md).
        string[] names = ["Mohamed Abdelrahman Sow", "Muhammad Abd al-Rahman Sow", "Ousmane Diallo", "Usman Jallow", "Abdoulaye Traore", "Abdullahi Traore", "Jean-Baptiste Nkurunziza", "Jean Batiste Nkurunzisa"];
        string?[] births = [null, "1980", "1980-03", "1980-03-12", "1980-12-03", "1981-03-12"];
        var roster = names.SelectMany((n, i) => births.Select((b, j) => new ScreeningSubject($"P{i}-{j}", n, null, b is null ? null : BirthDate.Parse(b), j % 2 == 0 ? "SEN" : null))).ToList();
        var registry = names.Select((n, i) => new ScreeningSubject($"R{i}", n, null, BirthDate.Parse("1980-03-12"), "SEN")).ToList();
        var all = Screener.Screen(roster, registry, new ScreeningOptions { Threshold = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(all.Count > 50);
        foreach (var candidate in all)
        {
            Assert.Equal(Math.Round(candidate.Score, 3), candidate.Score);
            var person = roster.Single(p => p.Id == candidate.PersonId);
            var atItsOwnScore = Screener.Screen([person], registry, new ScreeningOptions { Threshold = double.Parse(CandidateScorer.Format(candidate.Score), System.Globalization.CultureInfo.InvariantCulture) },
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains(atItsOwnScore, c => c.RecordId == candidate.RecordId);
        }
    }
}
