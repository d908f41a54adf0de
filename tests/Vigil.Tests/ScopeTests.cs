using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// A user scoped to one mission sees nothing of another, through the API or the pages: the record
/// is "not found" (404), never "forbidden", so its existence is not revealed.
/// </summary>
public sealed class ScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestHost> StartAsync(string provider)
    {
        var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer-caf", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("liaison-rwa", Roles.MemberStateLiaison, "country:RWA");
        await host.CreateUserAsync("analyst-hq", Roles.Analyst, "global");
        await host.CreateUserAsync("screening-hq", Roles.ScreeningOfficer, "global");
        await host.CreateUserAsync("no-scope", Roles.ConductOfficer);
        return host;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MissionScopedOfficer_SeesOwnMissionOnly_AndOthersAre404(string provider)
    {
        await using var host = await StartAsync(provider);
        using var api = await host.ApiAsync("officer-caf");

        var missions = await api.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(["MINUSCA"], missions.EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/missions/MINUSCA", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sites/MINUSCA-BRI", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/personnel/P-CAF-001", Ct)).StatusCode);

        foreach (var path in new[] { "/api/v1/missions/MONUSCO", "/api/v1/sites/MONUSCO-GOM", "/api/v1/personnel/P-COD-001" })
        {
            var response = await api.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var people = await api.GetFromJsonAsync<JsonElement>("/api/v1/personnel", Ct);
        Assert.Equal(2, people.GetProperty("total").GetInt32());
        var monusco = await api.GetFromJsonAsync<JsonElement>("/api/v1/personnel?mission=MONUSCO", Ct);
        Assert.Equal(0, monusco.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MissionScopedOfficer_PagesOfAnotherMission_Are404(string provider)
    {
        await using var host = await StartAsync(provider);
        using var browser = await host.BrowserAsync("officer-caf");

        var home = await browser.GetStringAsync("/", Ct);
        Assert.Contains("MINUSCA", home);
        Assert.DoesNotContain("MONUSCO", home);
        Assert.DoesNotContain("Goma", home);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/missions/MINUSCA", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/personnel/P-CAF-002", Ct)).StatusCode);
        foreach (var path in new[] { "/missions/MONUSCO", "/sites/MONUSCO-GOM", "/personnel/P-COD-002" })
        {
            Assert.True((await browser.GetAsync(path, Ct)).StatusCode == HttpStatusCode.NotFound, path);
        }
        var list = await browser.GetStringAsync("/personnel?mission=MONUSCO", Ct);
        Assert.DoesNotContain("Test Person Charlie", list);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CountryScopedLiaison_SeesOwnNationalsAcrossMissions_AndNoOneElse(string provider)
    {
        await using var host = await StartAsync(provider);
        using var api = await host.ApiAsync("liaison-rwa");

        var people = await api.GetFromJsonAsync<JsonElement>("/api/v1/personnel", Ct);
        var numbers = people.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("personNumber").GetString()).Order().ToArray();
        Assert.Equal(["P-CAF-001", "P-COD-001"], numbers);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/personnel/P-CAF-002", Ct)).StatusCode);
        // Missions where Rwanda has troops are visible, and only the sites where they are.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sites/MINUSCA-BGI", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/sites/MINUSCA-BRI", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Analyst_SeesMissionsButNoPersonnel(string provider)
    {
        await using var host = await StartAsync(provider);
        using var api = await host.ApiAsync("analyst-hq");
        var missions = await api.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(2, missions.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/personnel", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/personnel/P-CAF-001", Ct)).StatusCode);
    }

    [Fact]
    public async Task Analyst_SeesCoverageButNotWhoIsPosted()
    {
        await using var host = await StartAsync("sqlite");
        using var api = await host.ApiAsync("analyst-hq");
        var site = await api.GetFromJsonAsync<JsonElement>("/api/v1/sites/MINUSCA-BGI", Ct);
        Assert.True(site.GetProperty("hasOfficer").GetBoolean());
        Assert.DoesNotContain("Test Officer One", site.GetRawText());
    }

    [Fact]
    public async Task UserWithoutScope_SeesNothing()
    {
        await using var host = await StartAsync("sqlite");
        using var api = await host.ApiAsync("no-scope");
        var missions = await api.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(0, missions.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/missions/MINUSCA", Ct)).StatusCode);
    }

    [Fact]
    public async Task GlobalScreeningOfficer_SeesEveryone()
    {
        await using var host = await StartAsync("sqlite");
        using var api = await host.ApiAsync("screening-hq");
        var people = await api.GetFromJsonAsync<JsonElement>("/api/v1/personnel", Ct);
        Assert.Equal(4, people.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Anonymous_GetsSignInRedirectOnPages_And401OnApi()
    {
        await using var host = await StartAsync("sqlite");
        using var client = host.Anonymous();
        foreach (var path in new[] { "/api/v1/missions", "/api/v1/missions/MINUSCA", "/api/v1/personnel/P-CAF-001", "/api/v1/auth/me" })
        {
            Assert.True((await client.GetAsync(path, Ct)).StatusCode == HttpStatusCode.Unauthorized, path);
        }
        var page = await client.GetAsync("/missions/MINUSCA", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_MarksSitesWithoutAnOfficer()
    {
        await using var host = await StartAsync("sqlite");
        using var browser = await host.BrowserAsync("officer-caf");
        var html = await browser.GetStringAsync("/missions/MINUSCA", Ct);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var uncovered = document.QuerySelectorAll("tr.uncovered").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(["Bria"], uncovered);
        Assert.Contains("Test Officer One", html);
    }

    [Fact]
    public async Task BadPageSize_Answers400NamingTheField()
    {
        await using var host = await StartAsync("sqlite");
        using var api = await host.ApiAsync("screening-hq");
        var response = await api.GetAsync("/api/v1/personnel?pageSize=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
        var notANumber = await api.GetAsync("/api/v1/personnel?page=abc", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
    }

    [Fact]
    public async Task CasesAndPersonnelPages_PageOutOfRange_ShowPageOneWithANoticeNamingIt_OrAnEmptyPageWithALinkBack()
    {
        await using var host = await StartAsync("sqlite");
        await host.WithDbAsync(async db =>
        {
            var mission = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
            db.Cases.Add(new Core.Cases.Case { Reference = "CASE-WEB-PAGING", MissionId = mission.Id, OpenedAt = DateTimeOffset.UnixEpoch, OpenedByUserId = "x" });
            await db.SaveChangesAsync(Ct);
        });
        using var officer = await host.BrowserAsync("officer-caf");
        await WebListPaging.AssertOutOfRangePagesAsync(officer, "/cases", "page", Ct);
        await WebListPaging.AssertOutOfRangePagesAsync(officer, "/cases?mission=MINUSCA", "page", Ct);
        using var screening = await host.BrowserAsync("screening-hq");
        await WebListPaging.AssertOutOfRangePagesAsync(screening, "/personnel", "page", Ct);
        await WebListPaging.AssertOutOfRangePagesAsync(screening, "/personnel?mission=MINUSCA", "page", Ct);
    }

    [Fact]
    public async Task EveryOtherList_PageFarPastTheLast_IsEmpty_AndBadPagingNamesTheField()
    {
        await using var host = await StartAsync("sqlite");
        await host.CreateUserAsync("auditor-hq", Roles.Auditor, "global");
        await host.WithDbAsync(async db =>
        {
            var mission = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
            db.Cases.Add(new Core.Cases.Case { Reference = "CASE-PAGING", MissionId = mission.Id, OpenedAt = DateTimeOffset.UnixEpoch, OpenedByUserId = "x" });
            await db.SaveChangesAsync(Ct);
        });
        using var officer = await host.ApiAsync("officer-caf");
        using var screening = await host.ApiAsync("screening-hq");
        using var auditor = await host.ApiAsync("auditor-hq");
        foreach (var (client, route) in new[] { (officer, "/api/v1/cases"), (screening, "/api/v1/personnel"), (auditor, "/api/v1/audit") })
        {
            var first = await client.GetFromJsonAsync<JsonElement>(route, Ct);
            Assert.True(first.GetProperty("items").GetArrayLength() > 0, route);
            // (page - 1) * pageSize overflowed int here too.
            var far = await client.GetFromJsonAsync<JsonElement>($"{route}?page=2147483647&pageSize=200", Ct);
            Assert.Equal(0, far.GetProperty("items").GetArrayLength());
            foreach (var (query, field) in new[] { ("page=0", "page"), ("pageSize=201", "pageSize") })
            {
                var response = await client.GetAsync($"{route}?{query}", Ct);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            }
        }
    }
}
