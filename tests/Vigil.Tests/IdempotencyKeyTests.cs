using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Access;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Idempotency-Key on every staff API write: a retry after a lost answer gets the first answer, and the write
/// happens once (a note verbale and its deadline, an evidence upload), per account, for 24 hours.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<string> BodyOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, HttpContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> OpenCaseAsync(TestHost host, HttpClient officer)
    {
        var report = JsonDocument.Parse(await BodyOkAsync(await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "hotline",
            relationship = "witness",
            mission = "MINUSCA",
            narrative = "Synthetic: an account given on the hotline.",
            involved = "military",
            childInvolved = false,
        }), Ct))).RootElement.GetProperty("reference").GetString();
        var triage = JsonDocument.Parse(await BodyOkAsync(await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new
        {
            action = "open-case",
            category = "sexual-exploitation",
            type = "transactional-sex",
            reason = "Credible account.",
        }), Ct))).RootElement;
        return triage.GetProperty("caseReference").GetString()!;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retry_WithTheSameKey_AnswersTheFirstAnswer_AndWritesOnce(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(host, officer);
        var notes = $"/api/v1/cases/{reference}/notes";
        var note = new { direction = "sent", kind = "nio-request", date = "2026-03-02", country = "RWA", reference = "NV/2026/017" };
        Task<int> NotesAsync() => host.WithDbAsync((db, _) => db.NotesVerbales.CountAsync(Ct));
        Task<int> DeadlinesAsync() => host.WithDbAsync((db, _) => db.CaseDeadlines.CountAsync(Ct));

        var first = await SendAsync(officer, notes, Json(note), "nv-017");
        var firstBody = await BodyOkAsync(first);
        var (notesAfter, deadlinesAfter) = (await NotesAsync(), await DeadlinesAsync());
        var retry = await SendAsync(officer, notes, Json(note), "nv-017");
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(firstBody, await BodyOkAsync(retry));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((notesAfter, deadlinesAfter), (await NotesAsync(), await DeadlinesAsync()));

        // The key names one request: another body with it is refused, naming the header, and nothing is written.
        var reused = await SendAsync(officer, notes, Json(note with { reference = "NV/2026/018" }), "nv-017");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.True((await reused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(notesAfter, await NotesAsync());

        // Keys are per account: the chief's "nv-017" is the chief's own request.
        using var chief = await host.ApiAsync("chief");
        await BodyOkAsync(await SendAsync(chief, notes, Json(note), "nv-017"));
        Assert.Equal(notesAfter + 1, await NotesAsync());

        // A refused request keeps no answer: corrected, it runs with the same key.
        var refused = await SendAsync(officer, notes, Json(new { direction = "received", kind = "nio-request", date = "2026-03-03", country = "RWA" }), "nv-019");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await BodyOkAsync(await SendAsync(officer, notes, Json(new { direction = "sent", kind = "nio-request", date = "2026-03-03", country = "RWA" }), "nv-019"));
        Assert.Equal(notesAfter + 2, await NotesAsync());

        // Without a key every send is a new write, as before.
        await BodyOkAsync(await SendAsync(officer, notes, Json(new { direction = "sent", kind = "notification", date = "2026-03-04", country = "RWA" }), null));
        await BodyOkAsync(await SendAsync(officer, notes, Json(new { direction = "sent", kind = "notification", date = "2026-03-04", country = "RWA" }), null));
        Assert.Equal(notesAfter + 4, await NotesAsync());

        // The kept answer is sealed at rest.
        var kept = await host.WithDbAsync((db, _) => db.ApiReplays.AsNoTracking().Where(r => r.BodySealed != null).Select(r => r.BodySealed!).ToListAsync(Ct));
        Assert.NotEmpty(kept);
        var protector = host.App.Services.GetRequiredService<Vigil.Core.Security.FieldProtector>();
        Assert.Contains(kept, b => Encoding.UTF8.GetString(protector.UnsealBytes(b, Vigil.Core.Replay.ApiReplay.BodyPurpose)) == firstBody);
        Assert.DoesNotContain(kept, b => Encoding.UTF8.GetString(b) == firstBody);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EvidenceUpload_RetriedWithANewMultipartBoundary_IsStoredOnce(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(host, officer);
        MultipartFormDataContent Form(string text) => new()
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "statement.txt" },
            { new StringContent("Synthetic statement."), "description" },
        };

        using var firstForm = Form("Synthetic statement, page 1.");
        var first = await SendAsync(officer, $"/api/v1/cases/{reference}/evidence", firstForm, "upload-1");
        var body = await BodyOkAsync(first);
        using var retryForm = Form("Synthetic statement, page 1.");
        var retry = await SendAsync(officer, $"/api/v1/cases/{reference}/evidence", retryForm, "upload-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(body, await BodyOkAsync(retry));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.Evidence.CountAsync(Ct)));

        // Another file under the same key is another request.
        using var otherForm = Form("Synthetic statement, page 2.");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(officer, $"/api/v1/cases/{reference}/evidence", otherForm, "upload-1")).StatusCode);
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.Evidence.CountAsync(Ct)));
    }

    [Fact]
    public async Task BadKey_Is400_NamingTheHeader()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(host, officer);
        foreach (var key in new[] { new string('k', 256), "" })
        {
            var response = await SendAsync(officer, $"/api/v1/cases/{reference}/notes", Json(new { direction = "sent", kind = "notification", date = "2026-03-02", country = "RWA" }), key);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _), key);
        }
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.NotesVerbales.CountAsync(Ct)));
    }
}
