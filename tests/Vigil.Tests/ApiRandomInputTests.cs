using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Every API route of the OpenAPI document, over real HTTP on the demo data, called with random input as each role and
/// anonymously: bodies built from the route's schema with values of the wrong type, out of range, too long, in any
/// script, or not JSON at all; path parameters of real and unknown records; query parameters of random values. The rule
/// of spec/http.md: never a 5xx, and every 400 a problem document naming what was wrong. Seeded: a failure prints the
/// seed, route and body that reproduce it.
/// </summary>
public sealed class ApiRandomInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int CallsPerRoute = 24;

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    // On both databases: PostgreSQL refuses what SQLite keeps (a NUL in text was a 500 there alone).
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryApiRoute_RandomInput_NeverAnswers5xx(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, demo: true);
        var clients = new List<(string Who, HttpClient Client)> { ("anonymous", host.Anonymous()) };
        foreach (var role in new[] { Roles.ConductOfficer, Roles.ConductChief, Roles.Investigator, Roles.VictimsAdvocate, Roles.MemberStateLiaison, Roles.LegalOfficer, Roles.ScreeningOfficer, Roles.Analyst, Roles.Auditor, Roles.Administrator })
        {
            var user = $"fuzz-{role}";
            await host.CreateUserAsync(user, role, "global");
            clients.Add((role, await host.ApiAsync(user)));
        }
        var values = await PathValuesAsync(host);
        using var anonymous = host.Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!;
        var schemas = document["components"]?["schemas"]?.AsObject();
        var random = new Random(20261130);
        var failures = new List<string>();
        var calls = 0;
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation || template.StartsWith("/api/v1/auth", StringComparison.Ordinal))
                {
                    // Sign-in routes have their own tests, and random sign-ins would lock the test accounts out.
                    continue;
                }
                for (var k = 0; k < CallsPerRoute; k++)
                {
                    var seed = random.Next();
                    var draw = new Random(seed);
                    var (who, client) = clients[draw.Next(clients.Count)];
                    var path = Path(template, operation, draw, values);
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                    var body = method is "get" or "delete" ? null : Body(operation, schemas, draw);
                    if (body is not null)
                    {
                        request.Content = new StringContent(body.Value.Text, Encoding.UTF8, body.Value.ContentType);
                    }
                    using var response = await client.SendAsync(request, Ct);
                    calls++;
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync(Ct);
                    if (status >= 500 || (status == 400 && !NamesTheFault(response, text)) || text.Contains("   at ", StringComparison.Ordinal))
                    {
                        failures.Add($"{method.ToUpperInvariant()} {path} as {who} (seed {seed}) → {status}: {Shorten(text)}\n  body: {Shorten(body?.Text ?? "")}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the rule:\n{string.Join("\n", failures.Take(20))}");
        Assert.InRange(calls, 500, int.MaxValue);
    }

    /// <summary>Values for path parameters: the demo's real references and ids, and ones that exist nowhere or are malformed.</summary>
    private static async Task<Dictionary<string, string[]>> PathValuesAsync(TestHost host)
    {
        // Not %00: Kestrel refuses a NUL in the path before any of Vigil's code runs (400 without a body).
        string[] junk = ["0", "-1", "2147483648", "x", "%2e%2e", "%20", new string('9', 40), "MINUSCA", "Ω"];
        var references = await host.WithDbAsync(async (db, _) =>
            (await db.Cases.Select(c => c.Reference).Take(5).ToListAsync(Ct)).Concat(await db.Reports.Select(r => r.Reference).Take(5).ToListAsync(Ct)).ToArray());
        var records = await host.WithDbAsync(async (db, _) => (await db.Registry.Select(r => r.RecordId).Take(5).ToListAsync(Ct)).ToArray());
        var people = await host.WithDbAsync(async (db, _) => (await db.Personnel.Select(p => p.PersonNumber).Take(5).ToListAsync(Ct)).ToArray());
        var codes = await host.WithDbAsync(async (db, _) => (await db.Missions.Select(m => m.Code).ToListAsync(Ct)).Concat(await db.Sites.Select(s => s.Code).Take(5).ToListAsync(Ct)).ToArray());
        var ids = Enumerable.Range(1, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["reference"] = [.. references, .. references, .. junk],
            ["recordId"] = [.. records, .. junk],
            ["personNumber"] = [.. people, .. junk],
            ["code"] = [.. codes, .. junk],
            ["id"] = [.. ids, .. ids, .. junk],
            ["findingId"] = [.. ids, .. junk],
            ["*"] = junk,
        };
    }

    private static string Path(string template, JsonObject operation, Random draw, Dictionary<string, string[]> values)
    {
        var path = new StringBuilder();
        foreach (var segment in template.Split('/'))
        {
            if (segment.Length > 0)
            {
                path.Append('/');
            }
            if (segment.StartsWith('{'))
            {
                var name = segment.Trim('{', '}').Split(':')[0];
                var pool = values.GetValueOrDefault(name) ?? values["*"];
                path.Append(Uri.EscapeDataString(pool[draw.Next(pool.Length)]).Replace("%25", "%", StringComparison.Ordinal));
            }
            else
            {
                path.Append(segment);
            }
        }
        var query = (operation["parameters"]?.AsArray() ?? []).Where(p => p?["in"]?.GetValue<string>() == "query").ToList();
        var parts = query.Where(_ => draw.Next(2) == 0).Select(p => $"{p!["name"]}={Uri.EscapeDataString(RandomValues.Scalar(draw))}").ToList();
        return parts.Count == 0 ? path.ToString() : $"{path}?{string.Join('&', parts)}";
    }

    /// <summary>A body: the schema's properties with random values (often of the wrong kind), or something that is not the expected JSON at all.</summary>
    private static (string Text, string ContentType)? Body(JsonObject operation, JsonObject? schemas, Random draw)
    {
        var content = operation["requestBody"]?["content"]?.AsObject();
        if (content is null)
        {
            return draw.Next(4) == 0 ? ("{\"x\":1}", "application/json") : null;
        }
        var type = content.Select(c => c.Key).FirstOrDefault(k => k.Contains("json", StringComparison.Ordinal)) ?? content.First().Key;
        if (!type.Contains("json", StringComparison.Ordinal))
        {
            // Forms and uploads: random fields of the form's properties, or JSON where a form is expected.
            return draw.Next(3) == 0 ? ("{\"x\":1}", "application/json") : (Form(content[type]?["schema"], schemas, draw), "application/x-www-form-urlencoded");
        }
        var properties = Properties(content[type]?["schema"], schemas);
        var valid = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            if (draw.Next(5) > 0)
            {
                valid[name] = Value(schema, schemas, draw, depth: 0);
            }
        }
        var text = valid.ToJsonString();
        return draw.Next(10) switch
        {
            0 => (text[..draw.Next(text.Length + 1)], "application/json"),
            1 => (new[] { "", "null", "[]", "\"x\"", "1e999", "{\"a\":{\"a\":{\"a\":[[[[[]]]]]}}}", "\uFEFF{}", "{\"narrative\":\"\\ud800\"}" }[draw.Next(8)], "application/json"),
            2 => (text, "text/plain"),
            _ => (text, "application/json"),
        };
    }

    private static string Form(JsonNode? schema, JsonObject? schemas, Random draw) =>
        string.Join('&', Properties(schema, schemas).Where(_ => draw.Next(3) > 0).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(RandomValues.Scalar(draw))}"));

    private static List<KeyValuePair<string, JsonNode?>> Properties(JsonNode? schema, JsonObject? schemas)
    {
        schema = Resolve(schema, schemas);
        return schema?["properties"]?.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList() ?? [];
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        for (var i = 0; i < 5 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = schemas?[reference.Split('/')[^1]];
        }
        return schema;
    }

    /// <summary>A value for a property: of its declared kind half the time (with edge values), of any kind otherwise.</summary>
    private static JsonNode? Value(JsonNode? schema, JsonObject? schemas, Random draw, int depth)
    {
        schema = Resolve(schema, schemas);
        var declared = schema?["type"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var t) => t,
            JsonArray a => a.Select(x => x?.GetValue<string>()).FirstOrDefault(t => t is not "null"),
            _ => null,
        };
        var kind = draw.Next(2) == 0 ? declared ?? "string" : new[] { "string", "integer", "number", "boolean", "null", "array", "object" }[draw.Next(7)];
        return kind switch
        {
            "integer" => JsonValue.Create(new long[] { 0, 1, -1, 3, 24, 2_147_483_647, 2_147_483_648, long.MinValue }[draw.Next(8)]),
            "number" => JsonValue.Create(new[] { 0.5, -1e9, 1e300, 3.0 }[draw.Next(4)]),
            "boolean" => JsonValue.Create(draw.Next(2) == 0),
            "null" => null,
            "array" when depth < 2 => new JsonArray([.. Enumerable.Range(0, draw.Next(4)).Select(_ => Value(schema?["items"], schemas, draw, depth + 1))]),
            "object" when depth < 2 => new JsonObject([.. Properties(schema, schemas).Where(_ => draw.Next(2) == 0).Select(p => KeyValuePair.Create(p.Key, Value(p.Value, schemas, draw, depth + 1)))]),
            _ => JsonValue.Create(RandomValues.Scalar(draw)),
        };
    }

    /// <summary>A 400 is a problem document whose <c>errors</c> names at least one field.</summary>
    private static bool NamesTheFault(HttpResponseMessage response, string text) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && JsonNode.Parse(text)?["errors"] is JsonObject { Count: > 0 };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
