using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Core.Access;
using Vigil.Web.Access;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Vigil.Pages.Account;

/// <summary>Step two of sign-in: the authenticator code, or one of the recovery codes.</summary>
[EnableRateLimiting(AccessSetup.SignInPolicy)]
public sealed class CodeModel(SignInManager<VigilUser> signIn, UserManager<VigilUser> users) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string RecoveryCode { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToSignIn();
        }
        var result = Totp.Normalise(Code) is { } code
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : SignInResult.Failed;
        return Done(result);
    }

    /// <summary>
    /// A recovery code in place of the app's. Identity neither checks the lockout here nor counts a wrong recovery code
    /// towards it; Vigil does both, as for a wrong app code.
    /// </summary>
    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToSignIn();
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Done(SignInResult.LockedOut);
        }
        var result = string.IsNullOrWhiteSpace(RecoveryCode)
            ? SignInResult.Failed
            : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Trim());
        if (!result.Succeeded)
        {
            await users.AccessFailedAsync(user);
        }
        return Done(result);
    }

    private IActionResult Done(SignInResult result)
    {
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
        }
        Failed = true;
        Code = "";
        RecoveryCode = "";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private LocalRedirectResult RedirectToSignIn() => LocalRedirect("/account/signin?ReturnUrl=" + Uri.EscapeDataString(SignInModel.SafeReturnUrl(Url, ReturnUrl)));
}
