using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests.Security;

/// <summary>
/// Taking access back, over real HTTP: disabling an account, a new password, a new role or scope, a lockout and a
/// sign-out each end the account's existing sessions (cookie and bearer token) at their next request.
/// </summary>
public sealed class AccessRevocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> CliAsync(TestHost host, params string[] args)
    {
        var settings = host.App.Services.GetRequiredService<Hosting.HostSettings>();
        return Cli.VigilCli.RunAsync([.. args, "--data-dir", settings.DataDirectory, "--database", host.Storage.ConnectionString]);
    }

    /// <summary>
    /// Runs a verb with <paramref name="line"/> as the text a pipe would give it. Whether the test process's own input
    /// counts as redirected depends on the runner: without, the verb generates a password instead; both are fine here.
    /// </summary>
    internal static async Task<int> WithInputAsync(string line, Func<Task<int>> run)
    {
        var original = Console.In;
        Console.SetIn(new StringReader(line + "\n"));
        try
        {
            return await run();
        }
        finally
        {
            Console.SetIn(original);
        }
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Disable_EndsCookieAndToken_AtOnce_AndRefusesSignIn_UntilEnabled(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.CreateUserAsync("leaver", Roles.ConductOfficer, "global");
        using var api = await host.ApiAsync("leaver");
        using var browser = await host.BrowserAsync("leaver");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));

        Assert.Equal(0, await CliAsync(host, "users", "disable", "--user", "leaver"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
        using var fresh = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostSignInAsync(fresh, "leaver", TestHost.Password)).StatusCode);
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token",
            new { userName = "leaver", password = TestHost.Password, code = "000000" }, Ct)).StatusCode);
        var entries = await host.WithDbAsync(async (db, _) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AuditEntries, e => e.Action == "update" && e.RecordType == nameof(VigilUser) && e.Detail != null && e.Detail.Contains("disabled"), Ct));
        Assert.Equal(1, entries);

        Assert.Equal(0, await CliAsync(host, "users", "enable", "--user", "leaver"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api)); // the old sessions stay ended
        using var again = await host.BrowserAsync("leaver");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(again));

        Assert.Equal(2, await CliAsync(host, "users", "disable", "--user", "nobody"));
        Assert.Equal(2, await CliAsync(host, "users", "enable", "--user", "nobody"));
    }

    [Fact]
    public async Task SetRole_And_ResetPassword_EndEverySession_AndTakeEffect()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("mover", Roles.ConductOfficer, "mission:MINUSCA");
        using var before = await host.ApiAsync("mover");
        Assert.Equal(2, await CliAsync(host, "users", "set-role", "--user", "mover", "--role", "king"));
        Assert.Equal(2, await CliAsync(host, "users", "set-role", "--user", "mover", "--role", Roles.ConductChief, "--scope", "planet:mars"));
        Assert.Equal(2, await CliAsync(host, "users", "set-role", "--user", "mover", "--role", Roles.ConductChief, "--scope", "mission:NOWHERE"));
        Assert.Equal(2, await CliAsync(host, "users", "set-role", "--user", "nobody", "--role", Roles.ConductChief));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(before)); // refused changes change nothing

        Assert.Equal(0, await CliAsync(host, "users", "set-role", "--user", "mover", "--role", Roles.ConductChief, "--scope", "mission:MONUSCO"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(before));
        using var after = await host.ApiAsync("mover");
        var me = await after.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", Ct);
        Assert.Equal([Roles.ConductChief], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToArray());
        Assert.Equal(["mission:MONUSCO"], me.GetProperty("scopes").EnumerateArray().Select(r => r.GetString()).ToArray());

        // A new password: the old one and the sessions made with it stop working.
        Assert.Equal(0, await WithInputAsync("a-piped-new-password-2026", () => CliAsync(host, "users", "reset-password", "--user", "mover")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(after));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestHost.PostSignInAsync(client, "mover", TestHost.Password)).StatusCode);
        Assert.Equal(2, await WithInputAsync("a-piped-new-password-2026", () => CliAsync(host, "users", "reset-password", "--user", "nobody")));
        // The password rules apply to a reset (the command reads it from standard input when one is piped in).
        var weak = await host.WithDbAsync((_, services) => services.GetRequiredService<AccountAdministration>().ResetPasswordAsync("mover", "short", Ct));
        Assert.False(weak.IsSuccess);
        var chosen = await host.WithDbAsync((_, services) => services.GetRequiredService<AccountAdministration>().ResetPasswordAsync("mover", "another-test-password-2026", Ct));
        Assert.True(chosen.IsSuccess);
        using var signedIn = await host.BrowserAsync("mover", "another-test-password-2026");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(signedIn));
    }

    [Fact]
    public async Task Lockout_EndsTheAccountsExistingSessions()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("target", Roles.MemberStateLiaison, "country:BGD");
        using var api = await host.ApiAsync("target");
        using var browser = await host.BrowserAsync("target");
        using var anonymous = host.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "target", password = "wrong-password-123", code = "000000" }, Ct);
        }
        Assert.True(await host.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<VigilUser>>();
            return await users.IsLockedOutAsync((await users.FindByNameAsync("target"))!);
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ASavedCookieNoLongerWorks()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("field", Roles.ConductOfficer, "global");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.Redirect, (await TestHost.PostSignInAsync(browser, "field", TestHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestHost.PostCodeAsync(browser, await host.NextCodeAsync("field"))).StatusCode);
        var saved = cookies.GetCookies(host.Address)["vigil"]!.Value;
        using var replay = host.Anonymous();
        replay.DefaultRequestHeaders.Add("Cookie", $"vigil={saved}");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(replay));

        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/", Ct));
        var token = home.QuerySelector("form[action='/account/signout'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var signOut = await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(replay));
    }
}
