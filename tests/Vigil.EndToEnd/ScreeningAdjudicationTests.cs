using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Core.Screening;
using Vigil.Tests.Infrastructure;

namespace Vigil.EndToEnd;

/// <summary>
/// The adjudication flow in a real browser: a screening officer opens the queue from the navigation,
/// views a candidate side by side with the engine's reasons, and decides with a note.
/// </summary>
public sealed class ScreeningAdjudicationTests
{
    [Fact]
    public async Task ScreeningOfficer_OpensQueue_ViewsSideBySide_DecidesWithNote()
    {
        Chromium.Require();
        await using var host = await TestHost.StartAsync("sqlite", configure: b => b.Configuration["Screening:RunWorker"] = "false");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("screener", Roles.ScreeningOfficer, "global");
        await host.WithDbAsync(async db =>
        {
            db.Registry.Add(new RegistryRecord
            {
                RecordId = "REG-E2E-1",
                FullName = "ALPHA, Test Person",
                DateOfBirth = new PartialDate(1990, 5),
                Nationality = "RWA",
                Finding = RegistryFinding.Barred,
                Source = RegistrySource.Manual,
                RecordedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        });
        await host.WithDbAsync((_, services) => services.GetRequiredService<ScreeningRuns>().RunEveryoneDeployedAsync(null, "test"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, host, "screener");

        await page.ClickAndWaitAsync("header nav a[href='/screening']");
        Assert.Contains("ALPHA, Test Person", await page.Locator("table").InnerTextAsync());
        await page.ClickAndWaitAsync(page.Locator("td a[href^='/screening/candidates/']").First);

        var side = await page.Locator("table.side").InnerTextAsync();
        Assert.Contains("Test Person Alpha", side);
        Assert.Contains("ALPHA, Test Person", side);
        Assert.Contains("RW-T-0001", side);
        Assert.Contains("nationality agrees", await page.Locator(".reasons").InnerTextAsync());

        await page.CheckAsync("input[name=decision][value=same-person]");
        await page.FillAsync("textarea[name=note]", "Same person: the national record gives the same service number.");
        await page.ClickAndWaitAsync("form.decide button[type=submit]");
        Assert.Contains("same service number", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form.decide").CountAsync());

        await page.GotoAsync(new Uri(host.Address, "/screening").ToString());
        Assert.Equal(0, await page.Locator("td a[href^='/screening/candidates/']").CountAsync());
    }
}
