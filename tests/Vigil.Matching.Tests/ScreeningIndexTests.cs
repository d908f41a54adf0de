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
    public void Screen_OrdersByScoreThenRecordId()
    {
        var index = Index(new ScreeningSubject("R2", "Ousmane Sow"), new ScreeningSubject("R1", "Ousmane Sow"), new ScreeningSubject("R0", "Usman Sow"));
        var found = index.Screen(new ScreeningSubject("P1", "Ousmane Sow"), 0);
        Assert.Equal(["R1", "R2", "R0"], found.Select(c => c.RecordId));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Screen_ThresholdOutsideUnitInterval_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Index().Screen(new ScreeningSubject("P1", "Ali"), threshold));
}
