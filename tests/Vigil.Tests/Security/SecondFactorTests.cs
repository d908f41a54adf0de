using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests.Security;

/// <summary>The second factor, sessions and sign-out everywhere, over real HTTP.</summary>
public sealed class SecondFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Browser(TestHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResetSecondFactor_VoidsSecretAndRecoveryCodes_EndsSessions_AndTheNextSignInEnrols(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.CreateUserAsync("lostphone", Roles.ConductOfficer, "global");
        var device = await host.DeviceAsync("lostphone");
        var oldRecovery = device.RecoveryCodes.ToArray();
        Assert.NotEmpty(oldRecovery);
        using var api = await host.ApiAsync("lostphone");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me", Ct)).StatusCode);

        var settings = host.App.Services.GetRequiredService<Hosting.HostSettings>();
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["users", "reset-second-factor", "--user", "lostphone",
            "--data-dir", settings.DataDirectory, "--database", host.Storage.ConnectionString]));

        await host.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VigilUser>>();
            var user = (await users.FindByNameAsync("lostphone"))!;
            Assert.False(user.TwoFactorEnabled);
            Assert.Null(await services.GetRequiredService<SecondFactor>().ReadSecretAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            foreach (var code in oldRecovery)
            {
                Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);
            }
            return true;
        });
        // The bearer token issued before the reset is dead (new security stamp).
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        // The password alone leads to enrolment, not to a session.
        using var browser = Browser(host);
        var signIn = await TestHost.PostSignInAsync(browser, "lostphone", TestHost.Password);
        Assert.StartsWith("/account/enrol", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ResetSecondFactor_UnknownUser_Exits2()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        var settings = host.App.Services.GetRequiredService<Hosting.HostSettings>();
        Assert.Equal(2, await Cli.VigilCli.RunAsync(["users", "reset-second-factor", "--user", "nobody",
            "--data-dir", settings.DataDirectory, "--database", host.Storage.ConnectionString]));
    }

    [Fact]
    public async Task DemoCode_OnlyForAccountsWithThePublishedDemoPassword()
    {
        await using var host = await TestHost.StartAsync("sqlite", demo: true);
        await host.CreateUserAsync("realperson", Roles.ConductOfficer, "global");
        var settings = host.App.Services.GetRequiredService<Hosting.HostSettings>();
        string[] Where(string user) => ["users", "totp", "--user", user, "--data-dir", settings.DataDirectory, "--database", host.Storage.ConnectionString];
        Assert.Equal(0, await Cli.VigilCli.RunAsync(Where("chief")));
        Assert.Equal(2, await Cli.VigilCli.RunAsync(Where("realperson")));
        Assert.Equal(2, await Cli.VigilCli.RunAsync(Where("nobody")));
    }

    [Fact]
    public async Task FirstSignIn_EnrolsTheApp_ShowsTenRecoveryCodesOnce_ThenOpensTheSession()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("newcomer", Roles.ConductOfficer, enrol: false, "global");
        using var browser = Browser(host);
        var password = await TestHost.PostSignInAsync(browser, "newcomer", TestHost.Password);
        Assert.StartsWith("/account/enrol", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", Ct)).StatusCode); // not signed in yet

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/account/enrol", Ct));
        var uri = page.QuerySelector("code.uri")!.TextContent;
        Assert.StartsWith("otpauth://totp/Vigil:newcomer?secret=", uri);
        Assert.StartsWith("data:image/svg+xml;base64,", page.QuerySelector("img.qr")!.GetAttribute("src"));
        var secret = page.QuerySelector("code.secret")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("secret=" + secret, uri);

        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var wrong = await browser.PostAsync("/account/enrol", Form(("Code", "000000"), ("__RequestVerificationToken", token)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var code = Totp.Compute(secret, host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var confirmed = await browser.PostAsync("/account/enrol", Form(("Code", code), ("__RequestVerificationToken", token)), Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = new HtmlParser().ParseDocument(await confirmed.Content.ReadAsStringAsync(Ct)).QuerySelectorAll("ol.recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);

        // Recovery codes are stored hashed, never in clear.
        var stored = await host.WithDbAsync(async (db, _) => await Task.FromResult(db.UserTokens.Where(t => t.Name == "RecoveryCodes").Select(t => t.Value).Single()));
        Assert.DoesNotContain(codes[0], stored!);
        var sealedSecret = await host.WithDbAsync(async (db, _) => await Task.FromResult(db.UserTokens.Where(t => t.Name == TotpTokenProvider.SecretToken).Select(t => t.Value).Single()));
        Assert.DoesNotContain(secret, sealedSecret!);

        // A recovery code signs in once.
        using var lostPhone = Browser(host);
        await TestHost.PostSignInAsync(lostPhone, "newcomer", TestHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await TestHost.PostCodeAsync(lostPhone, "recovery:" + codes[0])).StatusCode);
        using var again = Browser(host);
        await TestHost.PostSignInAsync(again, "newcomer", TestHost.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostCodeAsync(again, "recovery:" + codes[0])).StatusCode);
    }

    [Fact]
    public async Task Password_Alone_NeverOpensASession_AndAWrongCodeIsRefused()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "global");
        using var browser = Browser(host);
        var password = await TestHost.PostSignInAsync(browser, "officer", TestHost.Password);
        Assert.StartsWith("/account/signin/code", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/cases", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostCodeAsync(browser, "000000")).StatusCode);
    }

    [Fact]
    public async Task TokenEndpoint_NeedsTheCode_AndACodeWorksOnce()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "global");
        using var client = host.Anonymous();
        var noCode = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = TestHost.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        var code = await host.NextCodeAsync("officer");
        var first = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = TestHost.Password, code }, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replay = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = TestHost.Password, code }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        var token = await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.Equal(15 * 60, token.GetProperty("expiresIn").GetInt32());
    }

    [Fact]
    public async Task AnAccountNotEnrolled_GetsNoBearerToken()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("newcomer", Roles.Analyst, enrol: false, "global");
        using var client = host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "newcomer", password = TestHost.Password, code = "123456" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_RevokesEveryCookieAndBearerToken()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var api = await host.ApiAsync("chief");
        using var laptop = await host.BrowserAsync("chief");
        using var phone = await host.BrowserAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        var security = new HtmlParser().ParseDocument(await phone.GetStringAsync("/account/security", Ct));
        var form = security.QuerySelector("main form[action*='handler=Everywhere']")!;
        var signOut = await phone.PostAsync(form.GetAttribute("action"),
            Form(("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task BrowserSession_EndsAfterTheAbsoluteLimit_EvenWhenActive()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync("sqlite", configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.CreateUserAsync("chief", Roles.ConductChief, "global");
        using var browser = await host.BrowserAsync("chief");
        for (var i = 0; i < 11; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20)); // active: within the idle limit each time
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);
        }
        clock.Advance(TimeSpan.FromHours(9)); // past 12 hours since sign-in
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerAddress()
    {
        await using var host = await TestHost.StartAsync("sqlite", configure: b => b.Configuration["RateLimits:SignInAttemptsPerWindow"] = "3");
        using var client = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "wrong-password-123" }, Ct)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Passwords_FromTheCommonList_AreRefused()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        var result = await host.WithDbAsync(async (_, services) =>
            await services.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("weak", "weak", "password1234", Roles.Analyst, [])));
        Assert.False(result.IsSuccess);
        Assert.Contains("common", result.Error!.Describe(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenIdConnect_IsRegisteredOnlyWhenConfigured(bool configured)
    {
        // No identity provider can be reached from here: this checks the wiring, not a live sign-in.
        await using var host = await TestHost.StartAsync("sqlite", configuration: configured
            ? new Dictionary<string, string?>
            {
                ["Authentication:Oidc:Authority"] = "https://login.example.org/tenant/v2.0",
                ["Authentication:Oidc:ClientId"] = "vigil",
                ["Authentication:Oidc:DisplayName"] = "Example Org",
            }
            : null);
        var schemes = host.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(configured, await schemes.GetSchemeAsync("oidc") is not null);
        using var client = host.Anonymous();
        var page = await client.GetStringAsync("/account/signin", Ct);
        Assert.Equal(configured, page.Contains("Example Org", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
