using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Security;

namespace Vigil.Core.Access;

/// <summary>
/// Identity's authenticator token provider, made stricter: the secret is sealed with the field key
/// (a stolen database cannot mint codes), time comes from <see cref="TimeProvider"/>, the window is
/// one step either side (±30 s of clock drift), and a code is accepted once only (RFC 6238 §5.2):
/// the last accepted step is kept and a code for it or any earlier step is refused.
/// </summary>
public sealed class TotpTokenProvider(FieldProtector protector, TimeProvider clock) : IUserTwoFactorTokenProvider<VigilUser>
{
    public const string Name = "vigil-totp";
    public const string LoginProvider = "[Vigil]";
    public const string SecretToken = "TotpSecret";
    public const string LastStepToken = "TotpLastStep";
    public const string Purpose = "totp-secret";

    public Task<string> GenerateAsync(string purpose, UserManager<VigilUser> manager, VigilUser user) =>
        Task.FromResult(string.Empty); // the code comes from the person's authenticator app

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<VigilUser> manager, VigilUser user)
    {
        var code = Totp.Normalise(token);
        var secret = await ReadSecretAsync(manager, user);
        if (code is null || secret is null)
        {
            return false;
        }
        var key = Totp.DecodeSecret(secret);
        var now = Totp.StepAt(clock.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Totp.Compute(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                // A concurrent use of the same code fails on the user's concurrency stamp.
                var stored = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
                return stored.Succeeded;
            }
        }
        return false;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<VigilUser> manager, VigilUser user) =>
        user.TwoFactorEnabled && await manager.GetAuthenticationTokenAsync(user, LoginProvider, SecretToken) is not null;

    public async Task<string?> ReadSecretAsync(UserManager<VigilUser> manager, VigilUser user)
    {
        var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, SecretToken);
        return stored is null ? null : protector.Unseal(Convert.FromBase64String(stored), Purpose);
    }

    public async Task WriteSecretAsync(UserManager<VigilUser> manager, VigilUser user, string secret)
    {
        await manager.SetAuthenticationTokenAsync(user, LoginProvider, SecretToken, Convert.ToBase64String(protector.Seal(secret, Purpose)));
        await manager.RemoveAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
    }
}
