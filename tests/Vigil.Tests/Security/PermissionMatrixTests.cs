using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Access;
using Vigil.Core.Presence;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests.Security;

/// <summary>
/// Proves <see cref="PermissionMatrix"/> against the real host over real HTTP: 100 % of the app's
/// routes (from its own EndpointDataSource) have a row and an explicit authorization decision, and
/// every role, in and out of scope, plus an anonymous caller, gets what its row says.
/// </summary>
public sealed class PermissionMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRoute_HasAnExplicitAuthorizationDecision_AndARowInTheMatrix()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        var served = PermissionMatrix.Served(host.App.Services.GetRequiredService<EndpointDataSource>());
        var undecided = served.Where(s => !PermissionMatrix.HasExplicitDecision(s.Endpoint)).Select(s => s.Key).ToList();
        Assert.True(undecided.Count == 0, "Routes without an authorization decision: " + string.Join(", ", undecided));
        var rows = PermissionMatrix.Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = served.Select(s => s.Key).Where(k => !rows.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Routes without a row in PermissionMatrix.Rows: " + string.Join(", ", missing));
        var stale = rows.Where(r => served.All(s => s.Key != r)).ToList();
        Assert.True(stale.Count == 0, "Rows for routes the app does not serve: " + string.Join(", ", stale));
        Assert.True(served.Count >= 60, $"Only {served.Count} routes found: the route table was not read whole.");
    }

    [Fact]
    public async Task AnUnprotectedEndpoint_FailsTheDecisionCheck_AndTheFallbackStillDeniesIt()
    {
        await using var host = await TestHost.StartAsync("sqlite", map: app => app.MapGet("/test/unprotected", () => "secret"));
        var served = PermissionMatrix.Served(host.App.Services.GetRequiredService<EndpointDataSource>());
        var undecided = served.Where(s => !PermissionMatrix.HasExplicitDecision(s.Endpoint)).Select(s => s.Key).ToList();
        Assert.Equal(["GET /test/unprotected"], undecided);
        Assert.DoesNotContain(PermissionMatrix.Rows, r => r.Key == "GET /test/unprotected");
        using var anonymous = host.Anonymous();
        Assert.Equal(Outcome.SignIn, PermissionMatrix.Classify(await anonymous.GetAsync("/test/unprotected", Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryRole_InAndOutOfScope_GetsWhatTheMatrixSays(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, configure: b =>
        {
            b.Configuration["RateLimits:SubmissionsPerWindow"] = "100000";
            b.Configuration["RateLimits:ReceiptAttemptsPerWindow"] = "100000";
            // The queue is filled by the seeding below, not by the scheduler at an unknown moment.
            b.Configuration["Screening:RunWorker"] = "false";
        });
        await host.WithDbAsync(TwoMissions.SeedAsync);
        var world = await SeedAsync(host);
        var api = new Dictionary<(string, bool), HttpClient>();
        var browsers = new Dictionary<(string, bool), HttpClient>();
        foreach (var role in PermissionMatrix.AllRoles)
        {
            foreach (var inScope in new[] { true, false })
            {
                var name = $"{role}-{(inScope ? "a" : "b")}";
                await host.CreateUserAsync(name, role, PermissionMatrix.ScopeOf(role, inScope, world.CaseA));
                api[(role, inScope)] = await host.ApiAsync(name);
                browsers[(role, inScope)] = await host.BrowserAsync(name);
            }
        }
        using var anonymous = host.Anonymous();
        var failures = new List<string>();
        var calls = 0;
        foreach (var row in PermissionMatrix.Rows.OrderBy(r => r.RunsLast))
        {
            calls++;
            var anonymousOutcome = PermissionMatrix.Classify(await SendAsync(anonymous, row, world, PermissionMatrix.Matches(row.Anonymous, Outcome.Ok)));
            if (!PermissionMatrix.Matches(row.Anonymous, anonymousOutcome))
            {
                failures.Add($"{row.Key} anonymous: expected {row.Anonymous}, got {anonymousOutcome}");
            }
            foreach (var ((role, inScope), client) in row.IsPage ? browsers : api)
            {
                calls++;
                var expected = row.Staff(role, inScope);
                var response = await SendAsync(client, row, world, expected is Outcome.Ok or Outcome.Reached);
                var actual = PermissionMatrix.Classify(response);
                if (!PermissionMatrix.Matches(expected, actual))
                {
                    failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
                if (actual == Outcome.Ok && row.Method is "GET" or "PAGE")
                {
                    await CheckContentAsync(row, role, inScope, response, world, failures);
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls differ from the matrix:\n" + string.Join("\n", failures));
        foreach (var client in api.Values.Concat(browsers.Values))
        {
            client.Dispose();
        }
    }

    /// <summary>Lists show the seeded record only in scope; victim identity only to the assigned advocate and investigator; never a script tag.</summary>
    private static async Task CheckContentAsync(Route row, string role, bool inScope, HttpResponseMessage response, MatrixWorld world, List<string> failures)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (body.Contains("<script", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{row.Key} {role}: the page has a script tag (the CSP allows none)");
        }
        // The in-scope advocate and investigator hold an `assignment:` scope on the case: they are assigned.
        if (body.Contains(world.VictimName, StringComparison.Ordinal) && !(inScope && role is Roles.VictimsAdvocate or Roles.Investigator))
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: shows the victim's identity");
        }
        if (row.Pattern is "/api/v1/cases/" or "/cases" && body.Contains(world.CaseA, StringComparison.Ordinal) != (inScope && new[]
            { Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer, Roles.Investigator, Roles.VictimsAdvocate, Roles.MemberStateLiaison }.Contains(role)))
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: the case list is wrong about {world.CaseA}");
        }
        if (row.Pattern is "/api/v1/reports/" or "/inbox" && role is Roles.ConductOfficer or Roles.ConductChief
            && body.Contains(world.ReportA, StringComparison.Ordinal) != inScope)
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: the report list is wrong about {world.ReportA}");
        }
        if ((role is Roles.Analyst or Roles.Auditor or Roles.Administrator) && body.Contains(world.Narrative, StringComparison.Ordinal))
        {
            failures.Add($"{row.Key} {role}: shows a narrative");
        }
        if (row.Pattern is "/api/v1/presence/coverage" or "/coverage" && body.Contains(world.OfficerName, StringComparison.Ordinal)
            != (inScope && role is not (Roles.Analyst or Roles.Auditor or Roles.Investigator or Roles.VictimsAdvocate or Roles.MemberStateLiaison)))
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: coverage is wrong about the officer's name");
        }
        // A break-glass request is read by its requester, and the approvers and auditor of its mission; nobody else.
        if (body.Contains(world.BreakGlassJustification, StringComparison.Ordinal)
            && !(inScope && role is Roles.ConductChief or Roles.LegalOfficer or Roles.Auditor))
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: shows someone else's break-glass request");
        }
        if (row.Pattern == "/api/v1/screening/candidates"
            && System.Text.RegularExpressions.Regex.IsMatch(body, $"\"id\":{world.CandidateA}[,}}]") != inScope)
        {
            failures.Add($"{row.Key} {role} {(inScope ? "in" : "out of")} scope: the screening queue is wrong about candidate {world.CandidateA}");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Route row, MatrixWorld world, bool expectsSuccess)
    {
        var path = row.Path?.Invoke(world) ?? row.Pattern;
        if (row.Method is "GET" or "PAGE" or "*")
        {
            return await client.GetAsync(path, Ct);
        }
        if (row.Method is "DELETE")
        {
            return await client.DeleteAsync(path, Ct);
        }
        // Where the handler is expected to run, an empty body proves it without changing anything;
        // where a refusal is expected, a valid body shows that the refusal is not mere validation.
        HttpContent content = expectsSuccess || row.Body is null ? JsonContent.Create(new { }) : row.Body(world);
        if (row.Pattern == "/culture" && row.Body is not null)
        {
            content = row.Body(world);
        }
        return await client.PostAsync(path, content, Ct);
    }

    private static async Task<MatrixWorld> SeedAsync(TestHost host)
    {
        const string narrative = "Synthetic matrix narrative: a soldier at the market camp asked a girl for sex.";
        const string victim = "Synthetic Matrix Victim";
        await host.CreateUserAsync("seed-officer", Roles.ConductOfficer, $"mission:{PermissionMatrix.MissionA}");
        await host.CreateUserAsync("seed-advocate", Roles.VictimsAdvocate, $"mission:{PermissionMatrix.MissionA}");
        using var officer = await host.ApiAsync("seed-officer");
        var report = (await OkAsync(await officer.PostAsJsonAsync("/api/v1/reports", new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = PermissionMatrix.MissionA,
            site = "MINUSCA-BGI",
            narrative,
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = true,
        }, Ct))).GetProperty("reference").GetString()!;
        // A second report stays untriaged, so that the report rows act on an open report.
        var open = (await OkAsync(await officer.PostAsJsonAsync("/api/v1/reports", new
        {
            channel = "hotline",
            relationship = "witness",
            mission = PermissionMatrix.MissionA,
            narrative,
            involved = "military",
        }, Ct))).GetProperty("reference").GetString()!;
        var triage = await OkAsync(await officer.PostAsJsonAsync($"/api/v1/reports/{report}/triage", new
        {
            action = "open-case",
            category = "sexual-abuse",
            type = "sexual-activity-with-minor",
            reason = "Credible account.",
        }, Ct));
        var reference = triage.GetProperty("caseReference").GetString()!;
        await OkAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/subjects", new { personNumber = "P-CAF-001" }, Ct));
        var victimId = (await OkAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/victims",
            new { ageGroup = "child", sex = "female", count = 1, identity = victim, paternity = "none" }, Ct))).GetProperty("id").GetInt32();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 synthetic statement"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "statement.pdf");
        form.Add(new StringContent("Statement of the focal point."), "description");
        var evidence = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/evidence", form, Ct))).GetProperty("id").GetInt32();
        await OkAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/assignments", new { userName = "seed-advocate", role = "victims-advocate" }, Ct));
        using var advocate = await host.ApiAsync("seed-advocate");
        var referral = (await OkAsync(await advocate.PostAsJsonAsync($"/api/v1/cases/{reference}/assistance",
            new { victimId, kind = "medical", provider = "Synthetic clinic", referredOn = "2026-03-01" }, Ct))).GetProperty("id").GetInt32();

        // Screening: a registry record that is a deployed person of mission A, screened into the queue.
        await host.CreateUserAsync("seed-screener", Roles.ScreeningOfficer, "global");
        using var screener = await host.ApiAsync("seed-screener");
        var record = (await OkAsync(await screener.PostAsJsonAsync("/api/v1/screening/registry", new
        {
            fullName = "Test Person Alpha",
            dateOfBirth = "1990-05",
            nationality = "RWA",
            finding = "substantiated",
        }, Ct))).GetProperty("recordId").GetString()!;
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        var candidates = (await OkAsync(await screener.GetAsync("/api/v1/screening/candidates", Ct))).GetProperty("items").EnumerateArray().ToList();
        var candidate = candidates.Single(c => c.GetRawText().Contains(record, StringComparison.Ordinal)).GetProperty("id").GetInt32();

        // Presence: a commander at Bria, and a finished planning run of mission A.
        var official = await host.WithDbAsync(async (db, _) =>
        {
            var bria = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-BRI", Ct);
            var o = new Official { Site = bria, FullName = "Synthetic Matrix Commander", Title = "Company commander, PAKENGCOY", Role = OfficialRole.Commander, Nationality = "PAK", From = new DateOnly(2025, 1, 1) };
            db.Officials.Add(o);
            await db.SaveChangesAsync(Ct);
            return o.Id;
        });
        await host.CreateUserAsync("seed-chief", Roles.ConductChief, $"mission:{PermissionMatrix.MissionA}");
        using var chief = await host.ApiAsync("seed-chief");
        var run = (await OkAsync(await chief.PostAsJsonAsync("/api/v1/rotation/runs",
            new { mission = PermissionMatrix.MissionA, periods = 2, maxConsecutivePeriods = 12, timeLimitSeconds = 2 }, Ct))).GetProperty("id").GetInt32();
        for (var i = 0; ; i++)
        {
            var state = (await OkAsync(await chief.GetAsync($"/api/v1/rotation/runs/{run}", Ct))).GetProperty("summary").GetProperty("state").GetString();
            if (state == "finished")
            {
                break;
            }
            Assert.True(state != "failed" && i < 600, $"The seeded planning run is {state}.");
            await Task.Delay(200, Ct);
        }

        // Leave of mission A's officer that has started (so that cancelling it is refused the same way every time).
        var today = DateOnly.FromDateTime(host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/presence/leave",
            new { officer = "CDO-T001", from = today.AddDays(-1), to = today.AddDays(10) }, Ct)).StatusCode);
        var leave = await host.WithDbAsync((db, _) => db.OfficerLeaves.Select(l => l.Id).SingleAsync(Ct));

        // Break-glass: the seeding officer asks to export mission A's personnel; it stays pending.
        const string justification = "Synthetic matrix justification: the contingent list is needed for a vetting review.";
        var breakGlass = (await OkAsync(await officer.PostAsJsonAsync("/api/v1/break-glass", new
        {
            kind = "personnel-export",
            mission = PermissionMatrix.MissionA,
            justification,
        }, Ct))).GetProperty("id").GetInt32();

        return new MatrixWorld(reference, open, evidence, referral, victim, narrative)
        {
            CandidateA = candidate,
            RecordId = record,
            RunA = run,
            OfficialA = official,
            LeaveA = leave,
            BreakGlassA = breakGlass,
            BreakGlassJustification = justification,
            OfficerName = "Test Officer One",
        };
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
