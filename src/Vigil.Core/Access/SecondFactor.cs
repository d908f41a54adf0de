using Microsoft.AspNetCore.Identity;
using Vigil.Core.Common;

namespace Vigil.Core.Access;

/// <summary>A new authenticator secret, shown to the person once, with the URI their app reads.</summary>
public sealed record AuthenticatorSetup(string Secret, string OtpAuthUri);

/// <summary>
/// Enrolment in the second factor (TOTP) and recovery codes. Every staff role must enrol: see
/// <see cref="Roles.SecondFactorRequired"/>. Enrolment happens at first sign-in, after the password.
/// </summary>
public sealed class SecondFactor(UserManager<VigilUser> users, TotpTokenProvider totp)
{
    public const string Issuer = "Vigil";
    public const int RecoveryCodeCount = 10;

    // Where Identity's UserStore keeps the recovery codes (our store keeps their hashes there).
    private const string RecoveryCodesProvider = "[AspNetUserStore]";
    private const string RecoveryCodesToken = "RecoveryCodes";

    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(Roles.SecondFactorRequired.Contains);

    public async Task<bool> IsRequiredAsync(VigilUser user) => IsRequiredFor(await users.GetRolesAsync(user));

    public static bool IsEnrolled(VigilUser user) => user.TwoFactorEnabled;

    /// <summary>The pending secret of a person who has not confirmed enrolment yet (made on first call).</summary>
    public async Task<AuthenticatorSetup> BeginAsync(VigilUser user)
    {
        if (user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("The account is enrolled already.");
        }
        var secret = await totp.ReadSecretAsync(users, user);
        if (secret is null)
        {
            secret = Totp.NewSecret();
            await totp.WriteSecretAsync(users, user, secret);
        }
        return new AuthenticatorSetup(secret, Totp.OtpAuthUri(Issuer, user.UserName!, secret));
    }

    /// <summary>Confirms enrolment with a first code from the app; answers the recovery codes, shown once.</summary>
    public async Task<Result<string[]>> ConfirmAsync(VigilUser user, string? code)
    {
        if (user.TwoFactorEnabled)
        {
            return new ConflictError("The account is enrolled already.");
        }
        if (Totp.Normalise(code) is not { } digits || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, digits))
        {
            return ValidationError.For("code", "The code is not the one the app shows now. Check the phone's clock and try the next code.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return Codes(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount));
    }

    /// <summary>
    /// Enrols without a confirming code: for demo accounts and test fixtures, whose secret is then
    /// read by `vigil users totp` or by the test. Never used for a real account.
    /// </summary>
    public async Task<(string Secret, string[] RecoveryCodes)> EnrolDirectlyAsync(VigilUser user)
    {
        var secret = Totp.NewSecret();
        await totp.WriteSecretAsync(users, user, secret);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (secret, Codes(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount)));
    }

    public Task<string?> ReadSecretAsync(VigilUser user) => totp.ReadSecretAsync(users, user);

    /// <summary>New recovery codes replace the old ones (all of them), e.g. after the last was used.</summary>
    public async Task<string[]> RenewRecoveryCodesAsync(VigilUser user) =>
        Codes(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount));

    /// <summary>
    /// An administrator's reset (lost phone): the secret, the replay marker and every recovery code go,
    /// the account is signed out everywhere, and the person enrols again at the next sign-in.
    /// </summary>
    public async Task ResetAsync(VigilUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, TotpTokenProvider.LoginProvider, TotpTokenProvider.SecretToken);
        await users.RemoveAuthenticationTokenAsync(user, TotpTokenProvider.LoginProvider, TotpTokenProvider.LastStepToken);
        await users.RemoveAuthenticationTokenAsync(user, RecoveryCodesProvider, RecoveryCodesToken);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Sign out everywhere: a new security stamp invalidates every cookie and bearer token of the account.</summary>
    public Task SignOutEverywhereAsync(VigilUser user) => users.UpdateSecurityStampAsync(user);

    private static string[] Codes(IEnumerable<string>? codes) =>
        [.. codes ?? throw new InvalidOperationException("The user store cannot keep recovery codes.")];
}
