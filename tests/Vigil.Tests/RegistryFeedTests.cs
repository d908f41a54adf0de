using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The registry as cases feed it, over the real host: one standing record per person and case with the strongest finding,
/// withdrawn when the finding it rests on is overturned; "pending" only for subjects who left without a finding; and
/// what screening then does with those records. All names are invented.
/// </summary>
public sealed class RegistryFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static StringContent Csv(string text, string fileName)
    {
        var content = new StringContent(text, Encoding.UTF8, "text/csv");
        content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return content;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record World(TestHost Host, string Case, int Alpha, int Bravo) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>TwoMissions, a case in MINUSCA under investigation with two identified subjects (P-CAF-001 Alpha, P-CAF-002 Bravo), and the users.</summary>
    private static async Task<World> CaseUnderInvestigationAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Configuration["Screening:RunWorker"] = "false";
        });
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.CreateUserAsync("screener", Roles.ScreeningOfficer, "global");
        using var officer = await host.ApiAsync("officer");
        var report = (await OkAsync(await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BGI",
            narrative = "Synthetic: an account of exploitation by two soldiers.",
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = false,
        }), Ct))).GetProperty("reference").GetString();
        var reference = (await OkAsync(await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new
        {
            action = "open-case",
            category = "sexual-exploitation",
            type = "transactional-sex",
            reason = "Credible account.",
        }), Ct))).GetProperty("caseReference").GetString()!;
        var alpha = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { personNumber = "P-CAF-001" }), Ct))).GetProperty("id").GetInt32();
        var bravo = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { personNumber = "P-CAF-002" }), Ct))).GetProperty("id").GetInt32();
        foreach (var to in new[] { "under-assessment", "referred-for-investigation", "under-investigation" })
        {
            await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to, reason = "Next stage." }), Ct));
        }
        return new World(host, reference, alpha, bravo);
    }

    private static Task<List<RegistryRecord>> RegistryAsync(TestHost host) =>
        host.WithDbAsync((db, _) => db.Registry.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneRecordPerPersonAndCase_BanRaisesItInPlace_AndAnOverturnedFindingWithdrawsIt_SoScreeningStopsRaisingThePerson(string provider)
    {
        await using var world = await CaseUnderInvestigationAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        using var officer = await host.ApiAsync("officer");
        using var chief = await host.ApiAsync("chief");
        using var screener = await host.ApiAsync("screener");

        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/findings", Json(new { subjectId = world.Alpha, outcome = "substantiated", by = "oios", issuedOn = "2026-03-02" }), Ct));
        var fed = Assert.Single(await RegistryAsync(host));
        Assert.Equal((RegistryFinding.Substantiated, RegistrySource.Case, reference), (fed.Finding, fed.Source, fed.CaseReference));

        // A repatriation with ban: the same record, now barred (one decision in the queue settles the pair).
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "findings-issued", reason = "Report received." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "actions", reason = "Substantiated." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/actions", Json(new { subjectId = world.Alpha, kind = "repatriation-with-ban", by = "united-nations", takenOn = "2026-03-02" }), Ct));
        var barred = Assert.Single(await RegistryAsync(host));
        Assert.Equal((fed.Id, fed.RecordId, RegistryFinding.Barred), (barred.Id, barred.RecordId, barred.Finding));

        // The re-screening of everyone deployed meets the record of the person's own case: not queued (the case tracks that
        // person), not a candidate of the run either, but counted and listed apart. A roster of another mission meets it too,
        // and that is a question for adjudication.
        var deployed = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        Assert.Equal((0, 0, 1), (deployed.GetProperty("raised").GetInt32(), deployed.GetProperty("candidates").GetInt32(), deployed.GetProperty("ownCase").GetInt32()));
        Assert.Empty(deployed.GetProperty("found").EnumerateArray());
        var tracked = Assert.Single(deployed.GetProperty("ownCaseFound").EnumerateArray());
        Assert.Equal(("P-CAF-001", barred.RecordId, ScreeningRuns.StandingOwnCase, JsonValueKind.Null),
            (tracked.GetProperty("personId").GetString(), tracked.GetProperty("recordId").GetString(), tracked.GetProperty("standing").GetString(), tracked.GetProperty("candidateId").ValueKind));
        var listedRun = Assert.Single((await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray());
        Assert.Equal((0, 1, JsonValueKind.Null), (listedRun.GetProperty("candidates").GetInt32(), listedRun.GetProperty("ownCase").GetInt32(), listedRun.GetProperty("ownCaseFound").ValueKind));

        // The page after the same run through its button: the count in words, the person folded away, no candidate table.
        using (var browser = await host.BrowserAsync("screener"))
        {
            var runsPage = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
            var form = runsPage.QuerySelector("form[action*='handler=Deployed']")!;
            using var press = new FormUrlEncodedContent(form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? ""));
            var posted = await browser.PostAsync("/screening/runs?handler=Deployed", press, Ct);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var page = new HtmlParser().ParseDocument(await posted.Content.ReadAsStringAsync(Ct));
            Assert.Contains(page.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("One person already tracked by their own case", StringComparison.Ordinal));
            Assert.Null(page.QuerySelector("table.found"));
            var folded = page.QuerySelector("details.own-case")!;
            Assert.False(folded.HasAttribute("open"));
            Assert.Contains("P-CAF-001", folded.TextContent, StringComparison.Ordinal);
            Assert.Contains(barred.RecordId, folded.TextContent, StringComparison.Ordinal);
        }
        var roster = "person_id,full_name,date_of_birth,nationality,id_numbers\r\nP-CAF-001,Test Person Alpha,1990-05,RWA,RW-T-0001\r\n";
        var rostered = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment&mission=MONUSCO", Csv(roster, "rotation.csv"), Ct));
        Assert.Equal(1, rostered.GetProperty("raised").GetInt32());
        var found = Assert.Single(rostered.GetProperty("found").EnumerateArray());
        Assert.Equal((barred.RecordId, "barred", ScreeningRuns.StandingNew), (found.GetProperty("recordId").GetString(), found.GetProperty("finding").GetString(), found.GetProperty("standing").GetString()));
        var candidate = found.GetProperty("candidateId").GetInt32();

        // The finding is overturned (a change, approved by a chief): the record is withdrawn, kept with who, when and why.
        var change = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/findings",
            Json(new { subjectId = world.Alpha, outcome = "not-substantiated", by = "oios", issuedOn = "2026-03-02" }), Ct))).GetProperty("id").GetInt32();
        Assert.False((await RegistryAsync(host)).Single().WithdrawnAt.HasValue, "a change waits for a chief's approval");
        await OkAsync(await chief.PostAsync($"/api/v1/cases/{reference}/findings/{change}/approve", null, Ct));
        var withdrawn = Assert.Single(await RegistryAsync(host));
        Assert.NotNull(withdrawn.WithdrawnAt);
        Assert.Null(withdrawn.WithdrawnByUserId);
        var view = await OkAsync(await screener.GetAsync($"/api/v1/screening/registry/{withdrawn.RecordId}", Ct));
        Assert.Contains("changed to not-substantiated", view.GetProperty("withdrawn").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("withdrawn").GetProperty("by").ValueKind);

        // Its open candidate left the queue, closed as withdrawn; no run raises the person for this case again.
        var detail = await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{candidate}", Ct));
        Assert.Equal(("withdrawn", false), (detail.GetProperty("status").GetString(), detail.GetProperty("canDecide").GetBoolean()));
        Assert.Equal(0, (await OkAsync(await screener.GetAsync("/api/v1/screening/candidates", Ct))).GetProperty("total").GetInt32());
        var again = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MONUSCO", Csv(roster, "arrivals.csv"), Ct));
        Assert.Equal((0, 0), (again.GetProperty("candidates").GetInt32(), again.GetProperty("raised").GetInt32()));

        // The case substantiates it again later: a new record, beside the withdrawn one.
        var reinstated = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/findings",
            Json(new { subjectId = world.Alpha, outcome = "substantiated", by = "oios", issuedOn = "2026-03-02" }), Ct))).GetProperty("id").GetInt32();
        await OkAsync(await chief.PostAsync($"/api/v1/cases/{reference}/findings/{reinstated}/approve", null, Ct));
        var records = await RegistryAsync(host);
        Assert.Equal(2, records.Count);
        Assert.Single(records, r => r.WithdrawnAt is null && r.Finding == RegistryFinding.Substantiated);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SubjectSeparated_FeedsPending_OnlyForIdentifiedSubjectsWithoutAFinding(string provider)
    {
        await using var world = await CaseUnderInvestigationAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        using var officer = await host.ApiAsync("officer");
        using var chief = await host.ApiAsync("chief");
        // Bravo was cleared; Alpha left before the investigation ended; a third subject is described only.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/findings", Json(new { subjectId = world.Bravo, outcome = "not-substantiated", by = "oios", issuedOn = "2026-03-02" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { category = "civilian", nationality = "FRA", description = "Synthetic: a driver." }), Ct));
        var request = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/closure",
            Json(new { reason = "subject-separated", justification = "Repatriated at the end of the rotation before the investigation ended." }), Ct))).GetProperty("id").GetInt32();
        Assert.Equal("closed", (await OkAsync(await chief.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true, note = "Agreed.", request }), Ct))).GetProperty("status").GetString());

        var record = Assert.Single(await RegistryAsync(host));
        Assert.Equal((RegistryFinding.Pending, "Test Person Alpha"), (record.Finding, record.FullName));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AScreeningOfficer_WithdrawsARecordByHand_WithAReason_AndItIsNeverScreenedAgain(string provider)
    {
        await using var world = await CaseUnderInvestigationAsync(provider);
        var host = world.Host;
        using var screener = await host.ApiAsync("screener");
        var added = await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Test Person Bravo", nationality = "PAK", finding = "barred" }), Ct));
        var recordId = added.GetProperty("recordId").GetString()!;
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        var candidate = Assert.Single((await OkAsync(await screener.GetAsync("/api/v1/screening/candidates", Ct))).GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32();

        // A reason is required; others than screening officers may not; an unknown record is 404.
        var noReason = await screener.PostAsync($"/api/v1/screening/registry/{recordId}/withdrawal", Json(new { reason = " " }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var chief = await host.ApiAsync("chief");
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.PostAsync($"/api/v1/screening/registry/{recordId}/withdrawal", Json(new { reason = "x" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screener.PostAsync("/api/v1/screening/registry/REG-NONE/withdrawal", Json(new { reason = "x" }), Ct)).StatusCode);

        var withdrawn = await OkAsync(await screener.PostAsync($"/api/v1/screening/registry/{recordId}/withdrawal", Json(new { reason = "Entered against the wrong person: Quillmere's file." }), Ct));
        Assert.Equal("screener", withdrawn.GetProperty("withdrawn").GetProperty("by").GetString());
        Assert.Equal("Entered against the wrong person: Quillmere's file.", withdrawn.GetProperty("withdrawn").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await screener.PostAsync($"/api/v1/screening/registry/{recordId}/withdrawal", Json(new { reason = "Again." }), Ct)).StatusCode);
        Assert.Equal("withdrawn", (await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{candidate}", Ct))).GetProperty("status").GetString());
        Assert.Equal(0, (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct))).GetProperty("candidates").GetInt32());

        // Audited as a change of the record; the reason is sealed at rest, and not in the log.
        var record = (await RegistryAsync(host)).Single();
        var entries = await host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.RecordType == nameof(RegistryRecord) && e.Action == "update").ToListAsync(Ct));
        Assert.Contains(entries, e => e.RecordId == record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(entries, e => $"{e.Detail}{e.Reason}".Contains("Quillmere", StringComparison.Ordinal));
        Assert.DoesNotContain("Quillmere", Encoding.UTF8.GetString(record.WithdrawalReasonSealed!), StringComparison.Ordinal);

        // The registry page: a standing record has a withdrawal form; sent, the page says so and shows the record withdrawn.
        var second = (await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Test Person Echo", finding = "pending" }), Ct))).GetProperty("recordId").GetString()!;
        using var browser = await host.BrowserAsync("screener");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var form = page.QuerySelectorAll("form.withdraw").Single(f => f.QuerySelector("input[name=recordId]")!.GetAttribute("value") == second);
        var posted = await browser.PostAsync("/screening/registry?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recordId"] = second,
            ["reason"] = "Duplicate of an imported record.",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await browser.GetStringAsync(posted.Headers.Location!.OriginalString, Ct);
        Assert.Contains($"Record {second} withdrawn", after, StringComparison.Ordinal);
        Assert.Contains("Duplicate of an imported record.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(after).QuerySelectorAll("form.withdraw"),
            f => f.QuerySelector("input[name=recordId]")!.GetAttribute("value") == second);
    }
}
