using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Counts password verifications: every failed password step must do one, whatever the reason.</summary>
    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<VigilUser>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<VigilUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(VigilUser user, string password) => inner.HashPassword(user, password);

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(VigilUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task UnknownUser_And_LockedAccount_CostAPasswordHash_LikeAWrongPassword_AndAreAudited()
    {
        var hasher = new CountingHasher();
        await using var host = await TestHost.StartAsync("sqlite",
            configure: b => b.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<VigilUser>>(hasher));
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var client = host.Anonymous();
        async Task<int> HashesForAsync(Func<Task<HttpResponseMessage>> attempt)
        {
            var before = hasher.Verifications;
            Assert.Equal(HttpStatusCode.Unauthorized, (await attempt()).StatusCode);
            return hasher.Verifications - before;
        }
        Task<HttpResponseMessage> Token(string userName) =>
            client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "wrong-password-123", code = "000000" }, Ct);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };

        Assert.Equal(1, await HashesForAsync(() => Token("chief")));
        Assert.Equal(1, await HashesForAsync(() => Token("ghost1")));
        Assert.Equal(1, await HashesForAsync(() => TestHost.PostSignInAsync(browser, "ghost2", "wrong-password-123")));
        for (var i = 0; i < 4; i++)
        {
            await Token("chief");
        }
        Assert.Equal(1, await HashesForAsync(() => Token("chief"))); // locked now: still one hash, the same answer
        Assert.Equal(1, await HashesForAsync(() => TestHost.PostSignInAsync(browser, "chief", TestHost.Password)));

        // Each failure is on the record; the name typed for an unknown account is not.
        var failures = await host.WithDbAsync(async (db, _) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.AuditEntries).Where(e => e.Action == PasswordStep.FailedAction), Ct));
        Assert.Equal(2, failures.Count(e => e.RecordId == null));
        Assert.Equal(7, failures.Count(e => e.RecordId != null));
        Assert.DoesNotContain(failures, e => $"{e.RecordId} {e.Detail} {e.Reason}".Contains("ghost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongRecoveryCodes_CountTowardsLockout()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.Redirect, (await TestHost.PostSignInAsync(browser, "chief", TestHost.Password)).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostCodeAsync(browser, "recovery:AAAAA-BBBBB")).StatusCode);
        }
        // Locked: even a right code is refused now.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostCodeAsync(browser, await host.NextCodeAsync("chief"))).StatusCode);
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
