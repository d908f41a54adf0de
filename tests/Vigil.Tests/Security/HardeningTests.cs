using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests.Security;

/// <summary>Headers, antiforgery on every form, no stack traces, and no personal data in any log line.</summary>
public sealed class HardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\tevil", "/")]
    [InlineData("/cases?mission=MINUSCA", "/cases?mission=MINUSCA")]
    public async Task Culture_ReturnUrl_NotOnThisSite_RedirectsHome_NeverA500(string returnUrl, string expected)
    {
        await using var host = await TestHost.StartAsync("sqlite");
        using var anonymous = host.Anonymous();
        using var response = await anonymous.PostAsync("/culture",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = returnUrl }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EveryResponse_CarriesStrictHeaders_NoStore_AndHstsOnlyOverHttps()
    {
        await using var host = await TestHost.StartAsync("sqlite", configuration: new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "global");
        using var api = await host.ApiAsync("officer");
        using var anonymous = host.Anonymous();
        foreach (var response in new[] { await anonymous.GetAsync("/report", Ct), await api.GetAsync("/api/v1/cases", Ct), await anonymous.GetAsync("/api/v1/cases", Ct) })
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("script-src", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
        var css = await anonymous.GetAsync("/assets/site.css", Ct);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);

        // Behind the configured proxy, which terminated TLS: HSTS is sent.
        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/report");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await anonymous.SendAsync(viaProxy, Ct);
        Assert.Contains("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUnknownAddress_AreIgnored()
    {
        await using var host = await TestHost.StartAsync("sqlite", configuration: new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.9.9.9" });
        using var anonymous = host.Anonymous();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/report");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        Assert.False((await anonymous.SendAsync(forged, Ct)).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task EveryPagePostHandler_RejectsAPostWithoutAntiforgeryToken()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("screener", Roles.ScreeningOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("auditor", Roles.Auditor, "mission:MINUSCA");
        // Authorization runs before the antiforgery check: each page is posted by a role that may use it.
        using var chief = await host.BrowserAsync("chief");
        using var screener = await host.BrowserAsync("screener");
        using var auditor = await host.BrowserAsync("auditor");
        HttpClient[] browsers = [chief, screener, auditor];
        var pages = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null).DistinctBy(p => p.Page!.ViewEnginePath).ToList();
        var checkedHandlers = new List<string>();
        var exempt = new List<string>();
        foreach (var (endpoint, page) in pages)
        {
            var model = typeof(Vigil.Hosting.VigilHost).Assembly.GetType("Vigil.Pages" + page!.ViewEnginePath.Replace('/', '.') + "Model");
            Assert.NotNull(model);
            var handlers = model!.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal)).Distinct().ToList();
            if (handlers.Count == 0)
            {
                continue;
            }
            if (model.GetCustomAttribute<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is not null)
            {
                // The public reporting pages: anonymous, no cookie to ride on, so no cross-site forgery to stop.
                Assert.StartsWith("/Report/", page.ViewEnginePath);
                exempt.Add(page.ViewEnginePath);
                continue;
            }
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/')
                .Replace("{reference}", "CASE-2026-0001", StringComparison.Ordinal).Replace("{code:int}", "404", StringComparison.Ordinal)
                .Replace("{code}", "MINUSCA", StringComparison.Ordinal).Replace("{id}", "P-CAF-001", StringComparison.Ordinal).Replace("{id:int}", "1", StringComparison.Ordinal);
            foreach (var handler in handlers)
            {
                var url = handler.Length == 0 ? path : $"{path}?handler={handler}";
                HttpResponseMessage response = null!;
                foreach (var browser in browsers)
                {
                    response = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }), Ct);
                    if (response.Headers.Location?.OriginalString.Contains("/status/403", StringComparison.Ordinal) != true)
                    {
                        break;
                    }
                }
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token: {(int)response.StatusCode}");
                checkedHandlers.Add(url);
            }
        }
        Assert.True(checkedHandlers.Count >= 15, $"only {checkedHandlers.Count} handlers found");
        Assert.Equal(["/Report/Follow", "/Report/Index"], exempt.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUnexpectedException_AnswersAPlain500_WithoutStackTraceOrMessage_AndTheLogHoldsNoMessage()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync("sqlite",
            configure: logs.Attach,
            map: app => app.MapGet("/test/boom", () => { throw new InvalidOperationException("Secret victim Amina Testcase at /srv/vigil"); }).AllowAnonymous());
        using var anonymous = host.Anonymous();
        foreach (var accept in new[] { "application/json", "text/html" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/test/boom");
            request.Headers.Accept.ParseAdd(accept);
            var response = await anonymous.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("Amina", body);
            Assert.DoesNotContain("InvalidOperationException", body);
            Assert.DoesNotContain(" at ", body);
            Assert.DoesNotContain(".cs:line", body);
        }
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Amina", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AllLogOutput_OfIntakeCasesEvidenceAndScreening_HoldsNoPersonalData(string provider)
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync(provider, configure: logs.Attach);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        const string victim = "Zawadi Kpangbala-Testvictim";
        const string reporter = "Reporter Ngombe-Testwitness";
        const string narrative = "Synthetic narrative marker QX7: the sergeant at the water point took a girl to the barracks.";
        using var anonymous = host.Anonymous();
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            narrative,
            mission = "MINUSCA",
            incidentDate = "2026-01",
            involved = "military",
            childInvolved = true,
            contact = reporter + " +236 70 00 00 00",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("receipt").GetString()!;
        using var status = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        status.Headers.Add("X-Receipt", receipt);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(status, Ct)).StatusCode);
        using var badReceipt = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        badReceipt.Headers.Add("X-Receipt", receipt[..^1] + "Z");
        await anonymous.SendAsync(badReceipt, Ct);

        using var officer = await host.ApiAsync("officer");
        var reports = await officer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/reports", Ct);
        var reference = reports.EnumerateArray().First().GetProperty("reference").GetString()!;
        var triage = await officer.PostAsJsonAsync($"/api/v1/reports/{reference}/triage",
            new { action = "open-case", category = "sexual-abuse", type = "sexual-activity-with-minor", reason = "Credible." }, Ct);
        var caseRef = (await triage.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("caseReference").GetString()!;
        var subject = (await (await officer.PostAsJsonAsync($"/api/v1/cases/{caseRef}/subjects", new { personNumber = "P-CAF-001" }, Ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetInt32();
        await officer.PostAsJsonAsync($"/api/v1/cases/{caseRef}/victims", new { ageGroup = "child", sex = "female", count = 1, identity = victim, paternity = "none" }, Ct);
        // Bad input naming the victim must not echo into logs either.
        await officer.PostAsJsonAsync($"/api/v1/cases/{caseRef}/victims", new { ageGroup = victim, sex = "female", count = 1, identity = victim }, Ct);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("Statement of " + victim)), "file", $"statement-{victim}.txt");
        form.Add(new StringContent("Statement by " + victim), "description");
        await officer.PostAsync($"/api/v1/cases/{caseRef}/evidence", form, Ct);
        await officer.GetAsync($"/api/v1/cases/{caseRef}/evidence/1/content", Ct);
        // A substantiated finding feeds the screening registry.
        await officer.PostAsJsonAsync($"/api/v1/cases/{caseRef}/findings", new { subjectId = subject, outcome = "substantiated", by = "oios", issuedOn = "2026-03-01" }, Ct);
        using var chief = await host.BrowserAsync("chief");
        await chief.GetAsync($"/cases/{caseRef}", Ct);
        await chief.GetAsync($"/reports/{reference}", Ct);
        await host.App.StopAsync(Ct);

        Assert.NotEmpty(logs.Lines);
        // "marker QX7", not "QX7" alone: three characters turn up by chance in base64 (a key ring's XML once did).
        string[] secrets = [victim, "Kpangbala", reporter, "Ngombe", "marker QX7", "water point", "+236", receipt, receipt.Replace("-", "", StringComparison.Ordinal), TestHost.Password];
        var leaks = logs.Lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {logs.Lines.Count} log lines hold personal data:\n" + string.Join("\n", leaks.Select(l => l.Length > 300 ? l[..300] : l).Take(10)));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("<key id=", StringComparison.Ordinal)); // nor the key ring
    }

    [Fact]
    public async Task RequestHeaderValues_AreNotEchoed_IntoResponsesOrAnyLogLine()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync("sqlite", configure: logs.Attach);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        const string marker = "Headervictim-Kpangbala";
        using var anonymous = host.Anonymous();
        const string report = """{"narrative":"Synthetic report for a header test.","mission":"MINUSCA","incidentDate":"2026-01","involved":"military"}""";
        var requests = new List<HttpRequestMessage>();
        HttpRequestMessage With(HttpMethod method, string path, string header, string value, string? json = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }
            if (header == "Content-Type")
            {
                request.Content!.Headers.Remove(header);
                request.Content.Headers.TryAddWithoutValidation(header, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }
            requests.Add(request);
            return request;
        }
        // Each was logged at Debug (culture) or Information (the request line) before, or answered a 500 (charset).
        With(HttpMethod.Get, "/report", "Accept-Language", $"{marker}-xx, fr;q=0.5");
        With(HttpMethod.Get, "/report", "Cookie", $".AspNetCore.Culture=c%3D{marker}%7Cuic%3D{marker}");
        With(HttpMethod.Post, "/api/v1/public/reports", "Content-Type", $"application/json; charset={marker}", report);
        With(HttpMethod.Post, "/api/v1/public/reports", "Idempotency-Key", marker + new string('x', 300), report);
        With(HttpMethod.Get, "/api/v1/public/reports/status", "X-Receipt", marker);
        With(HttpMethod.Get, "/api/v1/cases", "Authorization", "Bearer " + marker);
        With(HttpMethod.Get, "/api/v1/cases", "If-None-Match", marker);
        foreach (var request in requests)
        {
            using var response = await anonymous.SendAsync(request, Ct);
            Assert.True((int)response.StatusCode < 500, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
            Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
            request.Dispose();
        }
        // Bytes that are not UTF-8 in a header value: refused by the server before the application, with nothing echoed.
        foreach (var header in new[] { "X-Receipt", "Idempotency-Key", "Accept-Language" })
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(host.Address.Host, host.Address.Port, Ct);
            var stream = tcp.GetStream();
            await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(
                $"GET /api/v1/public/reports/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{header}: {marker}\xff\xfe\r\n\r\n"), Ct);
            var answer = System.Text.Encoding.Latin1.GetString(await ReadToEndAsync(stream));
            Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, answer, StringComparison.OrdinalIgnoreCase);
        }
        await host.App.StopAsync(Ct);
        var leaks = logs.Lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(5)));
    }

    private static async Task<byte[]> ReadToEndAsync(System.Net.Sockets.NetworkStream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    /// <summary>
    /// Every log line of the host at every level (Trace), with exception text and scopes; only the
    /// categories the host pins for every provider (<see cref="Vigil.Hosting.VigilHost.QuietCategories"/>) keep their level.
    /// </summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public void Attach(WebApplicationBuilder builder)
        {
            builder.Logging.AddProvider(this);
            builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            foreach (var (category, level) in Vigil.Hosting.VigilHost.QuietCategories)
            {
                builder.Logging.AddFilter<CapturingLoggerProvider>(category, level);
            }
        }

        public ConcurrentQueue<string> Queue { get; } = new();
        public IReadOnlyList<string> Lines => [.. Queue];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Queue);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
