using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;

namespace Vigil.Pages.Account;

/// <summary>
/// Sign-out ends the session on the server, not only in this browser: the account's security stamp changes, so a
/// copy of the cookie (or a bearer token of the same account) stops working at its next request. There is no
/// store of sessions to end one alone, so every session of the account ends, as with "sign out everywhere".
/// </summary>
public sealed class SignOutModel(SignInManager<VigilUser> signIn, UserManager<VigilUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/account/signin");
    }
}
