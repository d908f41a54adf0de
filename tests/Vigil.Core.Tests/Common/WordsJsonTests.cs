using System.Globalization;
using Vigil.Core.Common;

namespace Vigil.Core.Tests.Common;

/// <summary>A stored message comes back with its format and values of the same kinds, so it can be said in another language.</summary>
public sealed class WordsJsonTests
{
    private enum Kind { ScreeningOfficer }

    [Fact]
    public void AMessage_ComesBackWithItsFormatAndTheKindsOfItsValues()
    {
        var due = new DateOnly(2027, 3, 4);
        var until = new DateTimeOffset(2027, 3, 4, 17, 30, 0, TimeSpan.Zero);
        Words what = $"{"BEN"}'s answer on a National Investigation Officer";
        Words w = $"{"MINUSCA-2027-0042"}: due {due:yyyy-MM-dd}: {what}; request {17} until {until:yyyy-MM-dd HH:mm} UTC, {0.5:0.#}, {Kind.ScreeningOfficer}, {(string?)null}, {{braces}}.";

        var back = WordsJson.Read(WordsJson.Write(w));

        Assert.NotNull(back);
        Assert.Equal(w.Format, back.Format);
        Assert.Equal(w.ToString(), back.ToString());
        Assert.Equal(["MINUSCA-2027-0042", due], back.Values.Take(2));
        Assert.Equal(what, Assert.IsType<Words>(back.Values[2]));
        Assert.Equal(17L, back.Values[3]);
        Assert.Equal(until, back.Values[4]);
        Assert.Equal(0.5, back.Values[5]);
        // A value of another kind is kept as its invariant text.
        Assert.Equal("ScreeningOfficer", back.Values[6]);
        Assert.Null(back.Values[7]);
    }

    [Fact]
    public void TheValues_AreWrittenInTheReadersCulture()
    {
        Words w = $"{1234.5:N1} on {new DateOnly(2027, 3, 4):d}";
        var back = WordsJson.Read(WordsJson.Write(w))!;
        Assert.Equal("1 234,5 on 04/03/2027", string.Format(CultureInfo.GetCultureInfo("fr-FR"), back.Format, [.. back.Values]).Replace('\u202f', ' ').Replace('\u00a0', ' '));
    }

    [Fact]
    public void ATerm_KeepsItsLabelKeyAndItsWireText()
    {
        Words w = $"{new Term("type:Rape", "rape")} is not a type of {new Term("category:SexualExploitation", "sexual-exploitation")}.";
        var back = WordsJson.Read(WordsJson.Write(w))!;
        Assert.Equal("rape is not a type of sexual-exploitation.", back.ToString());
        Assert.Equal(new Term("type:Rape", "rape"), back.Values[0]);
    }

    [Fact]
    public void ATimeWithoutAnOffset_KeepsItsClockFields()
    {
        Words w = $"received {new DateTime(2027, 3, 4, 23, 30, 0, DateTimeKind.Utc):yyyy-MM-dd HH:mm} UTC";
        Assert.Equal("received 2027-03-04 23:30 UTC", WordsJson.Read(WordsJson.Write(w))!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"f\": \"{0}\"}")]
    [InlineData("{\"f\": \"{0}\", \"v\": [{\"x\": 1}]}")]
    [InlineData("{\"f\": \"{0}\", \"v\": [{\"d\": \"2027-13-01\"}]}")]
    [InlineData("{\"f\": 3, \"v\": []}")]
    [InlineData("{\"f\": \"{0} and {1}\", \"v\": [{\"s\": \"one\"}]}")]
    public void SomethingElse_IsNoMessage(string? json) => Assert.Null(WordsJson.Read(json));
}
