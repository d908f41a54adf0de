namespace Vigil.Matching.Tests;

public sealed class JaroWinklerTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("", "", 1.0)]
    [InlineData("abc", "", 0.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Similarity_MatchesPublishedValues(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);
        Assert.Equal(expected, JaroWinkler.Similarity(b, a), 3);
    }

    [Fact]
    public void Similarity_Null_Throws() => Assert.Throws<ArgumentNullException>(() => JaroWinkler.Similarity(null!, "a"));
}
