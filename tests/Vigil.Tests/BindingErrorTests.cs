using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Input the framework cannot bind (a missing body, a number for an enum, a word for a number) is a 400 problem that
/// names the parameter or field, never a 500 from deep in a handler (cases found by <see cref="ApiRandomInputTests"/>).
/// </summary>
public sealed class BindingErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, string> Cases() => new()
    {
        // A case command without its body: the body is required.
        { "POST", "/api/v1/cases/CASE-2026-00001/transitions", "null", "body" },
        { "POST", "/api/v1/cases/CASE-2026-00001/waivers", "", "body" },
        // An enum as a number: only names are read.
        { "POST", "/api/v1/break-glass", "{\"kind\":2147483647,\"justification\":\"Synthetic test justification for a review.\"}", "kind" },
        { "POST", "/api/v1/break-glass", "{\"kind\":\"2\",\"justification\":\"Synthetic test justification for a review.\"}", "kind" },
        // A word where a number is expected, in the query.
        { "GET", "/api/v1/cases?page=abc", null, "page" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task UnbindableInput_Answers400NamingTheParameter(string method, string path, string? body, string field)
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "global");
        using var client = await host.ApiAsync("officer");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABodyWithSeveralUnreadableFields_NamesEachOfThem_NotOnlyTheFirst(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        using var client = await host.ApiAsync("chief");
        async Task<JsonElement> ErrorsAsync(string path, string body)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            Assert.DoesNotContain("Zqx", text, StringComparison.Ordinal); // a value that is not a date is never quoted
            return JsonDocument.Parse(text).RootElement.GetProperty("errors");
        }

        // Leave: three faults, three fields, each with its own message (it stopped at "officer").
        var leave = await ErrorsAsync("/api/v1/presence/leave", """{"officer":["Zqx"],"from":"2027-02-30","to":"soon"}""");
        Assert.Equal(["officer", "from", "to"], leave.EnumerateObject().Select(p => p.Name));
        Assert.Equal("This is not valid JSON, or the value has the wrong type.", leave.GetProperty("officer")[0].GetString());
        Assert.Equal("'2027-02-30' is not a valid date (YYYY-MM-DD).", leave.GetProperty("from")[0].GetString());
        Assert.Equal("'soon' is not a valid date (YYYY-MM-DD).", leave.GetProperty("to")[0].GetString());
        // A list: the item at fault, by its index; a field the body does not have is ignored, as binding ignores it.
        var officer = await ErrorsAsync("/api/v1/presence/officers/CDO-T002/correction",
            """{"fullName":"Test","nationality":7,"grade":"P-3","languages":["fr",3],"unknown":{"x":"Zqx"}}""");
        Assert.Equal(["nationality", "languages[1]"], officer.EnumerateObject().Select(p => p.Name));
    }

    public static TheoryData<string, string, string, string> BadDates() => new()
    {
        // Leave: a month that does not exist; the other field's value is never quoted.
        { "/api/v1/presence/leave", """{"officer":"CDO-QZXV","from":"2027-13-01","to":"2027-02-01"}""", "from", "'2027-13-01' is not a valid date (YYYY-MM-DD)." },
        // A departure: a day that does not exist in that month.
        { "/api/v1/presence/officers/CDO-QZXV/departure", """{"lastDay":"2027-02-30"}""", "lastDay", "'2027-02-30' is not a valid date (YYYY-MM-DD)." },
        // Another layout than YYYY-MM-DD, and escaped characters: the value as the client meant it.
        { "/api/v1/presence/leave/1/last-day", """{"to":"30\u002F02\u002F2027"}""", "to", "'30/02/2027' is not a valid date (YYYY-MM-DD)." },
        // Not a string at all: said so, with no value to quote.
        { "/api/v1/presence/leave", """{"officer":"CDO-QZXV","from":20270101,"to":"2027-02-01"}""", "from", "This is not a valid date (YYYY-MM-DD): send it as a string." },
        // Not a date field: the message it always had.
        { "/api/v1/presence/leave", """{"officer":12,"from":"2027-01-01","to":"2027-02-01"}""", "officer", "This is not valid JSON, or the value has the wrong type." },
    };

    [Theory]
    [MemberData(nameof(BadDates))]
    public async Task InvalidDateInJsonBody_Answers400SayingSo_NamingTheFieldAndTheDateOnly(string path, string body, string field, string message)
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        using var client = await host.ApiAsync("chief");
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("The request body could not be read.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal([message], errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("QZXV", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidDatesInJsonBodies_AreReadAndWrittenAsBefore()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        using var client = await host.ApiAsync("chief");
        var officer = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ConductOfficers.Where(o => o.Mission!.Code == "MINUSCA").Select(o => o.Code), Ct));
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var from = today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = today.AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/presence/leave", new { officer, from, to }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var leave = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location!, Ct);
        Assert.Equal((from, to), (leave.GetProperty("from").GetString(), leave.GetProperty("to").GetString()));
        // The OpenAPI document still says what a date is.
        var openApi = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Matches("\"format\":\\s*\"date\"", openApi);
    }

    [Fact]
    public async Task JsonBody_WithACharsetNoDecoderKnows_Answers415NamingContentType_WithoutEchoingIt()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "global");
        using var anonymous = host.Anonymous();
        using var officer = await host.ApiAsync("officer");
        const string report = """{"narrative":"Synthetic report for a charset test.","mission":"MINUSCA","incidentDate":"2026-01","involved":"military"}""";
        const string breakGlass = """{"kind":"mission","justification":"Synthetic test justification for a review."}""";
        foreach (var (client, path, body) in new[] { (anonymous, "/api/v1/public/reports", report), (officer, "/api/v1/break-glass", breakGlass) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=x-Charset-QZ9");
            using var response = await client.SendAsync(request, Ct);
            // It was a 500: the framework's JSON reader threw InvalidOperationException for the unknown charset.
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("QZ9", text, StringComparison.Ordinal);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(["Content-Type"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
        // A charset the server reads is still read.
        using var utf8 = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/reports") { Content = new StringContent(report, Encoding.UTF8, "application/json") };
        Assert.Equal("utf-8", utf8.Content.Headers.ContentType?.CharSet);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.SendAsync(utf8, Ct)).StatusCode);
    }
}
