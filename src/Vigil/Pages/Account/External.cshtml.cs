using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Core.Access;
using Vigil.Web.Access;

namespace Vigil.Pages.Account;

/// <summary>
/// Sign-in through the organisation's OpenID Connect provider (when configured). The provider's
/// answer is mapped to an existing local account; nobody gets an account or a role this way.
/// </summary>
[EnableRateLimiting(AccessSetup.SignInPolicy)]
public sealed class ExternalModel(SignInManager<VigilUser> signIn, UserManager<VigilUser> users, OidcSettings oidc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => LocalRedirect("/account/signin");

    public IActionResult OnPost()
    {
        if (!oidc.IsEnabled)
        {
            return NotFound();
        }
        var callback = "/account/external?handler=Callback&ReturnUrl=" + Uri.EscapeDataString(SignInModel.SafeReturnUrl(Url, ReturnUrl));
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(ExternalSignIn.Scheme, callback), ExternalSignIn.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        if (!oidc.IsEnabled)
        {
            return NotFound();
        }
        var info = await signIn.GetExternalLoginInfoAsync();
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (info is null)
        {
            return Refuse("The identity provider's answer could not be read. Try again.");
        }
        if (oidc.RequireMfa && !ExternalSignIn.ProviderUsedSecondFactor(info.Principal))
        {
            return Refuse("Your organisation's sign-in did not use a second factor, which Vigil requires.");
        }
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null && ExternalSignIn.Email(info.Principal) is { } email
            && info.Principal.FindFirst("email_verified")?.Value is not "false"
            && await users.FindByEmailAsync(email) is { } byEmail)
        {
            // First sign-in through the provider: link its subject to the account with that address.
            await users.AddLoginAsync(byEmail, info);
            user = byEmail;
        }
        if (user is null)
        {
            return Refuse("No Vigil account matches this sign-in. Ask a Vigil administrator to create one with your e-mail address.");
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Refuse("The account is locked for a while.");
        }
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", ExternalSignIn.AuthenticationMethod)]);
        return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
