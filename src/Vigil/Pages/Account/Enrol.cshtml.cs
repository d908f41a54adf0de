using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;
using Vigil.Core.Access;
using Vigil.Web.Access;

namespace Vigil.Pages.Account;

/// <summary>
/// First sign-in: after the password, the person adds Vigil to an authenticator app (secret as
/// text, as an otpauth:// URI and as a QR code image), confirms with a first code, and gets ten
/// recovery codes, shown once. Only then is the session opened.
/// </summary>
[EnableRateLimiting(AccessSetup.SignInPolicy)]
public sealed class EnrolModel(SignInManager<VigilUser> signIn, UserManager<VigilUser> users, SecondFactor secondFactor) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorSetup? Setup { get; private set; }
    public string? QrCodeDataUri { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Continue => SignInModel.SafeReturnUrl(Url, ReturnUrl);

    /// <summary>The secret in groups of four, easier to type.</summary>
    public string GroupedSecret => string.Join(' ', Setup!.Secret.Chunk(4).Select(c => new string(c)));

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.TwoFactorEnabled)
        {
            return LocalRedirect((user is null ? "/account/signin" : "/account/signin/code") + "?ReturnUrl=" + Uri.EscapeDataString(Continue));
        }
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.TwoFactorEnabled)
        {
            return LocalRedirect("/account/signin?ReturnUrl=" + Uri.EscapeDataString(Continue));
        }
        var confirmed = await secondFactor.ConfirmAsync(user, Code);
        if (!confirmed.IsSuccess)
        {
            await users.AccessFailedAsync(user);
            Error = confirmed.Error!.Describe();
            Code = "";
            await ShowAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        RecoveryCodes = confirmed.Value;
        return Page();
    }

    private async Task ShowAsync(VigilUser user)
    {
        Setup = await secondFactor.BeginAsync(user);
        QrCodeDataUri = QrSvgDataUri(Setup.OtpAuthUri);
    }

    /// <summary>An SVG image in a data: URI: no script, nothing fetched, allowed by the CSP's img-src.</summary>
    public static string QrSvgDataUri(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
