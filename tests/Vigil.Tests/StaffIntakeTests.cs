using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Intake;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>The conduct team's side: record, inbox with deadlines, reply, triage into cases, scope.</summary>
public sealed class StaffIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<TestHost> StartAsync(string provider = "sqlite", FakeTimeProvider? clock = null)
    {
        var host = await TestHost.StartAsync(provider, configure: clock is null ? null : b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer-caf", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("officer-cod", Roles.ConductOfficer, "mission:MONUSCO");
        await host.CreateUserAsync("analyst-hq", Roles.Analyst, "global");
        return host;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> RecordAsync(HttpClient staff, object report)
    {
        var response = await staff.PostAsync("/api/v1/reports", Json(report), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UntriagedReports_AreEscalatedOnceToTheChiefAndHeadquarters_AfterTheirLimit_NotWhenTriaged(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(provider, clock);
        await host.CreateUserAsync("chief-caf", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.CreateUserAsync("hq", Roles.ConductOfficer, "global");
        string child, adult, triaged;
        using (var staff = await host.ApiAsync("officer-caf"))
        {
            child = await RecordAsync(staff, new { channel = "hotline", relationship = "witness", mission = "MINUSCA", narrative = "Synthetic: a child was approached.", childInvolved = true });
            adult = await RecordAsync(staff, new { channel = "complaint-box", relationship = "third-party", mission = "MINUSCA", narrative = "Synthetic: transactional sex alleged.", childInvolved = false });
            triaged = await RecordAsync(staff, new { channel = "hotline", relationship = "witness", mission = "MINUSCA", narrative = "Synthetic: a second child report.", childInvolved = true });
            await OkAsync(await staff.PostAsync($"/api/v1/reports/{triaged}/triage", Json(new { action = "close", closeReason = "insufficient-information", reason = "Nothing to act on, after a call to the hotline." }), Ct));
        }
        Task<int> RunAsync() => host.WithDbAsync((_, services) => services.GetRequiredService<TriageEscalation>().RunAsync(Ct));
        // Fresh tokens each time: tokens expire on the same (fake) clock.
        async Task<List<(string? Report, string Text)>> NoticesAsync(string user)
        {
            using var api = await host.ApiAsync(user);
            var notices = (await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications", Ct)).EnumerateArray().ToList();
            // The API gives the English text; the stored message is the pages' own.
            Assert.All(notices, n => Assert.False(n.TryGetProperty("notice", out _)));
            return [.. notices.Select(n => (n.GetProperty("reportReference").GetString(), n.GetProperty("text").GetString()!))];
        }

        Assert.Equal(0, await RunAsync());
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await RunAsync();
        Assert.Equal(0, await RunAsync());
        foreach (var user in new[] { "chief-caf", "hq" })
        {
            var notice = Assert.Single(await NoticesAsync(user));
            Assert.Equal(child, notice.Report);
            Assert.Contains("NOT TRIAGED within 24 hours (a child may be involved)", notice.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("approached", notice.Text, StringComparison.Ordinal);
        }
        Assert.Empty(await NoticesAsync("chief-cod"));
        // A French reader gets the notice in French, with its values; the API keeps the English text alone.
        using (var chiefPages = await host.BrowserAsync("chief-caf"))
        {
            var page = System.Net.WebUtility.HtmlDecode(await chiefPages.GetStringAsync("/notifications?lang=fr", Ct));
            Assert.Contains($"{child} : NON TRIÉ dans les 24 heures (un enfant est peut-être concerné) ; reçu le ", page, StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromDays(6));
        await RunAsync();
        var both = await NoticesAsync("chief-caf");
        Assert.Equal(new[] { adult, child }.Order(StringComparer.Ordinal), both.Select(n => n.Report!).Order(StringComparer.Ordinal));
        Assert.Contains(both, n => n.Report == adult && n.Text.Contains("within 7 days;", StringComparison.Ordinal));
        Assert.DoesNotContain(both, n => n.Report == triaged);
        Assert.Equal(2, await host.WithDbAsync((db, _) => db.Reports.CountAsync(r => r.TriageEscalatedAt != null, Ct)));

        // The notifications page links the report.
        using var browser = await host.BrowserAsync("chief-caf");
        Assert.Contains($"href=\"/reports/{child}\"", await browser.GetStringAsync("/notifications", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportWithoutMission_AndNoHeadquartersIntakeAccount_DegradesHealth_UntilOneExists(string provider)
    {
        await using var host = await StartAsync(provider);
        using var anonymous = host.Anonymous();
        async Task<string> HealthAsync() => (await OkAsync(await anonymous.GetAsync("/health", Ct))).GetProperty("status").GetString()!;
        Assert.Equal("healthy", await HealthAsync());

        // A public report that names no mission is for headquarters; here only mission officers and a global analyst exist.
        var submitted = await anonymous.PostAsync("/api/v1/public/reports", Json(new { narrative = "Synthetic: a report that names no mission." }), Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("degraded", await HealthAsync());
        Assert.Equal(1, await host.WithDbAsync((db, services) =>
            HeadquartersIntake.UnreachableReportsAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), Ct)));
        Assert.StartsWith("1 report(s) without a mission and no headquarters intake account", HeadquartersIntake.Describe(1), StringComparison.Ordinal);
        // `serve` warns at start with the same count.
        var startup = await Hosting.StartupTasks.RunAsync(host.App.Services, new Hosting.HostSettings { DataDirectory = Path.GetTempPath(), Storage = host.Storage }, Ct);
        Assert.Equal(1, startup.UnreachableReports);
        using var officer = await host.ApiAsync("officer-caf");
        Assert.Empty((await OkAsync(await officer.GetAsync("/api/v1/reports", Ct))).EnumerateArray());

        // A headquarters conduct officer sees it in their inbox, and the warning goes.
        await host.CreateUserAsync("hq", Roles.ConductOfficer, "global");
        using var hq = await host.ApiAsync("hq");
        var inbox = (await OkAsync(await hq.GetAsync("/api/v1/reports", Ct))).EnumerateArray().ToList();
        Assert.Single(inbox, r => r.GetProperty("mission").ValueKind == JsonValueKind.Null);
        Assert.Equal("healthy", await HealthAsync());
    }

    [Fact]
    public async Task Inbox_FlagsChildReportsAfter24Hours_AndOthersAfter7Days()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock: clock);
        using var staff = await host.ApiAsync("officer-caf");
        var child = await RecordAsync(staff, new { channel = "hotline", relationship = "witness", mission = "MINUSCA", narrative = "Synthetic: a child was approached.", childInvolved = true });
        var adult = await RecordAsync(staff, new { channel = "complaint-box", relationship = "third-party", mission = "MINUSCA", narrative = "Synthetic: transactional sex alleged.", childInvolved = false });
        // "Not known" may be a child: the 24-hour limit, as for a child.
        var unknown = await RecordAsync(staff, new { channel = "complaint-box", relationship = "third-party", mission = "MINUSCA", narrative = "Synthetic: age of the person not known." });

        // A fresh token each time: tokens expire on the same (fake) clock.
        async Task<Dictionary<string, bool>> OverdueAsync()
        {
            using var fresh = await host.ApiAsync("officer-caf");
            return (await fresh.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct)).EnumerateArray()
                .ToDictionary(r => r.GetProperty("reference").GetString()!, r => r.GetProperty("overdue").GetBoolean());
        }

        Assert.Equal(new Dictionary<string, bool> { [child] = false, [adult] = false, [unknown] = false }, await OverdueAsync());
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Equal(new Dictionary<string, bool> { [child] = true, [adult] = false, [unknown] = true }, await OverdueAsync());
        using var later = await host.ApiAsync("officer-caf");
        var overdueOnly = await later.GetFromJsonAsync<JsonElement>("/api/v1/reports?overdue=true", Ct);
        Assert.Equal([child, unknown], overdueOnly.EnumerateArray().Select(r => r.GetProperty("reference").GetString()).ToArray());
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(new Dictionary<string, bool> { [child] = true, [adult] = true, [unknown] = true }, await OverdueAsync());
    }

    [Theory]
    // The consent box ticked, left empty, or posted with a value no checkbox sends (which threw while the page re-rendered).
    [InlineData("true", true, HttpStatusCode.Redirect)]
    [InlineData(null, false, HttpStatusCode.Redirect)]
    [InlineData("1.5", null, HttpStatusCode.BadRequest)]
    public async Task ReportForm_RecordsConsent_AndABadValueRedisplaysTheForm(string? consent, bool? stored, HttpStatusCode status)
    {
        await using var host = await StartAsync();
        using var browser = await host.BrowserAsync("officer-caf");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/reports/new", Ct));
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.Channel"] = "InPerson",
            ["Input.Relationship"] = "Victim",
            ["Input.Mission"] = "MINUSCA",
            ["Input.Narrative"] = "Synthetic account taken at the site office.",
            ["Input.Involved"] = "Military",
            ["Child"] = "no",
            ["__RequestVerificationToken"] = token,
        };
        if (consent is not null)
        {
            fields["Consent"] = consent;
        }
        using var response = await browser.PostAsync("/reports/new", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(status, response.StatusCode);
        var saved = await host.WithDbAsync((db, _) => db.Reports.Select(r => r.ConsentToShare).ToListAsync(Ct));
        if (stored is null)
        {
            Assert.Empty(saved);
            Assert.Contains("<form", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal([stored], saved);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_OpensCase_ThenLinksDuplicate_AndRefusesSecondDecision(string provider)
    {
        await using var host = await StartAsync(provider);
        using var staff = await host.ApiAsync("officer-caf");
        var first = await RecordAsync(staff, new
        {
            channel = "in-person",
            relationship = "victim",
            consentToShare = true,
            mission = "MINUSCA",
            site = "MINUSCA-BRI",
            narrative = "Synthetic first account.",
            incidentDate = "2025-11-03",
            involved = "military",
            childInvolved = false
        });
        var second = await RecordAsync(staff, new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BRI",
            narrative = "Synthetic second account of the same incident.",
            incidentDate = "2025-11"
        });

        // A narrative of invisible characters only (zero-width space, joiner, word joiner) says nothing.
        var invisible = await staff.PostAsync("/api/v1/reports", Json(new { channel = "in-person", relationship = "victim", mission = "MINUSCA", narrative = "\u200B\u200D\u2060" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        Assert.True((await invisible.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("narrative", out _));

        var wrongType = await staff.PostAsync($"/api/v1/reports/{first}/triage", Json(new { action = "open-case", category = "sexual-exploitation", type = "rape", reason = "credible" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await wrongType.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("type", out _));
        var noReason = await staff.PostAsync($"/api/v1/reports/{first}/triage", Json(new { action = "close", closeReason = "not-misconduct" }), Ct);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));

        var opened = await staff.PostAsync($"/api/v1/reports/{first}/triage", Json(new { action = "open-case", category = "sexual-abuse", type = "sexual-assault", reason = "Credible, first-hand account." }), Ct);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var outcome = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("case-opened", outcome.GetProperty("status").GetString());
        var caseReference = outcome.GetProperty("caseReference").GetString()!;
        Assert.StartsWith("CASE-", caseReference, StringComparison.Ordinal);

        var candidates = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{second}/candidates", Ct);
        var top = candidates[0];
        Assert.Equal(caseReference, top.GetProperty("reference").GetString());
        Assert.Contains("same site", top.GetProperty("why").GetString());

        var linked = await staff.PostAsync($"/api/v1/reports/{second}/triage", Json(new { action = "link", caseReference, reason = "Same incident, same site and month." }), Ct);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var again = await staff.PostAsync($"/api/v1/reports/{second}/triage", Json(new { action = "close", closeReason = "not-misconduct", reason = "changed my mind" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // Messages name states as the API writes them, never as C# does.
        var againText = await again.Content.ReadAsStringAsync(Ct);
        Assert.Contains("(linked-to-case)", againText, StringComparison.Ordinal);
        Assert.DoesNotContain("LinkedToCase", againText, StringComparison.Ordinal);

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{second}", Ct);
        Assert.Equal("linked-to-case", detail.GetProperty("status").GetString());
        var decision = Assert.Single(detail.GetProperty("decisions").EnumerateArray());
        Assert.Equal("officer-caf", decision.GetProperty("decidedBy").GetString());
        Assert.Equal("Same incident, same site and month.", decision.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Record_RetriedWithTheSameIdempotencyKey_IsOneReport()
    {
        await using var host = await StartAsync();
        using var staff = await host.ApiAsync("officer-caf");
        async Task<HttpResponseMessage> SendAsync(string narrative)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
            {
                Content = Json(new { channel = "hotline", relationship = "witness", mission = "MINUSCA", narrative }),
            };
            request.Headers.Add("Idempotency-Key", "field-1");
            return await staff.SendAsync(request, Ct);
        }
        var count = await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct));
        var first = await SendAsync("Synthetic: sent on a poor connection.");
        var retry = await SendAsync("Synthetic: sent on a poor connection.");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString());
        Assert.Equal(count + 1, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync("Synthetic: another report with the same key.")).StatusCode);
    }

    [Fact]
    public async Task Close_RecordsReason_AndLeavesTheReport()
    {
        await using var host = await StartAsync();
        using var staff = await host.ApiAsync("officer-caf");
        var reference = await RecordAsync(staff, new { channel = "email", relationship = "third-party", mission = "MINUSCA", narrative = "Synthetic: a contractor of another organisation." });
        var closed = await staff.PostAsync($"/api/v1/reports/{reference}/triage", Json(new { action = "close", closeReason = "not-un-personnel", reason = "Forwarded to the NGO concerned." }), Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var all = await staff.GetFromJsonAsync<JsonElement>("/api/v1/reports?all=true", Ct);
        Assert.Equal("closed", Assert.Single(all.EnumerateArray()).GetProperty("status").GetString());
        var untriaged = await staff.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct);
        Assert.Equal(0, untriaged.GetArrayLength());
    }

    [Fact]
    public async Task Reports_OutsideScope_Are404_AndAnalystsAreRefused()
    {
        await using var host = await StartAsync();
        using var caf = await host.ApiAsync("officer-caf");
        var reference = await RecordAsync(caf, new { channel = "hotline", relationship = "victim", mission = "MINUSCA", narrative = "Synthetic scope test." });
        using var cod = await host.ApiAsync("officer-cod");
        Assert.Equal(0, (await cod.GetFromJsonAsync<JsonElement>("/api/v1/reports?all=true", Ct)).GetArrayLength());
        foreach (var path in new[] { $"/api/v1/reports/{reference}", $"/api/v1/reports/{reference}/candidates" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await cod.GetAsync(path, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await cod.PostAsync($"/api/v1/reports/{reference}/messages", Json(new { text = "hello" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cod.PostAsync($"/api/v1/reports/{reference}/triage", Json(new { action = "close", closeReason = "not-misconduct", reason = "x" }), Ct)).StatusCode);
        var recordElsewhere = await cod.PostAsync("/api/v1/reports", Json(new { channel = "hotline", mission = "MINUSCA", narrative = "x" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, recordElsewhere.StatusCode);

        using var analyst = await host.ApiAsync("analyst-hq");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/reports", Ct)).StatusCode);
        using var browser = await host.BrowserAsync("officer-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/reports/{reference}", Ct)).StatusCode);
    }

    [Fact]
    public async Task StaffPages_ShowInbox_AndReplyReachesTheReporter()
    {
        await using var host = await StartAsync();
        using var anonymous = host.Anonymous();
        var created = await anonymous.PostAsync("/api/v1/public/reports", Json(new { narrative = "Synthetic page test narrative.", mission = "MINUSCA" }), Ct);
        var receipt = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("receipt").GetString()!;

        using var browser = await host.BrowserAsync("officer-caf");
        var inbox = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/inbox", Ct));
        var link = inbox.QuerySelector("td a[href^='/reports/R-']")!.GetAttribute("href")!;
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync(link, Ct));
        Assert.Contains("Synthetic page test narrative.", page.QuerySelector(".narrative")!.TextContent);
        var token = page.QuerySelector("form[action*='handler=Reply'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var reply = await browser.PostAsync(link + "?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Text"] = "We received your report and will contact you here.",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        using var status = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        status.Headers.Add("X-Receipt", receipt);
        var thread = await (await anonymous.SendAsync(status, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("We received your report and will contact you here.", thread.GetProperty("messages")[0].GetProperty("text").GetString());

        // In French: the inbox's ages in French units, a triage refusal with the labels of its values, not their codes.
        var frenchInbox = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/inbox?lang=fr", Ct));
        Assert.Matches("^[0-9]+ h$", frenchInbox.QuerySelector("tbody tr td:nth-child(3)")!.TextContent.Trim());
        var french = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync(link + "?lang=fr", Ct));
        var openToken = french.QuerySelector("form[action*='handler=Open'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await browser.PostAsync(link + "?handler=Open", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Category"] = "SexualExploitation",
            ["Type"] = "Rape",
            ["Reason"] = "Synthetic: a credible account.",
            ["__RequestVerificationToken"] = openToken,
        }), Ct);
        Assert.Contains("« Viol » n'est pas un type d'allégation de la catégorie « Exploitation sexuelle ».",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}
