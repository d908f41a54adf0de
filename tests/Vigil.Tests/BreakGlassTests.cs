using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Break-glass over the real host and database, on a fake clock: a justification, a second approver
/// of the mission, a grant applied inside the queries for its requester only until it expires, and the
/// auditor's review of every use.
/// </summary>
public sealed class BreakGlassTests
{
    private const string VictimName = "Synthetic Victim Amara";
    private const string OtherVictimName = "Synthetic Victim Bintou";
    private const string Why = "Reviewing a possible link with a paternity claim filed at Bangui.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> FailsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record World(TestHost Host, FakeTimeProvider Clock, string Case, string OtherCase) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>Two MINUSCA cases about a Rwandan soldier, each with a sealed victim identity.</summary>
    private static async Task<World> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("officer2", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("officer-cod", Roles.ConductOfficer, "mission:MONUSCO");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.CreateUserAsync("legal-cod", Roles.LegalOfficer, "mission:MONUSCO");
        await host.CreateUserAsync("legal", Roles.LegalOfficer, "global");
        await host.CreateUserAsync("liaison-rwa", Roles.MemberStateLiaison, "country:RWA");
        await host.CreateUserAsync("auditor", Roles.Auditor, "global");
        await host.CreateUserAsync("admin", Roles.Administrator, "global");
        using var officer = await host.ApiAsync("officer");
        var first = await OpenCaseAsync(officer, VictimName);
        var second = await OpenCaseAsync(officer, OtherVictimName);
        return new World(host, clock, first, second);
    }

    private static async Task<string> OpenCaseAsync(HttpClient officer, string victim)
    {
        var report = (await OkAsync(await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BGI",
            narrative = "Synthetic: a woman says a soldier gave her money for sex.",
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = false,
        }), Ct))).GetProperty("reference").GetString();
        var reference = (await OkAsync(await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new
        {
            action = "open-case",
            category = "sexual-exploitation",
            type = "transactional-sex",
            reason = "Credible account from a focal point.",
        }), Ct))).GetProperty("caseReference").GetString()!;
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { personNumber = "P-CAF-001" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/victims", Json(new { ageGroup = "adult", sex = "female", count = 1, identity = victim, paternity = "claimed" }), Ct));
        return reference;
    }

    private static async Task<string?> IdentityAsync(HttpClient client, string reference) =>
        (await OkAsync(await client.GetAsync($"/api/v1/cases/{reference}", Ct))).GetProperty("victims")[0].GetProperty("identity").GetString();

    private static async Task<int> AskAsync(HttpClient client, object body) =>
        (await OkAsync(await client.PostAsync("/api/v1/break-glass", Json(body), Ct))).GetProperty("id").GetInt32();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("need it")]
    public async Task Request_WithoutJustification_IsRejected_NamingTheField(string? justification)
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        var problem = await FailsAsync(await officer.PostAsync("/api/v1/break-glass", Json(new { kind = "unmask-victim", caseReference = world.Case, justification }), Ct),
            HttpStatusCode.BadRequest);
        Assert.Contains("30", problem.GetProperty("errors").GetProperty("justification")[0].GetString(), StringComparison.Ordinal);
        var missingKind = await FailsAsync(await officer.PostAsync("/api/v1/break-glass", Json(new { caseReference = world.Case, justification = Why }), Ct), HttpStatusCode.BadRequest);
        Assert.True(missingKind.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Equal(0, (await OkAsync(await officer.GetAsync("/api/v1/break-glass/mine", Ct))).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unmask_ShowsIdentity_OnlyAfterApproval_OnlyToTheGrantee_OnlyOnThatCase_UntilExpiry(string provider)
    {
        await using var world = await StartAsync(provider);
        var (host, clock) = (world.Host, world.Clock);
        using var officer = await host.ApiAsync("officer");
        Assert.Null(await IdentityAsync(officer, world.Case));

        var id = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        Assert.Null(await IdentityAsync(officer, world.Case)); // pending is not granted

        using var chief = await host.ApiAsync("chief");
        var notices = await OkAsync(await chief.GetAsync("/api/v1/notifications?unread=true", Ct));
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains($"request {id}", StringComparison.Ordinal));
        var pending = await OkAsync(await chief.GetAsync("/api/v1/break-glass/pending", Ct));
        Assert.Equal(Why, Assert.Single(pending.EnumerateArray()).GetProperty("justification").GetString());
        var approved = await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("2026-03-03T08:00:00+00:00", approved.GetProperty("expiresAt").GetString());

        // The grantee, on that case only.
        Assert.Equal(VictimName, await IdentityAsync(officer, world.Case));
        Assert.Null(await IdentityAsync(officer, world.OtherCase));
        using var officer2 = await host.ApiAsync("officer2");
        Assert.Null(await IdentityAsync(officer2, world.Case));
        Assert.Null(await IdentityAsync(chief, world.Case)); // approving is not seeing
        var mine = Assert.Single((await OkAsync(await officer.GetAsync("/api/v1/break-glass/mine", Ct))).EnumerateArray());
        Assert.True(mine.GetProperty("active").GetBoolean());
        var decided = await OkAsync(await officer.GetAsync("/api/v1/notifications?unread=true", Ct));
        Assert.Contains(decided.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains($"request {id} approved", StringComparison.Ordinal));
        var timeline = (await OkAsync(await chief.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "break-glass-granted");

        // Until expiry: one minute before it still shows, at expiry it does not.
        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        using var later = await host.ApiAsync("officer");
        Assert.Equal(VictimName, await IdentityAsync(later, world.Case));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await IdentityAsync(later, world.Case));
        Assert.False(Assert.Single((await OkAsync(await later.GetAsync("/api/v1/break-glass/mine", Ct))).EnumerateArray()).GetProperty("active").GetBoolean());

        // Every read with the identity shown is a use the auditor sees.
        using var auditor = await host.ApiAsync("auditor");
        var queued = Assert.Single((await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct))).EnumerateArray());
        Assert.Equal(2, queued.GetProperty("uses").GetArrayLength()); // the two reads before expiry
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LapsedRequest_ShowsAsLapsed_LeavesTheQueue_AndDoesNotBlockANewRequest(string provider)
    {
        // Finding 6: a request past its lapse could be neither approved, refused nor withdrawn, and still blocked a new one.
        await using var world = await StartAsync(provider);
        int first;
        using (var officer = await world.Host.ApiAsync("officer"))
        {
            first = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        }
        world.Clock.Advance(TimeSpan.FromHours(73));

        using var later = await world.Host.ApiAsync("officer");
        var mine = Assert.Single((await OkAsync(await later.GetAsync("/api/v1/break-glass/mine", Ct))).EnumerateArray());
        Assert.Equal("lapsed", mine.GetProperty("status").GetString());
        using var chief = await world.Host.ApiAsync("chief");
        Assert.Equal(0, (await OkAsync(await chief.GetAsync("/api/v1/break-glass/pending", Ct))).GetArrayLength());

        // Asking again is a new request, which the lapsed one does not block; the lapsed one is closed as such.
        var second = await AskAsync(later, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        Assert.NotEqual(first, second);
        var lapsed = await FailsAsync(await chief.PostAsync($"/api/v1/break-glass/{first}/decision", Json(new { approve = true }), Ct), HttpStatusCode.Conflict);
        Assert.Contains("lapsed", lapsed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("lapsed", (await OkAsync(await chief.GetAsync($"/api/v1/break-glass/{first}", Ct))).GetProperty("status").GetString());
        await world.Host.WithDbAsync(async db => Assert.Equal(Core.Governance.BreakGlassStatus.Lapsed,
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.BreakGlassRequests, r => r.Id == first, Ct)).Status));
        Assert.Single((await OkAsync(await chief.GetAsync("/api/v1/break-glass/pending", Ct))).EnumerateArray());
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{second}/decision", Json(new { approve = true }), Ct));
        Assert.Equal(VictimName, await IdentityAsync(later, world.Case));

        // The page says it in words.
        using var browser = await world.Host.BrowserAsync("officer");
        Assert.Contains("lapsed (not decided in time)", await browser.GetStringAsync("/break-glass", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadsThroughAGrant_NameTheRequestAsTheirReason_AndReadingJustificationsIsAudited(string provider)
    {
        // Findings 7 and 9: reads made through a grant were logged without a reason, indistinguishable from an assigned
        // investigator's; reading the justifications (which tend to name the victim) was not logged at all.
        await using var world = await StartAsync(provider);
        var host = world.Host;
        using var officer = await host.ApiAsync("officer");
        var unmask = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        using var chief = await host.ApiAsync("chief");
        await OkAsync(await chief.GetAsync("/api/v1/break-glass/pending", Ct));
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{unmask}/decision", Json(new { approve = true }), Ct));
        Assert.Equal(VictimName, await IdentityAsync(officer, world.Case));

        using var outsider = await host.ApiAsync("officer-cod");
        var over = await AskAsync(outsider, new { kind = "case-override", caseReference = world.Case, justification = "Same subject alleged in Goma; comparing the two accounts." });
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{over}/decision", Json(new { approve = true }), Ct));
        await OkAsync(await outsider.GetAsync($"/api/v1/cases/{world.Case}", Ct));

        var export = await AskAsync(officer, new { kind = "personnel-export", mission = "MINUSCA", justification = "Pre-deployment screening of the whole roster before rotation." });
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{export}/decision", Json(new { approve = true }), Ct));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/break-glass/{export}/export", Ct)).StatusCode);

        using var auditor = await host.ApiAsync("auditor");
        await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct));

        var ids = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Users.Where(u => u.UserName == "officer" || u.UserName == "officer-cod" || u.UserName == "chief" || u.UserName == "auditor").Select(u => new { u.UserName, u.Id }), Ct));
        string IdOf(string name) => ids.Single(u => u.UserName == name).Id;
        var entries = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.OrderBy(e => e.Sequence), Ct));
        var identityRead = Assert.Single(entries, e => e is { Action: "read", RecordType: "CaseVictim", Detail: "identity" } && e.Actor == IdOf("officer"));
        Assert.Equal($"break-glass request {unmask}", identityRead.Reason);
        Assert.Contains(entries, e => e is { Action: "read", RecordType: "Case" } && e.Actor == IdOf("officer-cod") && e.Reason == $"break-glass request {over}");
        Assert.Contains(entries, e => e is { Action: "export", RecordType: "Mission" } && e.Actor == IdOf("officer") && e.Reason == $"break-glass request {export}");
        // An ordinary read (the chief's own mission) carries no reason.
        Assert.Contains(entries, e => e is { Action: "read", RecordType: "Case", Reason: null } && e.Actor == IdOf("officer"));
        // Each justification shown is a read: the approver's queue, the requester's answers, the auditor's review queue.
        foreach (var who in new[] { "chief", "officer", "auditor" })
        {
            Assert.Contains(entries, e => e is { Action: "read", RecordType: "BreakGlassRequest", Detail: "justification and notes" } && e.Actor == IdOf(who));
        }
        Assert.Contains(entries, e => e is { Action: "read", RecordType: "BreakGlassRequest" } && e.Actor == IdOf("auditor") && e.RecordId == unmask.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Never the justification's text, which may name the victim.
        Assert.DoesNotContain(entries, e => $"{e.Reason}{e.Detail}".Contains("paternity", StringComparison.Ordinal) || $"{e.Reason}{e.Detail}".Contains(VictimName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BreakGlass:GrantDuration", "36500.00:00:00", "BreakGlass:GrantDuration must be more than zero and at most 7.00:00:00")]
    [InlineData("BreakGlass:GrantDuration", "00:00:00", "BreakGlass:GrantDuration must be more than zero")]
    [InlineData("BreakGlass:GrantDuration", "-01:00:00", "BreakGlass:GrantDuration must be more than zero")]
    [InlineData("BreakGlass:RequestLapse", "00:00:00", "BreakGlass:RequestLapse must be more than zero")]
    [InlineData("BreakGlass:MinJustificationLength", "0", "BreakGlass:MinJustificationLength must be between 30 and 2000 characters (got 0)")]
    [InlineData("BreakGlass:MinJustificationLength", "5000", "BreakGlass:MinJustificationLength must be between 30 and 2000 characters (got 5000)")]
    public async Task Settings_OutOfBounds_StopTheHost_NamingTheKey(string key, string value, string expected)
    {
        // Finding 10: an empty justification and a 100-year grant were accepted.
        var options = new Core.Governance.BreakGlassOptions();
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build()
            .GetSection(Core.Governance.BreakGlassOptions.Section).Bind(options);
        Assert.StartsWith(expected, Assert.Single(options.Validate()), StringComparison.Ordinal);
        var failed = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestHost.StartAsync("sqlite", configuration: new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, string.Join(" ", failed.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Defaults_AreValid() => Assert.Empty(new Core.Governance.BreakGlassOptions().Validate());

    [Fact]
    public async Task SelfApproval_IsRefused_AndOnlyApproversDecide()
    {
        await using var world = await StartAsync("sqlite");
        using var chief = await world.Host.ApiAsync("chief");
        var id = await AskAsync(chief, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        var own = await FailsAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct), HttpStatusCode.Conflict);
        Assert.Contains("second person", own.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var officer = await world.Host.ApiAsync("officer");
        await FailsAsync(await officer.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct), HttpStatusCode.Forbidden);
        using var auditor = await world.Host.ApiAsync("auditor");
        await FailsAsync(await auditor.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct), HttpStatusCode.Forbidden);
        // A legal officer with headquarters scope is a second person: approves.
        using var legal = await world.Host.ApiAsync("legal");
        await OkAsync(await legal.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct));
        await FailsAsync(await legal.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct), HttpStatusCode.Conflict);
        Assert.Equal(VictimName, await IdentityAsync(chief, world.Case));
    }

    [Fact]
    public async Task OutOfScopeApprovers_Get404_OnTheRequest()
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        var id = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        foreach (var outsider in new[] { "chief-cod", "legal-cod" })
        {
            using var client = await world.Host.ApiAsync(outsider);
            await FailsAsync(await client.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct), HttpStatusCode.NotFound);
            await FailsAsync(await client.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = false, reason = "no" }), Ct), HttpStatusCode.NotFound);
            await FailsAsync(await client.GetAsync($"/api/v1/break-glass/{id}", Ct), HttpStatusCode.NotFound);
            Assert.Equal(0, (await OkAsync(await client.GetAsync("/api/v1/break-glass/pending", Ct))).GetArrayLength());
        }
        using var other = await world.Host.ApiAsync("officer2");
        await FailsAsync(await other.GetAsync($"/api/v1/break-glass/{id}", Ct), HttpStatusCode.NotFound);
        await FailsAsync(await other.PostAsync($"/api/v1/break-glass/{id}/end", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Liaison_Unmasking_IsRefusedOutright_AsAreRolesThatNeverReadCases()
    {
        await using var world = await StartAsync("sqlite");
        using var liaison = await world.Host.ApiAsync("liaison-rwa");
        // The liaison sees this case (a Rwandan subject) but never its victims' identities.
        Assert.Null(await IdentityAsync(liaison, world.Case));
        var refused = await FailsAsync(await liaison.PostAsync("/api/v1/break-glass", Json(new { kind = "unmask-victim", caseReference = world.Case, justification = Why }), Ct),
            HttpStatusCode.Forbidden);
        Assert.Contains("liaison", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await FailsAsync(await liaison.PostAsync("/api/v1/break-glass", Json(new { kind = "case-override", caseReference = world.Case, justification = Why }), Ct), HttpStatusCode.Forbidden);
        using var admin = await world.Host.ApiAsync("admin");
        foreach (var kind in new[] { "unmask-victim", "case-override", "mission-override", "personnel-export" })
        {
            await FailsAsync(await admin.PostAsync("/api/v1/break-glass", Json(new { kind, caseReference = world.Case, mission = "MINUSCA", justification = Why }), Ct), HttpStatusCode.Forbidden);
        }
        await world.Host.WithDbAsync(async db => Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.BreakGlassRequests, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PersonnelExport_NeedsApproval_AndProducesFormulaSafeCsv(string provider)
    {
        await using var world = await StartAsync(provider);
        await world.Host.WithDbAsync(async db =>
        {
            var minusca = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Missions, m => m.Code == "MINUSCA", Ct);
            db.Personnel.AddRange(
                new Person { PersonNumber = "P-CAF-901", FullName = "=HYPERLINK(\"http://evil.example\",\"Click\")", Nationality = "RWA", Category = PersonnelCategory.Civilian, MissionId = minusca.Id, IdNumbers = ["+1-555", "@SUM(A1)"] },
                new Person { PersonNumber = "P-CAF-902", FullName = "-2+3", Nationality = "PAK", Category = PersonnelCategory.Civilian, MissionId = minusca.Id, Aliases = ["\tTabbed", "Plain, Name"] });
            await db.SaveChangesAsync(Ct);
        });
        using var officer = await world.Host.ApiAsync("officer");
        var id = await AskAsync(officer, new { kind = "personnel-export", mission = "minusca", justification = "Pre-deployment screening of the whole roster before rotation." });
        await FailsAsync(await officer.GetAsync($"/api/v1/break-glass/{id}/export", Ct), HttpStatusCode.Conflict);

        using var legal = await world.Host.ApiAsync("legal");
        await OkAsync(await legal.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true, reason = "Rotation screening." }), Ct));
        using var chief = await world.Host.ApiAsync("chief");
        await FailsAsync(await chief.GetAsync($"/api/v1/break-glass/{id}/export", Ct), HttpStatusCode.NotFound); // not theirs

        var response = await officer.GetAsync($"/api/v1/break-glass/{id}/export", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("person_id,full_name,aliases,date_of_birth,nationality,id_numbers,category,unit,mission,contingent,site", lines[0]);
        Assert.Equal(1 + 4, lines.Length); // header, two seeded MINUSCA people and the two above; no MONUSCO person
        Assert.Contains("P-CAF-901,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",,,RWA,'+1-555|@SUM(A1),civilian,,MINUSCA,,", lines);
        Assert.Contains("P-CAF-902,'-2+3,\"'\tTabbed|Plain, Name\",,PAK,,civilian,,MINUSCA,,", lines);
        Assert.DoesNotContain(lines, l => l.Contains("P-COD", StringComparison.Ordinal));

        world.Clock.Advance(TimeSpan.FromHours(25));
        using var later = await world.Host.ApiAsync("officer");
        await FailsAsync(await later.GetAsync($"/api/v1/break-glass/{id}/export", Ct), HttpStatusCode.Conflict);
        using var auditor = await world.Host.ApiAsync("auditor");
        var review = Assert.Single((await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct))).EnumerateArray());
        Assert.Contains("4 rows", Assert.Single(review.GetProperty("uses").EnumerateArray()).GetProperty("what").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ScopeOverride_GrantsTheCaseOrMission_ThenExpires(string provider)
    {
        await using var world = await StartAsync(provider);
        using var outsider = await world.Host.ApiAsync("officer-cod");
        await FailsAsync(await outsider.GetAsync($"/api/v1/cases/{world.Case}", Ct), HttpStatusCode.NotFound);
        var caseGrant = await AskAsync(outsider, new { kind = "case-override", caseReference = world.Case, justification = "Same subject alleged in Goma; comparing the two accounts." });
        await FailsAsync(await outsider.GetAsync($"/api/v1/cases/{world.Case}", Ct), HttpStatusCode.NotFound);
        using var chief = await world.Host.ApiAsync("chief");
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{caseGrant}/decision", Json(new { approve = true }), Ct));

        var view = await OkAsync(await outsider.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.Null(view.GetProperty("victims")[0].GetProperty("identity").GetString()); // a scope override is not an unmasking
        Assert.Equal(1, (await OkAsync(await outsider.GetAsync("/api/v1/cases", Ct))).GetProperty("total").GetInt32());
        await FailsAsync(await outsider.GetAsync($"/api/v1/cases/{world.OtherCase}", Ct), HttpStatusCode.NotFound);

        var missionGrant = await AskAsync(outsider, new { kind = "mission-override", mission = "MINUSCA", justification = "Covering for the MINUSCA team during the Bangui leave period." });
        using var legal = await world.Host.ApiAsync("legal");
        await OkAsync(await legal.PostAsync($"/api/v1/break-glass/{missionGrant}/decision", Json(new { approve = true }), Ct));
        Assert.Equal(2, (await OkAsync(await outsider.GetAsync("/api/v1/cases?mission=MINUSCA", Ct))).GetProperty("total").GetInt32());
        await OkAsync(await outsider.GetAsync("/api/v1/missions/MINUSCA", Ct));
        // A mission override does not make its holder an approver there.
        var third = await AskAsync(await world.Host.ApiAsync("officer"), new { kind = "unmask-victim", caseReference = world.OtherCase, justification = Why });
        using var chiefCod = await world.Host.ApiAsync("chief-cod");
        await FailsAsync(await chiefCod.PostAsync($"/api/v1/break-glass/{third}/decision", Json(new { approve = true }), Ct), HttpStatusCode.NotFound);

        world.Clock.Advance(TimeSpan.FromHours(24));
        using var later = await world.Host.ApiAsync("officer-cod");
        await FailsAsync(await later.GetAsync($"/api/v1/cases/{world.Case}", Ct), HttpStatusCode.NotFound);
        Assert.Equal(0, (await OkAsync(await later.GetAsync("/api/v1/cases", Ct))).GetProperty("total").GetInt32());
        await FailsAsync(await later.GetAsync("/api/v1/missions/MINUSCA", Ct), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseOverride_LetsAnInvestigatorOrAdvocateRead_ButNotWrite_NorSeeIdentities_UntilAssigned(string provider)
    {
        await using var world = await StartAsync(provider);
        var host = world.Host;
        await host.CreateUserAsync("investigator", Roles.Investigator);
        await host.CreateUserAsync("advocate", Roles.VictimsAdvocate);
        using var officer = await host.ApiAsync("officer");
        foreach (var to in new[] { "under-assessment", "referred-for-investigation", "under-investigation" })
        {
            await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to, reason = "Next stage." }), Ct));
        }
        var subjectId = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("subjects")[0].GetProperty("id").GetInt32();
        using var chief = await host.ApiAsync("chief");
        foreach (var who in new[] { "investigator", "advocate" })
        {
            using var requester = await host.ApiAsync(who);
            var id = await AskAsync(requester, new { kind = "case-override", caseReference = world.Case, justification = "Same unit alleged in a case I work on; comparing accounts." });
            await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct));
        }

        using var investigator = await host.ApiAsync("investigator");
        Assert.Null(await IdentityAsync(investigator, world.Case)); // reads the case, without identities
        var finding = Json(new { subjectId, outcome = "not-substantiated", by = "oios", issuedOn = "2026-03-01" });
        await FailsAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/findings", finding, Ct), HttpStatusCode.Forbidden);
        await FailsAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to = "findings-issued", reason = "Closing out." }), Ct), HttpStatusCode.Forbidden);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4 synthetic"u8.ToArray()), "file", "note.pdf" },
            { new StringContent("Synthetic note."), "description" },
        };
        await FailsAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/evidence", form, Ct), HttpStatusCode.Forbidden);
        await FailsAsync(await investigator.GetAsync($"/api/v1/cases/{world.Case}/evidence", Ct), HttpStatusCode.NotFound);

        using var advocate = await host.ApiAsync("advocate");
        Assert.Null(await IdentityAsync(advocate, world.Case)); // an override gives no identity (docs/break-glass.md)
        await FailsAsync(await advocate.PostAsync($"/api/v1/cases/{world.Case}/victims", Json(new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" }), Ct), HttpStatusCode.Forbidden);
        await FailsAsync(await advocate.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct), HttpStatusCode.NotFound);
        var unchanged = await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.Equal("under-investigation", unchanged.GetProperty("status").GetString());
        Assert.Equal(1, unchanged.GetProperty("victims").GetArrayLength());
        Assert.DoesNotContain(unchanged.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() is "finding-recorded" or "evidence-added");

        // Assigned, the same people do their work and see the identities.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "investigator", role = "investigator" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "advocate", role = "victims-advocate" }), Ct));
        Assert.Equal(VictimName, await IdentityAsync(investigator, world.Case));
        Assert.Equal(VictimName, await IdentityAsync(advocate, world.Case));
        await OkAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/findings", finding, Ct));
        await OkAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to = "findings-issued", reason = "Report delivered." }), Ct));
        await OkAsync(await investigator.GetAsync($"/api/v1/cases/{world.Case}/evidence", Ct));
        await OkAsync(await advocate.PostAsync($"/api/v1/cases/{world.Case}/victims", Json(new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" }), Ct));
        await OkAsync(await advocate.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct));

        // Taken off the case (with a reason), they are back to what the override alone gives: reading, without identities.
        var noReason = await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments/remove", Json(new { userName = "investigator" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await FailsAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/assignments/remove", Json(new { userName = "advocate", reason = "Not mine to do." }), Ct), HttpStatusCode.Forbidden);
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments/remove", Json(new { userName = "investigator", reason = "Moved to another mission." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments/remove", Json(new { userName = "advocate", reason = "Handed over to a colleague." }), Ct));
        var again = await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments/remove", Json(new { userName = "advocate", reason = "Twice." }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("userName", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await IdentityAsync(investigator, world.Case));
        await FailsAsync(await investigator.PostAsync($"/api/v1/cases/{world.Case}/findings", finding, Ct), HttpStatusCode.Forbidden);
        await FailsAsync(await advocate.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct), HttpStatusCode.NotFound);
        var timeline = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("timeline").EnumerateArray();
        Assert.Equal(2, timeline.Count(e => e.GetProperty("kind").GetString() == "unassigned"));
    }

    [Fact]
    public async Task GivingAccessBack_EndsTheGrantAtOnce()
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        var id = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        using var chief = await world.Host.ApiAsync("chief");
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = true }), Ct));
        Assert.Equal(VictimName, await IdentityAsync(officer, world.Case));
        await OkAsync(await officer.PostAsync($"/api/v1/break-glass/{id}/end", null, Ct));
        Assert.Null(await IdentityAsync(officer, world.Case));
        await FailsAsync(await officer.PostAsync($"/api/v1/break-glass/{id}/end", null, Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refusal_NeedsAReason_AndIsShownToTheRequester()
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        var id = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        await FailsAsync(await officer.PostAsync("/api/v1/break-glass", Json(new { kind = "unmask-victim", caseReference = world.Case, justification = Why }), Ct), HttpStatusCode.Conflict);
        using var chief = await world.Host.ApiAsync("chief");
        var noReason = await FailsAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = false }), Ct), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{id}/decision", Json(new { approve = false, reason = "The advocate can answer this; ask her." }), Ct));
        var mine = Assert.Single((await OkAsync(await officer.GetAsync("/api/v1/break-glass/mine", Ct))).EnumerateArray());
        Assert.Equal("refused", mine.GetProperty("status").GetString());
        Assert.Equal("The advocate can answer this; ask her.", mine.GetProperty("decisionNote").GetString());
        Assert.Null(await IdentityAsync(officer, world.Case));
        var notices = await OkAsync(await officer.GetAsync("/api/v1/notifications", Ct));
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains($"request {id} refused", StringComparison.Ordinal));
        using var auditor = await world.Host.ApiAsync("auditor");
        Assert.Equal(0, (await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct))).GetArrayLength());
    }

    [Fact]
    public async Task AuditorReviewQueue_MarksReviewedOrFlagged_WithANote()
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        using var chief = await world.Host.ApiAsync("chief");
        var first = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.Case, justification = Why });
        var second = await AskAsync(officer, new { kind = "unmask-victim", caseReference = world.OtherCase, justification = Why });
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{first}/decision", Json(new { approve = true }), Ct));
        await OkAsync(await chief.PostAsync($"/api/v1/break-glass/{second}/decision", Json(new { approve = true }), Ct));
        await IdentityAsync(officer, world.Case);

        await FailsAsync(await officer.GetAsync("/api/v1/break-glass/review", Ct), HttpStatusCode.Forbidden);
        await FailsAsync(await chief.PostAsync($"/api/v1/break-glass/{first}/review", Json(new { outcome = "reviewed", note = "fine" }), Ct), HttpStatusCode.Forbidden);
        using var auditor = await world.Host.ApiAsync("auditor");
        var queue = await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct));
        Assert.Equal(2, queue.GetArrayLength());
        Assert.DoesNotContain(VictimName, queue.GetRawText(), StringComparison.Ordinal); // the auditor reviews the use, not the identity
        var noNote = await FailsAsync(await auditor.PostAsync($"/api/v1/break-glass/{first}/review", Json(new { outcome = "reviewed" }), Ct), HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("note", out _));
        await OkAsync(await auditor.PostAsync($"/api/v1/break-glass/{first}/review", Json(new { outcome = "reviewed", note = "Paternity claim on file; consistent." }), Ct));
        await OkAsync(await auditor.PostAsync($"/api/v1/break-glass/{second}/review", Json(new { outcome = "flagged", note = "No use and no link to a claim: ask the officer." }), Ct));
        await FailsAsync(await auditor.PostAsync($"/api/v1/break-glass/{second}/review", Json(new { outcome = "reviewed", note = "again" }), Ct), HttpStatusCode.Conflict);
        Assert.Equal(0, (await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review", Ct))).GetArrayLength());
        var flagged = Assert.Single((await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review?status=flagged", Ct))).EnumerateArray());
        Assert.Equal(second, flagged.GetProperty("id").GetInt32());
        Assert.Equal(0, flagged.GetProperty("uses").GetArrayLength());
        var reviewed = Assert.Single((await OkAsync(await auditor.GetAsync("/api/v1/break-glass/review?status=reviewed", Ct))).EnumerateArray());
        Assert.Equal(1, reviewed.GetProperty("uses").GetArrayLength());
    }

    [Fact]
    public async Task Pages_WorkWithoutJavaScript_FromTheCasePage_ToApproval_AndReview()
    {
        await using var world = await StartAsync("sqlite");
        var parser = new HtmlParser();
        using var officer = await world.Host.BrowserAsync("officer");
        var casePage = parser.ParseDocument(await officer.GetStringAsync($"/cases/{world.Case}", Ct));
        var ask = casePage.QuerySelector("a[href^='/break-glass/new?kind=UnmaskVictim']")!.GetAttribute("href")!;
        var formPage = await officer.GetAsync(ask, Ct);
        Assert.Contains("no-store", formPage.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var form = parser.ParseDocument(await formPage.Content.ReadAsStringAsync(Ct));
        Assert.Equal(world.Case, form.QuerySelector("input[name=case]")!.GetAttribute("value"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["kind"] = "UnmaskVictim", ["case"] = world.Case, ["justification"] = "short", ["__RequestVerificationToken"] = token };
        var tooShort = await officer.PostAsync("/break-glass/new", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("Justification", await tooShort.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        fields["justification"] = Why;
        var noToken = await officer.PostAsync("/break-glass/new", new FormUrlEncodedContent(fields.Where(f => f.Key != "__RequestVerificationToken")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync("/break-glass/new", new FormUrlEncodedContent(fields), Ct)).StatusCode);

        using var chief = await world.Host.BrowserAsync("chief");
        var queue = parser.ParseDocument(await chief.GetStringAsync("/break-glass", Ct));
        var approve = queue.QuerySelector("form[action*='handler=Decide']")!;
        var decision = await chief.PostAsync(approve.GetAttribute("action"), new FormUrlEncodedContent(approve.QuerySelectorAll("input")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        Assert.Contains(VictimName, await officer.GetStringAsync($"/cases/{world.Case}", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(VictimName, await chief.GetStringAsync($"/cases/{world.Case}", Ct), StringComparison.Ordinal);

        using var auditor = await world.Host.BrowserAsync("auditor");
        var review = parser.ParseDocument(await auditor.GetStringAsync("/break-glass/review", Ct));
        var reviewForm = review.QuerySelector("main form[method=post]")!;
        var reviewFields = reviewForm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        reviewFields["note"] = "Checked against the paternity file.";
        reviewFields["outcome"] = "Reviewed";
        Assert.Equal(HttpStatusCode.Redirect, (await auditor.PostAsync("/break-glass/review", new FormUrlEncodedContent(reviewFields), Ct)).StatusCode);
        Assert.Contains("Checked against the paternity file.", await auditor.GetStringAsync("/break-glass/review?status=Reviewed", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/break-glass/review", Ct)).StatusCode); // to the 403 page

        // Out of scope: the same 404 page whether or not the case exists, with the way to ask.
        using var outsider = await world.Host.BrowserAsync("officer-cod");
        var missing = await outsider.GetAsync($"/cases/{world.Case}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/break-glass/new?kind=CaseOverride", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
