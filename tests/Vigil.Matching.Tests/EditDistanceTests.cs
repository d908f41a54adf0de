namespace Vigil.Matching.Tests;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("donald", "donlad", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_CountsEditsWithTranspositions(string a, string b, int expected) => Assert.Equal(expected, EditDistance.Distance(a, b));

    [Theory]
    [InlineData("abcd", "abcx", 0.75)]
    [InlineData("", "", 1.0)]
    [InlineData("ab", "cd", 0.0)]
    public void Similarity_IsOneMinusDistanceOverLongerLength(string a, string b, double expected) => Assert.Equal(expected, EditDistance.Similarity(a, b), 6);
}
