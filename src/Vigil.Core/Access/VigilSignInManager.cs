using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Access;

/// <summary>
/// Identity's sign-in manager, with one rule added: a session (cookie or bearer token) is valid only while its
/// account is not locked out or disabled. Identity checks the lockout at sign-in only; Vigil checks the security
/// stamp on every request (AccessSetup), and this makes that check refuse a locked or disabled account too.
/// </summary>
public sealed class VigilSignInManager(UserManager<VigilUser> users, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<VigilUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<VigilUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<VigilUser> confirmation)
    : SignInManager<VigilUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> ValidateSecurityStampAsync(VigilUser? user, string? securityStamp) =>
        await base.ValidateSecurityStampAsync(user, securityStamp) && !await UserManager.IsLockedOutAsync(user!);
}

/// <summary>
/// Identity's user manager, with one rule added: the failure that locks an account (five wrong passwords, codes or
/// recovery codes) also changes its security stamp, so that its existing sessions end for good, not only while locked.
/// </summary>
public sealed class VigilUserManager(IUserStore<VigilUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<VigilUser> passwordHasher,
    IEnumerable<IUserValidator<VigilUser>> userValidators, IEnumerable<IPasswordValidator<VigilUser>> passwordValidators, ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<VigilUser>> logger)
    : UserManager<VigilUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(VigilUser user)
    {
        var wasLocked = await IsLockedOutAsync(user);
        var result = await base.AccessFailedAsync(user);
        if (result.Succeeded && !wasLocked && await IsLockedOutAsync(user))
        {
            return await UpdateSecurityStampAsync(user);
        }
        return result;
    }
}
