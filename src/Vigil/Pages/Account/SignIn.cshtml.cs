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
/// Step one of sign-in: the password. It never signs a staff member in by itself: it opens the
/// second step (the authenticator code, or enrolment on first sign-in) in a five-minute cookie.
/// </summary>
[EnableRateLimiting(AccessSetup.SignInPolicy)]
public sealed class SignInModel(SignInManager<VigilUser> signIn, PasswordStep passwordStep, SecondFactor secondFactor, OidcSettings oidc) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public OidcSettings Oidc => oidc;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // PasswordStep: an unknown name, a locked account and a wrong password take the same time and get the same answer.
        if (await passwordStep.CheckAsync(UserName, Password, HttpContext.RequestAborted) is { } user)
        {
            var returnUrl = SafeReturnUrl(Url, ReturnUrl);
            if (user.TwoFactorEnabled || await secondFactor.IsRequiredAsync(user))
            {
                // The same cookie Identity uses between the two steps, read by GetTwoFactorAuthenticationUserAsync.
                var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
                pending.AddClaim(new Claim(ClaimTypes.Name, user.Id));
                await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
                var next = user.TwoFactorEnabled ? "/account/signin/code" : "/account/enrol";
                return LocalRedirect(next + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
            }
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
            return LocalRedirect(returnUrl);
        }
        Failed = true;
        Password = "";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
