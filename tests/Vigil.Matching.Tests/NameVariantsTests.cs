namespace Vigil.Matching.Tests;

public sealed class NameVariantsTests
{
    [Theory]
    [InlineData("muhammad", "mohamed")]
    [InlineData("mamadou", "mohamed")]
    [InlineData("abdoulaye", "abdullah")]
    [InlineData("abdullahi", "abdullah")]
    [InlineData("abdallah", "abdullah")]
    [InlineData("ousmane", "usman")]
    [InlineData("othman", "usman")]
    [InlineData("youssef", "yusuf")]
    [InlineData("ibrahima", "ibrahim")]
    [InlineData("souleymane", "suleiman")]
    [InlineData("sergei", "sergei")]
    [InlineData("sergey", "sergei")]
    [InlineData("diallo", "diallo")]
    [InlineData("ben", "benjamin")]
    [InlineData("ted", "theodore")]
    [InlineData("bill", "william")]
    [InlineData("guillaume", "william")]
    public void CanonicalOf_MapsAFamilyToOneSpelling(string word, string expected) => Assert.Equal(expected, NameVariants.CanonicalOf(word));

    [Theory]
    [InlineData("mohammed", true)]
    [InlineData("traore", false)]
    public void IsKnown_TellsTableWords(string word, bool expected) => Assert.Equal(expected, NameVariants.IsKnown(word));

    [Theory]
    [InlineData("abdoulayje", true)]   // a letter added
    [InlineData("abdulahi", true)]     // a letter dropped (abdullahi)
    [InlineData("abdelrahmen", true)]  // a letter replaced (abdelrahman)
    [InlineData("abdoulaye", true)]    // the spelling itself
    [InlineData("abdayje", false)]     // two edits away
    [InlineData("abdikadir", false)]
    [InlineData("traore", false)]      // no table spelling starts with tra
    [InlineData("abd", false)]         // too short to tell
    public void IsNearKnown_FindsMistypedTableWords(string word, bool expected) => Assert.Equal(expected, NameVariants.IsNearKnown(word));
}
