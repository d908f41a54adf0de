using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>What `serve --demo` promises a new user: missions on the home page, one working sign-in per role, and a headquarters inbox.</summary>
public sealed class DemoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ServeDemo_HomeListsDemoMissions_AndEveryDemoAccountSignsIn(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, demo: true);

        using var hq = await host.BrowserAsync("screening", DemoAccounts.Password);
        var html = await hq.GetStringAsync("/", Ct);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var missions = document.QuerySelectorAll("details[id]").Select(d => d.Id).ToList();
        Assert.True(missions.Count >= 8, $"{missions.Count} missions on the home page");
        Assert.Contains("MINUSCA", missions);
        Assert.Contains("MONUSCO", missions);
        Assert.True(document.QuerySelectorAll("tr.uncovered").Length > 0, "some sites are marked as having no conduct officer");
        Assert.True(document.QuerySelectorAll("tbody tr").Length >= 150, "150+ sites listed");

        foreach (var account in DemoAccounts.All)
        {
            using var api = await host.ApiAsync(account.UserName, DemoAccounts.Password);
            var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", Ct);
            Assert.Equal(account.Role, me.GetProperty("roles")[0].GetString());
        }

        // A public report that names no mission reaches headquarters: the demo's `hq` conduct officer, not the MINUSCA one.
        using var anonymous = host.Anonymous();
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "Synthetic: a report that names no mission." }, Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        using var headquarters = await host.ApiAsync("hq", DemoAccounts.Password);
        Assert.Contains((await headquarters.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct)).EnumerateArray(), r => r.GetProperty("mission").ValueKind == JsonValueKind.Null);
        Assert.Equal("healthy", (await anonymous.GetFromJsonAsync<JsonElement>("/health", Ct)).GetProperty("status").GetString());

        using var officer = await host.ApiAsync("officer", DemoAccounts.Password);
        Assert.DoesNotContain((await officer.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct)).EnumerateArray(), r => r.GetProperty("mission").ValueKind == JsonValueKind.Null);
        var visible = await officer.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(["MINUSCA"], visible.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/v1/missions/UNMISS", Ct)).StatusCode);
    }

    [Fact]
    public async Task ServeDemo_OnSecondStart_KeepsDataAndAccounts()
    {
        await using var host = await TestHost.StartAsync("sqlite", demo: true);
        var report = await Hosting.StartupTasks.RunAsync(host.App.Services,
            new Hosting.HostSettings { DataDirectory = Path.GetTempPath(), Storage = host.Storage, Demo = true }, Ct);
        Assert.IsType<Core.Demo.DemoAlreadySeeded>(report.Seeded);
        Assert.False(report.DemoAccountsCreated);
    }
}
