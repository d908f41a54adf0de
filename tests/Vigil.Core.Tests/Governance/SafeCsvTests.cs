using Vigil.Core.Governance;

namespace Vigil.Core.Tests.Governance;

public sealed class SafeCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Amina Diallo", "Amina Diallo")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("Diallo, Amina", "\"Diallo, Amina\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("a=b", "a=b")]
    [InlineData("1990-05", "1990-05")]
    public void Cell_QuotesAndDefusesFormulas(string? value, string expected) => Assert.Equal(expected, SafeCsv.Cell(value));
}
