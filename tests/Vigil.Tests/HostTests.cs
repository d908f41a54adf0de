using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

public sealed class HostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_WithDatabase_Answers200(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.Anonymous();
        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SqliteDatabase_IsCreatedOwnerOnly_WithItsWriteAheadLog()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("hq", Core.Access.Roles.ConductChief, "global");
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(host.Storage.ConnectionString).DataSource;
        Assert.True(File.Exists(file + "-wal"));
        if (!OperatingSystem.IsWindows())
        {
            // Personnel and registry names are stored in clear: no other local account may read the file.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file + "-wal"));
        }
    }

    [Fact]
    public async Task OpenApi_ListsStaffAndSignInRoutes()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var json = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/missions", paths);
        Assert.Contains("/api/v1/missions/{code}", paths);
        Assert.Contains("/api/v1/personnel/{personNumber}", paths);
        Assert.Contains("/api/v1/auth/token", paths);
    }

    [Fact]
    public async Task UnknownApiRoute_AnswersProblemDetails()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.CreateUserAsync("hq", Core.Access.Roles.ConductChief, "global");
        using var client = await host.ApiAsync("hq");
        var response = await client.GetAsync("/api/v1/no-such-route", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Answers413()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var big = new string('x', 1024 * 1024 + 10);
        var response = await client.PostAsync("/api/v1/auth/token",
            new StringContent($"{{\"userName\":\"{big}\",\"password\":\"p\"}}", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FormOverItsLimit_Answers413InWords_AfterTakingTheWholeBody_AndTheConnectionServesTheNextRequest()
    {
        // A browser sends the whole form before it reads the answer. Kestrel alone closed the connection with the rest
        // unread, so the sender got "broken pipe" or "connection reset" instead of the 413 (a flaky test showed it).
        await using var host = await TestHost.StartAsync("sqlite");
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(host.Address.Host, host.Address.Port, Ct);
        var stream = socket.GetStream();
        var body = System.Text.Encoding.ASCII.GetBytes("UserName=" + new string('x', 2 * 1024 * 1024));
        var head = $"POST /account/signin HTTP/1.1\r\nHost: {host.Address.Authority}\r\nAccept: text/html\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(body, Ct);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: {host.Address.Authority}\r\n\r\n"), Ct);

        var answers = new System.Text.StringBuilder();
        var buffer = new byte[64 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!answers.ToString().Contains("healthy", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"The connection was closed after: {answers}");
            answers.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }
        var text = WebUtility.HtmlDecode(answers.ToString());
        Assert.StartsWith("HTTP/1.1 413 ", text, StringComparison.Ordinal);
        Assert.Contains("larger than this form accepts: at most 1 MiB", text, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 200 ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/public/no-such-route")]
    [InlineData("/api/v1/public/reports/no-such-route")]
    public async Task UnknownPublicRoute_Is404ToAnyone_NotSignIn(string path)
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Staff routes stay behind sign-in, known or not; a public route called wrongly keeps its own answer.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/no-such-route", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/api/v1/public/reports", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await client.PostAsync("/api/v1/public/reports", new StringContent("narrative=x", System.Text.Encoding.UTF8, "text/plain"), Ct)).StatusCode);
    }

    [Theory]
    [InlineData(10 * 1024 * 1024, false)]
    [InlineData(2 * 1024 * 1024, true)]
    public async Task ABodyFarOverItsLimit_OrOneAwaitingContinue_IsAnsweredAndTheConnectionClosed_NotDrained(int length, bool expectContinue)
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(host.Address.Host, host.Address.Port, Ct);
        var stream = socket.GetStream();
        var head = $"POST /account/signin HTTP/1.1\r\nHost: {host.Address.Authority}\r\nAccept: text/html\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n{(expectContinue ? "Expect: 100-continue\r\n" : "")}\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), Ct);
        // Nothing of the body is sent: the answer comes at once, and the server closes (it does not wait to drain).
        var answer = new System.Text.StringBuilder();
        var buffer = new byte[16 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            answer.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }
        Assert.StartsWith("HTTP/1.1 413 ", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("Connection: close", answer.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiBodyOverItsLimit_IsAProblemSayingTheLimit()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/public/reports",
            new StringContent($"{{\"narrative\":\"{new string('x', 1_100_000)}\"}}", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The request body is larger than this endpoint accepts: at most 1048576 bytes. Nothing was saved.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongContentType_Answers415()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/auth/token", new StringContent("userName=a", System.Text.Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Answers400ProblemWithoutStackTrace()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/auth/token", new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_CarryStrictSecurityHeaders_AndLoadNothingFromThirdParties()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var client = host.Anonymous();
        var response = await client.GetAsync("/account/signin", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task Health_WhenDatabaseUnreachable_Answers503()
    {
        // A PostgreSQL address where nothing listens: the host starts (no migration asked) and reports unhealthy.
        var settings = new Hosting.HostSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = Path.GetTempPath(),
            Storage = new Core.Data.StorageSettings(Core.Data.DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2"),
        };
        await using var app = Hosting.VigilHost.Build(Hosting.VigilHost.CreateBuilder(settings));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
