using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

public sealed class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInPage_WithRightPassword_SetsCookie_AndShowsHome(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var browser = await host.BrowserAsync("chief");
        var home = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("chief", await home.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SignInPage_WithWrongPassword_Refuses_AndFiveFailuresLockTheAccount()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };
        for (var i = 0; i < 5; i++)
        {
            var wrong = await TestHost.PostSignInAsync(client, "chief", "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var locked = await TestHost.PostSignInAsync(client, "chief", TestHost.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task TokenEndpoint_IssuesBearerToken_ThatCarriesRoleAndScopes()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA", "mission:MONUSCO");
        using var api = await host.ApiAsync("officer");
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", Ct);
        Assert.Equal("officer", me.GetProperty("userName").GetString());
        Assert.Equal([Roles.ConductOfficer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToArray());
        Assert.Equal(["mission:MINUSCA", "mission:MONUSCO"], me.GetProperty("scopes").EnumerateArray().Select(r => r.GetString()).ToArray());
    }

    [Fact]
    public async Task TokenEndpoint_WithUnknownUserOrWrongPassword_AnswersSame401()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var client = host.Anonymous();
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "whatever-password" }, Ct);
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "chief", password = "whatever-password" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var a = await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var b = await wrong.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TokenEndpoint_WithMissingField_Answers400NamingIt()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "chief" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var browser = await host.BrowserAsync("chief");
        var home = await browser.GetStringAsync("/", Ct);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(home);
        var token = document.QuerySelector("form[action='/account/signout'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var signOut = await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task FrenchBrowser_GetsFrenchPages()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var html = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Connexion à Vigil", html);
        Assert.Contains("lang=\"fr\"", html);
    }
}
