using System.Text;
using Vigil.Core.Common;

namespace Vigil.Core.Tests.Common;

/// <summary>The one formula-injection guard (merged from the auth, governance and presence helpers' tables).</summary>
public sealed class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("\nx", "'\nx")]
    [InlineData("  =1", "'  =1")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("＠x", "'＠x")]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("-1e5", "'-1e5")]
    [InlineData("-", "'-")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5", "+1.5")]
    [InlineData("MINUSCA", "MINUSCA")]
    [InlineData("Amina Diallo", "Amina Diallo")]
    [InlineData("a=b", "a=b")]
    [InlineData("1990-05", "1990-05")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_NeutralisesFormulas_AndKeepsPlainValues(string? value, string expected) => Assert.Equal(expected, SpreadsheetSafe.Cell(value));

    [Fact]
    public void Row_AppliesToEveryCell() => Assert.Equal(["x", "'=1", "2"], SpreadsheetSafe.Row(["x", "=1", "2"]));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("Diallo, Amina", "\"Diallo, Amina\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData(" padded ", "\" padded \"")]
    public void CsvField_NeutralisesThenQuotes(string? value, string expected) => Assert.Equal(expected, SpreadsheetSafe.CsvField(value));

    [Fact]
    public void AppendCsvRow_JoinsWithCommas_AndEndsWithCrLf()
    {
        var csv = new StringBuilder();
        SpreadsheetSafe.AppendCsvRow(csv, ["a", null, "=b", "c,d"]);
        Assert.Equal("a,,'=b,\"c,d\"\r\n", csv.ToString());
    }
}
