using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The accessibility findings of the audit review (13 to 16 and 18) on the real pages: errors tied to their fields,
/// named radio buttons, table headers, signals in words as well as colour, and English fragments marked on French pages.
/// </summary>
public sealed class AccessibilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<TestHost> StartAsync()
    {
        var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        return host;
    }

    private static async Task<string> RecordReportAsync(HttpClient officer)
    {
        var response = await officer.PostAsync("/api/v1/reports", Json(new
        {
            channel = "cbcm",
            relationship = "focal-point",
            mission = "MINUSCA",
            site = "MINUSCA-BGI",
            narrative = "Synthetic: a woman says a soldier gave her money for sex.",
            incidentDate = "2026-02",
            involved = "military",
            childInvolved = false,
        }), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reference").GetString()!;
    }

    private static async Task<string> OpenCaseAsync(HttpClient officer)
    {
        var report = await RecordReportAsync(officer);
        var response = await officer.PostAsync($"/api/v1/reports/{report}/triage", Json(new
        {
            action = "open-case",
            category = "sexual-exploitation",
            type = "transactional-sex",
            reason = "Credible account from a focal point.",
        }), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("caseReference").GetString()!;
    }

    /// <summary>The control is marked invalid and described by the summary line, which names it by its visible label.</summary>
    private static void AssertTied(IDocument page, string selector, string field, string label) =>
        AssertTiedTo(page, selector, $"error-{field}", label);

    /// <summary>
    /// As <see cref="AssertTied"/>, with the summary line's id (a page with several forms names each form's lines:
    /// <c>error-FORM-FIELD</c>); returns the line, for its message.
    /// </summary>
    internal static IElement AssertTiedTo(IDocument page, string selector, string id, string label)
    {
        var control = page.QuerySelector(selector);
        Assert.True(control is not null, $"{selector} is on the page");
        Assert.Equal("true", control!.GetAttribute("aria-invalid"));
        var described = control.GetAttribute("aria-describedby") ?? "";
        Assert.Contains(id, described.Split(' '));
        var line = page.GetElementById(id);
        Assert.True(line is not null, $"a line with id {id}");
        Assert.StartsWith(label, line!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(line.Closest("[role=alert]"));
        return line;
    }

    [Fact]
    public async Task StaffReportForm_EachErrorIsTiedToItsField_AndNamedByItsLabel()
    {
        await using var host = await StartAsync();
        using var browser = await host.BrowserAsync("officer");
        var blank = Parse(await browser.GetStringAsync("/reports/new", Ct));
        Assert.Empty(blank.QuerySelectorAll("[aria-invalid]"));
        var token = blank.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await browser.PostAsync("/reports/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Channel"] = "InPerson",
            ["Input.Relationship"] = "Victim",
            ["Input.Mission"] = "NOPE",
            ["Input.Narrative"] = "",
            ["Input.IncidentDate"] = "2099-99",
            ["Input.Involved"] = "Military",
            ["Child"] = "no",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync(Ct));
        AssertTied(page, "textarea[name='Input.Narrative']", "narrative", "What happened");
        AssertTied(page, "input[name='Input.Mission']", "mission", "Mission");
        AssertTied(page, "input[name='Input.IncidentDate']", "incidentDate", "Incident date");
        Assert.Null(page.QuerySelector("input[name='Input.Contact']")!.GetAttribute("aria-invalid"));

        // On a French page the same refusals are in French, with the value typed.
        using var french = await browser.PostAsync("/reports/new?lang=fr", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Channel"] = "InPerson",
            ["Input.Relationship"] = "Victim",
            ["Input.Mission"] = "NOPE",
            ["Input.Narrative"] = "Synthetic narrative.",
            ["Input.Involved"] = "Military",
            ["Child"] = "no",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Contains("« NOPE » n'est pas une mission de votre périmètre.", Parse(await french.Content.ReadAsStringAsync(Ct)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BreakGlassForm_AShortJustification_IsTiedToTheTextarea()
    {
        await using var host = await StartAsync();
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(officer);
        using var browser = await host.BrowserAsync("officer");
        var form = Parse(await browser.GetStringAsync($"/break-glass/new?kind=CaseOverride&case={reference}", Ct));
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await browser.PostAsync("/break-glass/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "UnmaskVictim",
            ["case"] = reference,
            ["justification"] = "need it",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertTied(Parse(await response.Content.ReadAsStringAsync(Ct)), "textarea[name=justification]", "justification", "Justification (at least 30 characters)");
    }

    [Fact]
    public async Task PublicForm_InArabic_ABadDate_IsTiedToTheDateInput()
    {
        await using var host = await StartAsync();
        using var anonymous = host.Anonymous();
        using var response = await anonymous.PostAsync("/report?lang=ar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Narrative"] = "Synthetic form narrative.",
            ["IncidentDate"] = "2099-13",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync(Ct));
        var date = page.QuerySelector("input[name=IncidentDate]")!;
        Assert.Equal("true", date.GetAttribute("aria-invalid"));
        Assert.Equal("error-incidentDate", date.GetAttribute("aria-describedby"));
        Assert.False(string.IsNullOrWhiteSpace(page.GetElementById("error-incidentDate")?.TextContent));
        Assert.Null(page.QuerySelector("textarea[name=Narrative]")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task TriageRadios_FormANamedGroup_AndEachIsNamedByItsCase()
    {
        await using var host = await StartAsync();
        using var officer = await host.ApiAsync("officer");
        var first = await OpenCaseAsync(officer);
        var second = await OpenCaseAsync(officer);
        var report = await RecordReportAsync(officer);
        using var browser = await host.BrowserAsync("officer");
        var page = Parse(await browser.GetStringAsync($"/reports/{report}", Ct));
        var radios = page.QuerySelectorAll("input[type=radio][name=CaseReference]").ToList();
        Assert.Equal(2, radios.Count);
        foreach (var radio in radios)
        {
            var label = page.QuerySelector($"label[for='{radio.Id}']");
            Assert.Equal(radio.GetAttribute("value"), label?.TextContent.Trim());
            Assert.Equal("Same incident as an open case?", radio.Closest("fieldset")?.QuerySelector("legend")?.TextContent.Trim());
        }
        Assert.Equal([first, second], radios.Select(r => r.GetAttribute("value")!).Order().ToList());
        Assert.All(radios[0].Closest("table")!.QuerySelectorAll("thead th"), th => Assert.False(string.IsNullOrWhiteSpace(th.TextContent)));
    }

    [Fact]
    public async Task TimelineAndNotifications_HaveColumnHeaders_AndReadOrUnreadInWords()
    {
        await using var host = await StartAsync();
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(officer);
        await host.WithDbAsync(async db =>
        {
            var @case = await db.Cases.Where(c => c.Reference == reference).Select(c => new { c.Id, c.MissionId }).SingleAsync(Ct);
            db.Notifications.Add(new Notification { Role = Roles.ConductChief, MissionId = @case.MissionId, CaseId = @case.Id, CreatedAt = TimeProvider.System.GetUtcNow(), Notice = "Synthetic notice." });
            // A screening alert has no case or report: the candidate's page it names is its link.
            db.Notifications.Add(new Notification { Role = Roles.ConductChief, MissionId = @case.MissionId, CreatedAt = TimeProvider.System.GetUtcNow(), Notice = "Screening: P-1, serving in your mission, is confirmed. See /screening/candidates/7." });
            await db.SaveChangesAsync(Ct);
        });
        using var browser = await host.BrowserAsync("chief");
        var casePage = Parse(await browser.GetStringAsync($"/cases/{reference}", Ct));
        var timeline = casePage.QuerySelectorAll("h2").First(h => h.TextContent == "Timeline").NextElementSibling!;
        Assert.Equal(["Date", "Who", "What"], timeline.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent));

        var notifications = Parse(await browser.GetStringAsync("/notifications", Ct));
        var table = notifications.QuerySelector("main table")!;
        Assert.Equal(4, table.QuerySelectorAll("thead th[scope=col]").Length);
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Children[^1].TextContent.Trim(), new[] { "read", "unread" }));
        Assert.Contains(rows, r => r.Children[^1].TextContent.Trim() == "unread");
        var screening = rows.Single(r => r.TextContent.Contains("Screening:", StringComparison.Ordinal)).QuerySelector("a[href='/screening/candidates/7']");
        Assert.Equal("/screening/candidates/7", screening?.TextContent);
    }

    [Fact]
    public async Task CaseList_ChildVictimAndOverdue_AreSaidInWords()
    {
        await using var host = await StartAsync();
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(officer);
        await host.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Reference == reference, Ct);
            @case.ChildVictim = true;
            db.CaseDeadlines.Add(new CaseDeadline { CaseId = @case.Id, Kind = Enum.GetValues<DeadlineKind>()[0], DueOn = new DateOnly(2020, 1, 1) });
            await db.SaveChangesAsync(Ct);
        });
        using var browser = await host.BrowserAsync("officer");
        var row = Parse(await browser.GetStringAsync("/cases", Ct)).QuerySelectorAll("main table tbody tr").Single();
        Assert.Contains("Child victim", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("overdue", row.Children[^1].TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[title]"));
    }

    [Fact]
    public async Task FrenchCasePage_MarksTheEnglishNextStep_AsEnglish_AndSaysTheTimelineInFrench()
    {
        await using var host = await StartAsync();
        using var officer = await host.ApiAsync("officer");
        var reference = await OpenCaseAsync(officer);
        using var browser = await host.BrowserAsync("officer");
        var french = Parse(await browser.GetStringAsync($"/cases/{reference}?lang=fr", Ct));
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        var english = french.QuerySelectorAll("[lang=en]").Select(e => e.TextContent).ToList();
        Assert.NotEmpty(english); // the next step
        // The timeline's lines are said in French (TimelineLines), so they are not marked; only a line no form reads would be.
        Assert.DoesNotContain(english, t => t.Contains("Opened from report", StringComparison.Ordinal));
        Assert.Contains("Ouvert à partir du signalement", french.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // On an English page nothing needs marking.
        var plain = Parse(await browser.GetStringAsync($"/cases/{reference}?lang=en", Ct));
        Assert.Empty(plain.QuerySelectorAll("main [lang]"));
    }

    [Fact]
    public async Task FrenchStaffPages_NameCountriesInFrench()
    {
        await using var host = await StartAsync();
        using var browser = await host.BrowserAsync("officer");
        var french = Parse(await browser.GetStringAsync("/missions/MINUSCA?lang=fr", Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("République centrafricaine (CAF)", french, StringComparison.Ordinal);
        Assert.Contains("République centrafricaine", Parse(await browser.GetStringAsync("/?lang=fr", Ct)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var english = Parse(await browser.GetStringAsync("/missions/MINUSCA?lang=en", Ct)).QuerySelector("main")!.TextContent;
        Assert.Contains("Central African Republic (CAF)", english, StringComparison.Ordinal);
    }
}
