using Vigil.Core.Personnel;

namespace Vigil.Core.Tests.Model;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("1987", 1987, null, null, "1987-01-01", "1987-12-31")]
    [InlineData("1987-02", 1987, 2, null, "1987-02-01", "1987-02-28")]
    [InlineData("1988-02", 1988, 2, null, "1988-02-01", "1988-02-29")]
    [InlineData("1987-02-14", 1987, 2, 14, "1987-02-14", "1987-02-14")]
    [InlineData(" 2001-12 ", 2001, 12, null, "2001-12-01", "2001-12-31")]
    public void Parse_ValidText_GivesPartsAndRange(string text, int year, int? month, int? day, string earliest, string latest)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), date.Earliest);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), date.Latest);
        Assert.Equal(text.Trim(), date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("87")]
    [InlineData("1987-2")]
    [InlineData("1987-13")]
    [InlineData("1987-00")]
    [InlineData("1987-02-29")]
    [InlineData("1987-04-31")]
    [InlineData("1987/02/14")]
    [InlineData("14-02-1987")]
    [InlineData("1987-02-14-01")]
    [InlineData("+987")]
    [InlineData("0000")]
    [InlineData(null)]
    public void Parse_InvalidText_IsRefused(string? text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void Constructor_DayWithoutMonth_Throws() => Assert.Throws<ArgumentException>(() => new PartialDate(1990, null, 3));

    [Fact]
    public void TextForm_SortsInDateOrder()
    {
        string[] texts = ["1990-05-02", "1989", "1990-05", "1990-04-30", "1990"];
        var sorted = texts.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["1989", "1990", "1990-04-30", "1990-05", "1990-05-02"], sorted);
    }
}
