using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Tests.Infrastructure;

namespace Vigil.EndToEnd;

/// <summary>Signing in as a person does it: the form, then the authenticator code step.</summary>
internal static class BrowserSignIn
{
    /// <summary>Password, then the code of the authenticator app (the test plays the app).</summary>
    public static async Task SignInAsync(IPage page, TestHost host, string user)
    {
        await page.GotoAsync(new Uri(host.Address, "/account/signin").ToString());
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", TestHost.Password);
        await page.ClickAndWaitAsync("form.stack button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin/code"));
        await page.FillAsync("input[name=Code]", await host.NextCodeAsync(user));
        await page.ClickAndWaitAsync(page.Locator("form.stack", new() { Has = page.Locator("input[name=Code]") }).Locator("button[type=submit]"));
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.Address, "/").ToString());
    }
}
