using Vigil.Core.Common;

namespace Vigil.Core.Tests.Common;

public sealed class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("  =1", "'  =1")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5", "+1.5")]
    [InlineData("MINUSCA", "MINUSCA")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_NeutralisesFormulas_AndKeepsPlainValues(string? value, string expected) => Assert.Equal(expected, SpreadsheetSafe.Cell(value));

    [Fact]
    public void Row_AppliesToEveryCell() => Assert.Equal(["x", "'=1", "2"], SpreadsheetSafe.Row(["x", "=1", "2"]));
}
