namespace Vigil.Matching.Tests;

public sealed class PhoneticKeyTests
{
    [Theory]
    [InlineData("mohamed", "MMT")]
    [InlineData("muhammad", "MMT")]
    [InlineData("mamadou", "MMT")]
    [InlineData("mhmd", "MMT")]
    [InlineData("ahmed", "AMT")]
    [InlineData("amadou", "AMT")]
    [InlineData("haddad", "TT")]
    [InlineData("omar", "AMR")]
    [InlineData("umar", "AMR")]
    [InlineData("youssef", "JSF")]
    [InlineData("yusuf", "JSF")]
    [InlineData("philippe", "FLP")]
    [InlineData("filip", "FLP")]
    [InlineData("khalid", "KLT")]
    [InlineData("qasim", "KSM")]
    [InlineData("kasim", "KSM")]
    [InlineData("shukri", "XKR")]
    [InlineData("choukri", "XKR")]
    [InlineData("tshukri", "XKR")]
    [InlineData("djibril", "JPRL")]
    [InlineData("jibril", "JPRL")]
    [InlineData("oualid", "FLT")]
    [InlineData("walid", "FLT")]
    [InlineData("alexander", "ALKSNTR")]
    [InlineData("cecile", "SSL")]
    [InlineData("diallo", "TL")]
    [InlineData("dialo", "TL")]
    [InlineData("a", "A")]
    [InlineData("", "")]
    public void Compute_FoldsSpellingFamilies(string word, string expected) => Assert.Equal(expected, PhoneticKey.Compute(word));

    [Theory]
    [InlineData("mohamed", "ahmed")]
    [InlineData("haddad", "hadi")]
    [InlineData("diallo", "diop")]
    public void Compute_KeepsDifferentNamesApart(string first, string second) =>
        Assert.NotEqual(PhoneticKey.Compute(first), PhoneticKey.Compute(second));

    [Fact]
    public void Compute_Null_Throws() => Assert.Throws<ArgumentNullException>(() => PhoneticKey.Compute(null!));
}
