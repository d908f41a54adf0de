namespace Vigil.Matching.Tests;

public sealed class BirthDateTests
{
    [Theory]
    [InlineData("1980-03-14", 1980, 3, 14)]
    [InlineData("1980-03", 1980, 3, null)]
    [InlineData(" 1980 ", 1980, null, null)]
    public void TryParse_AcceptsTheThreeForms(string text, int year, int? month, int? day)
    {
        Assert.True(BirthDate.TryParse(text, out var date));
        Assert.Equal(new BirthDate(year, month, day), date);
        Assert.Equal(text.Trim(), date.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("1980-13")]
    [InlineData("1980-02-30")]
    [InlineData("14/03/1980")]
    [InlineData("1980-3-14")]
    [InlineData("0000")]
    public void TryParse_RejectsOtherText(string? text) => Assert.False(BirthDate.TryParse(text, out _));

    [Fact]
    public void Constructor_DayWithoutMonth_Throws() => Assert.Throws<ArgumentException>(() => new BirthDate(1980, null, 3));

    [Fact]
    public void Parse_Invalid_Throws() => Assert.Throws<FormatException>(() => BirthDate.Parse("soon"));
}
