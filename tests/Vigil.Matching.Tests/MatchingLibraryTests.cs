namespace Vigil.Matching.Tests;

public sealed class MatchingLibraryTests
{
    [Fact]
    public void RulesVersion_IsNotNegative() => Assert.True(MatchingLibrary.RulesVersion >= 0);
}
