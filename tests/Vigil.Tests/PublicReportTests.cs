using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Intake;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>The anonymous routes of spec/http.md and the public pages, over real HTTP.</summary>
public sealed class PublicReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestHost> StartAsync(string provider = "sqlite", Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var host = await TestHost.StartAsync(provider, configure: configure);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        return host;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_ThenFollowWithReceipt_AndExchangeMessages(string provider)
    {
        await using var host = await StartAsync(provider);
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/public/reports", Json(new
        {
            narrative = "Synthetic test narrative: a soldier offered food for sex near the base.",
            language = "fr",
            mission = "minusca",
            site = "Bangui",
            incidentDate = "2025-10",
            involved = "military",
            childInvolved = true,
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var receipt = created.GetProperty("receipt").GetString()!;
        Assert.Equal("received", created.GetProperty("status").GetString());
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$", receipt);

        using var status = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        status.Headers.Add("X-Receipt", receipt.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        var followed = await client.SendAsync(status, Ct);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        var body = await followed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("received", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("messages").GetArrayLength());

        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/reports/messages") { Content = Json(new { text = "I can add that it happened twice." }) };
        message.Headers.Add("X-Receipt", receipt);
        using (var sent = await client.SendAsync(message, Ct))
        {
            // The spec's route answers 201 and nothing more (shared/spec/http.md).
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            Assert.Equal("", await sent.Content.ReadAsStringAsync(Ct));
        }

        // The conduct officer of the mission sees it in the inbox, reads it and answers.
        await host.CreateUserAsync("officer-caf", Core.Access.Roles.ConductOfficer, "mission:MINUSCA");
        using var staff = await host.ApiAsync("officer-caf");
        var inbox = await staff.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct);
        var row = Assert.Single(inbox.EnumerateArray());
        Assert.True(row.GetProperty("awaitingReply").GetBoolean());
        var reference = row.GetProperty("reference").GetString()!;
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{reference}", Ct);
        Assert.Contains("offered food", detail.GetProperty("narrative").GetString());
        Assert.Equal("Bangui", detail.GetProperty("site").GetString());
        var reply = await staff.PostAsync($"/api/v1/reports/{reference}/messages", Json(new { text = "Thank you. Can you tell us the unit?" }), Ct);
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        // The staff route answers a JSON object, as the case routes do: the message's id, the report and when it was sent,
        // with the report (whose messages list it) as the Location.
        var sentReply = await reply.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(reference, sentReply.GetProperty("report").GetString());
        Assert.Equal($"/api/v1/reports/{reference}", reply.Headers.Location?.OriginalString);
        var listed = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{reference}", Ct)).GetProperty("messages").EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt32() == sentReply.GetProperty("id").GetInt32());
        Assert.Equal(("team", "Thank you. Can you tell us the unit?"), (listed.GetProperty("from").GetString(), listed.GetProperty("text").GetString()));
        Assert.Equal(sentReply.GetProperty("sentAt").GetDateTimeOffset(), listed.GetProperty("sentAt").GetDateTimeOffset());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        again.Headers.Add("X-Receipt", receipt);
        var thread = await (await client.SendAsync(again, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["reporter", "team"], messages.Select(m => m.GetProperty("from").GetString()).ToArray());
        Assert.Equal("Thank you. Can you tell us the unit?", messages[1].GetProperty("text").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", messages[1].GetProperty("sentOn").GetString()!);

        // Triaged, the report leaves the inbox; a later message from the reporter still reaches the team.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/reports/{reference}/triage",
            Json(new { action = "close", closeReason = "insufficient-information", reason = "Nothing to go on yet." }), Ct)).StatusCode);
        using var later = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/reports/messages") { Content = Json(new { text = "It was the unit near the market." }) };
        later.Headers.Add("X-Receipt", receipt);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(later, Ct)).StatusCode);
        var notices = await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", Ct);
        var notice = Assert.Single(notices.EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith(reference, StringComparison.Ordinal));
        Assert.DoesNotContain("market", notice.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReportNamingNoMission_JoinsItsCasesMission_AndItsReporterFollowsTheCase(string provider)
    {
        await using var host = await StartAsync(provider);
        using var client = host.Anonymous();
        var created = await (await client.PostAsync("/api/v1/public/reports", Json(new { narrative = "Synthetic: no mission named in this report." }), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var receipt = created.GetProperty("receipt").GetString()!;
        async Task<string> StatusAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
            request.Headers.Add("X-Receipt", receipt);
            return (await (await client.SendAsync(request, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString()!;
        }

        await host.CreateUserAsync("hq", Core.Access.Roles.ConductOfficer, "global");
        await host.CreateUserAsync("officer-caf", Core.Access.Roles.ConductOfficer, "mission:MINUSCA");
        using var hq = await host.ApiAsync("hq");
        var reference = (await hq.GetFromJsonAsync<JsonElement>("/api/v1/reports", Ct))[0].GetProperty("reference").GetString()!;
        var opened = await (await hq.PostAsync($"/api/v1/reports/{reference}/triage", Json(new
        {
            action = "open-case",
            mission = "MINUSCA",
            category = "sexual-exploitation",
            type = "transactional-sex",
            reason = "Credible.",
        }), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var caseReference = opened.GetProperty("caseReference").GetString()!;

        // The mission's team owns the case: it reads the report and hears from its reporter (before, 404 and silence).
        using var officer = await host.ApiAsync("officer-caf");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/reports/{reference}", Ct)).StatusCode);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/reports/messages") { Content = Json(new { text = "Synthetic: one more detail." }) };
        message.Headers.Add("X-Receipt", receipt);
        using (var sent = await client.SendAsync(message, Ct))
        {
            // The spec's route answers 201 and nothing more (shared/spec/http.md).
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            Assert.Equal("", await sent.Content.ReadAsStringAsync(Ct));
        }
        var notices = await officer.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", Ct);
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith(reference, StringComparison.Ordinal));

        // The reporter's status follows the case, in the published words.
        Assert.Equal("preliminary assessment", await StatusAsync());
        foreach (var (to, reason) in new[] { ("under-assessment", "Assessing."), ("referred-for-investigation", "Referred.") })
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/cases/{caseReference}/transitions", Json(new { to, reason }), Ct)).StatusCode);
        }
        Assert.Equal(await host.WithDbAsync((db, _) => db.Cases.Where(c => c.Reference == caseReference).Select(c => c.Body).SingleAsync(Ct)) == Core.Cases.InvestigatingBody.TroopContributingCountry
            ? "referred to member state" : "under investigation", await StatusAsync());
        // Investigated by the troop-contributing country: the published word says it went to the member state.
        await host.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Reference == caseReference, Ct);
            @case.Body = Core.Cases.InvestigatingBody.TroopContributingCountry;
            await db.SaveChangesAsync(Ct);
        });
        Assert.Equal("referred to member state", await StatusAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retry_WithSameIdempotencyKey_ReturnsSameReceipt_AndStoresOneReport(string provider)
    {
        await using var host = await StartAsync(provider);
        using var client = host.Anonymous();
        var payload = new { narrative = "Synthetic retry test." };
        async Task<HttpResponseMessage> SendAsync(string key, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/reports") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request, Ct);
        }
        var first = await SendAsync("7f0c2b1e-retry", payload);
        var second = await SendAsync("7f0c2b1e-retry", payload);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("receipt").GetString();
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("receipt").GetString();
        Assert.Equal(a, b);
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));

        var different = await SendAsync("7f0c2b1e-retry", new { narrative = "Another report entirely." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { "{}", "narrative" },
        { "{\"narrative\":\"   \"}", "narrative" },
        { "{\"narrative\":\"\u200B\u200D\u2060 \uFEFF\"}", "narrative" },
        { $"{{\"narrative\":\"{new string('x', 20_001)}\"}}", "narrative" },
        { "{\"narrative\":\"x\",\"mission\":\"NOSUCH\"}", "mission" },
        { "{\"narrative\":\"x\",\"incidentDate\":\"2999-01\"}", "incidentDate" },
        { "{\"narrative\":\"x\",\"incidentDate\":\"14/10/2025\"}", "incidentDate" },
        { "{\"narrative\":\"x\",\"language\":\"not a tag!\"}", "language" },
        { "{\"narrative\":\"x\",\"involved\":\"alien\"}", "involved" },
        { "{\"narrative\":\"x\",\"childInvolved\":\"maybe\"}", "childInvolved" },
        { "{\"narrative\":", "narrative" },
        { "[1,2", "body" },
    };

    [Fact]
    public async Task Narrative_IsCountedInCharacters_NotUtf16Units()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        // 20,000 emoji are 40,000 UTF-16 units: within the spec's 20,000 characters.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 20_000));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/public/reports", Json(new { narrative = emoji }), Ct)).StatusCode);
        var over = await client.PostAsync("/api/v1/public/reports", Json(new { narrative = emoji + "\U0001F600" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("The narrative is at most 20,000 characters; this one has 20,001.",
            (await over.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("narrative")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Submit_BadInput_Answers400NamingTheField_AndStoresNothing(string json, string field)
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/public/reports", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
    }

    [Fact]
    public async Task Submit_BodyOver1MiB_Answers413()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/v1/public/reports", Json(new { narrative = new string('x', 1_100_000) }), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Storage_HoldsNoReceiptNarrativeAddressOrUserAgentInClear()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DistinctiveAgent/9.9");
        const string narrative = "Synthetic-marker-narrative-QZX";
        var response = await client.PostAsync("/api/v1/public/reports", Json(new { narrative, contact = "synthetic-contact-QZX", location = "synthetic-place-QZX" }), Ct);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("receipt").GetString()!;
        var compact = receipt.Replace("-", "", StringComparison.Ordinal);

        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(host.Storage.ConnectionString).DataSource;
        // The file and its write-ahead log, as a thief with the disk would read them.
        var bytes = (await File.ReadAllBytesAsync(path, Ct)).Concat(File.Exists(path + "-wal") ? await File.ReadAllBytesAsync(path + "-wal", Ct) : []).ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var secret in new[] { narrative, "synthetic-contact-QZX", "synthetic-place-QZX", receipt, compact, "DistinctiveAgent", "127.0.0.1" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
        var hashes = await host.WithDbAsync((db, _) => db.Reports.Select(r => r.ReceiptHash).ToListAsync(Ct));
        Assert.Equal(32, Assert.Single(hashes)!.Length);
    }

    [Fact]
    public async Task UnknownAndMalformedReceipts_Get404_Alike()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        foreach (var receipt in new[] { "0000-0000-0000-0000-0000", "not a receipt", "", new string('Z', 300) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
            request.Headers.TryAddWithoutValidation("X-Receipt", receipt);
            var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("No report has this receipt.", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task ReceiptChecks_AreRateLimited()
    {
        await using var host = await StartAsync(configure: b => b.Configuration["RateLimits:ReceiptAttemptsPerWindow"] = "5");
        using var client = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
            request.Headers.Add("X-Receipt", "0000-0000-0000-0000-0000");
            statuses.Add((await client.SendAsync(request, Ct)).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task PublicForm_WorksWithoutJavaScriptOrCookies_AndIsSmall()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        var page = await client.GetAsync("/report?lang=ar", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"), "the form sets no cookie");
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("dir=\"rtl\"", html);
        Assert.Contains("lang=\"ar\"", html);
        Assert.Contains("ماذا حدث؟", html);
        Assert.Contains("MINUSCA · جمهورية إفريقيّا الوسطى", html); // the host country in the reporter's language
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var css = await client.GetByteArrayAsync("/assets/site.css", Ct);
        var weight = Encoding.UTF8.GetByteCount(html) + css.Length;
        Assert.True(weight < 30 * 1024, $"page weight {weight} bytes");

        var submitted = await client.PostAsync("/report?lang=ar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Narrative"] = "Synthetic form narrative.",
            ["Mission"] = "MINUSCA",
            ["Location"] = "near the market",
            ["IncidentDate"] = "2025-09",
            ["Involved"] = "police",
            ["Child"] = "no",
            ["Contact"] = "",
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var receiptPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await submitted.Content.ReadAsStringAsync(Ct));
        var receipt = receiptPage.QuerySelector(".receipt")!.TextContent.Trim();
        Assert.True(ReceiptCode.TryNormalize(receipt, out _));

        var followed = await client.PostAsync("/report/follow?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string> { ["Receipt"] = receipt }), Ct);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("reçu", await followed.Content.ReadAsStringAsync(Ct));
        // A blank reply is refused as a refused form is (400, said on the page), and nothing is stored; a written one is sent.
        var blank = await client.PostAsync("/report/follow?handler=reply&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string> { ["Receipt"] = receipt, ["Text"] = "  " }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("Écrivez votre message", System.Net.WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.ReportMessages.CountAsync(Ct)));
        var written = await client.PostAsync("/report/follow?handler=reply&lang=fr", new FormUrlEncodedContent(new Dictionary<string, string> { ["Receipt"] = receipt, ["Text"] = "Synthetic: one more detail." }), Ct);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.ReportMessages.CountAsync(Ct)));
        var stored = await host.WithDbAsync((db, _) => db.Reports.SingleAsync(Ct));
        Assert.Equal(Channel.PublicPortal, stored.Channel);
        Assert.Equal("ar", stored.Language);
        Assert.Equal(InvolvedCategory.Police, stored.Involved);
        Assert.False(stored.ChildInvolved);
    }

    [Fact]
    public async Task PublicForm_WithoutNarrative_ShowsLocalisedErrorAndStoresNothing()
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        var response = await client.PostAsync("/report?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string> { ["Narrative"] = " " }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Décrivez ce qui s'est passé", page.QuerySelector(".error")!.TextContent);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("en", "The place is at most", "The way to contact you is at most", "Choose who was involved")]
    [InlineData("fr", "Le lieu compte au plus", "Le moyen de vous contacter compte au plus", "Choisissez dans la liste qui était impliqué")]
    [InlineData("ar", "يجب ألا يتجاوز المكان", "يجب ألا تتجاوز طريقة التواصل معك", "اختر من القائمة من كان متورطاً")]
    public async Task PublicForm_RefusedPlaceContactOrInvolved_NamesTheFieldInTheReportersLanguage_NotItsToken(string lang, string place, string contact, string involved)
    {
        await using var host = await StartAsync();
        using var client = host.Anonymous();
        var response = await client.PostAsync($"/report?lang={lang}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Narrative"] = "Something happened near the base.",
            ["Location"] = new string('a', IntakeOptions.MaxLocation + 1),
            ["Contact"] = new string('b', IntakeOptions.MaxContact + 1),
            ["Involved"] = "alien",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        // Each message is tied to its control, and says the field as the form labels it.
        Assert.Contains(place, page.QuerySelector("#" + page.QuerySelector("input[name=Location]")!.GetAttribute("aria-describedby"))!.TextContent);
        Assert.Contains(contact, page.QuerySelector("#" + page.QuerySelector("input[name=Contact]")!.GetAttribute("aria-describedby"))!.TextContent);
        var errors = page.QuerySelector(".error")!.TextContent;
        Assert.Contains(involved, errors);
        // Before: "Vérifiez le champ : location." (the field's token, in every language).
        Assert.DoesNotMatch(@":\s*(location|contact|involved)\b", errors);
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
    }

    [Fact]
    public async Task PublicForm_RefusedAttemptsDoNotUseTheLimit_ARepeatedSendIsOneReport_AndTheLimitKeepsTheText()
    {
        await using var host = await StartAsync(configure: b => b.Configuration["RateLimits:SubmissionsPerWindow"] = "2");
        using var client = host.Anonymous();
        var blank = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/report?lang=fr", Ct));
        var key = blank.QuerySelector("input[name=Key]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> PostAsync(string narrative, string date, string formKey) => client.PostAsync("/report?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Narrative"] = narrative,
            ["IncidentDate"] = date,
            ["Key"] = formKey,
        }), Ct);

        // Five mistakes (a date the form cannot read) used to count against the ten reports an address may file.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("Synthetic: a report with a bad date.", i % 2 == 0 ? "yesterday" : "32/13/2026", key)).StatusCode);
        }
        // An unreadable date is said to be unreadable; a future one, to be in the future.
        static string ErrorOf(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector(".error")!.TextContent;
        Assert.Contains("n'a pas pu être lue comme une date", ErrorOf(await (await PostAsync("Synthetic.", "32/13/2026", key)).Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("La date doit être passée", ErrorOf(await (await PostAsync("Synthetic.", "2099-01", key)).Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        // A date typed on a phone (slashes, Arabic-Indic digits, month first) is read.
        var first = await PostAsync("Synthetic: a report sent twice by a double tap.", "١٠/٢٠٢٥", key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = await PostAsync("Synthetic: a report sent twice by a double tap.", "١٠/٢٠٢٥", key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        static string ReceiptOf(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector(".receipt")!.TextContent.Trim();
        Assert.Equal(ReceiptOf(await first.Content.ReadAsStringAsync(Ct)), ReceiptOf(await again.Content.ReadAsStringAsync(Ct)));
        var stored = await host.WithDbAsync((db, _) => db.Reports.SingleAsync(Ct));
        Assert.Equal("2025-10", stored.IncidentDate?.ToString());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("Synthetic: a second report.", "", "")).StatusCode);
        var limited = await PostAsync("Synthetic: a third report, over the limit.", "", "");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await limited.Content.ReadAsStringAsync(Ct));
        Assert.Contains("votre texte est conservé", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Synthetic: a third report, over the limit.", page.QuerySelector("textarea[name=Narrative]")!.TextContent);
        Assert.Equal(2, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("2026-10", "2026-10")]
    [InlineData("2026/10/14", "2026-10-14")]
    [InlineData("2026.10", "2026-10")]
    [InlineData("10/2026", "2026-10")]
    [InlineData("3/2026", "2026-03")]
    [InlineData("٢٠٢٦-١٠", "2026-10")]
    [InlineData("۲۰۲۶/۱۰", "2026-10")]
    [InlineData("2026–10", "2026-10")]
    [InlineData("14/10/2026", "14-10-2026")] // day first stays ambiguous: refused with the example
    [InlineData("", "")]
    public void PublicForm_ReadsDatesAsPhonesTypeThem(string typed, string expected) =>
        Assert.Equal(expected, Vigil.Pages.Report.IndexModel.TypedDate(typed));
}
