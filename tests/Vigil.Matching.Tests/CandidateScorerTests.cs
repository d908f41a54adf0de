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

    [Fact]
    public void Score_UnrelatedNames_IsNull() => Assert.Null(Scorer.Score(Person("Jean Dupont"), Record("Ali Traore")));

    [Fact]
    public void Score_UsesTheBestAlias()
    {
        var record = new ScreeningSubject("R1", "Abu Hamza", ["Mustafa Kamel Mustafa"]);
        var candidate = Scorer.Score(Person("Moustapha Kamel Mustapha"), record)!;
        Assert.InRange(candidate.Score, 0.9, 1);
        Assert.Contains("with the alias Mustafa Kamel Mustafa", candidate.Reasons, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0.000")]
    [InlineData(0.12345, "0.123")]
    [InlineData(1.0, "1.000")]
    public void Format_HasThreeDecimals(double score, string expected) => Assert.Equal(expected, CandidateScorer.Format(score));
}
