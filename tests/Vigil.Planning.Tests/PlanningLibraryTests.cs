namespace Vigil.Planning.Tests;

public sealed class PlanningLibraryTests
{
    [Fact]
    public void ModelVersion_IsNotNegative() => Assert.True(PlanningLibrary.ModelVersion >= 0);
}
