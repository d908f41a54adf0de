using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;

namespace Vigil.Pages.Account;

/// <summary>The signed-in person's own security: recovery codes left, new codes, sign out everywhere.</summary>
public sealed class SecurityModel(SignInManager<VigilUser> signIn, UserManager<VigilUser> users, SecondFactor secondFactor) : PageModel
{
    public int RecoveryCodesLeft { get; private set; }
    public bool Enrolled { get; private set; }
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await secondFactor.SignOutEverywhereAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/account/signin");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            NewRecoveryCodes = await secondFactor.RenewRecoveryCodesAsync(user);
        }
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(VigilUser user)
    {
        Enrolled = user.TwoFactorEnabled;
        RecoveryCodesLeft = Enrolled ? await users.CountRecoveryCodesAsync(user) : 0;
    }
}
