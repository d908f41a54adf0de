using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Planning;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The chief opens a site, adds a conduct officer and registers a contingent's arrival in the application (what
/// <c>vigil import</c> adds on the server), with the import's rules, and the coverage view, the next problem built and the
/// approval of a plan built before see them. The world is <see cref="PresenceAppTests"/>' (clock 2026-03-10, default horizon
/// from 2026-04-01): CDO-T001 (GHA) posted at Bangui, where Rwanda has troops; CDO-T002 (RWA) at Bria, where a Pakistani
/// company (MINUSCA-BRI-PAK-1) is deployed; Kaga-Bandoro without an officer; MONUSCO's chief is chief-cod.
/// </summary>
public sealed class RecordAdditionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }

    private static IEnumerable<string> Fields(JsonElement errors) => errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static Task<List<string?>> AuditAsync(TestHost host, string type, string code) =>
        host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(e => e.RecordType == type && e.RecordId == code && e.Action == "create")
            .OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync(Ct));

    private static readonly object Ndele = new { code = "MINUSCA-NDL", mission = "MINUSCA", name = "Ndélé", kind = "team-site", latitude = 8.4109, longitude = 20.6473, languages = new[] { "fr", "SG", "ar" } };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASite_NamesEveryFaultAtOnce_RefusesATakenCodeOrName_OtherMissionsAndOfficers_AndIsAudited(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/sites";

        // Who may: the chief of the mission; a conduct officer of it is refused, another mission's chief and an analyst find nothing.
        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, Ndele, Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, Ndele, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/presence/sites/MINUSCA-BRI", Ct)).StatusCode);
        }
        using (var analyst = await host.ApiAsync("analyst-hq"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync(Route, Ndele, Ct)).StatusCode);
        }

        // Every fault at once, each under its field; nothing written.
        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = "MINUSCA NDL", mission = "MINUSCA", name = new string('N', 201), kind = "camp", latitude = 95.2, languages = new[] { "french" } }, Ct));
        Assert.Equal(["code", "kind", "languages", "latitude", "longitude", "name"], Fields(errors));
        Assert.Equal("A code holds no space: join its parts with hyphens, e.g. MINUSCA-BRI.", errors.GetProperty("code")[0].GetString());
        Assert.Equal("At most 200 characters (201 given).", errors.GetProperty("name")[0].GetString());
        Assert.StartsWith("'camp' is not a kind of site: choose one of mission-hq, sector-hq,", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Give the latitude in decimal degrees (WGS 84), from -90 to 90.", errors.GetProperty("latitude")[0].GetString());
        Assert.Contains("'french' is not an ISO 639 language code", errors.GetProperty("languages")[0].GetString(), StringComparison.Ordinal);
        var hash = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = "MINUSCA#2", mission = "MINUSCA" }, Ct));
        Assert.Equal("A code holds no space, control character, /, \\, ?, # or % ('#' given).", hash.GetProperty("code")[0].GetString());
        var blank = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { }, Ct));
        Assert.Equal(["code", "kind", "languages", "latitude", "longitude", "mission", "name"], Fields(blank));
        Assert.Equal(HttpStatusCode.NotFound, (await chief.PostAsJsonAsync(Route, new { code = "X-1", mission = "MINUSKA" }, Ct)).StatusCode);
        Assert.Equal(3, await host.WithDbAsync((db, _) => db.Sites.CountAsync(s => s.Mission!.Code == "MINUSCA", Ct)));

        // A code taken (in any case, as the application finds codes) is a conflict; a name taken in the mission, whatever its case, a field's fault.
        var taken = await chief.PostAsJsonAsync(Route, new { code = "minusca-bri", mission = "MINUSCA", name = "Bria II", kind = "cob", latitude = 6.5, longitude = 21.9, languages = new[] { "fr" } }, Ct);
        var takenText = await taken.Content.ReadAsStringAsync(Ct);
        Assert.True(taken.StatusCode == HttpStatusCode.Conflict, takenText);
        Assert.Contains("A site with the code MINUSCA-BRI already exists.", takenText, StringComparison.Ordinal);
        var named = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = "MINUSCA-BRI-2", mission = "MINUSCA", name = "BRIA", kind = "cob", latitude = 6.5, longitude = 210.9, languages = new[] { "fr" } }, Ct));
        Assert.Equal(["longitude", "name"], Fields(named));
        Assert.Equal("Mission MINUSCA already has a site named 'Bria'.", named.GetProperty("name")[0].GetString());

        // Opened: 201 with the record and a Location that answers it; in the audit log by code, with the interceptor's row.
        var opened = await chief.PostAsJsonAsync(Route, Ndele, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal("/api/v1/presence/sites/MINUSCA-NDL", opened.Headers.Location!.ToString());
        var record = await chief.GetFromJsonAsync<JsonElement>(opened.Headers.Location, Ct);
        Assert.Equal(("Ndélé", "team-site", "MINUSCA"), (record.GetProperty("name").GetString(), record.GetProperty("kind").GetString(), record.GetProperty("mission").GetString()));
        Assert.Equal(["fr", "sg", "ar"], record.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["opened: mission MINUSCA; kind team-site; languages fr,sg,ar"], await AuditAsync(host, "Site", "MINUSCA-NDL"));
        Assert.True(await host.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.RecordType == "Site" && e.Action == "create" && e.RecordId != "MINUSCA-NDL", Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync(Route, Ndele, Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOfficer_NamesEveryFault_IsPostedWhereTheChiefSays_SaysTheConflict_AndRefusesAPlanBuiltBefore(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/officers";
        var body = new { code = "CDO-T003", fullName = "Test Officer Three", nationality = "pak", grade = "P-4", languages = new[] { "en", "ur" }, mission = "MINUSCA", currentSite = "minusca-bri", postedSince = "2026-03-01" };
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);

        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, body, Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, body, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/presence/officers/CDO-T001", Ct)).StatusCode);
        }

        // Every fault at once: a site of another mission, a posting without its first day, a name on two lines.
        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = new string('C', 21), fullName = "Test\nOfficer", nationality = "XX", grade = "P-300000000", languages = Array.Empty<string>(), mission = "MINUSCA", currentSite = "MONUSCO-GOM" }, Ct));
        Assert.Equal(["code", "currentSite", "fullName", "grade", "languages", "nationality", "postedSince"], Fields(errors));
        Assert.Equal("'MONUSCO-GOM' is not a site of mission MINUSCA.", errors.GetProperty("currentSite")[0].GetString());
        Assert.Equal("Give the first day of the officer's posting at the current site (yyyy-MM-dd).", errors.GetProperty("postedSince")[0].GetString());
        Assert.Equal("'XX' is not an ISO 3166-1 alpha-3 country code.", errors.GetProperty("nationality")[0].GetString());
        var orphan = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = "CDO-T003", fullName = "X", nationality = "PAK", grade = "P-4", languages = new[] { "en" }, mission = "MINUSCA", postedSince = "2026-03-01" }, Ct));
        Assert.Equal("A posting's first day is given but no current site: choose the site, or leave the day empty.", orphan.GetProperty("postedSince")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync(Route, new { code = "cdo-t001", fullName = "X", nationality = "PAK", grade = "P-4", languages = new[] { "en" }, mission = "MINUSCA" }, Ct)).StatusCode);
        Assert.False(await host.WithDbAsync((db, _) => db.ConductOfficers.AnyAsync(o => o.Code == "CDO-T003", Ct)));

        // Added, posted at Bria where a Pakistani company is: the answer names it; the Location answers the record.
        var added = await chief.PostAsJsonAsync(Route, body, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var answer = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["MINUSCA-BRI-PAK-1"], answer.GetProperty("conflictingContingents").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("MINUSCA-BRI", "2026-03-01", "PAK"), (answer.GetProperty("currentSite").GetString(), answer.GetProperty("postedSince").GetString(),
            answer.GetProperty("officer").GetProperty("nationality").GetString()));
        Assert.Equal("/api/v1/presence/officers/CDO-T003", added.Headers.Location!.ToString());
        Assert.Equal("Test Officer Three", (await chief.GetFromJsonAsync<JsonElement>(added.Headers.Location, Ct)).GetProperty("fullName").GetString());

        // On the coverage view at Bria, in conflict; audited by code without the name.
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        var bria = coverage.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "MINUSCA-BRI");
        Assert.Contains("CDO-T003", bria.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
        var audit = Assert.Single(await AuditAsync(host, "ConductOfficer", "CDO-T003"));
        Assert.Equal("added: mission MINUSCA; nationality PAK; grade P-4; languages en,ur; posted at MINUSCA-BRI from 2026-03-01", audit);
        Assert.True(await host.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.RecordType == "Posting" && e.Action == "create", Ct)));

        // The plan built before is refused, naming the officer who joined; the next problem has them.
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, approval.StatusCode);
        Assert.Contains("CDO-T003 joined MINUSCA: the plan has no posting for them", await approval.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var next = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, next);
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{next}/problem.json", Ct)).Problem!;
        var joined = problem.Officers.Single(o => o.Id == "CDO-T003");
        Assert.Equal(("PAK", "MINUSCA-BRI"), (joined.Nationality, joined.CurrentSite));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANewSite_IsUncoveredOnCoverage_IsInTheNextProblem_AndLeavesAPlanBuiltBeforeValid(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var browser = await host.BrowserAsync("chief-caf");
        // Kaga-Bandoro closes in mid-April, within the horizon (April and May): the problem leaves it out.
        const string Closure = "/api/v1/presence/sites/MINUSCA-KAG/closure";
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync(Closure, new { lastDay = "2026-04-15" }, Ct)).StatusCode);
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);
        async Task<List<string?>> WarningsAsync() =>
            [.. (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{run}", Ct)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString())];
        Assert.Contains("Site MINUSCA-KAG closes on 2026-04-15, within this horizon: it is left out of the plan.", await WarningsAsync());

        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/presence/sites", Ndele, Ct)).StatusCode);
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA&uncovered=true", Ct);
        Assert.Contains("MINUSCA-NDL", coverage.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        // Kaga-Bandoro's closure withdrawn: it existed when the problem was built, and is said so, not as opened since.
        Assert.Equal(HttpStatusCode.OK, (await chief.DeleteAsync(Closure, Ct)).StatusCode);

        // The review of the plan built before says it covers neither site, each for its reason, and it is approved all the same.
        var warnings = await WarningsAsync();
        Assert.Contains("Site MINUSCA-NDL was opened after this problem was built: the plan does not cover it (it is still valid; plan again to post an officer there).", warnings);
        Assert.Contains("Site MINUSCA-KAG's closure was withdrawn after this problem was built, which left it out as closing: the plan does not cover it (it is still valid; plan again to post an officer there).", warnings);
        Assert.DoesNotContain(warnings, w => w!.Contains("MINUSCA-KAG was opened", StringComparison.Ordinal));
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/rotation/{run}?lang=fr", Ct));
        Assert.Contains("La fermeture du site MINUSCA-KAG a été retirée après la construction de ce problème", page, StringComparison.Ordinal);
        Assert.Contains("Le site MINUSCA-NDL a été ouvert après la construction de ce problème", page, StringComparison.Ordinal);
        // Closed again, past the horizon: said with its new last day.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync(Closure, new { lastDay = "2026-12-31" }, Ct)).StatusCode);
        Assert.Contains("Site MINUSCA-KAG now closes on 2026-12-31, after this horizon; this problem was built when it closed within it and left it out: the plan does not cover it (it is still valid; plan again to post an officer there).",
            await WarningsAsync());
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct)).StatusCode);

        var next = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, next);
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{next}/problem.json", Ct)).Problem!;
        var site = problem.Sites.Single(s => s.Id == "MINUSCA-NDL");
        Assert.Equal(["ar", "fr", "sg"], site.Languages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnArrival_NamesEveryFault_SaysTheConflictsItCreates_AndRefusesAPlanPostingACoNationalThere(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        const string Route = "/api/v1/presence/contingents";
        var run = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, run);
        // Where the plan posts CDO-T001 (GHA) in the horizon.
        var planned = (await chief.GetStringAsync($"/api/v1/rotation/runs/{run}/postings.csv", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => l.Split(',')).First(f => f[0] == "CDO-T001")[3];

        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(Route, new { site = "MINUSCA-BRI" }, Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(Route, new { code = "X", site = "MINUSCA-BRI" }, Ct)).StatusCode);
        }

        // Every fault at once; a last day before the arrival; a code taken.
        var errors = await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { code = "MINUSCA/BRI", site = "MINUSCA-BRI", country = "Ghana", category = "army", unit = "", strength = 0, from = "2026-04-01", to = "2026-03-01" }, Ct));
        Assert.Equal(["category", "code", "country", "strength", "to", "unit"], Fields(errors));
        Assert.Equal("'2026-03-01' is before the arrival day (2026-04-01).", errors.GetProperty("to")[0].GetString());
        Assert.Equal("A code holds no space, control character, /, \\, ?, # or % ('/' given).", errors.GetProperty("code")[0].GetString());
        Assert.Equal(["category", "code", "country", "from", "site", "strength", "unit"], Fields(await ErrorsAsync(await chief.PostAsJsonAsync(Route, new { }, Ct))));
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync(Route, new { code = "MINUSCA-BRI-PAK-1", site = "MINUSCA-BRI", country = "PAK", category = "formed-police", unit = "PAKFPU", strength = 140, from = "2026-04-01" }, Ct)).StatusCode);

        // A Ghanaian unit arriving at Bangui today: CDO-T001 (GHA), posted there, is named.
        var bangui = await chief.PostAsJsonAsync(Route, new { code = "MINUSCA-BGI-GHA-1", site = "MINUSCA-BGI", country = "gha", category = "military-contingent", unit = "GHANBATT", strength = 750, from = "2026-03-10" }, Ct);
        Assert.Equal(HttpStatusCode.Created, bangui.StatusCode);
        Assert.Equal("/api/v1/presence/contingents/MINUSCA-BGI-GHA-1", bangui.Headers.Location!.ToString());
        var answer = await bangui.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["CDO-T001"], answer.GetProperty("conflictsCreated").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(answer.GetProperty("conflictsEnded").EnumerateArray());
        Assert.Equal("GHA", (await chief.GetFromJsonAsync<JsonElement>(bangui.Headers.Location, Ct)).GetProperty("country").GetString());
        Assert.Equal(["arrival registered: site MINUSCA-BGI; country GHA; category military-contingent; unit GHANBATT; strength 750; from 2026-03-10"],
            await AuditAsync(host, "Contingent", "MINUSCA-BGI-GHA-1"));
        Assert.Equal(1, (await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct)).GetProperty("conflicts").GetInt32());

        // And one where the plan posts CDO-T001, from the horizon's start: the plan built before is refused, naming the rule.
        if (planned != "MINUSCA-BGI")
        {
            Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync(Route, new { code = $"{planned}-GHA-1", site = planned, country = "GHA", category = "formed-police", unit = "GHAFPU", strength = 140, from = "2026-04-01", to = "2026-12-31" }, Ct)).StatusCode);
        }
        var approval = await chief.PostAsync($"/api/v1/rotation/runs/{run}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, approval.StatusCode);
        var refusal = await approval.Content.ReadAsStringAsync(Ct);
        Assert.True(refusal.Contains($"a contingent of GHA is now at {planned}: CDO-T001's posting there", StringComparison.Ordinal), refusal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheForms_AreTheChiefs_NameTheirFaultsInFrench_AndLeadToTheNewRecord(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();

        // The links: on the mission page and the site page, for the chief only.
        var mission = parser.ParseDocument(await browser.GetStringAsync("/missions/MINUSCA", Ct));
        Assert.NotNull(mission.QuerySelector("a[href='/missions/MINUSCA/sites/new']"));
        Assert.NotNull(mission.QuerySelector("a[href='/missions/MINUSCA/officers/new']"));
        Assert.NotNull(parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct)).QuerySelector("a[href='/sites/MINUSCA-BRI/contingents/new']"));
        using (var officer = await host.BrowserAsync("officer-caf"))
        {
            Assert.DoesNotContain("/sites/new", await officer.GetStringAsync("/missions/MINUSCA", Ct), StringComparison.Ordinal);
            Assert.DoesNotContain("/contingents/new", await officer.GetStringAsync("/sites/MINUSCA-BRI", Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/missions/MINUSCA/sites/new", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/sites/MINUSCA-BRI/contingents/new", Ct)).StatusCode);
        }
        using (var other = await host.BrowserAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/missions/MINUSCA/officers/new", Ct)).StatusCode);
        }

        // Opening a site: refused in French, each fault beside its control; then opened, the site page says so.
        var form = parser.ParseDocument(await browser.GetStringAsync("/missions/MINUSCA/sites/new?lang=fr", Ct));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Dictionary<string, string> Site(string code, string latitude) => new()
        {
            ["Form.Code"] = code,
            ["Form.Name"] = "Ndélé",
            ["Form.Kind"] = "team-site",
            ["Form.Latitude"] = latitude,
            ["Form.Longitude"] = "20,6473",
            ["Form.Languages"] = "fr, sg",
            ["__RequestVerificationToken"] = token,
        };
        var refused = await browser.PostAsync("/missions/MINUSCA/sites/new?lang=fr", new FormUrlEncodedContent(Site("MINUSCA NDL", "nord")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = parser.ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        foreach (var (name, text) in new[] { ("Form.Code", "Un code ne contient pas d'espace : reliez ses parties par des traits d'union"), ("Form.Latitude", "Indiquez la latitude en degrés décimaux") })
        {
            var input = page.QuerySelector($"input[name='{name}']")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains(text, page.GetElementById(input.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        }
        var taken = await browser.PostAsync("/missions/MINUSCA/sites/new?lang=fr", new FormUrlEncodedContent(Site("MINUSCA-BRI", "8.41")), Ct);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        page = parser.ParseDocument(await taken.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Un site de code MINUSCA-BRI existe déjà.", page.GetElementById(page.QuerySelector("input[name='Form.Code']")!.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var opened = await browser.PostAsync("/missions/MINUSCA/sites/new", new FormUrlEncodedContent(Site("MINUSCA-NDL", "8.4109")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/sites/MINUSCA-NDL", opened.Headers.Location!.ToString());
        // In French, as the form was.
        var notice = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-NDL", Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("Site MINUSCA-NDL ouvert.", notice, StringComparison.Ordinal);
        Assert.Contains("Aucun agent de déontologie n'est affecté à ce site aujourd'hui.", notice, StringComparison.Ordinal);

        // Adding an officer posted at the new site: a day the browser sent unreadable is named; then the site page shows them.
        var officerForm = parser.ParseDocument(await browser.GetStringAsync("/missions/MINUSCA/officers/new?lang=fr", Ct));
        Assert.NotNull(officerForm.QuerySelector("select[name='Form.CurrentSite'] option[value='MINUSCA-NDL']"));
        Dictionary<string, string> Officer(string since) => new()
        {
            ["Form.Code"] = "CDO-T003",
            ["Form.FullName"] = "Test Officer Three",
            ["Form.Nationality"] = "SEN",
            ["Form.Grade"] = "P-3",
            ["Form.Languages"] = "fr, wo",
            ["Form.CurrentSite"] = "MINUSCA-NDL",
            ["Form.PostedSince"] = since,
            ["__RequestVerificationToken"] = officerForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var badDay = await browser.PostAsync("/missions/MINUSCA/officers/new?lang=fr", new FormUrlEncodedContent(Officer("hier")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        page = parser.ParseDocument(await badDay.Content.ReadAsStringAsync(Ct));
        var since = page.QuerySelector("input[name='Form.PostedSince']")!;
        Assert.Equal("true", since.GetAttribute("aria-invalid"));
        Assert.Contains("« hier » n'est pas une date valide", page.GetElementById(since.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var missing = parser.ParseDocument(await (await browser.PostAsync("/missions/MINUSCA/officers/new?lang=fr", new FormUrlEncodedContent(Officer("")), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Indiquez le premier jour de l'affectation", missing.GetElementById(missing.QuerySelector("input[name='Form.PostedSince']")!.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var added = await browser.PostAsync("/missions/MINUSCA/officers/new", new FormUrlEncodedContent(Officer("2026-03-01")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/sites/MINUSCA-NDL", added.Headers.Location!.ToString());
        var site = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-NDL", Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("Agent de déontologie CDO-T003 ajouté.", site, StringComparison.Ordinal);
        Assert.Contains("Test Officer Three", site, StringComparison.Ordinal);
        Assert.DoesNotContain("Aucun agent de déontologie n'est affecté à ce site aujourd'hui.", site, StringComparison.Ordinal);

        // Registering an arrival at Bria: a Rwandan unit, where CDO-T002 (RWA) serves; the site page lists it as arriving and names the conflict.
        var arrivalForm = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI/contingents/new?lang=fr", Ct));
        Dictionary<string, string> Arrival(string strength) => new()
        {
            ["Form.Code"] = "MINUSCA-BRI-RWA-2",
            ["Form.Country"] = "RWA",
            ["Form.Category"] = "formed-police",
            ["Form.Unit"] = "RWAFPU 3",
            ["Form.Strength"] = strength,
            ["Form.From"] = "2026-05-01",
            ["Form.To"] = "",
            ["__RequestVerificationToken"] = arrivalForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var weak = await browser.PostAsync("/sites/MINUSCA-BRI/contingents/new?lang=fr", new FormUrlEncodedContent(Arrival("cent")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        page = parser.ParseDocument(await weak.Content.ReadAsStringAsync(Ct));
        var strengthInput = page.QuerySelector("input[name='Form.Strength']")!;
        Assert.Contains("Indiquez l'effectif autorisé", page.GetElementById(strengthInput.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var registered = await browser.PostAsync("/sites/MINUSCA-BRI/contingents/new?lang=fr", new FormUrlEncodedContent(Arrival("140")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/sites/MINUSCA-BRI", registered.Headers.Location!.ToString());
        var bria = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI?lang=fr", Ct));
        var said = bria.QuerySelector("main")!.TextContent;
        Assert.Contains("Arrivée de MINUSCA-BRI-RWA-2 enregistrée.", said, StringComparison.Ordinal);
        Assert.Contains("Agents de ce site pour qui cela crée un conflit d'intérêts : CDO-T002.", said, StringComparison.Ordinal);
        Assert.NotNull(bria.QuerySelector("a[href='/contingents/MINUSCA-BRI-RWA-2/correct']"));
    }

    /// <summary>
    /// Every day field of the presence forms (a contingent's arrival and last day, its correction and departure, an officer's
    /// posting, leave, an officer's departure and a site's closure) typed unreadable is refused under its own field, the
    /// summary naming the field by its label and echoing what was typed, in English and in French; nothing is written.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnreadableDays_OnEveryPresenceForm_AreNamedByTheirField_WithWhatWasTyped_InEnglishAndFrench(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "CDO-T001", from = "2026-05-04", to = "2026-05-15" }, Ct)).StatusCode);
        var leaveId = await host.WithDbAsync((db, _) => db.OfficerLeaves.Where(l => l.Officer!.Code == "CDO-T001").Select(l => l.Id).SingleAsync(Ct));
        var before = await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct));

        // Posts the form of page (its token read from it) with these fields; returns the refused page and the summary line
        // each named control points at.
        async Task<Dictionary<string, string>> RefusedAsync(string page, string action, Dictionary<string, string> fields, params string[] controls)
        {
            var form = parser.ParseDocument(await browser.GetStringAsync(page, Ct));
            fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var response = await browser.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action}: {response.StatusCode}");
            var refused = parser.ParseDocument(html);
            return controls.ToDictionary(c => c, c =>
            {
                var input = refused.QuerySelectorAll($"input[name='{c}']").Single(i => i.GetAttribute("aria-invalid") == "true");
                return refused.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ').Last())!.TextContent;
            });
        }
        Dictionary<string, string> Arrival(string from, string to) => new()
        {
            ["Form.Code"] = "MINUSCA-BRI-SEN-1",
            ["Form.Country"] = "SEN",
            ["Form.Category"] = "formed-police",
            ["Form.Unit"] = "SENFPU 1",
            ["Form.Strength"] = "140",
            ["Form.From"] = from,
            ["Form.To"] = to,
        };

        // The arrival day was "given" by the old form ("Give the arrival day"); now it says what was typed, like the last day.
        var arrival = await RefusedAsync("/sites/MINUSCA-BRI/contingents/new", "/sites/MINUSCA-BRI/contingents/new", Arrival("2026-13-01", "abc"), "Form.From", "Form.To");
        Assert.Equal("Arrival day: '2026-13-01' is not a valid date (YYYY-MM-DD).", arrival["Form.From"]);
        Assert.Equal("Last day (if known): 'abc' is not a valid date (YYYY-MM-DD).", arrival["Form.To"]);
        var french = await RefusedAsync("/sites/MINUSCA-BRI/contingents/new?lang=fr", "/sites/MINUSCA-BRI/contingents/new?lang=fr", Arrival("abc", ""), "Form.From");
        Assert.Equal("Jour d'arrivée\u00A0: « abc » n'est pas une date valide (AAAA-MM-JJ).", french["Form.From"]);

        var correction = await RefusedAsync("/contingents/MINUSCA-BRI-PAK-1/correct?lang=fr", "/contingents/MINUSCA-BRI-PAK-1/correct?lang=fr", new()
        {
            ["Form.Country"] = "PAK",
            ["Form.Category"] = "military-contingent",
            ["Form.Unit"] = "PAKENGCOY",
            ["Form.Strength"] = "300",
            ["Form.From"] = "2025-02-30",
        }, "Form.From");
        Assert.Equal("Jour d'arrivée\u00A0: « 2025-02-30 » n'est pas une date valide (AAAA-MM-JJ).", correction["Form.From"]);
        // The language chosen is kept (a cookie): from here each page is asked for in its language.
        var departure = await RefusedAsync("/contingents/MINUSCA-BRI-PAK-1/departure?lang=en", "/contingents/MINUSCA-BRI-PAK-1/departure?lang=en", new() { ["LastDay"] = "31/03/2026" }, "LastDay");
        Assert.Equal("Last day: '31/03/2026' is not a valid date (YYYY-MM-DD).", departure["LastDay"]);
        var officer = await RefusedAsync("/missions/MINUSCA/officers/new?lang=en", "/missions/MINUSCA/officers/new?lang=en", new()
        {
            ["Form.Code"] = "CDO-T009",
            ["Form.FullName"] = "Awa Synthetic Ndiaye",
            ["Form.Nationality"] = "SEN",
            ["Form.Grade"] = "P-3",
            ["Form.Languages"] = "fr",
            ["Form.CurrentSite"] = "MINUSCA-BRI",
            ["Form.PostedSince"] = "yesterday",
        }, "Form.PostedSince");
        Assert.Equal("Posted there since: 'yesterday' is not a valid date (YYYY-MM-DD).", officer["Form.PostedSince"]);

        // The leave page's forms: new leave (both days), a leave's new last day, an officer's departure, a site's closure.
        var leave = await RefusedAsync("/rotation/leave?lang=fr", "/rotation/leave?lang=fr", new() { ["Form.Officer"] = "CDO-T002", ["Form.From"] = "2026-06-31", ["Form.To"] = "juin" },
            "Form.From", "Form.To");
        Assert.Equal("Premier jour\u00A0: « 2026-06-31 » n'est pas une date valide (AAAA-MM-JJ).", leave["Form.From"]);
        Assert.Equal("Dernier jour\u00A0: « juin » n'est pas une date valide (AAAA-MM-JJ).", leave["Form.To"]);
        var lastDay = await RefusedAsync("/rotation/leave?lang=en", $"/rotation/leave?handler=LastDay&id={leaveId}&lang=en", new() { ["to"] = "2026-05-32" }, "to");
        Assert.Equal("New last day: '2026-05-32' is not a valid date (YYYY-MM-DD).", lastDay["to"]);
        var left = await RefusedAsync("/rotation/leave", "/rotation/leave?handler=Departure", new() { ["code"] = "CDO-T002", ["lastDay"] = "end of May" }, "lastDay");
        Assert.Equal("Last day: 'end of May' is not a valid date (YYYY-MM-DD).", left["lastDay"]);
        var closed = await RefusedAsync("/rotation/leave", "/rotation/leave?handler=Closure", new() { ["code"] = "MINUSCA-KAG", ["lastDay"] = "2026-4-30" }, "lastDay");
        Assert.Equal("Last day: '2026-4-30' is not a valid date (YYYY-MM-DD).", closed["lastDay"]);

        // Nothing was written.
        Assert.Equal(before, await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.Contingents.AnyAsync(c => c.Code == "MINUSCA-BRI-SEN-1", Ct)));
        Assert.Equal(new DateOnly(2026, 5, 15), await host.WithDbAsync((db, _) => db.OfficerLeaves.Where(l => l.Id == leaveId).Select(l => l.To).SingleAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ContingentsLeaving_AreListedWithDeparturesAndClosures_AndThoseThatLeft_OnTheSitePage(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        // The Rwandan battalion at Bangui leaves at the end of June; the Pakistani company at Bria left yesterday.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-BGI-RWA-1/departure", new { lastDay = "2026-06-30" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/departure", new { lastDay = "2026-03-09" }, Ct)).StatusCode);

        var leave = parser.ParseDocument(await browser.GetStringAsync("/rotation/leave", Ct));
        var row = leave.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("MINUSCA-BGI-RWA-1", StringComparison.Ordinal));
        Assert.Contains("2026-06-30", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("a[href='/contingents/MINUSCA-BGI-RWA-1/departure']"));
        Assert.DoesNotContain("MINUSCA-BRI-PAK-1", leave.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var bria = parser.ParseDocument(await browser.GetStringAsync("/sites/MINUSCA-BRI", Ct));
        var left = bria.QuerySelector("details")!;
        Assert.Contains("Contingents that left (1)", left.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(left.QuerySelector("a[href='/contingents/MINUSCA-BRI-PAK-1/correct']"));
        using var officer = await host.BrowserAsync("officer-caf");
        Assert.Null(parser.ParseDocument(await officer.GetStringAsync("/sites/MINUSCA-BRI", Ct)).QuerySelector("details"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMissionThatHasEnded_TakesNoNewSiteOfficerOrContingent(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        // The clock is 2026-03-10: MINUSCA's mandate ended the day before.
        await host.WithDbAsync(db => db.Missions.Where(m => m.Code == "MINUSCA").ExecuteUpdateAsync(u => u.SetProperty(m => m.EndDate, new DateOnly(2026, 3, 9)), Ct));
        const string Ended = "Mission MINUSCA ended on 2026-03-09: nothing is added to it.";
        var site = await chief.PostAsJsonAsync("/api/v1/presence/sites", Ndele, Ct);
        Assert.Equal(HttpStatusCode.Conflict, site.StatusCode);
        Assert.Contains(Ended, await site.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var officer = await chief.PostAsJsonAsync("/api/v1/presence/officers",
            new { code = "CDO-T009", fullName = "Awa Synthetic Ndiaye", nationality = "SEN", grade = "P-3", languages = new[] { "fr" }, mission = "MINUSCA" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, officer.StatusCode);
        Assert.Contains(Ended, await officer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var contingent = await chief.PostAsJsonAsync("/api/v1/presence/contingents",
            new { code = "MINUSCA-BRI-SEN-1", site = "MINUSCA-BRI", country = "SEN", category = "formed-police", unit = "SENFPU 1", strength = 140, from = "2026-03-20" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, contingent.StatusCode);
        Assert.Contains(Ended, await contingent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await host.WithDbAsync((db, _) => db.Sites.AnyAsync(s => s.Code == "MINUSCA-NDL", Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.ConductOfficers.AnyAsync(o => o.Code == "CDO-T009", Ct)));
        Assert.False(await host.WithDbAsync((db, _) => db.Contingents.AnyAsync(c => c.Code == "MINUSCA-BRI-SEN-1", Ct)));
    }
}
