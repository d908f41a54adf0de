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

    public static async Task<TestHost> StartAsync(string provider, bool demo = false, Action<WebApplicationBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new HostSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = database.Directory,
            Storage = database.Storage,
            Demo = demo,
            Migrate = true,
        };
        var builder = VigilHost.CreateBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        configure?.Invoke(builder);
        var app = VigilHost.Build(builder);
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

    /// <summary>Creates a staff account with one role and the given scopes (e.g. "mission:MINUSCA").</summary>
    public Task CreateUserAsync(string userName, string role, params string[] scopes) =>
        WithDbAsync<bool>(async (_, services) =>
        {
            var grants = scopes.Select(s => Cli.UsersCommand.TryParseScope(s, out var g) ? g : throw new ArgumentException(s)).ToList();
            var result = await services.GetRequiredService<AccountAdministration>()
                .CreateAsync(new NewAccount(userName, userName, Password, role, grants));
            Assert.True(result.IsSuccess, result.Error?.Describe());
            return true;
        });

    /// <summary>A client with no cookies and no redirects followed, as an anonymous caller.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    /// <summary>Signs in through the real sign-in page (antiforgery token and all) and keeps the cookie.</summary>
    public async Task<HttpClient> BrowserAsync(string userName, string password = Password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        var response = await PostSignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
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
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
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
