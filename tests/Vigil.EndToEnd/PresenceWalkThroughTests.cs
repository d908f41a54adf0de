using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.EndToEnd;

/// <summary>
/// Presence in a real browser: a conduct chief builds and runs a rotation plan from the navigation, reviews it,
/// approves it in two clicks, sees the coverage, and keeps the list of officials (adds an arrival, corrects its name, ends it).
/// </summary>
public sealed class PresenceWalkThroughTests
{
    [Fact]
    public async Task ConductChief_PlansApprovesAndKeepsTheOfficials()
    {
        Chromium.Require();
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief-e2e", Roles.ConductChief, "mission:MINUSCA");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, host, "chief-e2e");

        // Build and plan: a short horizon and time limit keep the browser test quick.
        await page.ClickAndWaitAsync("header nav a[href='/rotation']");
        await page.Locator("details summary").ClickAsync();
        await page.FillAsync("input[name='Form.Periods']", "3");
        await page.FillAsync("input[name='Form.TimeLimitSeconds']", "2");
        await page.ClickAndWaitAsync("form[method=post] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/rotation/\d+$"));
        var detail = page.Url;
        for (var i = 0; i < 100 && !(await page.Locator("main").InnerTextAsync()).Contains("Timeline per officer", StringComparison.Ordinal); i++)
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            await page.GotoAsync(detail);
        }
        Assert.Contains("Timeline per officer", await page.Locator("main").InnerTextAsync());

        // Approve in two clicks: the first asks for confirmation.
        await page.ClickAndWaitAsync("a.button[href$='confirm=true']");
        await page.ClickAndWaitAsync("form button[type=submit]:has-text('Confirm approval')");
        Assert.Contains("Approved by chief-e2e", await page.Locator("main").InnerTextAsync());

        await page.ClickAndWaitAsync("header nav a[href='/coverage']");
        Assert.Contains("Bria", await page.Locator("main").InnerTextAsync());

        // The list of officials: a refusal names the field, then the arrival is listed, then the appointment ended.
        await page.GotoAsync(new Uri(host.Address, "/evaluations").ToString());
        await page.SelectOptionAsync("select[name='NewOfficial.Site']", "MINUSCA-BRI");
        await page.FillAsync("input[name='NewOfficial.FullName']", "Test Browser Commander");
        await page.FillAsync("input[name='NewOfficial.Title']", "Company commander, PAKENGCOY");
        // No role is chosen for the user (the list starts empty and a choice is required).
        await page.SelectOptionAsync("select[name='NewOfficial.Role']", "Commander");
        await page.FillAsync("input[name='NewOfficial.Nationality']", "ZZ");
        await page.FillAsync("input[name='NewOfficial.From']", "2025-01-01");
        await page.ClickAndWaitAsync("form[action*='AddOfficial'] button[type=submit]");
        Assert.Contains("is not an ISO 3166-1 alpha-3 country code", await page.Locator("main").InnerTextAsync());
        await page.FillAsync("input[name='NewOfficial.Nationality']", "PAK");
        await page.ClickAndWaitAsync("form[action*='AddOfficial'] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.Address, "/evaluations").ToString());
        // The name was misspelt: corrected from the official's page, the form starting from the record as kept.
        await page.ClickAndWaitAsync(page.Locator("tr", new() { HasText = "Test Browser Commander" }).Locator("a").First);
        Assert.Equal("Test Browser Commander", await page.InputValueAsync("input[name='Correction.FullName']"));
        await page.FillAsync("input[name='Correction.FullName']", "Test Browser Commandant");
        await page.ClickAndWaitAsync("form[action*='CorrectOfficial'] button[type=submit]");
        Assert.Contains("Record corrected.", await page.Locator("main").InnerTextAsync());
        await page.GotoAsync(new Uri(host.Address, "/evaluations").ToString());
        var row = page.Locator("tr", new() { HasText = "Test Browser Commandant" });
        Assert.Equal(1, await row.CountAsync());
        await row.Locator("input[name=to]").FillAsync("2026-01-31");
        await page.ClickAndWaitAsync(row.Locator("button[type=submit]"));
        Assert.Equal(0, await page.Locator("tr", new() { HasText = "Test Browser Commandant" }).CountAsync());
    }
}
