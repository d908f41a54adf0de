using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Tests.Infrastructure;

namespace Vigil.EndToEnd;

/// <summary>
/// The demo story in a real browser (Debian's Chromium, headless): an anonymous report
/// becomes a case, is routed to the troop-contributing country, the NIO deadline passes and
/// escalates, findings and a repatriation with ban are recorded, and a second person approves closure.
/// </summary>
public sealed class CaseWalkThroughTests
{
    private static async Task SubmitAsync(IPage page, string summary, string handler, Func<ILocator, Task> fill)
    {
        await page.Locator("summary", new PageLocatorOptions { HasText = summary }).ClickAsync();
        var form = page.Locator($"form[action*='handler={handler}']");
        await fill(form);
        await page.ClickAndWaitAsync(form.Locator("button"));
        Assert.Equal(0, await page.Locator(".error").CountAsync());
    }

    [Fact]
    public async Task ReportToClosedCase_InTheBrowser()
    {
        Chromium.Require();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync("sqlite", configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // 1. A community member reports, without an account.
        var reporter = await browser.NewPageAsync();
        await reporter.GotoAsync(new Uri(host.Address, "/report").ToString());
        await reporter.FillAsync("textarea[name=Narrative]", "Synthetic: a soldier from the base near the market gave a girl money for sex.");
        await reporter.SelectOptionAsync("select[name=Mission]", "MINUSCA");
        await reporter.FillAsync("input[name=IncidentDate]", "2026-02");
        await reporter.SelectOptionAsync("select[name=Involved]", "military");
        await reporter.CheckAsync("input[name=Child][value=yes]");
        await reporter.ClickAndWaitAsync("button[type=submit]");
        var receipt = (await reporter.Locator(".receipt").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$", receipt);

        // 2. The conduct officer triages it into a case and works it.
        var officerContext = await browser.NewContextAsync();
        var officer = await officerContext.NewPageAsync();
        await BrowserSignIn.SignInAsync(officer, host, "officer");
        await officer.GotoAsync(new Uri(host.Address, "/inbox").ToString());
        await officer.ClickAndWaitAsync(officer.Locator("td a[href^='/reports/R-']").First);
        var openCase = officer.Locator("form[action*='handler=Open']");
        await openCase.Locator("select[name=Category]").SelectOptionAsync("SexualAbuse");
        await openCase.Locator("select[name=Type]").SelectOptionAsync("SexualActivityWithMinor");
        await openCase.Locator("input[name=Reason]").FillAsync("Credible account; a child may be involved.");
        await officer.ClickAndWaitAsync(openCase.Locator("button"));
        await officer.ClickAndWaitAsync("a[href^='/cases/CASE-']");
        var caseUrl = officer.Url;
        Assert.Contains("/cases/CASE-", caseUrl);

        await SubmitAsync(officer, "Add a subject", "Subject", f => f.Locator("input[name=personNumber]").FillAsync("P-CAF-001"));
        Assert.Contains("RWA", await officer.Locator(".cards").InnerTextAsync());
        await SubmitAsync(officer, "Move the case", "Transition", async f =>
        {
            await f.Locator("select[name=to]").SelectOptionAsync("UnderAssessment");
            await f.Locator("input[name=reason]").FillAsync("Assessing.");
        });
        await SubmitAsync(officer, "Move the case", "Transition", async f =>
        {
            await f.Locator("select[name=to]").SelectOptionAsync("ReferredForInvestigation");
            await f.Locator("input[name=reason]").FillAsync("Contingent member: the country investigates.");
        });
        await SubmitAsync(officer, "Record a note verbale", "Note", async f =>
        {
            await f.Locator("select[name=kind]").SelectOptionAsync("NioRequest");
            await f.Locator("input[name=noteReference]").FillAsync("NV/2026/017");
        });
        Assert.Contains("2026-03-16", await officer.Locator(".cards").InnerTextAsync());
        await SubmitAsync(officer, "Add evidence", "Evidence", async f =>
        {
            await f.Locator("input[name=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "statement.txt",
                MimeType = "text/plain",
                Buffer = System.Text.Encoding.UTF8.GetBytes("Synthetic written statement."),
            });
            await f.Locator("input[name=description]").FillAsync("Focal point's statement");
        });
        Assert.Contains("statement.txt", await officer.Locator("body").InnerTextAsync());

        // 3. The country does not answer in time: the deadline escalates.
        clock.Advance(TimeSpan.FromDays(15));
        await host.WithDbAsync((_, services) => services.GetRequiredService<DeadlineService>().RunAsync());
        await BrowserSignIn.SignInAsync(officer, host, "officer"); // the session expired on the same clock
        await officer.GotoAsync(caseUrl);
        Assert.Contains("Deadline missed and escalated", await officer.Locator("table").Last.InnerTextAsync());

        // 4. The country answers late; investigation, findings, actions.
        await SubmitAsync(officer, "Record a note verbale", "Note", async f =>
        {
            await f.Locator("select[name=direction]").SelectOptionAsync("Received");
            await f.Locator("select[name=kind]").SelectOptionAsync("NioAppointed");
        });
        foreach (var (to, why) in new[] { ("UnderInvestigation", "NIO appointed.") })
        {
            await SubmitAsync(officer, "Move the case", "Transition", async f =>
            {
                await f.Locator("select[name=to]").SelectOptionAsync(to);
                await f.Locator("input[name=reason]").FillAsync(why);
            });
        }
        await SubmitAsync(officer, "Record a finding", "Finding", f => f.Locator("select[name=outcome]").SelectOptionAsync("Substantiated"));
        foreach (var (to, why) in new[] { ("FindingsIssued", "National report received."), ("Actions", "Substantiated.") })
        {
            await SubmitAsync(officer, "Move the case", "Transition", async f =>
            {
                await f.Locator("select[name=to]").SelectOptionAsync(to);
                await f.Locator("input[name=reason]").FillAsync(why);
            });
        }
        await SubmitAsync(officer, "Record an action", "Action", f => f.Locator("select[name=kind]").SelectOptionAsync("RepatriationWithBan"));
        await SubmitAsync(officer, "Request closure", "Closure", f => f.Locator("input[name=justification]").FillAsync("Repatriated and barred from future service."));

        // 5. A second person, the conduct chief, approves closure.
        var chiefContext = await browser.NewContextAsync();
        var chief = await chiefContext.NewPageAsync();
        await BrowserSignIn.SignInAsync(chief, host, "chief");
        await chief.GotoAsync(caseUrl);
        await chief.ClickAndWaitAsync(chief.Locator("form[action*='handler=DecideClosure'] button", new PageLocatorOptions { HasText = "Approve closure" }));
        var stage = await chief.Locator(".cards .card").First.InnerTextAsync();
        Assert.Contains("Closed", stage);
        Assert.Contains("Repatriation with ban", await chief.Locator("body").InnerTextAsync());
    }
}
