namespace Vigil.Matching.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("p 123-4567", "P1234567")]
    [InlineData(" SEN/12.345 ", "SEN12345")]
    [InlineData("ＡＢ１２", "AB12")]
    [InlineData("---", "")]
    public void Normalize_StripsSeparatorsAndUpperCases(string text, string expected) => Assert.Equal(expected, Identifiers.Normalize(text));
}
