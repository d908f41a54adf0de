using System.Globalization;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Reference;

public sealed class CountriesTests
{
    [Theory]
    [InlineData("CAF", "en", "Central African Republic")]
    [InlineData("CAF", "fr", "République centrafricaine")]
    [InlineData("CAF", "ar", "جمهورية إفريقيّا الوسطى")]
    [InlineData("COD", "fr-CD", "République démocratique du Congo")]
    [InlineData("RWA", "fr", "Rwanda")]
    [InlineData("SEN", "es", "Senegal")]
    [InlineData("XYZ", "fr", "XYZ")]
    public void NameOf_InTheCulturesLanguage_EnglishOtherwise(string code, string culture, string expected) =>
        Assert.Equal(expected, Countries.NameIn(code, new CultureInfo(culture)));

    [Fact]
    public void EveryCode_HasAFrenchAndAnArabicName()
    {
        foreach (var language in new[] { "fr", "ar" })
        {
            var culture = new CultureInfo(language);
            Assert.All(Countries.Codes, code => Assert.False(string.IsNullOrWhiteSpace(Countries.NameIn(code, culture)), code));
        }
        // Arabic names are in Arabic script, bar the one iso-codes leaves untranslated.
        Assert.True(Countries.Codes.Count(c => Countries.NameIn(c, new CultureInfo("ar")).Any(ch => ch is >= '\u0600' and <= '\u06FF')) >= Countries.Codes.Count - 1);
    }
}
