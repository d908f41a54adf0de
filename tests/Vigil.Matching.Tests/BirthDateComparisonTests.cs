namespace Vigil.Matching.Tests;

public sealed class BirthDateComparisonTests
{
    [Theory]
    [InlineData("1980-03-14", "1980-03-14", BirthDateAgreement.Exact)]
    [InlineData("1980-03-14", "1980-03", BirthDateAgreement.YearAndMonth)]
    [InlineData("1980-03", "1980", BirthDateAgreement.Year)]
    [InlineData("1980-03-12", "1980-12-03", BirthDateAgreement.DayMonthSwapped)]
    [InlineData("1994-01-10", "1994-10", BirthDateAgreement.DayMonthSwapped)]
    [InlineData("1994-01-10", "1994-12", BirthDateAgreement.Conflict)]
    [InlineData("1994-01", "1994-10", BirthDateAgreement.Conflict)]
    [InlineData("1980-03-14", "1980-03-17", BirthDateAgreement.OneDigitOff)]
    [InlineData("1975-03-14", "1985-03-14", BirthDateAgreement.OneDigitOff)]
    [InlineData("1978", "1918", BirthDateAgreement.PartialOneDigitOff)]
    [InlineData("1980-03-14", "1981-03-14", BirthDateAgreement.OneDigitOff)]
    [InlineData("1979-03-14", "1980-03-14", BirthDateAgreement.YearOffByOne)]
    [InlineData("1979", "1980-06", BirthDateAgreement.YearOffByOne)]
    [InlineData("1970-01-01", "1985-07-23", BirthDateAgreement.Conflict)]
    [InlineData("1970", "1985", BirthDateAgreement.Conflict)]
    [InlineData("1980-03-14", null, BirthDateAgreement.Unknown)]
    public void Compare_ClassifiesTheRelation(string? a, string? b, BirthDateAgreement expected)
    {
        BirthDate? first = a is null ? null : BirthDate.Parse(a);
        BirthDate? second = b is null ? null : BirthDate.Parse(b);
        Assert.Equal(expected, BirthDateComparison.Compare(first, second));
        Assert.Equal(expected, BirthDateComparison.Compare(second, first));
    }

    [Fact]
    public void Describe_EveryAgreementButUnknown_HasWords()
    {
        foreach (var agreement in Enum.GetValues<BirthDateAgreement>())
        {
            Assert.Equal(agreement == BirthDateAgreement.Unknown, BirthDateComparison.Describe(agreement) is null);
        }
    }
}
