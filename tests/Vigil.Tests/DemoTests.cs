using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>What `serve --demo` promises a new user: missions on the home page and one working sign-in per role.</summary>
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

        using var officer = await host.ApiAsync("officer", DemoAccounts.Password);
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
