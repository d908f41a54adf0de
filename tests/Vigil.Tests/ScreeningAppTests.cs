using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Personnel;
using Vigil.Core.Screening;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Screening in the app over the real host: the registry (add, import, filters), the three kinds of
/// run, scheduled re-screening, the adjudication queue with remembered decisions, the chief's alert,
/// and who may see and do what. All names are invented.
/// </summary>
public sealed class ScreeningAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>A CSV body named as a client names an upload: in Content-Disposition, never in the URL.</summary>
    private static StringContent Csv(string text, string fileName)
    {
        var content = Csv(text);
        content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return content;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private const string Registry =
        "record_id,full_name,aliases,date_of_birth,nationality,id_numbers,finding,case_reference\r\n" +
        "REG-T1,Muhammad Abd al-Rahman Yousef,,1984-03,PAK,,substantiated,C-2024-0001\r\n" +
        "REG-T2,\"HABIMANA, Jean Pierre\",,1979,RWA,,barred,\r\n" +
        "REG-T9,Kofi Mensah Boateng,,1961-02-03,GHA,GH-Z-1,pending,\r\n";

    /// <summary>TwoMissions plus two people with names worth screening: one in MINUSCA, one in MONUSCO.</summary>
    private static async Task<(TestHost Host, FakeTimeProvider Clock)> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Configuration["Screening:RunWorker"] = "false";
        });
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.WithDbAsync(async db =>
        {
            var pak = await db.Contingents.Include(c => c.Site).SingleAsync(c => c.Code == "MINUSCA-BRI-PAK-1", Ct);
            var rwa = await db.Contingents.Include(c => c.Site).SingleAsync(c => c.Code == "MONUSCO-GOM-RWA-1", Ct);
            db.Personnel.AddRange(
                new Person
                {
                    PersonNumber = "P-SCR-001",
                    FullName = "Mohamed Abdelrahman Yusuf",
                    Nationality = "PAK",
                    DateOfBirth = new PartialDate(1984, 3, 12),
                    Category = Core.Reference.PersonnelCategory.MilitaryContingent,
                    MissionId = pak.Site!.MissionId,
                    ContingentId = pak.Id
                },
                new Person
                {
                    PersonNumber = "P-SCR-002",
                    FullName = "Jean-Pierre Habimana",
                    Nationality = "RWA",
                    DateOfBirth = new PartialDate(1979, 11, 2),
                    Category = Core.Reference.PersonnelCategory.FormedPolice,
                    MissionId = rwa.Site!.MissionId,
                    ContingentId = rwa.Id
                });
            await db.SaveChangesAsync(Ct);
        });
        await host.CreateUserAsync("screener", Roles.ScreeningOfficer, "global");
        await host.CreateUserAsync("screener-caf", Roles.ScreeningOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("analyst", Roles.Analyst, "global");
        return (host, clock);
    }

    private static async Task<JsonElement[]> CandidatesAsync(HttpClient client, string status = "open") =>
        [.. (await OkAsync(await client.GetAsync($"/api/v1/screening/candidates?status={status}", Ct))).GetProperty("items").EnumerateArray()];

    /// <summary>The test registry imported, then everyone deployed screened against it: the queue holds candidates.</summary>
    private static async Task ImportRegistryAndScreenDeployedAsync(HttpClient screener)
    {
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
    }

    private static Task<RunSummary?> RunIfDueAsync(TestHost host) =>
        host.WithDbAsync((_, services) => services.GetRequiredService<ScreeningScheduler>().RunIfDueAsync(Ct));

    public static TheoryData<string, string, string> BadRecords => new()
    {
        { """{"finding":"substantiated"}""", "fullName", "fullName is required" },
        { """{"fullName":"1234","finding":"barred"}""", "fullName", "holds no letter" },
        { """{"fullName":"Amadou Bah","dateOfBirth":"1980-13","finding":"barred"}""", "dateOfBirth", "dateOfBirth is not a date written YYYY-MM-DD" },
        { """{"fullName":"Amadou Bah","nationality":"XX","finding":"barred"}""", "nationality", "'XX'" },
        { """{"fullName":"Amadou Bah","finding":"guilty"}""", "finding", "'guilty'" },
        { """{"fullName":"Amadou Bah"}""", "finding", "finding is required" },
        { """{"recordId":"REG-T1","fullName":"Amadou Bah","finding":"barred"}""", "recordId", "already exists" },
        // It names the record in URLs: one with '/', '?' or '#' was added and its own Location answered 404.
        { """{"recordId":"a/b?c#d","fullName":"Amadou Bah","finding":"barred"}""", "recordId", "may hold only letters A-Z and a-z, digits" },
        { """{"recordId":"REG 1","fullName":"Amadou Bah","finding":"barred"}""", "recordId", "may hold only" },
        // A name typed by hand is one line: a line break or another control character is refused, naming the field.
        { """{"fullName":"Amadou\nBah","finding":"barred"}""", "fullName", "holds a line break or another control character (U+000A)" },
        { """{"fullName":"Amadou Bah","finding":"barred","aliases":["Amadou\u0007Bah"]}""", "aliases", "control character (U+0007)" },
        { $$"""{"fullName":"Amadou Bah","finding":"barred","aliases":[{{string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"Bah {(char)('a' + (i % 26))}{(char)('a' + (i / 26))}\""))}}]}""", "aliases", "at most 50" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task AddRecord_BadInput_IsAProblemNamingTheField(string body, string field, string message)
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        var problem = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry", new StringContent(body, Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadDateOfBirth_IsRefusedNamingTheField_WithoutEchoingTheDate()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        foreach (var (path, body) in new[]
        {
            ("/api/v1/screening/registry", (object)new { fullName = "Synthetic Zqxname Testperson", dateOfBirth = "1984-13-31", finding = "barred" }),
            ("/api/v1/screening/runs/person", new { fullName = "Synthetic Zqxname Testperson", dateOfBirth = "1984-13-31" }),
        })
        {
            var response = await screener.PostAsync(path, Json(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"dateOfBirth\"", text, StringComparison.Ordinal);
            // A date of birth is personal data: error responses name the field, never its value.
            Assert.DoesNotContain("1984-13-31", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Zqxname", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PlaceholderBirthDate_RefusedWhenTyped_CountedWhenImported_SetAsideWhenScreening(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");

        // Typed by hand (the clock says 2026-03-02): refused, naming the field and not echoing the date.
        var typed = await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Synthetic Zqxname Testperson", dateOfBirth = "1900-01-01", finding = "barred" }), Ct);
        var text = await typed.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("leave it empty when it is not known", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1900-01-01", text, StringComparison.Ordinal);
        Assert.Equal(0, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());

        // Imported from a legacy file: kept as written, and counted (2011 is under 16; 1926 is 100 this year, still plausible).
        const string legacy = "record_id,full_name,date_of_birth,nationality,finding\r\n" +
            "REG-P1,Jean-Pierre Habimana,1900-01-01,RWA,barred\r\n" +
            "REG-P2,Synthetic Qwvname One,2011-05-01,KEN,barred\r\n" +
            "REG-P3,Synthetic Qwvname Two,1926,KEN,barred\r\n";
        var imported = await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(legacy), Ct));
        Assert.Equal(3, imported.GetProperty("imported").GetInt32());
        Assert.Equal(2, imported.GetProperty("birthDatesSetAside").GetInt32());

        // Screening: the placeholder no longer counts against the serving Jean-Pierre Habimana (1979-11-02), and the
        // reason says why.
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        var candidate = Assert.Single(await CandidatesAsync(screener), c => c.GetProperty("recordId").GetString() == "REG-P1");
        Assert.Contains("birth date 1900-01-01 on record set aside (not plausible)", candidate.GetProperty("reasons").GetString(), StringComparison.Ordinal);

        // Screening one person (hiring): a typed placeholder is refused like the registry's, without echoing it.
        var person = await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/person",
            Json(new { fullName = "Synthetic Zqxname Testperson", dateOfBirth = "1900-01-01" }), Ct), HttpStatusCode.BadRequest);
        var personError = person.GetProperty("errors").GetProperty("dateOfBirth")[0].GetString();
        Assert.Contains("older than 80 today, so screening would set it aside", personError, StringComparison.Ordinal);
        Assert.DoesNotContain("1900", personError, StringComparison.Ordinal);

        // A roster's placeholders are screened (a personnel system's export is what it is) and counted in the run.
        const string roster = "person_id,full_name,date_of_birth,nationality\r\n" +
            "R-P1,Synthetic Qwvname Three,0001-01-01,KEN\r\n" +
            "R-P2,Synthetic Qwvname Four,1988-04-09,KEN\r\n" +
            "R-P3,Synthetic Qwvname Five,1900,KEN\r\n";
        var rosterRun = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment", Csv(roster, "placeholders.csv"), Ct));
        Assert.Equal(3, rosterRun.GetProperty("people").GetInt32());
        Assert.Equal(2, rosterRun.GetProperty("birthDatesSetAside").GetInt32());
        var listed = await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct));
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetInt32() == rosterRun.GetProperty("id").GetInt32() && r.GetProperty("birthDatesSetAside").GetInt32() == 2);

        // The page's notice after an import through the form: RegistryPage_NoticesComeOnlyFromTheOfficersOwnPost_NeverFromTheUrl.
        using var browser = await host.BrowserAsync("screener");

        // The runs page after a roster's run through its form: the notice, and the count in the run's row.
        var runsPage = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
        var token = runsPage.QuerySelector("form[action*='handler=Roster'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("pre-deployment"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(roster)), "file", "placeholders.csv" },
        };
        var posted = await browser.PostAsync("/screening/runs?handler=Roster", upload, Ct);
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("2 date(s) of birth of the people screened make the person younger than 16 or older than 80 today", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td></tr>", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadImports => new()
    {
        { "record_id,full_name,finding\r\nR-1,Amadou Bah,barred\r\nR-2,Ali Musa,guilty\r\n", "registry.csv: line 3, column 3: finding 'guilty'" },
        { "record_id,full_name,date_of_birth,finding\r\nR-1,Amadou Bah,1980-02-30,barred\r\n", "registry.csv: line 2, column 3: date_of_birth '1980-02-30'" },
        { "record_id,full_name,finding\r\nR-1,Amadou Bah,barred\r\nR-2,Ali Musa,\r\n", "registry.csv: line 3, column 3: finding is empty" },
        { "record_id,full_name,finding\r\nR-1,Amadou Bah,barred\r\nREG-T1,Ali Musa,barred\r\n", "registry.csv: line 3, column 1: record_id 'REG-T1' already exists" },
        // The column of record_id wherever it is (it was always reported as column 1).
        { "finding,full_name,record_id\r\nbarred,Ivan Sidorov,NEWX-1\r\nbarred,Petr Sidorov,REG-T1\r\n", "registry.csv: line 3, column 3: record_id 'REG-T1' already exists" },
        { $"finding,record_id,full_name\r\nbarred,{new string('R', 41)},Ivan Sidorov\r\n", "registry.csv: line 2, column 2: record_id 'RRRR" },
        { "full_name,finding,record_id\r\nIvan Sidorov,barred,R/1\r\n", "registry.csv: line 2, column 3: record_id 'R/1' may hold only letters" },
        { "record_id,full_name,finding\r\nR-1,\"Amadou Bah,barred\r\n", "registry.csv: line 2, column 2: malformed CSV" },
        { "full_name,finding\r\nAmadou Bah,barred\r\n", "the required column 'record_id' is missing" },
        { "record_id,full_name,nationality,finding\r\nR-1,Amadou Bah,XYZ,barred\r\n", "registry.csv: line 2, column 3: nationality 'XYZ' is not an ISO 3166-1 alpha-3" },
        { $"record_id,full_name,finding,case_reference\r\nR-1,Amadou Bah,barred,{new string('C', 41)}\r\n", "registry.csv: line 2, column 4: case_reference is longer than 40" },
        { "record_id,full_name\r\nR-1,Amadou Bah\r\n", "registry.csv: line 1, column 2: the required column 'finding' is missing from the header" },
        { "record_id,full_name,finding\r\nR-1,Amadou\0Bah,barred\r\n", "registry.csv: line 2, column 2: the value holds a NUL character" },
        // An alias of 2,000 words was once imported, and every screening after it overflowed the stack.
        { $"record_id,full_name,aliases,finding\r\nR-1,Prosper Akpovi,{string.Join(' ', Enumerable.Repeat("Akpovi", 2000))},barred\r\n", "registry.csv: line 2, column 3: aliases: value 1 is longer than 300 characters" },
    };

    [Theory]
    [MemberData(nameof(BadImports))]
    public async Task Import_BadFile_IsRejectedWhole_WithLineColumnAndValue(string csv, string message)
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        var problem = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(csv), Ct), HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        // All or nothing: the good first row of the bad file was not kept.
        Assert.Equal(3, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Registry_ImportAddAndFilter_WithRecordsFedFromCases(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        Assert.Equal(3, (await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry, "legacy.csv"), Ct))).GetProperty("imported").GetInt32());
        var added = await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new
        {
            fullName = "Ousmane Diallo",
            aliases = new[] { "Usman Diallo" },
            dateOfBirth = "1975-06-01",
            nationality = "sen",
            idNumbers = new[] { "SN-44 12" },
            finding = "pending",
        }), Ct));
        Assert.StartsWith("REG-", added.GetProperty("recordId").GetString(), StringComparison.Ordinal);
        Assert.Equal("SEN", added.GetProperty("nationality").GetString());
        // A record fed from a case (RegistryFeed) is listed with its source.
        await host.WithDbAsync(async db =>
        {
            db.Registry.Add(new RegistryRecord { RecordId = "REG-CASE1", FullName = "Test Person Delta", Finding = RegistryFinding.Substantiated, CaseReference = "C-2026-0009", Source = RegistrySource.Case, RecordedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync(Ct);
        });

        async Task<string[]> IdsAsync(string query) =>
            [.. (await OkAsync(await screener.GetAsync("/api/v1/screening/registry?" + query, Ct))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recordId").GetString()!).Order(StringComparer.Ordinal)];
        // A name is searched by POST, never in the URL (which logs and history keep).
        var searched = await OkAsync(await screener.PostAsync("/api/v1/screening/registry/search", Json(new { name = "habimana" }), Ct));
        Assert.Equal(["REG-T2"], searched.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recordId").GetString()!));
        // A record id is found whatever its case, as look-ups are.
        var byId = await OkAsync(await screener.PostAsync("/api/v1/screening/registry/search", Json(new { name = "reg-case1" }), Ct));
        Assert.Equal(["REG-CASE1"], byId.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recordId").GetString()!));
        var inUrl = await ProblemAsync(await screener.GetAsync("/api/v1/screening/registry?name=habimana", Ct), HttpStatusCode.BadRequest);
        Assert.Contains("POST /api/v1/screening/registry/search", inUrl.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("pageSize", (await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry/search", Json(new { name = "habimana", pageSize = 0 }), Ct), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["REG-T2"], await IdsAsync("finding=barred"));
        Assert.Equal(["REG-CASE1"], await IdsAsync("source=case"));
        Assert.Equal(2, (await IdsAsync("finding=pending")).Length);
        Assert.Contains("source", (await ProblemAsync(await screener.GetAsync("/api/v1/screening/registry?source=rumour", Ct), HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Runs_RosterPersonAndDeployed_RaiseCandidates_OncePerPair(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));

        // (a) A contingent's roster on arrival: one row is a transliteration of REG-T1, the other nobody.
        var roster = "person_id,full_name,date_of_birth,nationality,category,unit\r\n" +
                     "NEW-001,Mohammed Abdul Rahman Youssef,1984-03-12,PAK,military-contingent,PAKENGCOY\r\n" +
                     "NEW-002,Hamid Karimi,1990,PAK,military-contingent,PAKENGCOY\r\n";
        var run = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MINUSCA", Csv(roster, "pak-arrivals.csv"), Ct));
        Assert.Equal("arrival", run.GetProperty("kind").GetString());
        // The file's name is the run's label (sealed at rest), read back as given; in the URL it is refused.
        Assert.Equal("pak-arrivals.csv", run.GetProperty("label").GetString());
        Assert.Equal("pak-arrivals.csv", (await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray().First().GetProperty("label").GetString());
        var named = await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MINUSCA&fileName=pak.csv", Csv(roster), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Content-Disposition", named.GetProperty("errors").GetProperty("fileName")[0].GetString(), StringComparison.Ordinal);
        await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry/import?fileName=legacy.csv", Csv(Registry), Ct), HttpStatusCode.BadRequest);
        Assert.Equal(2, run.GetProperty("people").GetInt32());
        Assert.Equal(1, run.GetProperty("raised").GetInt32());
        var bad = await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/roster", Csv("person_id,full_name,category\r\nX-1,Ali Musa,soldier\r\n"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("roster.csv: line 2, column 3: category 'soldier'", bad.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        // A name of 50,000 words is refused (one of 500,000 once overflowed the stack and took the server down).
        var huge = await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/roster",
            Csv($"person_id,full_name\r\nX-2,{string.Concat(Enumerable.Repeat("Zebulon ", 50_000))}Quartermain\r\n"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("roster.csv: line 2, column 2: full_name is longer than 300 characters", huge.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);

        // (b) One person for hiring, twice: the second run raises nothing new.
        var applicant = new { fullName = "Kofi M. Boateng", dateOfBirth = "1961-02", nationality = "GHA", idNumbers = new[] { "gh z 1" } };
        Assert.Equal(1, (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct))).GetProperty("raised").GetInt32());
        var again = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct));
        Assert.Equal((1, 0), (again.GetProperty("candidates").GetInt32(), again.GetProperty("raised").GetInt32()));
        Assert.Contains("dateOfBirth", (await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(new { fullName = "Ali Musa", dateOfBirth = "13/02/1990" }), Ct), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // (c) Everyone deployed: both serving people match their records.
        var deployed = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        Assert.Equal("deployed", deployed.GetProperty("kind").GetString());
        Assert.Equal(6, deployed.GetProperty("people").GetInt32());
        Assert.Equal(2, deployed.GetProperty("raised").GetInt32());

        var queue = await CandidatesAsync(screener);
        Assert.Equal(4, queue.Length);
        var alpha = queue.Single(c => c.GetProperty("subjectKey").GetString() == "P-SCR-001");
        Assert.Equal("REG-T1", alpha.GetProperty("recordId").GetString());
        Assert.Equal("MINUSCA", alpha.GetProperty("mission").GetString());
        Assert.Contains("nationality agrees", alpha.GetProperty("reasons").GetString(), StringComparison.Ordinal);
        var runs = (await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["deployed", "person", "person", "arrival"], runs);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ScheduledRescreening_AfterRegistryChange_RaisesOnlyNewCandidates_AndOneHostClaimsIt(string provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        var first = await RunIfDueAsync(host);
        Assert.NotNull(first); // never run before: due
        Assert.Equal(0, first.Raised);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await RunIfDueAsync(host)); // nothing changed, interval not passed

        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterImport = await RunIfDueAsync(host);
        Assert.Equal(("registry changed", 2), (afterImport!.Label, afterImport.Raised));
        // The runs page gives the reason in its language; the label on record stays the engine's.
        using (var browser = await host.BrowserAsync("screener"))
        {
            Assert.Contains("<td>registre modifié</td>", await browser.GetStringAsync("/screening/runs?lang=fr", Ct), StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Test Person Bravo", nationality = "PAK", finding = "barred" }), Ct));
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterAdd = await RunIfDueAsync(host);
        Assert.Equal(3, afterAdd!.Candidates);
        Assert.Equal(1, afterAdd.Raised); // only Bravo's pair is new
        Assert.Contains(await CandidatesAsync(screener), c => c.GetProperty("subjectKey").GetString() == "P-CAF-002");

        // Two hosts at once after a change: exactly one claims the run.
        clock.Advance(TimeSpan.FromMinutes(1));
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Kwabena Asante", finding = "barred" }), Ct));
        clock.Advance(TimeSpan.FromMinutes(1));
        var both = await Task.WhenAll(RunIfDueAsync(host), RunIfDueAsync(host));
        Assert.Single(both, r => r is not null);

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("schedule", (await RunIfDueAsync(host))!.Label);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Decisions_AreRemembered_UntilARecordChanges_AndAConfirmedDeployedMatchAlertsTheChief(string provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        var queue = await CandidatesAsync(screener);
        var caf = queue.Single(c => c.GetProperty("subjectKey").GetString() == "P-SCR-001").GetProperty("id").GetInt32();
        var cod = queue.Single(c => c.GetProperty("subjectKey").GetString() == "P-SCR-002").GetProperty("id").GetInt32();

        var noNote = await ProblemAsync(await screener.PostAsync($"/api/v1/screening/candidates/{cod}/decision", Json(new { decision = "not-same-person", note = " " }), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("note", noNote.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        // A double-submitted decision: one is recorded, the others are 409 (each once answered 200, one "dismissed", one "confirmed").
        var decided = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            screener.PostAsync($"/api/v1/screening/candidates/{cod}/decision", Json(new { decision = "not-same-person", note = "Passport photo and service record differ." }), Ct)));
        Assert.Equal(1, decided.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(decided.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await ProblemAsync(await screener.PostAsync($"/api/v1/screening/candidates/{cod}/decision", Json(new { decision = "same-person", note = "Again." }), Ct), HttpStatusCode.Conflict);
        // The note is sealed at rest and read back in clear by those who may see the candidate.
        Assert.Equal("Passport photo and service record differ.", (await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{cod}", Ct))).GetProperty("decisionNote").GetString());
        Assert.Equal("confirmed", (await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{caf}/decision", Json(new { decision = "same-person", note = "Same service number in the national record." }), Ct))).GetString());

        // The MINUSCA chief is alerted (without the person's name); the MONUSCO chief is not.
        using var chief = await host.ApiAsync("chief");
        var alerts = (await OkAsync(await chief.GetAsync("/api/v1/notifications", Ct))).EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToList();
        var alert = Assert.Single(alerts, t => t.StartsWith("Screening:", StringComparison.Ordinal));
        Assert.Contains("P-SCR-001", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("Yusuf", alert, StringComparison.Ordinal);
        using var chiefCod = await host.ApiAsync("chief-cod");
        Assert.DoesNotContain((await OkAsync(await chiefCod.GetAsync("/api/v1/notifications", Ct))).EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith("Screening:", StringComparison.Ordinal));

        // Re-screening remembers both decisions…
        Assert.Equal(0, (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct))).GetProperty("raised").GetInt32());
        Assert.Empty(await CandidatesAsync(screener));
        // …until one of the two records changes: then the dismissed pair is raised again.
        await host.WithDbAsync(async db =>
        {
            var person = await db.Personnel.SingleAsync(p => p.PersonNumber == "P-SCR-002", Ct);
            person.IdNumbers = ["RW-NEW-77"];
            await db.SaveChangesAsync(Ct);
        });
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct))).GetProperty("raised").GetInt32());
        Assert.Equal("P-SCR-002", Assert.Single(await CandidatesAsync(screener)).GetProperty("subjectKey").GetString());
        Assert.Equal(3, (await CandidatesAsync(screener, "all")).Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADecision_FromAnotherMissionsRoster_IsRememberedByTheDeployedRun_AndAlertsBothChiefs(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        await host.WithDbAsync(async db =>
        {
            (await db.Personnel.SingleAsync(p => p.PersonNumber == "P-SCR-002", Ct)).IdNumbers = ["RW-77 123"];
            await db.SaveChangesAsync(Ct);
        });
        // P-SCR-002 serves in MONUSCO and comes on MINUSCA's arrival roster, written a little differently: a double
        // space in the name, the number without its separators.
        var roster = "person_id,full_name,date_of_birth,nationality,id_numbers\r\nP-SCR-002,Jean-Pierre  Habimana,1979-11-02,RWA,RW77123\r\n";
        Assert.Equal(1, (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MINUSCA", Csv(roster, "arrivals.csv"), Ct))).GetProperty("raised").GetInt32());
        var id = Assert.Single(await CandidatesAsync(screener)).GetProperty("id").GetInt32();
        // The chief of the mission the person serves in sees the candidate too.
        using var chiefCod = await host.ApiAsync("chief-cod");
        await OkAsync(await chiefCod.GetAsync($"/api/v1/screening/candidates/{id}", Ct));
        Assert.Single((await OkAsync(await chiefCod.GetAsync("/api/v1/screening/candidates?status=all&mission=MONUSCO", Ct))).GetProperty("items").EnumerateArray());
        Assert.Contains("mission", (await ProblemAsync(await screener.GetAsync("/api/v1/screening/candidates?status=all&mission=NOPE", Ct), HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{id}/decision", Json(new { decision = "same-person", note = "Same national police number." }), Ct));

        // Both chiefs are told: where the person serves, and where the roster was going.
        using var chief = await host.ApiAsync("chief");
        foreach (var (client, words) in new[] { (chiefCod, "serving in your mission"), (chief, "on a roster for your mission") })
        {
            var alert = Assert.Single((await OkAsync(await client.GetAsync("/api/v1/notifications", Ct))).EnumerateArray(),
                n => n.GetProperty("text").GetString()!.StartsWith("Screening:", StringComparison.Ordinal)).GetProperty("text").GetString();
            Assert.Contains(words, alert, StringComparison.Ordinal);
        }
        // The deployed run screens the same person from the personnel list: the pair is not raised again.
        var deployed = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        Assert.Equal(1, deployed.GetProperty("raised").GetInt32());
        Assert.Equal("P-SCR-001", Assert.Single(await CandidatesAsync(screener)).GetProperty("subjectKey").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANulCharacterTyped_IsRefusedNamingTheField_OnEveryDatabase(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        // PostgreSQL's text cannot hold U+0000: it must be a 400 naming the field, never a 500 from the database,
        // whether it comes in JSON, a query or a form.
        foreach (var (request, field) in new (Func<Task<HttpResponseMessage>>, string)[]
        {
            (() => screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Amadou\u0000Bah", finding = "barred" }), Ct), "fullName"),
            (() => screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Amadou Bah", aliases = new[] { "A\u0000" }, finding = "barred" }), Ct), "aliases[0]"),
            (() => screener.GetAsync("/api/v1/screening/candidates?mission=MINUSCA%00", Ct), "mission"),
        })
        {
            var problem = await ProblemAsync(await request(), HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            Assert.Contains("NUL", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
        // In a path, the server itself refuses it before any endpoint runs.
        Assert.Equal(HttpStatusCode.BadRequest, (await screener.GetAsync("/api/v1/screening/registry/REG%00-1", Ct)).StatusCode);
        using var browser = await host.BrowserAsync("screener");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // URL-encoded, ASP.NET's form reader refuses %00 itself (400); a multipart form carries it raw to our filter.
        foreach (var encoded in new[] { false, true })
        {
            HttpContent content = encoded
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Amadou\u0000Bah", ["__RequestVerificationToken"] = token })
                : new MultipartFormDataContent { { new StringContent("Amadou\u0000Bah"), "name" }, { new StringContent(token), "__RequestVerificationToken" } };
            using var form = await browser.PostAsync("/screening/registry?handler=Search", content, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
            if (!encoded)
            {
                Assert.Contains("<code>name</code>", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RegistrySearch_FoldsTheCaseOfEveryScript(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(
            "record_id,full_name,aliases,finding\r\nU-5,Иван Петрович Сидоров,,barred\r\nU-6,\"DIAKITÉ, Aliou\",,pending\r\nU-7,محمد عبد الله,,barred\r\n" +
            "U-8,José Núñez Olivera,Pepe Olivera,substantiated\r\n"), Ct));
        // Case in every script; and as screening reads names: accents, word order, another script, an alias, a spelling.
        foreach (var (name, id) in new[]
        {
            ("сидоров", "U-5"), ("СИДОРОВ", "U-5"), ("diakité", "U-6"), ("Diakité", "U-6"), ("محمد", "U-7"),
            ("sidorov ivan", "U-5"), ("Diakite", "U-6"), ("Nunez", "U-8"), ("pepe", "U-8"), ("Abdullah", "U-7"), ("U-6", "U-6"),
        })
        {
            var found = await OkAsync(await screener.PostAsync("/api/v1/screening/registry/search", Json(new { name }), Ct));
            Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("recordId").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMissionsScreeningOfficer_RunsForTheirMission_AndSeesWhatTheirRunsRaise(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var local = await host.ApiAsync("screener-caf");
        var roster = "person_id,full_name,date_of_birth,nationality\r\nNEW-001,Mohammed Abdul Rahman Youssef,1984-03-12,PAK\r\n";
        var noMission = await ProblemAsync(await local.PostAsync("/api/v1/screening/runs/roster?kind=arrival", Csv(roster, "arrivals.csv"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Name the mission", noMission.GetProperty("errors").GetProperty("mission")[0].GetString(), StringComparison.Ordinal);
        var hire = await OkAsync(await local.PostAsync("/api/v1/screening/runs/person", Json(new { fullName = "Kofi M. Boateng", dateOfBirth = "1961-02", nationality = "GHA", idNumbers = new[] { "gh z 1" } }), Ct));
        Assert.Equal(1, hire.GetProperty("raised").GetInt32());
        Assert.Contains(await CandidatesAsync(local), c => c.GetProperty("subjectKey").GetString()!.StartsWith("APPLICANT-", StringComparison.Ordinal));
        // A hire's aliases and identifiers have the registry's limits.
        var tooMany = await ProblemAsync(await local.PostAsync("/api/v1/screening/runs/person",
            Json(new { fullName = "Kofi Boateng", aliases = Enumerable.Range(0, 51).Select(i => $"Kofi B{i}").ToArray() }), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("at most 50 aliases", tooMany.GetProperty("errors").GetProperty("aliases")[0].GetString(), StringComparison.Ordinal);
        var longId = await ProblemAsync(await local.PostAsync("/api/v1/screening/runs/person",
            Json(new { fullName = "Kofi Boateng", idNumbers = new[] { new string('7', 101) } }), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("longer than 100", longId.GetProperty("errors").GetProperty("idNumbers")[0].GetString(), StringComparison.Ordinal);

        // Re-screening everyone deployed screens both missions' people, but the answer lists only this officer's:
        // MONUSCO's P-SCR-002 (and the finding against them) is MONUSCO's business.
        var deployed = await OkAsync(await local.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        Assert.Equal(2, deployed.GetProperty("raised").GetInt32());
        Assert.Equal("P-SCR-001", Assert.Single(deployed.GetProperty("found").EnumerateArray()).GetProperty("personId").GetString());
        var all = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        Assert.Equal(["P-SCR-001", "P-SCR-002"], all.GetProperty("found").EnumerateArray().Select(f => f.GetProperty("personId").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scope_ChiefsReadTheirMission_OthersAreRefused_OutOfScopeIsNotFound(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        var queue = await CandidatesAsync(screener);
        var caf = queue.Single(c => c.GetProperty("subjectKey").GetString() == "P-SCR-001").GetProperty("id").GetInt32();
        var cod = queue.Single(c => c.GetProperty("subjectKey").GetString() == "P-SCR-002").GetProperty("id").GetInt32();

        using var chief = await host.ApiAsync("chief");
        Assert.Equal([caf], (await CandidatesAsync(chief)).Select(c => c.GetProperty("id").GetInt32()));
        var detail = await OkAsync(await chief.GetAsync($"/api/v1/screening/candidates/{caf}", Ct));
        Assert.Equal("REG-T1", detail.GetProperty("record").GetProperty("id").GetString());
        Assert.False(detail.GetProperty("canDecide").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/screening/candidates/{cod}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.PostAsync($"/api/v1/screening/candidates/{caf}/decision", Json(new { decision = "same-person", note = "x" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync("/api/v1/screening/registry", Ct)).StatusCode);

        using var screenerCaf = await host.ApiAsync("screener-caf");
        Assert.Equal([caf], (await CandidatesAsync(screenerCaf)).Select(c => c.GetProperty("id").GetInt32()));
        // Runs: a roster run for MONUSCO, or a global officer's roster for no mission (its label is a file name), is not
        // listed to a screening officer of MINUSCA; the everyone-deployed runs, which cover their people, are.
        var monusco = (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MONUSCO", Csv("person_id,full_name\r\nR-9,Synthetic Arrival\r\n"), Ct)))
            .GetProperty("id").GetInt32();
        var noMission = (await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment", Csv("person_id,full_name\r\nR-8,Synthetic Candidate\r\n"), Ct)))
            .GetProperty("id").GetInt32();
        var listed = (await OkAsync(await screenerCaf.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray().ToList();
        Assert.DoesNotContain(listed, r => r.GetProperty("id").GetInt32() == monusco || r.GetProperty("id").GetInt32() == noMission);
        Assert.Contains(listed, r => r.GetProperty("kind").GetString() == "deployed" && (!r.TryGetProperty("mission", out var m) || m.ValueKind == JsonValueKind.Null));
        Assert.All(listed, r => Assert.True(r.GetProperty("kind").GetString() == "deployed" || r.GetProperty("mission").GetString() == "MINUSCA"));
        Assert.Contains((await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray(), r => r.GetProperty("id").GetInt32() == monusco);
        Assert.Equal(HttpStatusCode.NotFound, (await screenerCaf.PostAsync($"/api/v1/screening/candidates/{cod}/decision", Json(new { decision = "same-person", note = "x" }), Ct)).StatusCode);

        foreach (var user in new[] { "officer", "analyst" })
        {
            using var other = await host.ApiAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/screening/candidates", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync("/api/v1/screening/runs/deployed", null, Ct)).StatusCode);
        }
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/screening/registry", Ct)).StatusCode);

        using var chiefBrowser = await host.BrowserAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await chiefBrowser.GetAsync($"/screening/candidates/{caf}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chiefBrowser.GetAsync($"/screening/candidates/{cod}", Ct)).StatusCode);
        var registryPage = await chiefBrowser.GetAsync("/screening/registry", Ct);
        Assert.NotEqual(HttpStatusCode.OK, registryPage.StatusCode);
    }

    [Fact]
    public async Task Pages_WorkWithoutJavaScript_NoStore_AndTheDecisionFormRecords()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();

        // Import the registry through the page's multipart form.
        var registry = parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var token = registry.QuerySelector("form[action*='handler=Import'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Registry)), "file", "registry.csv" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/screening/registry?handler=Import", upload, Ct)).StatusCode);
        var bad = await browser.PostAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Amadou Bah",
            ["dateOfBirth"] = "1980-13",
            ["finding"] = "barred",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = parser.ParseDocument(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("The date of birth is not a date written", badPage.Body!.TextContent, StringComparison.Ordinal);
        // What was typed is kept for the correction.
        Assert.Equal(("Amadou Bah", "1980-13", "barred"), (badPage.QuerySelector("input[name=fullName]")!.GetAttribute("value"),
            badPage.QuerySelector("input[name=dateOfBirth]")!.GetAttribute("value"), badPage.QuerySelector("select[name=finding] option[selected]")!.GetAttribute("value")));
        var badHire = parser.ParseDocument(await (await browser.PostAsync("/screening/runs?handler=Person", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Amadou Bah",
            ["nationality"] = "XXX",
            ["__RequestVerificationToken"] = token,
        }), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(("Amadou Bah", "XXX"), (badHire.QuerySelector("input[name=fullName]")!.GetAttribute("value"), badHire.QuerySelector("input[name=nationality]")!.GetAttribute("value")));
        Assert.True(badHire.QuerySelector("form[action*='handler=Person']")!.Closest("details")!.HasAttribute("open"));

        // Re-screen everyone deployed with the runs page's button.
        var runs = parser.ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
        var runToken = runs.QuerySelector("form[action*='handler=Deployed'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var ran = await browser.PostAsync("/screening/runs?handler=Deployed", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = runToken }), Ct);
        Assert.Contains("2 new in the queue", await ran.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var queueResponse = await browser.GetAsync("/screening", Ct);
        Assert.True(queueResponse.Headers.CacheControl?.NoStore, "personal data is not stored by the browser");
        var queue = parser.ParseDocument(await queueResponse.Content.ReadAsStringAsync(Ct));
        var link = queue.QuerySelectorAll("td a[href^='/screening/candidates/']").Select(a => a.GetAttribute("href")!).First();
        var page = parser.ParseDocument(await browser.GetStringAsync(link, Ct));
        Assert.Equal(2, page.QuerySelectorAll("table.side thead th").Length - 1);
        var formToken = page.QuerySelector("form.decide input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // A note sent without a decision is shown again with the error, not lost.
        var undecided = parser.ParseDocument(await (await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = "Typed on a poor connection.",
            ["__RequestVerificationToken"] = formToken,
        }), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal("Typed on a poor connection.", undecided.QuerySelector("form.decide textarea[name=note]")!.TextContent);
        var decided = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = "not-same-person",
            ["note"] = "Different father's name on the national ID.",
            ["__RequestVerificationToken"] = formToken,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Contains("Different father&#x27;s name on the national ID.", await browser.GetStringAsync(link, Ct), StringComparison.Ordinal);
        // Without the antiforgery token the form is refused.
        var forged = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "same-person", ["note"] = "x" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    public static TheoryData<string, string> BadPaging => new()
    {
        { "page=-1", "page" },
        { "page=0", "page" },
        { "pageSize=0", "pageSize" },
        { "pageSize=-5", "pageSize" },
        { "pageSize=100000", "pageSize" },
    };

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task RegistryAndCandidates_PagingOutOfRange_Answers400NamingTheField(string query, string field)
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        foreach (var route in new[] { "/api/v1/screening/registry", "/api/v1/screening/candidates" })
        {
            // These were clamped to the nearest valid value and answered 200.
            var problem = await ProblemAsync(await screener.GetAsync($"{route}?{query}", Ct), HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task RegistryAndCandidates_PageFarPastTheLast_IsEmpty_NotPageOneRelabelled()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        foreach (var route in new[] { "/api/v1/screening/registry", "/api/v1/screening/candidates" })
        {
            Assert.NotEqual(0, (await OkAsync(await screener.GetAsync(route, Ct))).GetProperty("items").GetArrayLength());
            // (page - 1) * size overflowed int and served page 1's items under this page number.
            foreach (var query in new[] { "page=2147483647", "page=2147483647&pageSize=200", "page=2&pageSize=200" })
            {
                var far = await OkAsync(await screener.GetAsync($"{route}?{query}", Ct));
                Assert.Equal(0, far.GetProperty("items").GetArrayLength());
                Assert.NotEqual(0, far.GetProperty("total").GetInt32());
            }
        }

        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        Assert.Contains("REG-T1", await browser.GetStringAsync("/screening/registry", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("REG-T1", await browser.GetStringAsync("/screening/registry?page=2147483647", Ct), StringComparison.Ordinal);
        const string CandidateLinks = "td a[href^='/screening/candidates/']";
        Assert.NotEmpty(parser.ParseDocument(await browser.GetStringAsync("/screening", Ct)).QuerySelectorAll(CandidateLinks));
        var farQueue = parser.ParseDocument(await browser.GetStringAsync("/screening?page=2147483647", Ct));
        Assert.Empty(farQueue.QuerySelectorAll(CandidateLinks));
        // No "next" link from a page past the end (page * size overflowed there too).
        Assert.Empty(farQueue.QuerySelectorAll("a[href*='page=-']"));
    }

    [Fact]
    public async Task QueueAndRegistryPages_PageOutOfRange_ShowPageOneWithANoticeNamingIt_OrAnEmptyPageWithALinkBack()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        using var browser = await host.BrowserAsync("screener");
        await WebListPaging.AssertOutOfRangePagesAsync(browser, "/screening", "page", Ct);
        await WebListPaging.AssertOutOfRangePagesAsync(browser, "/screening?status=all", "page", Ct);
        await WebListPaging.AssertOutOfRangePagesAsync(browser, "/screening/registry", "page", Ct);

        // The registry's search is a POST (a name stays out of the URL); its page number is read the same way.
        var parser = new HtmlParser();
        var registry = parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var token = registry.QuerySelector("form[action*='handler=Search'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var value in new[] { "0", "abc" })
        {
            var searched = await browser.PostAsync("/screening/registry?handler=Search", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = "Yousef",
                ["page"] = value,
                ["__RequestVerificationToken"] = token,
            }), Ct);
            // "abc" was a 400 form error page before; 0 was page 1 without a word.
            Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
            var page = parser.ParseDocument(await searched.Content.ReadAsStringAsync(Ct));
            Assert.Contains($"There is no page '{value}'", page.QuerySelector(".page-notice")?.TextContent ?? "", StringComparison.Ordinal);
            Assert.Contains("REG-T1", page.QuerySelector("table tbody")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadingACandidateOrARegistryRecord_IsAudited_WithoutTheNames(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        var candidate = (await CandidatesAsync(screener)).First().GetProperty("id").GetInt32();
        await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{candidate}", Ct));
        await OkAsync(await screener.GetAsync("/api/v1/screening/registry/REG-T1", Ct));

        var reads = await host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == AuditActions.Read).ToListAsync(Ct));
        Assert.Contains(reads, e => e.RecordType == "ScreeningMatch" && e.RecordId == candidate.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(reads, e => e.RecordType == "RegistryRecord");
        // The log names records by key, never by the names they hold.
        Assert.DoesNotContain(reads, e => $"{e.RecordId}{e.Detail}{e.Reason}".Contains("Yousef", StringComparison.Ordinal)
            || $"{e.RecordId}{e.Detail}{e.Reason}".Contains("REG-T1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListingTheQueueOrTheRegistry_IsAuditedAsAReadOfEachRowShown(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        Task<List<AuditEntry>> ReadsAsync(string detail) =>
            host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == AuditActions.Read && e.Detail == detail).ToListAsync(Ct));

        // The queue shows both names and the finding of each candidate: one read entry per row, keyed by id.
        var candidates = await CandidatesAsync(screener);
        Assert.NotEmpty(candidates);
        var queueReads = await ReadsAsync("in the adjudication queue");
        Assert.All(queueReads, e => Assert.Equal("ScreeningMatch", e.RecordType));
        Assert.Equal(candidates.Select(c => c.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            queueReads.Select(e => e.RecordId!).Order(StringComparer.Ordinal));

        // The registry list shows each record whole; the search (a POST, so a name stays out of the URL) too.
        var listed = (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("items").GetArrayLength();
        using var search = JsonContent.Create(new { name = "Yousef" });
        var found = (await OkAsync(await screener.PostAsync("/api/v1/screening/registry/search", search, Ct))).GetProperty("items").GetArrayLength();
        Assert.True(found > 0);
        var registryReads = await ReadsAsync("in the registry list");
        Assert.Equal(listed + found, registryReads.Count);
        Assert.All(registryReads, e => Assert.Equal("RegistryRecord", e.RecordType));
        // Keyed by the row's key, never by a name or a record id that a person could be looked up by.
        Assert.DoesNotContain(registryReads, e => $"{e.RecordId}{e.Detail}".Contains("Yousef", StringComparison.Ordinal)
            || $"{e.RecordId}{e.Detail}".Contains("REG-", StringComparison.Ordinal));

        // The web page goes through the same use case; an empty page (past the last) records nothing.
        using var browser = await host.BrowserAsync("screener");
        await browser.GetStringAsync("/screening", Ct);
        Assert.Equal(2 * candidates.Length, (await ReadsAsync("in the adjudication queue")).Count);
        await OkAsync(await screener.GetAsync("/api/v1/screening/candidates?page=99", Ct));
        Assert.Equal(2 * candidates.Length, (await ReadsAsync("in the adjudication queue")).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RegistryPage_NoticesComeOnlyFromTheOfficersOwnPost_NeverFromTheUrl(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();

        // A crafted link: the page answers, with no notice and without the value (it told an officer a record was added).
        foreach (var query in new[] { "?added=REG-FORGED", "?withdrawn=REG-FORGED", "?imported=3&setAside=2" })
        {
            var crafted = parser.ParseDocument(await browser.GetStringAsync("/screening/registry" + query, Ct));
            Assert.Null(crafted.QuerySelector("p.ok"));
            Assert.DoesNotContain("REG-FORGED", crafted.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("record(s) imported", crafted.Body.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("date(s) of birth make", crafted.Body.TextContent, StringComparison.Ordinal);
        }

        async Task<string> FollowAsync(HttpResponseMessage posted)
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            // The redirect carries nothing: the notice travels in the officer's own cookie.
            Assert.Equal("/screening/registry", posted.Headers.Location!.OriginalString);
            return await browser.GetStringAsync(posted.Headers.Location.OriginalString, Ct);
        }

        // Added through the form: the notice once, then not again on a reload.
        var page = parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var form = page.QuerySelector("form[action*='handler=Add']")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var added = await FollowAsync(await browser.PostAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Synthetic Quorvane Testperson",
            ["finding"] = "barred",
            ["recordId"] = "REG-OWN-1",
            ["Key"] = form.QuerySelector("input[name=Key]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = token,
        }), Ct));
        Assert.Equal("Record REG-OWN-1 added.", parser.ParseDocument(added).QuerySelector("p.ok")?.TextContent);
        Assert.Null(parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct)).QuerySelector("p.ok"));

        // Withdrawn through the form.
        var withdrawn = await FollowAsync(await browser.PostAsync("/screening/registry?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recordId"] = "REG-OWN-1",
            ["reason"] = "Entered twice.",
            ["__RequestVerificationToken"] = token,
        }), Ct));
        Assert.StartsWith("Record REG-OWN-1 withdrawn", parser.ParseDocument(withdrawn).QuerySelector("p.ok")?.TextContent, StringComparison.Ordinal);

        // Imported through the form: the count and the dates set aside (2011 is under 16, 1900 a placeholder).
        const string legacy = "record_id,full_name,date_of_birth,nationality,finding\r\n" +
            "REG-P1,Synthetic Qwvname One,1900-01-01,RWA,barred\r\n" +
            "REG-P2,Synthetic Qwvname Two,2011-05-01,KEN,barred\r\n" +
            "REG-P3,Synthetic Qwvname Three,1980,KEN,barred\r\n";
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(legacy)), "file", "registry.csv" },
        };
        var imported = await FollowAsync(await browser.PostAsync("/screening/registry?handler=Import", upload, Ct));
        Assert.Contains("3 record(s) imported.", imported, StringComparison.Ordinal);
        Assert.Contains("2 date(s) of birth make the person younger than 16 or older than 100 today", imported, StringComparison.Ordinal);

        // Another officer's page shows none of it.
        await host.CreateUserAsync("screener-2", Roles.ScreeningOfficer, "global");
        using var other = await host.BrowserAsync("screener-2");
        Assert.Null(parser.ParseDocument(await other.GetStringAsync("/screening/registry", Ct)).QuerySelector("p.ok"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RecordIds_AreUniqueWithoutRegardToCase_FoundInAnyCase_AndKeptAsGiven(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        var added = await OkAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { recordId = "R-001", fullName = "Synthetic Qelvan Oduya", finding = "barred" }), Ct));
        Assert.Equal("R-001", added.GetProperty("recordId").GetString());

        // A second record differing only in case: refused, naming the field, the value and the record it would shadow.
        var twin = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { recordId = "r-001", fullName = "Synthetic Other Person", finding = "pending" }), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("recordId 'r-001' is record R-001, already in the registry: record ids are compared without regard to case.",
            twin.GetProperty("errors").GetProperty("recordId")[0].GetString());
        Assert.Equal("recordId 'R-001' already exists in the registry.", (await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry",
            Json(new { recordId = "R-001", fullName = "Synthetic Other Person", finding = "pending" }), Ct), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("recordId")[0].GetString());

        // An import: against the registry, and within the file; nothing is imported.
        var imported = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry/import",
            Csv("record_id,full_name,finding\r\nR-002,Synthetic Ama Qello,barred\r\nr-001,Synthetic Kofi Qello,barred\r\n"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("line 3, column 1: record_id 'r-001' is record R-001, already in the registry", imported.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var inFile = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry/import",
            Csv("record_id,full_name,finding\r\nX-7,Synthetic Ama Qello,barred\r\nx-7,Synthetic Kofi Qello,barred\r\n"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("line 3, column 1: record_id 'x-7' is the record_id of line 2 ('X-7')", inFile.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());

        // Looked up in any case (a URL typed by hand), shown as given; withdrawn the same way.
        Assert.Equal("R-001", (await OkAsync(await screener.GetAsync("/api/v1/screening/registry/r-001", Ct))).GetProperty("recordId").GetString());
        var withdrawn = await OkAsync(await screener.PostAsync("/api/v1/screening/registry/r-001/withdrawal", Json(new { reason = "Entered against the wrong person." }), Ct));
        Assert.Equal("R-001", withdrawn.GetProperty("recordId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await screener.PostAsync("/api/v1/screening/registry/R-001/withdrawal", Json(new { reason = "Again." }), Ct)).StatusCode);

        // The database itself refuses a second key (two requests at once pass the check together).
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.Registry.Add(new RegistryRecord { RecordId = "r-001", FullName = "Synthetic Racing Writer", Finding = RegistryFinding.Barred, Source = RegistrySource.Manual, RecordedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync(Ct);
        }));
    }

    [Fact]
    public async Task RefusedForms_OpenAgain_WithWhatWasChosen_SoTheOfficerSeesWhatToCorrect()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        var runs = parser.ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
        Assert.False(runs.QuerySelector("form[action*='handler=Roster']")!.Closest("details")!.HasAttribute("open"));
        var token = runs.QuerySelector("form[action*='handler=Roster'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // A roster with a bad row: the roster form opens again, its kind and mission kept (only the file is chosen again).
        using var roster = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("arrival"), "kind" },
            { new StringContent("MINUSCA"), "mission" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("person_id,full_name,date_of_birth\r\nX-1,Ali Musa,1985-13-40\r\n")), "file", "roster.csv" },
        };
        var refused = parser.ParseDocument(await (await browser.PostAsync("/screening/runs?handler=Roster", roster, Ct)).Content.ReadAsStringAsync(Ct));
        var rosterForm = refused.QuerySelector("form[action*='handler=Roster']")!;
        Assert.True(rosterForm.Closest("details")!.HasAttribute("open"));
        Assert.Equal("arrival", rosterForm.QuerySelector("select[name=kind] option[selected]")?.GetAttribute("value"));
        Assert.Equal("MINUSCA", rosterForm.QuerySelector("input[name=mission]")!.GetAttribute("value"));
        Assert.Contains("roster.csv: line 2, column 3", refused.QuerySelector("div.error")!.TextContent, StringComparison.Ordinal);

        // A refused hand entry and a refused import open their own forms, not the other.
        var registry = parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        token = registry.QuerySelector("form[action*='handler=Add'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var badAdd = parser.ParseDocument(await (await browser.PostAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Amadou Bah",
            ["dateOfBirth"] = "1980-13",
            ["finding"] = "barred",
            ["__RequestVerificationToken"] = token,
        }), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.True(badAdd.QuerySelector("form[action*='handler=Add']")!.Closest("details")!.HasAttribute("open"));
        Assert.False(badAdd.QuerySelector("form[action*='handler=Import']")!.Closest("details")!.HasAttribute("open"));
        using var import = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("record_id,full_name,finding\r\nQA-1,Ali Musa,guilty\r\n")), "file", "registry.csv" },
        };
        var badImport = parser.ParseDocument(await (await browser.PostAsync("/screening/registry?handler=Import", import, Ct)).Content.ReadAsStringAsync(Ct));
        Assert.True(badImport.QuerySelector("form[action*='handler=Import']")!.Closest("details")!.HasAttribute("open"));
        Assert.False(badImport.QuerySelector("form[action*='handler=Add']")!.Closest("details")!.HasAttribute("open"));
    }

    [Fact]
    public async Task RefusedChoices_AreNamedOnPagesByTheFormsLabels_InThePagesLanguage_WhileTheApiSaysItsTokens()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        var token = parser.ParseDocument(await browser.GetStringAsync("/screening/registry", Ct))
            .QuerySelector("form[action*='handler=Add'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        FormUrlEncodedContent NoFinding() => new(new Dictionary<string, string>
        {
            ["fullName"] = "Synthetic Qwvname Nofinding",
            ["finding"] = "",
            ["__RequestVerificationToken"] = token,
        });

        // The API: the tokens, as before.
        var api = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Synthetic Qwvname Nofinding" }), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("finding is required: substantiated, pending or barred.", api.GetProperty("errors").GetProperty("finding")[0].GetString());
        var unknown = await ProblemAsync(await screener.PostAsync("/api/v1/screening/registry", Json(new { fullName = "Synthetic Qwvname Nofinding", finding = "guilty" }), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("finding 'guilty' is not substantiated, pending or barred.", unknown.GetProperty("errors").GetProperty("finding")[0].GetString());

        // The form, in English and in French: the choices as its select shows them, tied to the select.
        var english = await browser.PostAsync("/screening/registry?handler=Add", NoFinding(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Equal("Finding: A finding is required: Substantiated (misconduct established), Pending (left before the process ended) or Barred (from future service).",
            AccessibilityTests.AssertTiedTo(parser.ParseDocument(await english.Content.ReadAsStringAsync(Ct)), "form[action*='handler=Add'] select[name=finding]", "error-add-finding", "Finding").TextContent);
        var french = await browser.PostAsync("/screening/registry?handler=Add&lang=fr", NoFinding(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        var frenchError = parser.ParseDocument(await french.Content.ReadAsStringAsync(Ct)).QuerySelector("#error-add-finding")!.TextContent;
        Assert.Contains("La conclusion est obligatoire : Fondée (faute établie), En suspens (parti avant la fin de la procédure) ou Interdit (de tout service futur).", frenchError, StringComparison.Ordinal);
        Assert.DoesNotContain("substantiated", frenchError, StringComparison.Ordinal);
        Assert.False(await host.WithDbAsync((db, _) => db.Registry.AnyAsync(r => r.FullName == "Synthetic Qwvname Nofinding", Ct)));

        // The queue's status filter, changed in the address: its labels, not open/confirmed/…
        var queue = parser.ParseDocument(await (await browser.GetAsync("/screening?status=bogus&lang=fr", Ct)).Content.ReadAsStringAsync(Ct));
        var queueError = queue.QuerySelector("div.error")!.TextContent;
        Assert.Contains("« bogus »", queueError, StringComparison.Ordinal);
        Assert.DoesNotContain("confirmed", queueError, StringComparison.Ordinal);
        Assert.Equal("status 'bogus' is not open, confirmed, dismissed, withdrawn or all.",
            (await ProblemAsync(await screener.GetAsync("/api/v1/screening/candidates?status=bogus", Ct), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Fact]
    public async Task AHiresRun_IsLabelledInThePagesLanguage_AndTheDecisionRadiosHaveTheirQuestion()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(new { fullName = "Muhammad Abdelrahman Yousef", dateOfBirth = "1984-03", nationality = "PAK", mission = "MINUSCA" }), Ct));
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        // The label of a hire's run was English on a French page ("one person").
        var runs = parser.ParseDocument(await browser.GetStringAsync("/screening/runs?lang=fr", Ct));
        var row = runs.QuerySelectorAll("table tbody tr").Single(r => r.TextContent.Contains("une personne", StringComparison.Ordinal));
        Assert.DoesNotContain("one person", row.TextContent, StringComparison.Ordinal);

        var link = (await CandidatesAsync(screener)).Single().GetProperty("id").GetInt32();
        var page = parser.ParseDocument(await browser.GetStringAsync($"/screening/candidates/{link}?lang=en", Ct));
        Assert.Equal("Is the person screened the person of the registry record?", page.QuerySelector("form.decide fieldset legend")?.TextContent);
    }

    [Fact]
    public async Task RunsForm_UnknownKind_IsAFormErrorNamingKind_AndNothingRuns()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var runs = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
        var token = runs.QuerySelector("form[action*='handler=Roster'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("bogus"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("person_id,full_name\r\nX-1,Ali Musa\r\n")), "file", "roster.csv" },
        };
        // It ran as a pre-deployment screening before, where the API answers 400.
        var response = await browser.PostAsync("/screening/runs?handler=Roster", form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Named by the labels of the form's select; the API by its tokens.
        Assert.Contains("kind &#x27;bogus&#x27; is not pre-deployment roster or contingent on arrival.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var screener = await host.ApiAsync("screener");
        Assert.Equal("kind 'bogus' is not pre-deployment or arrival.", (await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=bogus",
            Csv("person_id,full_name\r\nX-1,Ali Musa\r\n", "roster.csv"), Ct), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString());
        Assert.Equal(0, (await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).GetArrayLength());
    }

    [Fact]
    public async Task ScreeningForms_EachErrorIsTiedToItsField_AboveItsForm_AndNamedByItsLabel()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        var token = parser.ParseDocument(await browser.GetStringAsync("/screening/runs", Ct))
            .QuerySelector("form[action*='handler=Person'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<AngleSharp.Dom.IDocument> RefusedAsync(string path, HttpContent form)
        {
            var response = await browser.PostAsync(path, form, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {path}");
            return parser.ParseDocument(html);
        }

        // One person: a blank name and an unknown nationality were loose lines at the top of the page.
        var hire = await RefusedAsync("/screening/runs?handler=Person", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "",
            ["nationality"] = "ZZ",
            ["__RequestVerificationToken"] = token,
        }));
        AccessibilityTests.AssertTiedTo(hire, "form[action*='handler=Person'] input[name=fullName]", "error-person-fullName", "Full name");
        AccessibilityTests.AssertTiedTo(hire, "form[action*='handler=Person'] input[name=nationality]", "error-person-nationality", "Nationality (ISO alpha-3)");
        Assert.Null(hire.QuerySelector("form[action*='handler=Person'] input[name=dateOfBirth]")!.GetAttribute("aria-invalid"));
        // Above its own form: the summary is the form's preceding sibling, inside the form's disclosure.
        Assert.Equal("error-person-fullName", hire.QuerySelector("form[action*='handler=Person']")!.PreviousElementSibling!.QuerySelector("p")!.Id);
        Assert.Null(hire.QuerySelector("form[action*='handler=Roster'] [aria-invalid]"));

        // A roster: the file's fault is tied to the file input.
        using var roster = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("arrival"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("person_id,full_name,date_of_birth\r\nX-1,Ali Musa,1985-13-40\r\n")), "file", "roster.csv" },
        };
        var rosterPage = await RefusedAsync("/screening/runs?handler=Roster", roster);
        Assert.Contains("roster.csv: line 2, column 3",
            AccessibilityTests.AssertTiedTo(rosterPage, "form[action*='handler=Roster'] input[name=file]", "error-roster-file", "File").TextContent, StringComparison.Ordinal);

        // The registry's hand entry and import.
        var added = await RefusedAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recordId"] = "has space",
            ["fullName"] = "Amadou Bah",
            ["dateOfBirth"] = "1980-13",
            ["finding"] = "barred",
            ["__RequestVerificationToken"] = token,
        }));
        // In the label's words ("Record id"), not "record number".
        Assert.Equal("Record id (optional): The record id 'has space' may hold only letters A-Z and a-z, digits, '.', '_' and '-'.",
            AccessibilityTests.AssertTiedTo(added, "form[action*='handler=Add'] input[name=recordId]", "error-add-recordId", "Record id (optional)").TextContent);
        AccessibilityTests.AssertTiedTo(added, "form[action*='handler=Add'] input[name=dateOfBirth]", "error-add-dateOfBirth", "Date of birth");
        Assert.Null(added.QuerySelector("form[action*='handler=Add'] input[name=fullName]")!.GetAttribute("aria-invalid"));
        using var import = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("record_id,full_name,finding\r\nQA-1,Ali Musa,guilty\r\n")), "file", "registry.csv" },
        };
        var imported = await RefusedAsync("/screening/registry?handler=Import", import);
        AccessibilityTests.AssertTiedTo(imported, "form[action*='handler=Import'] input[name=file]", "error-import-file", "File");

        // The decision: neither a choice nor a note.
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(new { fullName = "Muhammad Abdelrahman Yousef", dateOfBirth = "1984-03", nationality = "PAK", mission = "MINUSCA" }), Ct));
        var link = $"/screening/candidates/{(await CandidatesAsync(screener)).Single().GetProperty("id").GetInt32()}";
        var formToken = parser.ParseDocument(await browser.GetStringAsync(link, Ct)).QuerySelector("form.decide input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var undecided = await RefusedAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = " ", ["__RequestVerificationToken"] = formToken }));
        foreach (var radio in new[] { "same-person", "not-same-person" })
        {
            AccessibilityTests.AssertTiedTo(undecided, $"form.decide input[value={radio}]", "error-decision", "Decision");
        }
        AccessibilityTests.AssertTiedTo(undecided, "form.decide textarea[name=note]", "error-note", "Note (required)");
        // The choices by the form's own labels, not the API's tokens (which the API keeps).
        Assert.Equal("Decision: Choose \u201cSame person\u201d or \u201cNot the same person\u201d.", undecided.GetElementById("error-decision")!.TextContent);
        var french = parser.ParseDocument(await (await browser.PostAsync(link + "?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = "Typed.",
            ["__RequestVerificationToken"] = formToken,
        }), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.EndsWith("Choisissez « Même personne » ou « Pas la même personne ».", french.GetElementById("error-decision")!.TextContent, StringComparison.Ordinal);
        var api = await ProblemAsync(await screener.PostAsync($"/api/v1/screening/candidates/{link.Split('/')[^1]}/decision", Json(new { note = "Typed." }), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("decision is required: same-person or not-same-person.", api.GetProperty("errors").GetProperty("decision")[0].GetString());
    }

    [Fact]
    public async Task AHire_IsShownByTheNameTyped_NotByItsKey_InTheRunsAnswer_TheQueue_AndItsPage()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var browser = await host.BrowserAsync("screener");
        var parser = new HtmlParser();
        var token = parser.ParseDocument(await browser.GetStringAsync("/screening/runs", Ct))
            .QuerySelector("form[action*='handler=Person'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var ran = await browser.PostAsync("/screening/runs?handler=Person", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Muhammad Abdelrahman Yousef",
            ["dateOfBirth"] = "1984-03",
            ["nationality"] = "PAK",
            ["mission"] = "MINUSCA",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        var person = parser.ParseDocument(await ran.Content.ReadAsStringAsync(Ct)).QuerySelector("table.found tbody td")!;
        Assert.Equal("Muhammad Abdelrahman Yousef", person.TextContent.Trim());

        // The queue and the candidate's page: the name, not APPLICANT-…; a roster's person_id is still shown beside its name.
        var roster = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MINUSCA",
            Csv("person_id,full_name,nationality\r\nX-7,Jean Pierre Habimana,RWA\r\n", "arrivals.csv"), Ct));
        Assert.Equal("Jean Pierre Habimana", Assert.Single(roster.GetProperty("found").EnumerateArray()).GetProperty("personName").GetString());
        var queue = parser.ParseDocument(await browser.GetStringAsync("/screening", Ct)).QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Muhammad Abdelrahman Yousef", queue);
        Assert.Contains("Jean Pierre Habimana X-7", queue);
        Assert.DoesNotContain(queue, t => t.Contains(ScreeningRuns.ApplicantPrefix, StringComparison.Ordinal));
        var hire = (await CandidatesAsync(screener)).Single(c => ScreeningRuns.IsApplicantKey(c.GetProperty("subjectKey").GetString()));
        var page = await browser.GetStringAsync($"/screening/candidates/{hire.GetProperty("id").GetInt32()}", Ct);
        Assert.DoesNotContain(ScreeningRuns.ApplicantPrefix, page, StringComparison.Ordinal);
        Assert.Contains("none yet: a hire", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryPage_SearchesByPost_SoTheNameNeverReachesTheUrl()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        // In a path, the server itself refuses it before any endpoint runs.
        Assert.Equal(HttpStatusCode.BadRequest, (await screener.GetAsync("/api/v1/screening/registry/REG%00-1", Ct)).StatusCode);
        using var browser = await host.BrowserAsync("screener");
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var filter = page.QuerySelector("form.filters")!;
        Assert.Equal("post", filter.GetAttribute("method"));
        var token = filter.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var found = await browser.PostAsync(filter.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "habimana",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        var html = await found.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("REG-T2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("REG-T1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("habimana", found.RequestMessage!.RequestUri!.ToString(), StringComparison.OrdinalIgnoreCase);
        // Without the antiforgery token the search is refused; a name in the URL is not applied.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(filter.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "habimana" }), Ct)).StatusCode);
        Assert.Contains("REG-T1", await browser.GetStringAsync("/screening/registry?name=habimana", Ct), StringComparison.Ordinal);
    }

    private static async Task<string[]> ScreeningAlertsAsync(HttpClient client) =>
        [.. (await OkAsync(await client.GetAsync("/api/v1/notifications", Ct))).EnumerateArray().Select(n => n.GetProperty("text").GetString()!)
            .Where(t => t.StartsWith("Screening:", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AConfirmedPair_MetAgain_IsNotQueued_ButReportedWithItsStanding_AndAlertsTheRostersMission_LinkedOrNot(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var chief = await host.ApiAsync("chief");
        using var chiefCod = await host.ApiAsync("chief-cod");

        // A contingent arriving in MINUSCA; its member is not (yet) in Vigil's personnel.
        var roster = "person_id,full_name,date_of_birth,nationality\r\nPAK-ARR-001,Mohammed Abdul Rahman Youssef,1984-03-12,PAK\r\n";
        var first = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MINUSCA", Csv(roster, "arrivals.csv"), Ct));
        var found = Assert.Single(first.GetProperty("found").EnumerateArray());
        Assert.Equal(("PAK-ARR-001", "REG-T1", "substantiated", "new"), (found.GetProperty("personId").GetString(), found.GetProperty("recordId").GetString(),
            found.GetProperty("finding").GetString(), found.GetProperty("standing").GetString()));
        var id = found.GetProperty("candidateId").GetInt32();
        Assert.Equal(id, Assert.Single(await CandidatesAsync(screener)).GetProperty("id").GetInt32());
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{id}/decision", Json(new { decision = "same-person", note = "Same service number." }), Ct));
        // The chief of the mission the contingent arrives in is told, though the row is no personnel record.
        var alert = Assert.Single(await ScreeningAlertsAsync(chief));
        Assert.Contains("PAK-ARR-001, on a roster for your mission, is confirmed as the person of registry record REG-T1", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("Youssef", alert, StringComparison.Ordinal);

        // The same person on MONUSCO's arrival roster: not queued again, reported as already confirmed, and MONUSCO's chief told.
        var again = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=arrival&mission=MONUSCO", Csv(roster, "monusco-arrivals.csv"), Ct));
        Assert.Equal((1, 0), (again.GetProperty("candidates").GetInt32(), again.GetProperty("raised").GetInt32()));
        var met = Assert.Single(again.GetProperty("found").EnumerateArray());
        Assert.Equal((ScreeningRuns.StandingConfirmed, id), (met.GetProperty("standing").GetString(), met.GetProperty("candidateId").GetInt32()));
        Assert.Empty(await CandidatesAsync(screener));
        var told = Assert.Single(await ScreeningAlertsAsync(chiefCod));
        Assert.Contains("PAK-ARR-001, on an arrival roster for your mission, was confirmed earlier as the person of registry record REG-T1 (substantiated)", told, StringComparison.Ordinal);
        Assert.Single(await ScreeningAlertsAsync(chief));

        // Hiring: an applicant confirmed once is reported as such when screened again, on the API and on the page.
        var applicant = new { fullName = "Kofi M. Boateng", dateOfBirth = "1961-02", nationality = "GHA" };
        var hire = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct));
        var hired = Assert.Single(hire.GetProperty("found").EnumerateArray()).GetProperty("candidateId").GetInt32();
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{hired}/decision", Json(new { decision = "same-person", note = "Same person: do not hire." }), Ct));
        var rehire = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct));
        Assert.Equal(ScreeningRuns.StandingConfirmed, Assert.Single(rehire.GetProperty("found").EnumerateArray()).GetProperty("standing").GetString());
        using var browser = await host.BrowserAsync("screener");
        var runs = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/runs", Ct));
        var token = runs.QuerySelector("form[action*='handler=Person'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var page = await browser.PostAsync("/screening/runs?handler=Person", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = applicant.fullName,
            ["dateOfBirth"] = applicant.dateOfBirth,
            ["nationality"] = applicant.nationality,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("One of the candidates was confirmed earlier", html.QuerySelector("p.error")?.TextContent ?? "", StringComparison.Ordinal);
        var row = Assert.Single(html.QuerySelectorAll("table.found tbody tr"));
        Assert.Contains("already confirmed: same person", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/screening/candidates/{hired}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseAndUnicodeNormalisation_DoNotReRaiseADismissedPair_NorAddASecondOpenCandidate(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        const string nfc = "B\u00e9atrice Tossou";
        const string nfd = "Be\u0301atrice Tossou";
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(
            $"record_id,full_name,date_of_birth,nationality,finding\r\nREG-F1,Romain Faure,1989-08,FRA,barred\r\nREG-F2,{nfc},1987-06-05,BEN,pending\r\n"), Ct));
        async Task<JsonElement> RosterAsync(string name, string id, string birth, string nationality) =>
            await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment",
                Csv($"person_id,full_name,date_of_birth,nationality,unit\r\n{id},{name},{birth},{nationality},A\r\n", "roster.csv"), Ct));

        var faure = Assert.Single((await RosterAsync("Romain Faure", "X-100", "1989-08", "FRA")).GetProperty("found").EnumerateArray()).GetProperty("candidateId").GetInt32();
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{faure}/decision", Json(new { decision = "not-same-person", note = "Different father's name." }), Ct));
        var upper = await RosterAsync("ROMAIN  FAURE", "X-100", "1989-08", "fra");
        Assert.Equal(0, upper.GetProperty("raised").GetInt32());
        Assert.Equal((ScreeningRuns.StandingDismissed, faure), (upper.GetProperty("found")[0].GetProperty("standing").GetString(), upper.GetProperty("found")[0].GetProperty("candidateId").GetInt32()));

        Assert.Equal(1, (await RosterAsync(nfc, "P-CAF-777", "1987-06-05", "BEN")).GetProperty("raised").GetInt32());
        var decomposed = await RosterAsync(nfd, "P-CAF-777", "1987-06-05", "BEN");
        Assert.Equal((0, ScreeningRuns.StandingOpen), (decomposed.GetProperty("raised").GetInt32(), decomposed.GetProperty("found")[0].GetProperty("standing").GetString()));
        Assert.Single(await CandidatesAsync(screener));
        // Other details under the same roster id are another person as far as anyone can tell (a roster's person_id is
        // unique within its file only): raised with those details, not folded into the open candidate.
        Assert.Equal(1, (await RosterAsync(nfc, "P-CAF-777", "1987-06", "BEN")).GetProperty("raised").GetInt32());
        Assert.Equal(2, (await CandidatesAsync(screener)).Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoRostersReusingOneRowId_ForDifferentPeople_DoNotShareDecisions(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var chiefCod = await host.ApiAsync("chief-cod");
        var first = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment&mission=MINUSCA",
            Csv("person_id,full_name,date_of_birth,nationality\r\nR-001,Mohammed Abdul Rahman Youssef,1984-03-12,PAK\r\n", "a.csv"), Ct));
        var id = Assert.Single(first.GetProperty("found").EnumerateArray()).GetProperty("candidateId").GetInt32();
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{id}/decision", Json(new { decision = "same-person", note = "Same service number." }), Ct));

        // Another contingent's roster numbers its rows from R-001 too; its R-001 has another day of birth and a passport.
        var second = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment&mission=MONUSCO",
            Csv("person_id,full_name,date_of_birth,nationality,id_numbers\r\nR-001,Muhammad Abdulrahman Yusuf,1984-03-28,PAK,PK5550001\r\n", "b.csv"), Ct));
        var met = Assert.Single(second.GetProperty("found").EnumerateArray());
        Assert.Equal(ScreeningRuns.StandingNew, met.GetProperty("standing").GetString());
        Assert.NotEqual(id, met.GetProperty("candidateId").GetInt32());
        Assert.DoesNotContain(await ScreeningAlertsAsync(chiefCod), a => a.Contains("confirmed earlier", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARosterRow_IsLinkedToAPersonnelRecordByNumber_OnlyWhenTheNameOrTheBirthDateAgrees(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        // P-SCR-002 is Jean-Pierre Habimana, serving in MONUSCO: a MINUSCA roster gives his number to someone else.
        var roster = "person_id,full_name,date_of_birth,nationality\r\n" +
                     "P-SCR-002,Mohammed Abdul Rahman Youssef,1984-03-12,PAK\r\n" +
                     "P-SCR-001,Mohamed Abdelrahman Yusuf,,PAK\r\n";
        var run = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment&mission=MINUSCA", Csv(roster, "rotation.csv"), Ct));
        var ids = run.GetProperty("found").EnumerateArray().ToDictionary(f => f.GetProperty("personId").GetString()!, f => f.GetProperty("candidateId").GetInt32());
        var hostile = await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{ids["P-SCR-002"]}", Ct));
        Assert.False(hostile.GetProperty("person").GetProperty("deployed").GetBoolean());
        Assert.True(hostile.GetProperty("person").GetProperty("numberNotLinked").GetBoolean());
        // The name agrees (no date to compare): linked, and shown deployed.
        var linked = await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{ids["P-SCR-001"]}", Ct));
        Assert.True(linked.GetProperty("person").GetProperty("deployed").GetBoolean());
        Assert.False(linked.GetProperty("person").GetProperty("numberNotLinked").GetBoolean());

        // MONUSCO's chief neither reads the misattributed candidate nor hears of its confirmation; MINUSCA's chief does.
        using var chiefCod = await host.ApiAsync("chief-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await chiefCod.GetAsync($"/api/v1/screening/candidates/{ids["P-SCR-002"]}", Ct)).StatusCode);
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{ids["P-SCR-002"]}/decision", Json(new { decision = "same-person", note = "Same passport photo." }), Ct));
        Assert.Empty(await ScreeningAlertsAsync(chiefCod));
        using var chief = await host.ApiAsync("chief");
        Assert.Contains("P-SCR-002, on a roster for your mission", Assert.Single(await ScreeningAlertsAsync(chief)), StringComparison.Ordinal);
        using var browser = await host.BrowserAsync("screener");
        Assert.Contains("the row was not linked to that record", await browser.GetStringAsync($"/screening/candidates/{ids["P-SCR-002"]}", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACandidatesRegistrySide_NamesItsFieldsForWhatTheyHold(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await ImportRegistryAndScreenDeployedAsync(screener);
        var id = (await CandidatesAsync(screener)).Single(c => c.GetProperty("recordId").GetString() == "REG-T1").GetProperty("id").GetInt32();
        var record = (await OkAsync(await screener.GetAsync($"/api/v1/screening/candidates/{id}", Ct))).GetProperty("record");
        Assert.Equal(("substantiated", "C-2024-0001"), (record.GetProperty("finding").GetString(), record.GetProperty("caseReference").GetString()));
        // It reported the finding as "category" and the case reference as "unit".
        Assert.False(record.TryGetProperty("category", out _));
        Assert.False(record.TryGetProperty("unit", out _));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AScreeningOfficerOfSeveralMissions_NamesTheMissionOfAHire_AndSeesItsCandidate(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        await host.CreateUserAsync("screener-two", Roles.ScreeningOfficer, "mission:MINUSCA", "mission:MONUSCO");
        using var two = await host.ApiAsync("screener-two");
        var applicant = new { fullName = "Kofi M. Boateng", dateOfBirth = "1961-02", nationality = "GHA" };
        // It was recorded for no mission: the candidate went to a queue this officer cannot see.
        var ambiguous = await ProblemAsync(await two.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("Name the mission", ambiguous.GetProperty("errors").GetProperty("mission")[0].GetString(), StringComparison.Ordinal);
        var notTheirs = await ProblemAsync(await two.PostAsync("/api/v1/screening/runs/person", Json(new { applicant.fullName, mission = "UNMISS" }), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("UNMISS", notTheirs.GetProperty("errors").GetProperty("mission")[0].GetString(), StringComparison.Ordinal);

        var run = await OkAsync(await two.PostAsync("/api/v1/screening/runs/person", Json(new { applicant.fullName, applicant.dateOfBirth, applicant.nationality, mission = "monusco" }), Ct));
        Assert.Equal(("MONUSCO", 1), (run.GetProperty("mission").GetString(), run.GetProperty("raised").GetInt32()));
        Assert.Contains(await CandidatesAsync(two), c => c.GetProperty("subjectKey").GetString()!.StartsWith("APPLICANT-", StringComparison.Ordinal) && c.GetProperty("mission").GetString() == "MONUSCO");
        Assert.Contains((await OkAsync(await two.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray(), r => r.GetProperty("id").GetInt32() == run.GetProperty("id").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AHireForAMission_ReachesItsChief_AlsoWhenFirstScreenedForNoMission(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/registry/import", Csv(Registry), Ct));
        using var chief = await host.ApiAsync("chief");
        var applicant = new { fullName = "Kofi M. Boateng", dateOfBirth = "1961-02", nationality = "GHA" };

        // Screened first for no mission (a global screening officer may): MINUSCA's chief cannot see the candidate.
        var first = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(applicant), Ct));
        var id = Assert.Single(first.GetProperty("found").EnumerateArray()).GetProperty("candidateId").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/screening/candidates/{id}", Ct)).StatusCode);
        // Then for MINUSCA: the open candidate is the same one, and now MINUSCA's.
        var again = await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(new { applicant.fullName, applicant.dateOfBirth, applicant.nationality, mission = "MINUSCA" }), Ct));
        var met = Assert.Single(again.GetProperty("found").EnumerateArray());
        Assert.Equal((ScreeningRuns.StandingOpen, id), (met.GetProperty("standing").GetString(), met.GetProperty("candidateId").GetInt32()));
        Assert.Equal("MINUSCA", (await OkAsync(await chief.GetAsync($"/api/v1/screening/candidates/{id}", Ct))).GetProperty("mission").GetString());

        // Confirmed: the hiring mission's chief is told, as for a roster.
        await OkAsync(await screener.PostAsync($"/api/v1/screening/candidates/{id}/decision", Json(new { decision = "same-person", note = "Same person: do not hire." }), Ct));
        var alert = Assert.Single(await ScreeningAlertsAsync(chief));
        Assert.Contains(", to be hired for your mission, is confirmed as the person of registry record REG-T", alert, StringComparison.Ordinal);
        // Who decided is on the candidate, as who withdrew is on a record.
        Assert.Equal("screener", (await OkAsync(await chief.GetAsync($"/api/v1/screening/candidates/{id}", Ct))).GetProperty("decidedBy").GetString());
        // Screened again for the mission: reported as confirmed earlier, and the chief told again.
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/person", Json(new { applicant.fullName, applicant.dateOfBirth, applicant.nationality, mission = "MINUSCA" }), Ct));
        Assert.Contains(await ScreeningAlertsAsync(chief), a => a.Contains(", to be hired for your mission, was confirmed earlier as the person of registry record REG-T", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Runs_ShowWhoStartedThem_TheSchedulerAsNone(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/deployed", null, Ct));
        await RunIfDueAsync(host);
        var runs = (await OkAsync(await screener.GetAsync("/api/v1/screening/runs", Ct))).EnumerateArray().ToList();
        Assert.Equal(["screener", null], runs.Select(r => r.GetProperty("startedBy").GetString()).Order(StringComparer.Ordinal).Reverse());
        using var browser = await host.BrowserAsync("screener");
        var rows = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/runs", Ct)).QuerySelectorAll("table:not(.found) tbody tr");
        Assert.Equal(["screener", "the scheduler"], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARosterUnitOverItsBound_IsRefusedWithLineAndColumn_OnEveryDatabase(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _h = host;
        using var screener = await host.ApiAsync("screener");
        // PostgreSQL refused it in the database (a 400 naming nothing); SQLite stored it.
        var roster = $"person_id,full_name,date_of_birth,nationality,unit\r\nX-1,Modou Mbengue,1993-02-08,SEN,{new string('U', 201)}\r\n";
        var problem = await ProblemAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment", Csv(roster, "longunit.csv"), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("longunit.csv: line 2, column 5: unit is longer than 200 characters", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        var ok = $"person_id,full_name,date_of_birth,nationality,unit\r\nX-1,Modou Mbengue,1993-02-08,SEN,{new string('U', 200)}\r\n";
        await OkAsync(await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment", Csv(ok, "unit.csv"), Ct));
    }

    [Fact]
    public async Task ScreeningPages_AFileOverTheLimit_IsAPageErrorNamingTheFile()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var big = new byte[(int)Vigil.Web.Screening.ScreeningSetup.MaxUploadBytes + 1024 * 1024];
        Encoding.UTF8.GetBytes("person_id,full_name\r\n").CopyTo(big, 0);
        big.AsSpan(21).Fill((byte)'x');
        foreach (var (path, handler) in new[] { ("/screening/runs", "Roster"), ("/screening/registry", "Import") })
        {
            var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(path, Ct));
            var token = page.QuerySelector($"form[action*='handler={handler}'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var upload = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(big), "file", "big-roster.csv" },
            };
            // It answered a bare JSON "Bad request", no page and no word of the file.
            var response = await browser.PostAsync($"{path}?handler={handler}", upload, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("div.error")?.TextContent ?? "";
            Assert.Contains("big-roster.csv: the file is larger than 20 MiB", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFileFault_OnAFrenchPage_IsSaidInFrench_WithItsFileLineAndColumn()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var files = new[]
        {
            ("/screening/registry", "Import", "record_id,full_name,finding\r\nQA-B1,Good Row,barred\r\nQA-B2,Bad Row,guilty\r\n", "registre.csv",
                "registre.csv : ligne 3, colonne 3 : finding « guilty » n'est ni substantiated, ni pending, ni barred"),
            ("/screening/runs", "Roster", "person_id,full_name\r\nP1,\"Amadou \"Bah\"\r\n", "liste.csv",
                "liste.csv : ligne 2, colonne 2 : CSV mal formé : du texte après le guillemet fermant d'une valeur (doublez un guillemet qui fait partie de la valeur)"),
        };
        foreach (var (path, handler, csv, name, french) in files)
        {
            var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(path + "?lang=fr", Ct));
            var token = page.QuerySelector($"form[action*='handler={handler}'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var upload = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(handler == "Roster" ? "pre-deployment" : ""), "kind" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name },
            };
            var response = await browser.PostAsync($"{path}?handler={handler}", upload, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("div.error")?.TextContent ?? "";
            Assert.Contains(french, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegistryAddForm_SentTwice_AddsOneRecord_AndTheKeyReusedForOtherValuesIsRefused()
    {
        var (host, _) = await StartAsync("sqlite");
        await using var _h = host;
        using var browser = await host.BrowserAsync("screener");
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/screening/registry", Ct));
        var form = page.QuerySelector("form[action*='handler=Add']")!;
        var key = form.QuerySelector("input[name=Key]")!.GetAttribute("value")!;
        Assert.Matches("^[0-9A-F]{32}$", key);
        Dictionary<string, string> Fields(string name) => new()
        {
            ["fullName"] = name,
            ["finding"] = "barred",
            ["nationality"] = "GHA",
            ["dateOfBirth"] = "1984-02-02",
            ["Key"] = key,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        // A double click: two redirects to one record (there were two records).
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => browser.PostAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(Fields("Kwame Mensah Boateng")), Ct)));
        Assert.All(sent, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(sent.Select(r => r.Headers.Location!.OriginalString).Distinct(StringComparer.Ordinal));
        using var screener = await host.ApiAsync("screener");
        Assert.Equal(1, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());
        // The same key for another record: refused, nothing added; a fresh form adds it.
        var reused = await browser.PostAsync("/screening/registry?handler=Add", new FormUrlEncodedContent(Fields("Ama Serwaa Boateng")), Ct);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("This form was already used to add record", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());
        // The API takes an Idempotency-Key for the same purpose.
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/screening/registry") { Content = Json(new { fullName = "Ama Serwaa Boateng", finding = "pending" }) };
            message.Headers.Add("Idempotency-Key", "add-ama-1");
            return message;
        };
        var firstId = (await OkAsync(await screener.SendAsync(request(), Ct))).GetProperty("recordId").GetString();
        Assert.Equal(firstId, (await OkAsync(await screener.SendAsync(request(), Ct))).GetProperty("recordId").GetString());
        Assert.Equal(2, (await OkAsync(await screener.GetAsync("/api/v1/screening/registry", Ct))).GetProperty("total").GetInt32());
    }
}
