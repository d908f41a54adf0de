using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Core.Access;
using Vigil.Core.Data;
using Vigil.Hosting;

namespace Vigil.Tests.Infrastructure;

/// <summary>
/// The real Vigil host on a free loopback port over a real database: tests talk to it over real
/// HTTP, exactly as a browser or a program would.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Password = "test-password-2026";

    private readonly TestDatabase database;
    private readonly ConcurrentDictionary<string, SecondFactorDevice> devices = new(StringComparer.Ordinal);

    private TestHost(WebApplication app, TestDatabase database, Uri address)
    {
        App = app;
        this.database = database;
        Address = address;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public string Provider => database.Storage.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
    public StorageSettings Storage => database.Storage;

    /// <summary>Starts the host; <c>map</c> runs on the built app before it starts (a test may add an endpoint of its own).</summary>
    /// <remarks>
    /// <c>serveAs</c> prepares the new database and returns the storage the host runs on instead (e.g. migrated by an
    /// owner role, served by an application role); the host then does not migrate.
    /// </remarks>
    public static async Task<TestHost> StartAsync(string provider, bool demo = false, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null,
        IReadOnlyDictionary<string, string?>? configuration = null, Func<TestDatabase, Task<StorageSettings>>? serveAs = null)
    {
        // A host that migrates gets a copy of the migrated template; one served as another role prepares its own.
        var database = serveAs is null ? await TestDatabase.CreateMigratedAsync(provider) : await TestDatabase.CreateAsync(provider);
        var settings = new HostSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = database.Directory,
            Storage = serveAs is null ? database.Storage : await serveAs(database),
            Demo = demo,
            Migrate = serveAs is null,
            Configuration = configuration ?? new Dictionary<string, string?>(),
        };
        var builder = VigilHost.CreateBuilder(settings);
        // Many sign-ins from one loopback address: tests that check the limits set their own.
        builder.Configuration["RateLimits:SignInAttemptsPerWindow"] = "100000";
        builder.Configuration["RateLimits:AnonymousRequestsPerMinute"] = "100000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        configure?.Invoke(builder);
        var app = VigilHost.Build(builder);
        map?.Invoke(app);
        await StartupTasks.RunAsync(app.Services, settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, database, new Uri(address));
    }

    public async Task<T> WithDbAsync<T>(Func<VigilDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VigilDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<VigilDbContext, Task> work) =>
        WithDbAsync<bool>(async (db, _) =>
        {
            await work(db);
            return true;
        });

    /// <summary>
    /// Creates a staff account with one role and the given scopes (e.g. "mission:MINUSCA"), enrolled
    /// in the second factor: the test plays the person's authenticator app (<see cref="NextCodeAsync"/>).
    /// </summary>
    public Task CreateUserAsync(string userName, string role, params string[] scopes) => CreateUserAsync(userName, role, enrol: true, scopes);

    public Task CreateUserAsync(string userName, string role, bool enrol, params string[] scopes) =>
        WithDbAsync<bool>(async (_, services) =>
        {
            var grants = scopes.Select(s => Cli.UsersCommand.TryParseScope(s, out var g) ? g : throw new ArgumentException(s)).ToList();
            var result = await services.GetRequiredService<AccountAdministration>()
                .CreateAsync(new NewAccount(userName, userName, Password, role, grants));
            Assert.True(result.IsSuccess, result.Error?.Describe());
            if (enrol)
            {
                var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VigilUser>>().FindByIdAsync(result.Value!);
                var (secret, codes) = await services.GetRequiredService<SecondFactor>().EnrolDirectlyAsync(user!);
                devices[userName] = new SecondFactorDevice(secret, new ConcurrentQueue<string>(codes));
            }
            return true;
        });

    /// <summary>The person's authenticator app and their recovery codes, as the test knows them.</summary>
    public sealed class SecondFactorDevice(string secret, ConcurrentQueue<string> recoveryCodes)
    {
        public string Secret { get; } = secret;
        public ConcurrentQueue<string> RecoveryCodes { get; } = recoveryCodes;
        public long LastStep { get; set; } = long.MinValue;
    }

    public async Task<SecondFactorDevice> DeviceAsync(string userName)
    {
        if (devices.TryGetValue(userName, out var known))
        {
            return known;
        }
        // Accounts enrolled by the host itself (the demo accounts): read the secret as `vigil users totp` does.
        var secret = await WithDbAsync(async (_, services) =>
        {
            var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VigilUser>>().FindByNameAsync(userName);
            return user is null ? null : await services.GetRequiredService<SecondFactor>().ReadSecretAsync(user);
        });
        Assert.False(secret is null, $"{userName} has no second factor.");
        return devices.GetOrAdd(userName, _ => new SecondFactorDevice(secret!, new ConcurrentQueue<string>()));
    }

    /// <summary>
    /// A code the host will accept now. The host takes each time step once (RFC 6238 replay rule)
    /// and one step either side of now, so a test gets two codes (now and next) per 30 seconds of
    /// the host's clock; past that it falls back to a recovery code (marked "recovery:").
    /// </summary>
    public async Task<string> NextCodeAsync(string userName)
    {
        var device = await DeviceAsync(userName);
        var now = Totp.StepAt(App.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        lock (device)
        {
            // The current step first, then the next: a code for the previous step could fall out of
            // the window if the host's clock crosses a step boundary before it checks the code.
            var step = Math.Max(now, device.LastStep + 1);
            if (step <= now + 1)
            {
                device.LastStep = step;
                return Totp.Compute(Totp.DecodeSecret(device.Secret), step);
            }
        }
        Assert.True(device.RecoveryCodes.TryDequeue(out var recovery), $"{userName} has no code left for this 30-second step.");
        return "recovery:" + recovery;
    }

    /// <summary>A client with no cookies and no redirects followed, as an anonymous caller.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    /// <summary>Signs in through the real sign-in page (antiforgery token and all) and keeps the cookie.</summary>
    public async Task<HttpClient> BrowserAsync(string userName, string password = Password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        var response = await PostSignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin/code", response.Headers.Location?.OriginalString);
        var second = await PostCodeAsync(client, await NextCodeAsync(userName));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        return client;
    }

    /// <summary>Posts the second step of sign-in: an authenticator code, or "recovery:CODE".</summary>
    public static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code)
    {
        var page = await client.GetStringAsync("/account/signin/code");
        var document = new HtmlParser().ParseDocument(page);
        var recovery = code.StartsWith("recovery:", StringComparison.Ordinal);
        var form = document.QuerySelectorAll("main form").First(f => (f.GetAttribute("action") ?? "").Contains("handler=Recovery", StringComparison.Ordinal) == recovery);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The code form has an antiforgery token.");
        return await client.PostAsync(form.GetAttribute("action") ?? "/account/signin/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [recovery ? "RecoveryCode" : "Code"] = recovery ? code["recovery:".Length..] : code,
            ["__RequestVerificationToken"] = token!,
        }));
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/signin");
        var document = new HtmlParser().ParseDocument(page);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The sign-in form has an antiforgery token.");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token!,
        }));
    }

    /// <summary>A client that sends a bearer token from POST /api/v1/auth/token.</summary>
    public async Task<HttpClient> ApiAsync(string userName, string password = Password)
    {
        using var anonymous = Anonymous();
        var code = await NextCodeAsync(userName);
        Assert.False(code.StartsWith("recovery:", StringComparison.Ordinal), $"{userName} signed in too often in one 30-second step for the token endpoint.");
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password, code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenResponse(string AccessToken, long ExpiresIn);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}
