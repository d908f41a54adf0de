namespace Vigil.Matching.Tests;

public sealed class ScreeningSubjectTests
{
    [Fact]
    public void Constructor_ParsesNamesAndNormalisesIdentifiers()
    {
        var subject = new ScreeningSubject("R1", "Mamadou Diallo", ["M. Diallo", " "], BirthDate.Parse("1980"), "sen", ["P 123", "p-123", ""]);
        Assert.Equal(2, subject.Names.Length);
        Assert.Equal("SEN", subject.Nationality);
        Assert.Equal(["P123"], subject.Identifiers);
    }

    [Theory]
    [InlineData("", "Ali", null)]
    [InlineData("R1", "123", null)]
    [InlineData("R1", "Ali", "SENEGAL")]
    public void Constructor_InvalidArguments_Throw(string id, string name, string? nationality) =>
        Assert.ThrowsAny<ArgumentException>(() => new ScreeningSubject(id, name, nationality: nationality));
}
