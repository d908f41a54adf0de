using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Core.Demo;
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

        // The investigator and the advocate reach cases only by assignment: the demo gives each some to open.
        using var investigator = await host.ApiAsync("investigator", DemoAccounts.Password);
        var investigations = await investigator.GetFromJsonAsync<JsonElement>("/api/v1/cases?mission=MONUSCO", Ct);
        Assert.Equal(DemoAssignments.PerRole, investigations.GetProperty("total").GetInt32());
        Assert.All(investigations.GetProperty("items").EnumerateArray(), c => Assert.Equal("under-investigation", c.GetProperty("status").GetString()));
        using var advocate = await host.ApiAsync("advocate", DemoAccounts.Password);
        Assert.Equal(DemoAssignments.PerRole, (await advocate.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).GetProperty("total").GetInt32());

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

    private const string RealMissions = "code,name,host_country,start_date\nMINUSCA,Real mission A,CAF,2014-04-10\nMONUSCO,Real mission B,COD,2010-07-01\n";

    private static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "import");

    [Fact]
    public async Task DemoSeed_OnADatabaseWithOtherMissions_CreatesNoAccount_AndExits2()
    {
        var directory = CliRun.NewDirectory();
        var missions = Path.Combine(directory, "m.csv");
        await File.WriteAllTextAsync(missions, RealMissions, Ct);
        Assert.Equal(0, (await CliRun.RunAsync("import", "--missions", missions, "--data-dir", directory)).Exit);

        var (exit, error) = await CliRun.RunAsync("demo", "seed", "--data-dir", directory);

        Assert.Equal(2, exit);
        Assert.Contains("not the demo data set", error, StringComparison.Ordinal);
        Assert.Contains("no demo account was created", error, StringComparison.Ordinal);
        Assert.Equal(0, await CliRun.UsersAsync(directory));
    }

    /// <summary>Only MINUSCA of the demo missions: creating the MONUSCO-scoped demo account used to crash after three were stored.</summary>
    [Fact]
    public async Task DemoSeed_OnAPartialMissionSet_CreatesNoAccount_AndExits2()
    {
        var directory = CliRun.NewDirectory();
        Assert.Equal(0, (await CliRun.RunAsync("import", "--dir", SamplesDirectory, "--data-dir", directory)).Exit);

        var (exit, error) = await CliRun.RunAsync("demo", "seed", "--data-dir", directory);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
        Assert.Equal(0, await CliRun.UsersAsync(directory));
    }

    [Fact]
    public async Task ServeDemo_OnADatabaseWithOtherMissions_RefusesToStart_AndCreatesNoAccount()
    {
        var directory = CliRun.NewDirectory();
        var missions = Path.Combine(directory, "m.csv");
        await File.WriteAllTextAsync(missions, RealMissions, Ct);
        Assert.Equal(0, (await CliRun.RunAsync("import", "--missions", missions, "--data-dir", directory)).Exit);

        var (exit, error) = await CliRun.RunAsync("serve", "--demo", "--urls", "http://127.0.0.1:0", "--data-dir", directory);

        Assert.Equal(2, exit);
        Assert.Contains("--demo", error, StringComparison.Ordinal);
        Assert.Equal(0, await CliRun.UsersAsync(directory));
    }

    [Fact]
    public async Task DemoSeed_OnAnEmptyDatabase_CreatesTheAccounts_AndAgainOnTheDemoDataSet_KeepsThem()
    {
        var directory = CliRun.NewDirectory();
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--data-dir", directory)).Exit);
        Assert.Equal(DemoAccounts.All.Count, await CliRun.UsersAsync(directory));

        var (exit, error) = await CliRun.RunAsync("demo", "seed", "--data-dir", directory);

        Assert.True(exit == 0, error);
        Assert.Equal(DemoAccounts.All.Count, await CliRun.UsersAsync(directory));
    }
}
