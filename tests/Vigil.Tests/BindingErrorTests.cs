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
}
