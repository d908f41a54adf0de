using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>A case followed to its outcome over the real API, on a fake clock, as the issue's walk-through describes.</summary>
public sealed class CaseFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record World(TestHost Host, FakeTimeProvider Clock, string Case, int SubjectId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>A report about a Rwandan soldier in MINUSCA becomes a case with that subject and a child victim.</summary>
    private static async Task<World> OpenCaseAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("officer-cod", Roles.ConductOfficer, "mission:MONUSCO");
        await host.CreateUserAsync("liaison-rwa", Roles.MemberStateLiaison, "country:RWA");
        await host.CreateUserAsync("liaison-ken", Roles.MemberStateLiaison, "country:KEN");
        await host.CreateUserAsync("advocate", Roles.VictimsAdvocate, "mission:MINUSCA");
        await host.CreateUserAsync("analyst", Roles.Analyst, "global");
        using var officer = await host.ApiAsync("officer");
        var report = (await OkAsync(await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BGI",
            narrative = "Synthetic: a girl says a soldier from the battalion gave her money for sex.",
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = true,
        }), Ct))).GetProperty("reference").GetString();
        var triage = await OkAsync(await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new
        {
            action = "open-case",
            category = "sexual-abuse",
            type = "sexual-activity-with-minor",
            reason = "Credible account from a focal point.",
        }), Ct));
        var reference = triage.GetProperty("caseReference").GetString()!;
        var subject = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { personNumber = "P-CAF-001" }), Ct))).GetProperty("id").GetInt32();
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/victims", Json(new { ageGroup = "child", sex = "female", count = 1, identity = "Synthetic Victim Name", paternity = "none" }), Ct));
        return new World(host, clock, reference, subject);
    }

    private static async Task<string> NewReportAsync(HttpClient officer) =>
        (await OkAsync(await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BGI",
            narrative = "Synthetic: a second account of the same events.",
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = false,
        }), Ct))).GetProperty("reference").GetString()!;

    /// <summary>The same request sent several times at once (one client sends them concurrently): the status codes.</summary>
    private static async Task<List<HttpStatusCode>> AtOnceAsync(HttpClient client, int times, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, times).Select(_ => send(client)));
        return [.. responses.Select(r => r.StatusCode)];
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoRequestsAtOnce_OneWins_TheOthersAre409_NeverTwoCasesOrTwoMoves(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        using var officer = await host.ApiAsync("officer");
        var report = await NewReportAsync(officer);
        var cases = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Cases, Ct));

        // A double-submitted triage once opened one case per click.
        var triaged = await AtOnceAsync(officer, 4, c => c.PostAsync($"/api/v1/reports/{report}/triage",
            Json(new { action = "open-case", category = "sexual-exploitation", type = "transactional-sex", reason = "Credible." }), Ct));
        Assert.Equal(1, triaged.Count(s => s == HttpStatusCode.OK));
        Assert.All(triaged.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(cases + 1, await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Cases, Ct)));

        // One move of one case at once: one timeline line, the others 409 (not 200 each, nor a 500).
        var moved = await AtOnceAsync(officer, 4, c => c.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "under-assessment", reason = "Assessing." }), Ct));
        Assert.Equal(1, moved.Count(s => s == HttpStatusCode.OK));
        Assert.All(moved.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var lines = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.CaseEvents, e => e.Kind == CaseEventKind.Transition && db.Cases.Any(c => c.Id == e.CaseId && c.Reference == reference), Ct));
        Assert.Equal(1, lines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AStageNeedsItsRecord_AndAClosedCaseTakesNoChange_UntilReopened(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, reference, subject) = (world.Host, world.Case, world.SubjectId);
        using var officer = await host.ApiAsync("officer");
        using var chief = await host.ApiAsync("chief");
        async Task<HttpStatusCode> MoveAsync(string to) =>
            (await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to, reason = "Next stage." }), Ct)).StatusCode;

        // A closure asked for at one stage lapses when the case moves on: it cannot be approved afterwards.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/closure", Json(new { reason = "duplicate", justification = "Looks like a duplicate." }), Ct));
        var first = (await OkAsync(await chief.GetAsync($"/api/v1/cases/{reference}", Ct))).GetProperty("pendingClosure").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, await MoveAsync("under-assessment"));
        Assert.NotEqual(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true, note = "Agreed." }), Ct)).StatusCode);
        // A decision names the request it was made on: a chief's page showing the lapsed request cannot approve its
        // replacement, which the chief never saw (409, the case stays open).
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/closure", Json(new { reason = "not-misconduct", justification = "On assessment, not misconduct." }), Ct));
        var stale = await chief.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true, request = first }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("under-assessment", (await OkAsync(await chief.GetAsync($"/api/v1/cases/{reference}", Ct))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await MoveAsync("referred-for-investigation"));
        Assert.Equal(HttpStatusCode.OK, await MoveAsync("under-investigation"));
        // Findings issued needs a finding; actions need a substantiated one.
        Assert.Equal(HttpStatusCode.Conflict, await MoveAsync("findings-issued"));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/findings", Json(new { subjectId = subject, outcome = "not-substantiated", by = "troop-contributing-country", issuedOn = "2026-03-02" }), Ct));
        Assert.Equal(HttpStatusCode.OK, await MoveAsync("findings-issued"));
        Assert.Equal(HttpStatusCode.Conflict, await MoveAsync("actions"));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/closure", Json(new { reason = "not-substantiated", justification = "The national investigation did not substantiate it." }), Ct));
        Assert.Equal("closed", (await OkAsync(await chief.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true, note = "Agreed." }), Ct))).GetProperty("status").GetString());

        // Closed: no new subject, victim, routing, action or waiver until reopened.
        foreach (var (path, body) in new (string, object)[]
        {
            ("subjects", new { category = "civilian", nationality = "FRA", description = "Synthetic: another person." }),
            ("victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" }),
            ("routing", new { body = "oios", reason = "Re-routed." }),
            ("actions", new { subjectId = subject, kind = "payment-suspension", by = "united-nations", takenOn = "2026-03-02" }),
        })
        {
            var response = await officer.PostAsync($"/api/v1/cases/{reference}/{path}", Json(body), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        // A new report is not buried in a closed case.
        var report = await NewReportAsync(officer);
        var linked = await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new { action = "link", caseReference = reference, reason = "Same events." }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        Assert.Contains("caseReference", await linked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Reopened, it takes them again.
        Assert.Equal(HttpStatusCode.OK, await MoveAsync("under-assessment"));
        await OkAsync(await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new { action = "link", caseReference = reference, reason = "Same events." }), Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OverlongAndUnknownValues_Are400NamingTheField_OnEveryDatabase(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        await host.CreateUserAsync("auditor", Roles.Auditor, "global");
        using var officer = await host.ApiAsync("officer");
        foreach (var (path, body, field) in new (string, object, string)[]
        {
            ($"/api/v1/cases/{reference}/subjects", new { category = "civilian", nationality = "FRA", unit = new string('U', 250), description = "d" }, "unit"),
            ($"/api/v1/cases/{reference}/notes", new { direction = "sent", kind = "notification", date = "2026-03-02", reference = new string('R', 150) }, "reference"),
            ($"/api/v1/cases/{reference}/assignments", new { userName = "advocate", role = "king" }, "role"),
            ($"/api/v1/cases/{reference}/assignments", new { userName = "advocate", role = "investigator" }, "role"),
            ("/api/v1/reports", new { channel = "cbcm", relationship = "focal-point", mission = "MINUSCA", narrative = "Synthetic.", involved = "military", language = "klingon-xx-yy" }, "language"),
            ("/api/v1/reports", new { channel = "cbcm", relationship = "focal-point", mission = "MINUSCA", narrative = "Synthetic.", involved = "military", incidentDate = "1900" }, "incidentDate"),
            // Dates: not in the future, not before the incident the case is about (2026-02), NIO requests are sent.
            ($"/api/v1/cases/{reference}/notes", new { direction = "sent", kind = "nio-request", date = "1999-01-01" }, "date"),
            ($"/api/v1/cases/{reference}/notes", new { direction = "received", kind = "nio-request", date = "2026-03-02" }, "direction"),
            ($"/api/v1/cases/{reference}/actions", new { subjectId = world.SubjectId, kind = "payment-suspension", by = "united-nations", takenOn = "2031-01-01" }, "takenOn"),
            ($"/api/v1/cases/{reference}/victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none", identity = new string('I', 1001) }, "identity"),
        })
        {
            var response = await officer.PostAsync(path, Json(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {field}: {(int)response.StatusCode} {text}");
            Assert.Contains(field, JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
        // Enum filters read as the API writes them.
        Assert.Equal(1, (await OkAsync(await officer.GetAsync("/api/v1/cases?status=received&category=sexual-abuse", Ct))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/v1/cases?status=2", Ct)).StatusCode);
        // A time with an offset other than UTC (Npgsql writes only UTC to timestamptz).
        using var auditor = await host.ApiAsync("auditor");
        await OkAsync(await auditor.GetAsync("/api/v1/audit?pageSize=1&from=2026-01-01T00:00:00%2B02:00&to=2026-12-31T10:00:00-05:00", Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneLineFields_WithALineBreak_Are400NamingTheField_WithoutEchoingIt_AndNothingIsAdded(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        using var officer = await host.ApiAsync("officer");
        Task<(int Victims, int Subjects, int Notes)> CountsAsync() => host.WithDbAsync(async (db, _) =>
            (await db.CaseVictims.CountAsync(Ct), await db.CaseSubjects.CountAsync(Ct), await db.NotesVerbales.CountAsync(Ct)));
        var before = await CountsAsync();
        foreach (var (path, body, field, said) in new (string, object, string, string)[]
        {
            ($"/api/v1/cases/{reference}/victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none", identity = "Synthetic Zqx\nVictim" }, "identity", "identity"),
            ($"/api/v1/cases/{reference}/subjects", new { category = "civilian", nationality = "FRA", unit = "Zqx\r\nUnit", description = "A driver.\nTall." }, "unit", "unit"),
            ($"/api/v1/cases/{reference}/notes", new { direction = "sent", kind = "notification", date = "2026-03-02", reference = "NV/2026\u0007/Zqx" }, "reference", "reference"),
        })
        {
            var response = await officer.PostAsync(path, Json(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {field}: {(int)response.StatusCode} {text}");
            Assert.StartsWith($"The {said} holds a line break or another control character (U+",
                JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Zqx", text, StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountsAsync());
        // A subject's description is free text: its line breaks are kept.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/subjects", Json(new { category = "civilian", nationality = "FRA", unit = "Transport unit", description = "A driver.\nTall." }), Ct));

        // The case page's victim form says it in French, naming the field.
        using var browser = await host.BrowserAsync("officer");
        var casePage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{reference}", Ct));
        var form = casePage.QuerySelector("form[action*='handler=Victim']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["ageGroup"] = "Adult";
        fields["sex"] = "Female";
        fields["count"] = "1";
        fields["identity"] = "Synthetic\nZqx";
        fields["paternity"] = "None";
        var posted = await browser.PostAsync($"/cases/{reference}?handler=Victim&lang=fr", new FormUrlEncodedContent(fields), Ct);
        var html = System.Net.WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Le champ « identité » contient un saut de ligne ou un autre caractère de contrôle (U+000A) : saisissez-le sur une seule ligne.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqx", html, StringComparison.Ordinal);
        Assert.Equal(before.Victims, await host.WithDbAsync((db, _) => db.CaseVictims.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Case_RoutedToCountry_NioDeadlineEscalates_FindingsActions_AndTwoPersonClosure(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, clock, reference, subject) = (world.Host, world.Clock, world.Case, world.SubjectId);
        using var officer = await host.ApiAsync("officer");

        var view = await OkAsync(await officer.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal("troop-contributing-country", view.GetProperty("body").GetString());
        Assert.Equal("RWA", view.GetProperty("country").GetString());
        Assert.True(view.GetProperty("childVictim").GetBoolean());
        Assert.Equal("none", view.GetProperty("subjects")[0].GetProperty("immunity").GetString());

        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "under-assessment", reason = "Assessing." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "referred-for-investigation", reason = "Credible; contingent member." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/notes", Json(new { direction = "sent", kind = "notification", date = "2026-03-02" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/notes", Json(new { direction = "sent", kind = "nio-request", date = "2026-03-02", reference = "NV/2026/017" }), Ct));
        view = await OkAsync(await officer.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal("2026-03-16", view.GetProperty("nextDeadline").GetProperty("dueOn").GetString());
        Assert.Equal("nio-answer", view.GetProperty("nextDeadline").GetProperty("kind").GetString());

        // The country does not answer: the deadline passes and escalates.
        clock.Advance(TimeSpan.FromDays(15));
        // The background worker may run on the same tick; whoever claims the deadline first escalates it, once.
        var run = await host.WithDbAsync((_, services) => services.GetRequiredService<DeadlineService>().RunAsync(Ct));
        var again = await host.WithDbAsync((_, services) => services.GetRequiredService<DeadlineService>().RunAsync(Ct));
        Assert.Equal(0, again.Escalated);
        var escalations = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.CaseEvents, e => e.Kind == CaseEventKind.DeadlineEscalated, Ct));
        Assert.Equal(1, escalations);
        Assert.InRange(run.Escalated, 0, 1);
        using var chief = await host.ApiAsync("chief");
        var dashboard = await OkAsync(await chief.GetAsync("/api/v1/cases/dashboard", Ct));
        var country = Assert.Single(dashboard.GetProperty("countries").EnumerateArray());
        Assert.Equal("RWA", country.GetProperty("country").GetString());
        Assert.Equal(1, country.GetProperty("oldestDaysOverdue").GetInt32()); // due 16 March, today 17 March
        var overdueList = await OkAsync(await chief.GetAsync("/api/v1/cases?overdue=true", Ct));
        Assert.Equal(1, overdueList.GetProperty("total").GetInt32());
        var notices = await OkAsync(await chief.GetAsync("/api/v1/notifications?unread=true", Ct));
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("OVERDUE", StringComparison.Ordinal)
            && n.GetProperty("caseReference").GetString() == reference);
        // Marking read up to the newest one shown leaves any that arrived after (here: all of them, shown none).
        var shown = notices.EnumerateArray().Min(n => n.GetProperty("id").GetInt32()) - 1;
        Assert.Equal(0, (await OkAsync(await chief.PostAsync($"/api/v1/notifications/read?upTo={shown}", null, Ct))).GetInt32());
        Assert.Equal(1, (await OkAsync(await chief.PostAsync("/api/v1/notifications/read", null, Ct))).GetInt32());
        Assert.Equal(0, (await OkAsync(await chief.GetAsync("/api/v1/notifications?unread=true", Ct))).GetArrayLength());
        using var elsewhere = await host.ApiAsync("officer-cod");
        Assert.Equal(0, (await OkAsync(await elsewhere.GetAsync("/api/v1/notifications", Ct))).GetArrayLength());
        // Headquarters hears of it too: a conduct officer of global scope, as the demo's hq is.
        await host.CreateUserAsync("hq", Roles.ConductOfficer, "global");
        using var headquarters = await host.ApiAsync("hq");
        Assert.Contains((await OkAsync(await headquarters.GetAsync("/api/v1/notifications", Ct))).EnumerateArray(),
            n => n.GetProperty("text").GetString()!.Contains("OVERDUE", StringComparison.Ordinal) && n.GetProperty("caseReference").GetString() == reference);

        using var later = await host.ApiAsync("officer");
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/notes", Json(new { direction = "received", kind = "nio-appointed", date = "2026-03-17" }), Ct));
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "under-investigation", reason = "NIO appointed." }), Ct));
        view = await OkAsync(await later.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal("investigation-completion", view.GetProperty("nextDeadline").GetProperty("kind").GetString());
        Assert.Equal("2026-06-15", view.GetProperty("nextDeadline").GetProperty("dueOn").GetString()); // 90 days for SEA
        // The country's answer came a day late: the case page keeps that on the record, it does not say plainly "met".
        using var page = await host.BrowserAsync("officer");
        var html = await page.GetStringAsync($"/cases/{reference}", Ct);
        Assert.Contains("due 2026-03-16 · met late, on 2026-03-17, escalated", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/findings", Json(new { subjectId = subject, outcome = "substantiated", by = "troop-contributing-country", issuedOn = "2026-03-17" }), Ct));
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "findings-issued", reason = "National investigation report received." }), Ct));
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "actions", reason = "Substantiated." }), Ct));
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/actions", Json(new { subjectId = subject, kind = "repatriation-with-ban", by = "united-nations", takenOn = "2026-03-17" }), Ct));
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/actions", Json(new { subjectId = subject, kind = "imprisonment", by = "member-state", takenOn = "2026-03-17" }), Ct));

        // The substantiated finding and the ban feed the screening registry: one record for the person and case, raised to
        // the stronger finding (barred), with the person's identifiers.
        var registry = await host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Registry, Ct));
        Assert.Equal(["Barred"], registry.Select(r => r.Finding.ToString()).ToArray());
        Assert.All(registry, r =>
        {
            Assert.Equal("Test Person Alpha", r.FullName);
            Assert.Equal("RWA", r.Nationality);
            Assert.Equal(["RW-T-0001"], r.IdNumbers);
            Assert.Equal(reference, r.CaseReference);
        });

        var direct = await later.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "closed", reason = "done" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, direct.StatusCode);
        await OkAsync(await later.PostAsync($"/api/v1/cases/{reference}/closure", Json(new { reason = "actions-completed", justification = "Repatriated and banned; sentenced at home." }), Ct));
        var selfApproval = await later.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode); // an officer is not a chief
        using var chief2 = await host.ApiAsync("chief");
        var closed = await OkAsync(await chief2.PostAsync($"/api/v1/cases/{reference}/closure/decision", Json(new { approve = true, note = "Agreed." }), Ct));
        Assert.Equal("closed", closed.GetProperty("status").GetString());

        view = await OkAsync(await chief2.GetAsync($"/api/v1/cases/{reference}", Ct));
        var timeline = view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("deadline-escalated", timeline);
        Assert.Contains("closure-decided", timeline);
        Assert.Equal("actions-completed", view.GetProperty("closureReason").GetString());
    }

    [Fact]
    public async Task OneCountrysAnswer_MeetsThatCountrysClockOnly()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        foreach (var country in new[] { "RWA", "KEN" })
        {
            await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/notes", Json(new { direction = "sent", kind = "nio-request", country, date = "2026-03-02" }), Ct));
        }
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/notes", Json(new { direction = "received", kind = "nio-appointed", country = "RWA", date = "2026-03-02" }), Ct));

        var deadlines = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("deadlines").EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString() == "nio-answer")
            .ToDictionary(d => d.GetProperty("country").GetString()!, d => d.GetProperty("metOn").ValueKind == JsonValueKind.Null ? null : d.GetProperty("metOn").GetString());
        Assert.Equal("2026-03-02", deadlines["RWA"]);
        Assert.Null(deadlines["KEN"]); // Kenya has not answered: its clock runs on, to escalation.
    }

    [Fact]
    public async Task Chief_CannotApproveOwnClosure_NorIllegalMoves()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var chief = await world.Host.ApiAsync("chief");
        var skip = await chief.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to = "findings-issued", reason = "skip ahead" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Contains("Allowed", await skip.Content.ReadAsStringAsync(Ct));
        var wrongReason = await chief.PostAsync($"/api/v1/cases/{world.Case}/closure", Json(new { reason = "actions-completed", justification = "x" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongReason.StatusCode);
        await OkAsync(await chief.PostAsync($"/api/v1/cases/{world.Case}/closure", Json(new { reason = "duplicate", justification = "Same as another case." }), Ct));
        var own = await chief.PostAsync($"/api/v1/cases/{world.Case}/closure/decision", Json(new { approve = true }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("second person", await own.Content.ReadAsStringAsync(Ct));
        // Only a conduct chief is offered the approval on the page (the officer would be refused it).
        using var officerPage = await world.Host.BrowserAsync("officer");
        Assert.DoesNotContain("Approve closure", await officerPage.GetStringAsync($"/cases/{world.Case}", Ct), StringComparison.Ordinal);
        using var chiefPage = await world.Host.BrowserAsync("chief");
        Assert.Contains("Approve closure", await chiefPage.GetStringAsync($"/cases/{world.Case}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosureRequestSetAsideByAMove_IsSaidToHaveLapsed_ByVigil_NotDecidedByWhoeverMoved()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var chief = await world.Host.ApiAsync("chief");
        await OkAsync(await chief.PostAsync($"/api/v1/cases/{world.Case}/closure", Json(new { reason = "duplicate", justification = "Same as another case." }), Ct));
        using var officer = await world.Host.ApiAsync("officer");
        var status = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("allowedMoves")[0].GetString();
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to = status, reason = "More to assess." }), Ct));
        var line = (await OkAsync(await chief.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString()!.StartsWith("closure-", StringComparison.Ordinal));
        Assert.Equal(("closure-lapsed", "Vigil"), (line.GetProperty("kind").GetString(), line.GetProperty("who").GetString()));
        Assert.Contains("lapsed", line.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCaseRoute_OutsideScope_Is404_AndVictimIdentityStaysWithTheAdvocate()
    {
        await using var world = await OpenCaseAsync("sqlite");
        var reference = world.Case;
        using var outsider = await world.Host.ApiAsync("officer-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{reference}", Ct)).StatusCode);
        var posts = new (string Path, object Body)[]
        {
            ("transitions", new { to = "under-assessment", reason = "x" }), ("subjects", new { category = "civilian" }),
            ("victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" }),
            ("routing", new { body = "oios", reason = "x" }), ("notes", new { direction = "sent", kind = "notification", country = "RWA", date = "2026-03-01" }),
            ("findings", new { subjectId = world.SubjectId, outcome = "substantiated", by = "oios", issuedOn = "2026-03-01" }),
            ("findings/1/approve", new { }), ("actions", new { subjectId = world.SubjectId, kind = "repatriation", by = "united-nations", takenOn = "2026-03-01" }),
            ("waivers", new { subjectId = world.SubjectId, justification = "x" }), ("waivers/decision", new { waiverId = 1, decision = "waived", decidedBy = "x" }),
            ("closure", new { reason = "duplicate", justification = "x" }), ("closure/decision", new { approve = true }),
            ("assignments", new { userName = "officer-cod" }),
        };
        foreach (var (path, body) in posts)
        {
            var response = await outsider.PostAsync($"/api/v1/cases/{reference}/{path}", Json(body), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
        var list = await OkAsync(await outsider.GetAsync("/api/v1/cases", Ct));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        using var browser = await world.Host.BrowserAsync("officer-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{reference}", Ct)).StatusCode);

        using var analyst = await world.Host.ApiAsync("analyst");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/v1/cases/{reference}", Ct)).StatusCode);

        using var kenya = await world.Host.ApiAsync("liaison-ken");
        Assert.Equal(HttpStatusCode.NotFound, (await kenya.GetAsync($"/api/v1/cases/{reference}", Ct)).StatusCode);
        using var rwanda = await world.Host.ApiAsync("liaison-rwa");
        var asLiaison = await OkAsync(await rwanda.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal(JsonValueKind.Null, asLiaison.GetProperty("victims")[0].GetProperty("identity").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await rwanda.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "under-assessment", reason = "x" }), Ct)).StatusCode);

        using var officer = await world.Host.ApiAsync("officer");
        var asOfficer = await OkAsync(await officer.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal(JsonValueKind.Null, asOfficer.GetProperty("victims")[0].GetProperty("identity").ValueKind);
        Assert.True(asOfficer.GetProperty("victims")[0].GetProperty("identityHeld").GetBoolean());
        using var advocate = await world.Host.ApiAsync("advocate");
        Assert.Equal(HttpStatusCode.NotFound, (await advocate.GetAsync($"/api/v1/cases/{reference}", Ct)).StatusCode); // not assigned yet
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/assignments", Json(new { userName = "advocate", role = "victims-advocate" }), Ct));
        var asAdvocate = await OkAsync(await advocate.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Equal("Synthetic Victim Name", asAdvocate.GetProperty("victims")[0].GetProperty("identity").GetString());
        // The timeline says the role in words, not as its token.
        var line = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{reference}", Ct))).GetProperty("timeline").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "assigned").GetProperty("text").GetString();
        Assert.EndsWith("assigned as victims' rights advocate.", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Liaison_SeesTheirOwnNationalOnACase_NotAnotherCountrysSubject(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        // A Pakistani co-subject (identified) and an unidentified one described by name: neither is Rwanda's business.
        var pakistani = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { personNumber = "P-CAF-002" }), Ct))).GetProperty("id").GetInt32();
        var described = (await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new
        {
            category = "civilian",
            nationality = "PAK",
            unit = "Synthetic Unit Marker",
            description = "Synthetic co-subject called Zqxsubject Testcaptain",
        }), Ct))).GetProperty("id").GetInt32();
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/actions", Json(new
        {
            subjectId = pakistani,
            kind = "payment-suspension",
            by = "united-nations",
            takenOn = "2026-03-02",
            note = "Synthetic note about Test Person Bravo",
        }), Ct));

        using var rwanda = await world.Host.ApiAsync("liaison-rwa");
        var response = await rwanda.GetAsync($"/api/v1/cases/{world.Case}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("Test Person Bravo", body, StringComparison.Ordinal);
        Assert.DoesNotContain("P-CAF-002", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqxsubject", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Synthetic Unit Marker", body, StringComparison.Ordinal);
        var subjects = JsonDocument.Parse(body).RootElement.GetProperty("subjects").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt32());
        // Their own national is named; the others are there by category and nationality, flagged as withheld.
        Assert.Equal("Test Person Alpha", subjects[world.SubjectId].GetProperty("name").GetString());
        Assert.False(subjects[world.SubjectId].GetProperty("identityWithheld").GetBoolean());
        foreach (var id in new[] { pakistani, described })
        {
            Assert.True(subjects[id].GetProperty("identityWithheld").GetBoolean());
            Assert.Equal("PAK", subjects[id].GetProperty("nationality").GetString());
        }
        // Nor what became of them: another country's subjects are shown by category and nationality only.
        Assert.Equal(0, subjects[pakistani].GetProperty("actions").GetArrayLength());
        Assert.Equal(0, subjects[pakistani].GetProperty("findings").GetArrayLength());
        using var browser = await world.Host.BrowserAsync("liaison-rwa");
        var page = await (await browser.GetAsync($"/cases/{world.Case}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Test Person Alpha", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Person Bravo", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqxsubject", page, StringComparison.Ordinal);

        // The conduct officer of the mission still sees every subject.
        var asOfficer = await (await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Test Person Bravo", asOfficer, StringComparison.Ordinal);
        Assert.Contains("Zqxsubject", asOfficer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Liaison_GetsNoStaffFreeText_NoNotesToOtherCountries_AndNoHoldReasons(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        // Staff free text that names the victim, on the liaison's own national and in Rwanda's own correspondence.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/actions", Json(new
        {
            subjectId = world.SubjectId,
            kind = "payment-suspension",
            by = "united-nations",
            takenOn = "2026-03-01",
            note = "Synthetic: suspended after Zqxvictim Testgirl identified him.",
        }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new
        {
            category = "military-contingent",
            nationality = "RWA",
            unit = "RWABATT-1",
            description = "Synthetic: second soldier seen by Zqxvictim Testgirl at her home.",
        }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/notes", Json(new
        {
            direction = "sent",
            kind = "notification",
            country = "RWA",
            date = "2026-03-01",
            reference = "UN/NV/RWA-1",
            summary = "Synthetic: to Rwanda about Zqxvictim Testgirl.",
        }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/notes", Json(new
        {
            direction = "sent",
            kind = "notification",
            country = "PAK",
            date = "2026-03-01",
            reference = "UN/NV/PAK-1",
            summary = "Synthetic: to Pakistan.",
        }), Ct));
        using var chief = await world.Host.ApiAsync("chief");
        await OkAsync(await chief.PostAsync($"/api/v1/cases/{world.Case}/legal-hold", Json(new { reason = "Synthetic: Zqxvictim Testgirl filed a civil claim." }), Ct));

        using var rwanda = await world.Host.ApiAsync("liaison-rwa");
        var response = await rwanda.GetAsync($"/api/v1/cases/{world.Case}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("Zqxvictim", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PAK-1", body, StringComparison.Ordinal);
        var view = JsonDocument.Parse(body).RootElement;
        Assert.True(view.GetProperty("reasonsWithheld").GetBoolean());
        var note = Assert.Single(view.GetProperty("notes").EnumerateArray());
        Assert.Equal("RWA", note.GetProperty("country").GetString());
        Assert.Equal(JsonValueKind.Null, note.GetProperty("summary").ValueKind);
        var own = view.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == world.SubjectId);
        Assert.Equal("payment-suspension", own.GetProperty("actions")[0].GetProperty("kind").GetString()); // what was done, not the note
        Assert.Equal(JsonValueKind.Null, own.GetProperty("actions")[0].GetProperty("note").ValueKind);

        var holds = await rwanda.GetAsync($"/api/v1/cases/{world.Case}/legal-hold", Ct);
        var holdBody = await holds.Content.ReadAsStringAsync(Ct);
        Assert.True(holds.IsSuccessStatusCode, holdBody);
        Assert.DoesNotContain("Zqxvictim", holdBody, StringComparison.Ordinal);
        Assert.True(Assert.Single(JsonDocument.Parse(holdBody).RootElement.EnumerateArray()).GetProperty("reasonWithheld").GetBoolean());

        // Staff of the mission read it all, and reading a hold's reason is audited.
        var asOfficer = await (await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Zqxvictim", asOfficer, StringComparison.Ordinal);
        Assert.Contains("PAK-1", asOfficer, StringComparison.Ordinal);
        Assert.Contains("Zqxvictim", await (await chief.GetAsync($"/api/v1/cases/{world.Case}/legal-hold", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await world.Host.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AuditEntries, e => e.Action == "read" && e.RecordType == "LegalHold", Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseTimeline_SaysEachLineInThePagesLanguage_WithTheStagesLabels_OldLinesToo_WhileTheApiKeepsItsText(string provider)
    {
        // Before: the page showed the API's line, "received → under-assessment: …", on French pages too.
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to = "under-assessment", reason = "Credible: assess it." }), Ct));
        // Lines written before the timeline kept its messages: the text alone, as it was stored then (no migration rewrites them).
        const string Old = "under-assessment → referred-for-investigation: Older line: the unit's commander → told.";
        const string Unknown = "under-assessment -> referred: a form no version wrote.";
        await world.Host.WithDbAsync(async (db, services) =>
        {
            var protector = services.GetRequiredService<Vigil.Core.Security.FieldProtector>();
            var id = await db.Cases.Where(c => c.Reference == world.Case).Select(c => c.Id).SingleAsync(Ct);
            var at = world.Clock.GetUtcNow();
            db.CaseEvents.AddRange(
                new CaseEvent { CaseId = id, Kind = CaseEventKind.Transition, At = at.AddMinutes(1), TextSealed = protector.Seal(Old, CaseEvent.TextPurpose) },
                new CaseEvent { CaseId = id, Kind = CaseEventKind.Transition, At = at.AddMinutes(2), TextSealed = protector.Seal(Unknown, CaseEvent.TextPurpose) });
            return await db.SaveChangesAsync(Ct);
        });

        // The API's timeline is as the spec and programs know it: the English line with wire tokens, and nothing more.
        var timeline = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("timeline").EnumerateArray().ToList();
        var texts = timeline.Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains("received → under-assessment: Credible: assess it.", texts);
        Assert.Contains(Old, texts);
        Assert.Contains(Unknown, texts);
        Assert.All(timeline, e => Assert.Equal(["kind", "at", "who", "text", "textWithheld"], e.EnumerateObject().Select(p => p.Name)));

        using var browser = await world.Host.BrowserAsync("officer");
        foreach (var (lang, moved, old, tokens) in new[]
        {
            ("en", "Moved from Received to Under assessment: Credible: assess it.", "Moved from Under assessment to Referred for investigation: Older line: the unit's commander → told.", "Sexual abuse, Sexual activity with a minor"),
            ("fr", "Passé de « Reçu » à « Examen préliminaire » : Credible: assess it.", "Passé de « Examen préliminaire » à « Renvoyé pour enquête » : Older line: the unit's commander → told.", "Atteinte sexuelle, Activité sexuelle avec un mineur"),
        })
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}?lang={lang}", Ct));
            var table = page.QuerySelectorAll("table")[^1];
            var lines = table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td")[2].TextContent.Trim()).ToList();
            Assert.Contains(moved, lines);
            Assert.Contains(old, lines);
            Assert.Contains(lines, l => l.Contains(tokens, StringComparison.Ordinal)); // the case opened from the report: category, type
            // A text no form fits is shown as it is (marked as English on a French page); no other line shows a wire token.
            Assert.Contains(Unknown, lines);
            if (lang == "fr")
            {
                Assert.Equal(Unknown, Assert.Single(table.QuerySelectorAll("span[lang=en]")).TextContent);
            }
            Assert.All(lines.Where(l => l != Unknown), l => Assert.DoesNotMatch("received|under-assessment|sexual-abuse|military-contingent|troop-contributing-country", l));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Liaison_SeesTimelineKindsTimesAndActors_NotTheReasonsStaffTyped(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        // Reasons typed by staff that name the victim: the triage reason (on the "opened" line) is the world's own.
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/transitions",
            Json(new { to = "under-assessment", reason = "Synthetic: Zqxvictim Testgirl confirmed it in the interview." }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/routing",
            Json(new { body = "oios", reason = "Synthetic: Zqxvictim Testgirl's family asked for the UN to investigate." }), Ct));

        using var rwanda = await world.Host.ApiAsync("liaison-rwa");
        var response = await rwanda.GetAsync($"/api/v1/cases/{world.Case}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("Zqxvictim", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Credible account from a focal point", body, StringComparison.Ordinal);
        var view = JsonDocument.Parse(body).RootElement;
        Assert.True(view.GetProperty("reasonsWithheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("routingOverrideReason").ValueKind);
        // Every line is still there, with its kind, time and actor; only the text is withheld.
        var timeline = view.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "transition");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "routing-set");
        Assert.All(timeline, e =>
        {
            Assert.True(e.GetProperty("textWithheld").GetBoolean());
            Assert.Equal("", e.GetProperty("text").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("who").GetString()));
            Assert.NotEqual(default, e.GetProperty("at").GetDateTimeOffset());
        });
        using var browser = await world.Host.BrowserAsync("liaison-rwa");
        var page = await (await browser.GetAsync($"/cases/{world.Case}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("reason withheld", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Zqxvictim", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Credible account from a focal point", page, StringComparison.Ordinal);

        // The conduct officer of the mission still reads the reasons.
        var asOfficer = await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.False(asOfficer.GetProperty("reasonsWithheld").GetBoolean());
        Assert.Contains(asOfficer.GetProperty("timeline").EnumerateArray(),
            e => !e.GetProperty("textWithheld").GetBoolean() && e.GetProperty("text").GetString()!.Contains("Zqxvictim", StringComparison.Ordinal));
        Assert.Contains("Zqxvictim", asOfficer.GetProperty("routingOverrideReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_ACoNational_IsRefusedAndRecorded()
    {
        await using var world = await OpenCaseAsync("sqlite");
        await world.Host.CreateUserAsync("investigator-rwa", Roles.Investigator);
        await world.Host.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == "investigator-rwa");
            user.Nationality = "RWA";
            await db.SaveChangesAsync(Ct);
        });
        using var officer = await world.Host.ApiAsync("officer");
        var refused = await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "investigator-rwa", role = "investigator" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var view = await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.Contains("recusal", view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task UsersAdd_RecordsNationalityAndOfficer_SoThatRecusalKeepsCoNationalsAndColleaguesOff()
    {
        await using var world = await OpenCaseAsync("sqlite");
        var settings = world.Host.App.Services.GetRequiredService<Hosting.HostSettings>();
        Task<int> AddAsync(params string[] args) => Security.AccessRevocationTests.WithInputAsync("a-piped-password-2026",
            () => Cli.VigilCli.RunAsync(["users", "add", "--role", Roles.Investigator, .. args, "--data-dir", settings.DataDirectory, "--database", world.Host.Storage.ConnectionString]));
        Assert.Equal(2, await AddAsync("--user", "bad-country", "--nationality", "XXX"));
        Assert.Equal(2, await AddAsync("--user", "bad-officer", "--officer", "CDO-NOPE"));
        Assert.Equal(0, await AddAsync("--user", "investigator-rwa", "--nationality", "rwa"));
        // Linked to the conduct officer record posted at Bangui, the case's site (nationality GHA, from the record).
        Assert.Equal(0, await AddAsync("--user", "investigator-bgi", "--officer", "CDO-T001"));
        Assert.Equal(0, await AddAsync("--user", "investigator-ken", "--nationality", "KEN"));

        using var officer = await world.Host.ApiAsync("officer");
        foreach (var recused in new[] { "investigator-rwa", "investigator-bgi" })
        {
            var refused = await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = recused, role = "investigator" }), Ct);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "investigator-ken", role = "investigator" }), Ct));
        var view = await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.Equal(2, view.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "recusal"));

        // set-role changes them too: the Kenyan investigator, now marked Rwandan, is kept off the next case.
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["users", "set-role", "--user", "investigator-ken", "--role", Roles.Investigator, "--nationality", "RWA",
            "--data-dir", settings.DataDirectory, "--database", world.Host.Storage.ConnectionString]));
        Assert.Equal("RWA", await world.Host.WithDbAsync((db, _) => Task.FromResult(db.Users.Single(u => u.UserName == "investigator-ken").Nationality)));
    }

    [Fact]
    public async Task CasePages_ListAndMoveACase_WithTheFormsAlone()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var browser = await world.Host.BrowserAsync("officer");
        var list = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/cases", Ct));
        Assert.NotNull(list.QuerySelector($"a[href='/cases/{world.Case}']"));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
        var form = page.QuerySelector("form[action*='handler=Transition']")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var moved = await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["to"] = "UnderAssessment",
            ["reason"] = "Assessment started from the page.",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await browser.GetStringAsync($"/cases/{world.Case}", Ct);
        Assert.Contains("Assessment started from the page.", after);
        Assert.Contains("Under assessment", after);
        var dashboard = await browser.GetAsync("/cases/dashboard", Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task CasePage_AssignsAndTakesOff_WithAReason_AndARecusalIsNamedOnThePage()
    {
        await using var world = await OpenCaseAsync("sqlite");
        await world.Host.CreateUserAsync("investigator-ken", Roles.Investigator);
        await world.Host.CreateUserAsync("investigator-rwa", Roles.Investigator);
        await world.Host.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.UserName == "investigator-rwa").Nationality = "RWA";
            await db.SaveChangesAsync(Ct);
        });
        using var browser = await world.Host.BrowserAsync("officer");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        async Task<HttpResponseMessage> SubmitAsync(string handler, Dictionary<string, string> fields)
        {
            var page = parser.ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
            var form = page.QuerySelector($"form[action*='handler={handler}']")!;
            fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), Ct);
        }

        Assert.Contains("Nobody is assigned to this case.", await browser.GetStringAsync($"/cases/{world.Case}", Ct), StringComparison.Ordinal);
        var recused = await SubmitAsync("Assign", new() { ["userName"] = "investigator-rwa", ["role"] = "investigator" });
        Assert.Equal(HttpStatusCode.Conflict, recused.StatusCode);
        Assert.Contains("Kept off this case", await recused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // In French, the reason too (before: "Kept off this case: the person shares the nationality (RWA) of a subject." on every page).
        var french = parser.ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}?lang=fr", Ct)).QuerySelector("form[action*='handler=Assign']")!;
        var recusedFrench = await browser.PostAsync(french.GetAttribute("action") + "&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "investigator-rwa",
            ["role"] = "investigator",
            ["__RequestVerificationToken"] = french.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, recusedFrench.StatusCode);
        Assert.Contains("Tenu à l'écart de ce dossier : la personne a la nationalité (RWA) d'une personne mise en cause.",
            parser.ParseDocument(await recusedFrench.Content.ReadAsStringAsync(Ct)).QuerySelector("form[action*='handler=Assign']")!.Closest("details")!.QuerySelector(".error[role=alert]")!.TextContent, StringComparison.Ordinal);
        await browser.GetStringAsync($"/cases/{world.Case}?lang=en", Ct); // the language chosen stays with the browser: back to English
        var assigned = await SubmitAsync("Assign", new() { ["userName"] = "investigator-ken", ["role"] = "investigator" });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var listed = parser.ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
        Assert.NotNull(listed.QuerySelector("form[action*='handler=Unassign'] input[name=userName][value=investigator-ken]"));
        // The API's case view carries the same list for those who assign (the chief), and none for other readers.
        using (var api = await world.Host.ApiAsync("chief"))
        {
            var assignment = Assert.Single((await OkAsync(await api.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("assignments").EnumerateArray());
            Assert.Equal("investigator-ken", assignment.GetProperty("userName").GetString());
            Assert.Equal("investigator", assignment.GetProperty("role").GetString());
        }
        using (var api = await world.Host.ApiAsync("liaison-rwa"))
        {
            Assert.Equal(JsonValueKind.Null, (await OkAsync(await api.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("assignments").ValueKind);
        }

        var noReason = await SubmitAsync("Unassign", new() { ["userName"] = "investigator-ken", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True(await world.Host.WithDbAsync((db, _) => db.CaseAssignments.AnyAsync(Ct)));
        var off = await SubmitAsync("Unassign", new() { ["userName"] = "investigator-ken", ["reason"] = "Moved to another mission." });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var after = await browser.GetStringAsync($"/cases/{world.Case}", Ct);
        Assert.Contains("Nobody is assigned to this case.", after, StringComparison.Ordinal);
        Assert.Contains("Moved to another mission.", after, StringComparison.Ordinal);
        Assert.False(await world.Host.WithDbAsync((db, _) => db.CaseAssignments.AnyAsync(Ct)));

        // Others who read the case (a liaison of the subject's country) see no assignment section.
        using var liaison = await world.Host.BrowserAsync("liaison-rwa");
        var theirs = await liaison.GetStringAsync($"/cases/{world.Case}", Ct);
        Assert.Contains(world.Case, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Assign", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_OffersTheAssignedInvestigatorTheFindingAndTheMove_AndTheAssignedAdvocateTheVictims()
    {
        // Before: the page offered these forms to the conduct team only, although the investigator and the advocate
        // assigned may record them (CaseCommands): a new investigator found no way to record a finding but the API.
        await using var world = await OpenCaseAsync("sqlite");
        await world.Host.CreateUserAsync("investigator-ken", Roles.Investigator);
        using var officer = await world.Host.ApiAsync("officer");
        foreach (var to in new[] { "under-assessment", "referred-for-investigation", "under-investigation" })
        {
            await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/transitions", Json(new { to, reason = "Next stage." }), Ct));
        }
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client) =>
            parser.ParseDocument(await client.GetStringAsync($"/cases/{world.Case}", Ct));
        static async Task<HttpResponseMessage> SendAsync(HttpClient client, AngleSharp.Dom.IElement form, Dictionary<string, string> values)
        {
            var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            foreach (var (name, value) in values)
            {
                fields[name] = value;
            }
            return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), Ct);
        }
        const string Finding = "form[action*='handler=Finding']", Move = "form[action*='handler=Transition']", Victim = "form[action*='handler=Victim']";

        // Not yet assigned: no form (the role alone gives no power on a case it cannot see).
        using var investigator = await world.Host.BrowserAsync("investigator-ken");
        using var advocate = await world.Host.BrowserAsync("advocate");
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/cases/{world.Case}", Ct)).StatusCode);
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "investigator-ken", role = "investigator" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "advocate", role = "victims-advocate" }), Ct));

        // The investigator: a finding, and the move to findings issued only; none of the conduct team's other forms.
        var page = await PageAsync(investigator);
        Assert.Equal(["FindingsIssued"], page.QuerySelectorAll($"{Move} select[name=to] option").Select(o => o.GetAttribute("value")));
        foreach (var handler in new[] { "Victim", "Subject", "Note", "Action", "Closure", "Assign" })
        {
            Assert.Null(page.QuerySelector($"form[action*='handler={handler}']"));
        }
        var recorded = await SendAsync(investigator, page.QuerySelector(Finding)!, new()
        {
            ["subjectId"] = world.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["outcome"] = "Substantiated",
            ["by"] = "Oios",
            ["issuedOn"] = "2026-03-02",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var moved = await SendAsync(investigator, (await PageAsync(investigator)).QuerySelector(Move)!, new() { ["to"] = "FindingsIssued", ["reason"] = "Investigation report delivered." });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        using var chief = await world.Host.ApiAsync("chief");
        var view = await OkAsync(await chief.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        Assert.Equal("findings-issued", view.GetProperty("status").GetString());
        var victimsBefore = view.GetProperty("victims").GetArrayLength();

        // The advocate: the victims' form; no finding, no move.
        page = await PageAsync(advocate);
        Assert.Null(page.QuerySelector(Finding));
        Assert.Null(page.QuerySelector(Move));
        var victim = await SendAsync(advocate, page.QuerySelector(Victim)!, new() { ["ageGroup"] = "Adult", ["sex"] = "Female", ["count"] = "1", ["paternity"] = "None" });
        Assert.Equal(HttpStatusCode.Redirect, victim.StatusCode);
        Assert.Equal(victimsBefore + 1, (await OkAsync(await chief.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("victims").GetArrayLength());

        // A reader who holds neither power (the subject's country's liaison) is offered none of the three.
        using var liaison = await world.Host.BrowserAsync("liaison-rwa");
        page = await PageAsync(liaison);
        Assert.Null(page.QuerySelector(Finding));
        Assert.Null(page.QuerySelector(Move));
        Assert.Null(page.QuerySelector(Victim));
    }

    [Fact]
    public async Task CaseListAndDashboard_TellARoleThatOpensNoCaseWhyTheyAreEmpty()
    {
        // Before: an analyst saw "Cases · 0" and a dashboard of zeros, and read them as no case in any mission.
        await using var world = await OpenCaseAsync("sqlite");
        using var analyst = await world.Host.BrowserAsync("analyst");
        using var officer = await world.Host.BrowserAsync("officer");
        foreach (var path in new[] { "/cases", "/cases/dashboard" })
        {
            // ?lang= is remembered (a cookie): each request names its language.
            Assert.Contains("Your role opens no case", await analyst.GetStringAsync(path + "?lang=en", Ct), StringComparison.Ordinal);
            Assert.Contains("Votre rôle ne donne accès à aucun dossier", System.Net.WebUtility.HtmlDecode(await analyst.GetStringAsync(path + "?lang=fr", Ct)), StringComparison.Ordinal);
            var theirs = await officer.GetStringAsync(path, Ct);
            Assert.DoesNotContain("Your role opens no case", theirs, StringComparison.Ordinal);
        }
        Assert.Contains(world.Case, await officer.GetStringAsync("/cases", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseList_AMissionCodeNoMissionHas_IsRefusedNamingTheFilter_NotAnsweredWithZeros(string provider)
    {
        // Before: /cases?mission=MINUSCAX answered "Cases · 0", read as no case in that mission.
        await using var world = await OpenCaseAsync(provider);
        using var api = await world.Host.ApiAsync("officer");
        var unknown = await api.GetAsync("/api/v1/cases?mission=MINUSCAX", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"mission\"", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Any case of a real code reads; a mission out of the caller's scope answers none, as before (missions are public).
        Assert.Equal(1, (await OkAsync(await api.GetAsync("/api/v1/cases?mission=minusca", Ct))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await OkAsync(await api.GetAsync("/api/v1/cases?mission=MONUSCO", Ct))).GetProperty("total").GetInt32());
        using var browser = await world.Host.BrowserAsync("officer");
        foreach (var (lang, said) in new[] { ("en", "Mission: No mission has the code 'MINUSCAX': give a mission's code, e.g. MINUSCA."), ("fr", "Mission\u00A0: Aucune mission n'a le code 'MINUSCAX' : donnez le code d'une mission, par exemple MINUSCA.") })
        {
            var response = await browser.GetAsync($"/cases?mission=MINUSCAX&lang={lang}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(said, page.GetElementById("error-mission")?.TextContent.Trim());
            Assert.Equal("MINUSCAX", page.QuerySelector("input[name=mission]")!.GetAttribute("value"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OverdueDashboard_AMissionCodeNoMissionHas_IsRefusedNamingTheFilter_NotAnsweredWithZeros(string provider)
    {
        // Before: /cases/dashboard?mission=MINUSCAX answered a table of zeros and no overdue deadline, read as nothing overdue there.
        await using var world = await OpenCaseAsync(provider);
        using var api = await world.Host.ApiAsync("officer");
        var unknown = await api.GetAsync("/api/v1/cases/dashboard?mission=MINUSCAX", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("No mission has the code 'MINUSCAX': give a mission's code, e.g. MINUSCA.",
            problem.GetProperty("errors").GetProperty("mission")[0].GetString());
        // A real code in lower case reads (the case opened above, in MINUSCA); a mission out of scope answers zeros, as before.
        static int Open(JsonElement d) => d.GetProperty("stages").EnumerateArray().Sum(s => s.GetProperty("cases").GetInt32());
        Assert.Equal(1, Open(await OkAsync(await api.GetAsync("/api/v1/cases/dashboard?mission=minusca", Ct))));
        Assert.Equal(0, Open(await OkAsync(await api.GetAsync("/api/v1/cases/dashboard?mission=MONUSCO", Ct))));
        Assert.Equal(1, Open(await OkAsync(await api.GetAsync("/api/v1/cases/dashboard", Ct))));
        using var browser = await world.Host.BrowserAsync("officer");
        foreach (var (lang, said) in new[] { ("en", "Mission: No mission has the code 'MINUSCAX': give a mission's code, e.g. MINUSCA."), ("fr", "Mission\u00A0: Aucune mission n'a le code 'MINUSCAX' : donnez le code d'une mission, par exemple MINUSCA.") })
        {
            var response = await browser.GetAsync($"/cases/dashboard?mission=MINUSCAX&lang={lang}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(said, page.GetElementById("error-mission")?.TextContent.Trim());
            Assert.Equal("MINUSCAX", page.QuerySelector("input[name=mission]")!.GetAttribute("value"));
            Assert.DoesNotContain("MINUSCAX", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        }
        var minusca = await browser.GetAsync("/cases/dashboard?mission=minusca", Ct);
        Assert.Equal(HttpStatusCode.OK, minusca.StatusCode);
        Assert.Contains("· MINUSCA", await minusca.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ATextOverItsLength_IsRefusedNamingTheField_InThePagesLanguage()
    {
        // Before: "At most 1,000 characters." alone above the forms, on a subject form of five fields.
        await using var world = await OpenCaseAsync("sqlite");
        using var browser = await world.Host.BrowserAsync("officer");
        var subjectsBefore = await world.Host.WithDbAsync((db, _) => db.CaseSubjects.CountAsync(Ct));
        foreach (var (lang, said) in new[] { ("en", "The description is at most 1,000 characters."), ("fr", "Le champ « description » compte au plus 1\u202F000 caractères.") })
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
            var form = page.QuerySelector("form[action*='handler=Subject']")!;
            var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            fields["category"] = "Civilian";
            fields["nationality"] = "FRA";
            fields["description"] = new string('d', 1001);
            var posted = await browser.PostAsync(form.GetAttribute("action") + "&lang=" + lang, new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            var errors = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await posted.Content.ReadAsStringAsync(Ct)).QuerySelector(".error")!.TextContent;
            // French groups thousands with a narrow space: compared without spaces.
            static string Bare(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s", "");
            Assert.Contains(Bare(said), Bare(errors), StringComparison.Ordinal);
        }
        Assert.Equal(subjectsBefore, await world.Host.WithDbAsync((db, _) => db.CaseSubjects.CountAsync(Ct)));
    }

    [Fact]
    public async Task CasePage_ForALiaison_SaysAnotherCountrysSubjectsFindingsAreNotShown_RatherThanNone()
    {
        // Before: "Findings: — Actions: —" on the other country's subject, read as "no finding", although withheld.
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { category = "civilian", nationality = "FRA", unit = "Transport unit" }), Ct));
        using var liaison = await world.Host.BrowserAsync("liaison-rwa");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await liaison.GetStringAsync($"/cases/{world.Case}?lang=en", Ct));
        var cards = page.QuerySelectorAll(".card").Where(c => c.QuerySelector("strong") is not null && c.TextContent.Contains("Immunity", StringComparison.Ordinal)).ToList();
        var theirs = Assert.Single(cards, c => c.TextContent.Contains("FRA", StringComparison.Ordinal));
        Assert.Contains("Findings, actions and waivers about this person are not shown to you.", theirs.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings:", theirs.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Transport unit", theirs.TextContent, StringComparison.Ordinal);
        // Their own national's card keeps its findings line.
        Assert.Contains("Findings:", Assert.Single(cards, c => c.TextContent.Contains("RWA", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_WritesALabelsColon_AsThePagesLanguageDoes()
    {
        // Before: "Immunité: aucune" on French pages; French puts a (no-break) space before the colon.
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { category = "civilian", nationality = "FRA", unit = "Transport unit" }), Ct));
        using var browser = await world.Host.BrowserAsync("officer");
        foreach (var (lang, immunity, findings) in new[] { ("en", "Immunity:", "Findings:"), ("fr", "Immunité\u00A0:", "Conclusions\u00A0:") })
        {
            var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}?lang={lang}", Ct)).Body!.TextContent;
            Assert.Contains(immunity, text, StringComparison.Ordinal);
            Assert.Contains(findings, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CasePage_AReferralToSupport_RefusesALineBreakInItsProviderAndAnOverlongNote_NamingTheField()
    {
        // Before: a provider "Clinic\nName" was recorded; a note too long said "Au plus 2 000 caractères." alone.
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "advocate", role = "victims-advocate" }), Ct));
        using var advocate = await world.Host.BrowserAsync("advocate");
        foreach (var (provider, note, said) in new[]
        {
            ("Clinic\nName", "", "Le champ « prestataire » contient un saut de ligne"),
            ("Community clinic", new string('n', 2001), "Le champ « note » compte au plus 2"),
        })
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await advocate.GetStringAsync($"/cases/{world.Case}?lang=fr", Ct));
            var form = page.QuerySelector("form[action*='handler=Refer']")!;
            var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            fields["victimId"] = form.QuerySelector("select[name=victimId] option")!.GetAttribute("value")!;
            fields["kind"] = "Medical";
            fields["provider"] = provider;
            fields["note"] = note;
            var posted = await advocate.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Contains(said, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await posted.Content.ReadAsStringAsync(Ct)).QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(0, await world.Host.WithDbAsync((db, _) => db.AssistanceReferrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task CasePage_ABlankOrUnreadableDateOrCount_IsRefusedNamingTheField_AndNothingIsRecorded()
    {
        // Before: a blank date bound as 0001-01-01 and the note verbale was recorded with it; "several" victims as 0.
        await using var world = await OpenCaseAsync("sqlite");
        using var browser = await world.Host.BrowserAsync("officer");
        using var api = await world.Host.ApiAsync("chief");
        var before = await OkAsync(await api.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        var (notesBefore, victimsBefore) = (before.GetProperty("notes").GetArrayLength(), before.GetProperty("victims").GetArrayLength());
        foreach (var (date, count) in new[] { ("", "1"), ("17/02/2026", "1"), ("2026-02-27", "several") })
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
            var note = page.QuerySelector("form[action*='handler=Note']")!;
            var noteSent = await browser.PostAsync(note.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["direction"] = "Sent",
                ["kind"] = "Notification",
                ["country"] = "RWA",
                ["date"] = date,
                ["__RequestVerificationToken"] = note.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }), Ct);
            var victim = page.QuerySelector("form[action*='handler=Victim']")!;
            var victimSent = await browser.PostAsync(victim.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ageGroup"] = "Adult",
                ["sex"] = "Female",
                ["count"] = count,
                ["paternity"] = "None",
                ["__RequestVerificationToken"] = victim.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }), Ct);
            var (noteExpected, victimExpected) = (date.Length == 10 && date[4] == '-' ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest, count == "1" ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest);
            Assert.Equal(noteExpected, noteSent.StatusCode);
            Assert.Equal(victimExpected, victimSent.StatusCode);
            // Named by the label the form shows, not by the field's token.
            foreach (var (response, label) in new[] { (noteSent, "The note verbale's date"), (victimSent, "The number of victims (Count)") }.Where(r => r.Item1.StatusCode == HttpStatusCode.BadRequest))
            {
                var body = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
                Assert.Contains($"<li>{label}</li>", body, StringComparison.Ordinal);
                Assert.Contains("Nothing was saved", body, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            }
        }
        var after = await OkAsync(await api.GetAsync($"/api/v1/cases/{world.Case}", Ct));
        // Only the readable posts were recorded: one note with its own date, two victim entries.
        var notes = after.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal(notesBefore + 1, notes.Count);
        Assert.Equal("2026-02-27", notes[^1].GetProperty("date").GetString());
        Assert.Equal(victimsBefore + 2, after.GetProperty("victims").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CasePage_ARefusedForm_ShowsEachErrorBesideItsField_InThatForm_AndKeepsWhatWasTyped(string provider)
    {
        // Before: every refusal stood in one list above all the forms, tied to no control, and the form came back empty
        // and closed: what was typed was lost.
        await using var world = await OpenCaseAsync(provider);
        await world.Host.CreateUserAsync("investigator-ken", Roles.Investigator);
        using (var api = await world.Host.ApiAsync("officer"))
        {
            await OkAsync(await api.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "investigator-ken", role = "investigator" }), Ct));
        }
        var countsBefore = await world.Host.WithDbAsync(async (db, _) => (await db.NotesVerbales.CountAsync(Ct), await db.CaseSubjects.CountAsync(Ct), await db.CaseVictims.CountAsync(Ct)));
        using var browser = await world.Host.BrowserAsync("officer");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        async Task<(HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)> SubmitAsync(string handler, string lang, Dictionary<string, string> fields)
        {
            var page = parser.ParseDocument(await browser.GetStringAsync($"/cases/{world.Case}", Ct));
            var form = page.QuerySelector($"form[action*='handler={handler}']")!;
            fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var response = await browser.PostAsync(form.GetAttribute("action") + "&lang=" + lang, new FormUrlEncodedContent(fields), Ct);
            return (response.StatusCode, parser.ParseDocument(await response.Content.ReadAsStringAsync(Ct)));
        }
        // The message is in the line the control names, inside the refused form's details (open), the one control marked.
        static AngleSharp.Dom.IElement Beside(AngleSharp.Html.Dom.IHtmlDocument page, string handler, string control, string id, string label)
        {
            var selector = $"form[action*='handler={handler}'] {control}";
            var line = AccessibilityTests.AssertTiedTo(page, selector, id, label);
            var details = page.QuerySelector(selector)!.Closest("details");
            if (details is not null)
            {
                Assert.True(details.HasAttribute("open"), $"the details of {handler} are open");
                Assert.Same(details, line.Closest("details"));
            }
            Assert.Single(page.QuerySelectorAll("[aria-invalid]"));
            return line;
        }
        string? Value(AngleSharp.Html.Dom.IHtmlDocument page, string handler, string name) =>
            page.QuerySelector($"form[action*='handler={handler}'] [name={name}]")!.GetAttribute("value");
        string? Chosen(AngleSharp.Html.Dom.IHtmlDocument page, string handler, string name) =>
            page.QuerySelector($"form[action*='handler={handler}'] select[name={name}] option[selected]")?.GetAttribute("value");

        // A note verbale dated in the future (the clock says 2026-03-02), in English and in French.
        foreach (var (lang, label, said) in new[] { ("en", "Date", "2026-04-01 is in the future."), ("fr", "Date", "2026-04-01 est dans le futur.") })
        {
            var (status, page) = await SubmitAsync("Note", lang, new()
            {
                ["direction"] = "Sent",
                ["kind"] = "NioRequest",
                ["country"] = "RWA",
                ["date"] = "2026-04-01",
                ["noteReference"] = "NV/2026/117",
            });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(said, Beside(page, "Note", "input[name=date]", "error-note-date", label).TextContent, StringComparison.Ordinal);
            Assert.Equal("2026-04-01", Value(page, "Note", "date"));
            Assert.Equal("NV/2026/117", Value(page, "Note", "noteReference"));
            Assert.Equal("RWA", Value(page, "Note", "country"));
            Assert.Equal("NioRequest", Chosen(page, "Note", "kind"));
            // The other forms are as on a first showing: closed, nothing marked, their usual values.
            Assert.False(page.QuerySelector("form[action*='handler=Action']")!.Closest("details")!.HasAttribute("open"));
            Assert.Equal("2026-03-02", Value(page, "Action", "takenOn"));
        }

        // A subject of an unknown nationality, in French: its label in French, every field as typed.
        var (subjectStatus, subjectPage) = await SubmitAsync("Subject", "fr", new()
        {
            ["category"] = "Civilian",
            ["nationality"] = "XQZ",
            ["unit"] = "Transport unit",
            ["description"] = "A driver, tall.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, subjectStatus);
        Assert.Contains("« XQZ » n'est pas un code ISO 3166-1 alpha-3.",
            Beside(subjectPage, "Subject", "input[name=nationality]", "error-subject-nationality", "Nationalité (ISO3)").TextContent, StringComparison.Ordinal);
        Assert.Equal(["XQZ", "Transport unit", "A driver, tall."], new[] { "nationality", "unit", "description" }.Select(f => Value(subjectPage, "Subject", f)));
        Assert.Equal("Civilian", Chosen(subjectPage, "Subject", "category"));

        // No victim: the count tied to its field, the identity typed kept for the one who typed it.
        var (victimStatus, victimPage) = await SubmitAsync("Victim", "en", new()
        {
            ["ageGroup"] = "Adult",
            ["sex"] = "Male",
            ["count"] = "0",
            ["identity"] = "Synthetic Second Victim",
            ["paternity"] = "None",
        });
        Assert.Equal(HttpStatusCode.BadRequest, victimStatus);
        Assert.Equal("Count: The number of victims is 1 to 1,000.", Beside(victimPage, "Victim", "input[name=count]", "error-victim-count", "Count").TextContent.Trim());
        Assert.Equal("0", Value(victimPage, "Victim", "count"));
        Assert.Equal("Synthetic Second Victim", Value(victimPage, "Victim", "identity"));
        Assert.Equal(["Adult", "Male"], new[] { "ageGroup", "sex" }.Select(f => Chosen(victimPage, "Victim", f)));

        // A move without a reason: the reason's field; a move the workflow does not allow from here: no field's, the
        // first line above the move's form (409, as before), nothing marked, the reason typed kept.
        var (blankStatus, blankPage) = await SubmitAsync("Transition", "en", new() { ["to"] = "UnderAssessment", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blankStatus);
        Assert.Contains("Say why (1 to 2,000 characters)", Beside(blankPage, "Transition", "input[name=reason]", "error-transition-reason", "Why").TextContent, StringComparison.Ordinal);
        var (illegalStatus, illegalPage) = await SubmitAsync("Transition", "en", new() { ["to"] = "Actions", ["reason"] = "Straight to actions." });
        Assert.Equal(HttpStatusCode.Conflict, illegalStatus);
        var move = illegalPage.QuerySelector("form[action*='handler=Transition']")!;
        var summary = move.Closest("details")!.QuerySelector(".error[role=alert]")!;
        Assert.StartsWith("A case cannot move from Received to Actions.", summary.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(illegalPage.QuerySelectorAll("[aria-invalid]"));
        Assert.Equal("Straight to actions.", Value(illegalPage, "Transition", "reason"));
        // In French, the stages by their French labels (before: the English sentence with the enum's names).
        var (_, illegalFrench) = await SubmitAsync("Transition", "fr", new() { ["to"] = "Actions", ["reason"] = "Straight to actions." });
        Assert.StartsWith("Un dossier ne peut pas passer de « Reçu » à « Mesures ». Possible : Examen préliminaire",
            illegalFrench.QuerySelector("form[action*='handler=Transition']")!.Closest("details")!.QuerySelector(".error[role=alert] p")!.TextContent, StringComparison.Ordinal);

        // Taking someone off without a reason: tied to that row's reason.
        var (offStatus, offPage) = await SubmitAsync("Unassign", "en", new() { ["userName"] = "investigator-ken", ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, offStatus);
        Assert.Contains("Say why", Beside(offPage, "Unassign", "input[name=reason]", "error-unassign-reason", "Why").TextContent, StringComparison.Ordinal);

        // Nothing was recorded by any of them.
        Assert.Equal(countsBefore, await world.Host.WithDbAsync(async (db, _) => (await db.NotesVerbales.CountAsync(Ct), await db.CaseSubjects.CountAsync(Ct), await db.CaseVictims.CountAsync(Ct))));
        Assert.True(await world.Host.WithDbAsync((db, _) => db.CaseAssignments.AnyAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evidence_IsSealedHashedAndEveryDownloadJoinsTheChainOfCustody(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        var bytes = Encoding.UTF8.GetBytes("Synthetic statement, page 1. Marker-EVID-QZX.");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes), "file", "statement-1.txt" },
            { new StringContent("Focal point's written statement"), "description" },
        };
        var uploaded = await officer.PostAsync($"/api/v1/cases/{world.Case}/evidence", form, Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        var download = await officer.GetAsync($"/api/v1/cases/{world.Case}/evidence/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));

        var register = await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}/evidence", Ct));
        var item = Assert.Single(register.EnumerateArray());
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), item.GetProperty("sha256").GetString());
        Assert.Equal("statement-1.txt", item.GetProperty("name").GetString());
        Assert.Equal(["received", "downloaded"], item.GetProperty("custody").EnumerateArray().Select(c => c.GetProperty("action").GetString()).ToArray());

        using var liaison = await world.Host.ApiAsync("liaison-rwa");
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/api/v1/cases/{world.Case}/evidence/{id}/content", Ct)).StatusCode);
        using var outsider = await world.Host.ApiAsync("officer-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{world.Case}/evidence", Ct)).StatusCode);
    }

    [Fact]
    public async Task Evidence_ContentIsCheckedByItsBytes_AndDownloadsAreAttachmentsNeverSniffed()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");

        // A Windows executable named and declared as a PDF: refused, naming the field.
        using (var disguised = new MultipartFormDataContent())
        {
            var exe = new ByteArrayContent("MZ\u0090\0\u0003\0\0\0 This program cannot be run in DOS mode."u8.ToArray());
            exe.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            disguised.Add(exe, "file", "statement.pdf");
            disguised.Add(new StringContent("Disguised executable"), "description");
            var refused = await officer.PostAsync($"/api/v1/cases/{world.Case}/evidence", disguised, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Contains("not an accepted kind", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        }

        // A PNG declared as HTML: accepted, stored and served as what the bytes prove, as an attachment.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html");
        form.Add(file, "file", "photo.png");
        form.Add(new StringContent("Photo of the site"), "description");
        var uploaded = await officer.PostAsync($"/api/v1/cases/{world.Case}/evidence", form, Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        var download = await officer.GetAsync($"/api/v1/cases/{world.Case}/evidence/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APerson_IsASubjectOfACaseOnce_UnidentifiedSubjectsAsManyAsThereAre(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        using var officer = await world.Host.ApiAsync("officer");
        var again = await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { personNumber = " P-CAF-001 " }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("P-CAF-001 is already a subject of this case.", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { category = "military-contingent" }), Ct));
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/subjects", Json(new { category = "military-contingent" }), Ct));
        Assert.Equal(3, (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("subjects").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseRoutes_AnswerJsonObjects_RecordsAdded201WithIdAndLocation(string provider)
    {
        await using var world = await OpenCaseAsync(provider);
        var (host, reference) = (world.Host, world.Case);
        await host.CreateUserAsync("legal", Roles.LegalOfficer, "mission:MINUSCA");
        using var officer = await host.ApiAsync("officer");
        using var legal = await host.ApiAsync("legal");
        // A record added: 201, its id and the case, and the case (where it is shown) as Location.
        async Task<int> AddedAsync(HttpClient who, string route, object body)
        {
            var response = await who.PostAsync($"/api/v1/cases/{reference}/{route}", Json(body), Ct);
            var answer = await OkAsync(response);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(JsonValueKind.Object, answer.ValueKind);
            Assert.Equal(reference, answer.GetProperty("case").GetString());
            Assert.Equal(route == "assistance" ? $"/api/v1/cases/{reference}/assistance" : $"/api/v1/cases/{reference}", response.Headers.Location?.OriginalString);
            return answer.GetProperty("id").GetInt32();
        }
        var observer = await AddedAsync(officer, "subjects", new { category = "military-expert", nationality = "FRA", description = "Synthetic: an observer." });
        var view = await OkAsync(await officer.GetAsync($"/api/v1/cases/{reference}", Ct));
        Assert.Contains(view.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("id").GetInt32() == observer);
        var victim = await AddedAsync(officer, "victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" });
        Assert.True(await AddedAsync(officer, "notes", new { direction = "sent", kind = "notification", date = "2026-03-02" }) > 0);
        var waiver = await AddedAsync(officer, "waivers", new { subjectId = observer, justification = "Criminal referral needs the waiver." });
        Assert.True(await AddedAsync(officer, "actions", new { subjectId = world.SubjectId, kind = "payment-suspension", by = "united-nations", takenOn = "2026-03-02" }) > 0);
        Assert.True(await AddedAsync(officer, "closure", new { reason = "duplicate", justification = "Same as another case." }) > 0);

        // A change: 200 with what now stands.
        var moved = await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/transitions", Json(new { to = "under-assessment", reason = "Assessing." }), Ct));
        Assert.Equal((reference, "under-assessment"), (moved.GetProperty("case").GetString(), moved.GetProperty("status").GetString()));
        var routing = await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/routing", Json(new { body = "troop-contributing-country", country = " rwa ", reason = "Contingent member." }), Ct));
        Assert.Equal(("troop-contributing-country", "RWA"), (routing.GetProperty("body").GetString(), routing.GetProperty("country").GetString()));
        var decided = await OkAsync(await legal.PostAsync($"/api/v1/cases/{reference}/waivers/decision", Json(new { waiverId = waiver, decision = "waived", decidedBy = "The Secretary-General" }), Ct));
        Assert.Equal((waiver, "waived"), (decided.GetProperty("id").GetInt32(), decided.GetProperty("decision").GetString()));
        var assigned = await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/assignments", Json(new { userName = " advocate ", role = "victims-advocate" }), Ct));
        Assert.Equal(("advocate", "victims-advocate", true), (assigned.GetProperty("userName").GetString(), assigned.GetProperty("role").GetString(), assigned.GetProperty("assigned").GetBoolean()));

        using var advocate = await host.ApiAsync("advocate");
        var referral = await AddedAsync(advocate, "assistance", new { victimId = victim, kind = "medical", provider = "Synthetic clinic", referredOn = "2026-03-02" });
        var updated = await OkAsync(await advocate.PostAsync($"/api/v1/cases/{reference}/assistance/{referral}", Json(new { status = "provided" }), Ct));
        Assert.Equal((referral, "provided"), (updated.GetProperty("id").GetInt32(), updated.GetProperty("status").GetString()));
        var removed = await OkAsync(await officer.PostAsync($"/api/v1/cases/{reference}/assignments/remove", Json(new { userName = "advocate", reason = "Handed over." }), Ct));
        Assert.False(removed.GetProperty("assigned").GetBoolean());

        // The OpenAPI document says so: 201 for an addition, an object for a change.
        using var openApi = JsonDocument.Parse(await officer.GetStringAsync("/openapi/v1.json", Ct));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/cases/{reference}/subjects").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));
        Assert.False(paths.GetProperty("/api/v1/cases/{reference}/subjects").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        var stage = paths.GetProperty("/api/v1/cases/{reference}/transitions").GetProperty("post").GetProperty("responses").GetProperty("200").GetRawText();
        Assert.Contains("CaseStage", stage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssistanceTrack_IsForAdvocatesAndChiefs_AndStaysOffTheTimeline()
    {
        await using var world = await OpenCaseAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        await OkAsync(await officer.PostAsync($"/api/v1/cases/{world.Case}/assignments", Json(new { userName = "advocate", role = "victims-advocate" }), Ct));
        var victimId = (await OkAsync(await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("victims")[0].GetProperty("id").GetInt32();

        using var advocate = await world.Host.ApiAsync("advocate");
        await OkAsync(await advocate.PostAsync($"/api/v1/cases/{world.Case}/assistance", Json(new
        {
            victimId,
            kind = "psychosocial",
            provider = "Synthetic counselling centre",
            referredOn = "2026-03-02",
            note = "First session arranged. Marker-ASSIST-QZX",
        }), Ct));
        // Nobody is referred for support before the incident the case is about (2026-02).
        var early = await advocate.PostAsync($"/api/v1/cases/{world.Case}/assistance", Json(new { victimId, kind = "legal", provider = "Synthetic legal aid", referredOn = "2025-01-01" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("before the incident", (await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("referredOn")[0].GetString(), StringComparison.Ordinal);
        var track = await OkAsync(await advocate.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct));
        Assert.Equal("First session arranged. Marker-ASSIST-QZX", Assert.Single(track.EnumerateArray()).GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct)).StatusCode);
        using var chief = await world.Host.ApiAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync($"/api/v1/cases/{world.Case}/assistance", Ct)).StatusCode);
        var caseView = await (await officer.GetAsync($"/api/v1/cases/{world.Case}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Marker-ASSIST-QZX", caseView);
        Assert.DoesNotContain("counselling", caseView);
        // Not even that there is a track: its line on the timeline is for those who may read the track.
        async Task<bool> SeesTheLineAsync(HttpClient who) => (await OkAsync(await who.GetAsync($"/api/v1/cases/{world.Case}", Ct))).GetProperty("timeline")
            .EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "assistance-recorded");
        Assert.False(await SeesTheLineAsync(officer));
        using var liaison = await world.Host.ApiAsync("liaison-rwa");
        Assert.False(await SeesTheLineAsync(liaison));
        Assert.True(await SeesTheLineAsync(chief));
        Assert.True(await SeesTheLineAsync(advocate));
    }
}
