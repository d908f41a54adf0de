using Microsoft.AspNetCore.Identity;
using Vigil.Core.Audit;

namespace Vigil.Core.Access;

/// <summary>
/// The password step of every sign-in (the web page and the token endpoint). Each failure costs the same: an
/// unknown user name is checked against a dummy hash and a locked or disabled account against its own, so the time
/// of the answer does not tell which user names exist or which accounts are locked. Each failure is audited
/// (the account's id when it exists, never the name that was typed).
/// </summary>
public sealed class PasswordStep(SignInManager<VigilUser> signIn, UserManager<VigilUser> users, IPasswordHasher<VigilUser> hasher, IAuditTrail audit)
{
    /// <summary>The audit action of a refused password step.</summary>
    public const string FailedAction = "sign-in-failed";

    private static readonly Lock DummyLock = new();
    private static readonly VigilUser Dummy = new() { DisplayName = "" };
    private static string? dummyHash;

    /// <summary>The account when the name and password are right and it may sign in; null otherwise (the caller says only "failed").</summary>
    public async Task<VigilUser?> CheckAsync(string? userName, string? password, CancellationToken ct = default)
    {
        password ??= "";
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(Dummy, DummyHash(), password);
            await audit.RecordAsync(new AuditEvent(FailedAction, nameof(VigilUser), null, "unknown user name", Actor: IAuditActor.Anonymous), ct);
            return null;
        }
        if (await users.IsLockedOutAsync(user) || user.PasswordHash is null)
        {
            // Identity answers a locked account before hashing: hash here, so that it takes as long as a wrong password.
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash(), password);
            await audit.RecordAsync(new AuditEvent(FailedAction, nameof(VigilUser), user.Id, "account locked or disabled", Actor: IAuditActor.Anonymous), ct);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(new AuditEvent(FailedAction, nameof(VigilUser), user.Id, result.IsLockedOut ? "wrong password; account now locked" : "wrong password",
                Actor: IAuditActor.Anonymous), ct);
            return null;
        }
        return user;
    }

    /// <summary>A hash of a random password, made once by the same hasher (same algorithm and iteration count as real ones).</summary>
    private string DummyHash()
    {
        lock (DummyLock)
        {
            return dummyHash ??= hasher.HashPassword(Dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        }
    }
}
