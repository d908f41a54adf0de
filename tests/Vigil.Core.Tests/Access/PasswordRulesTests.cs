using Vigil.Core.Access;

namespace Vigil.Core.Tests.Access;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("vigil-demo-2026", true)]
    [InlineData("correct horse battery", true)]
    [InlineData("password1234", false)]
    [InlineData("PASSWORD1234", false)]
    [InlineData("qwerty123456", false)]
    [InlineData("peacekeeping", false)]
    [InlineData("aaaaaaaaaaaaaa", false)]
    [InlineData("abababababab", false)]
    [InlineData("my-officer-login", false)]
    public async Task Validate_RefusesCommonRepetitiveAndUserNamePasswords(string password, bool accepted)
    {
        var result = await new PasswordRules().ValidateAsync(null!, new VigilUser { UserName = "officer", DisplayName = "x" }, password);
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.NotEmpty(result.Errors.Select(e => e.Description));
        }
    }

    [Fact]
    public void TheEmbeddedList_IsLoaded() => Assert.True(PasswordRules.IsCommon("iloveyou1234"));
}
