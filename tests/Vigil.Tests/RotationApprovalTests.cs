using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Approving a plan against the data as they are now, runs without a plan, and the defaults a run gets. The world is
/// <see cref="PresenceAppTests"/>' (clock 2026-03-10, horizon from 2026-04-01; CDO-T001 is Ghanaian, CDO-T002 Rwandan).
/// </summary>
public sealed class RotationApprovalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> FinishedRunAsync(HttpClient chief, object body)
    {
        var id = (await PresenceAppTests.CreateRunAsync(chief, body)).GetProperty("id").GetInt32();
        var run = await PresenceAppTests.WaitFinishedAsync(chief, id);
        Assert.Equal("finished", run.GetProperty("summary").GetProperty("state").GetString());
        return id;
    }

    private static async Task<string> SiteOfAsync(HttpClient chief, int run, string officer, int period)
    {
        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{run}/plan.json", Ct));
        return plan.RootElement.GetProperty("postings").EnumerateArray()
            .Single(p => p.GetProperty("officer").GetString() == officer && p.GetProperty("period").GetInt32() == period).GetProperty("site").GetString()!;
    }

    private static Task ContingentArrivesAsync(TestHost host, string site, string country) => host.WithDbAsync(async db =>
    {
        db.Contingents.Add(new Contingent
        {
            Code = $"{site}-{country}-9",
            Site = await db.Sites.SingleAsync(s => s.Code == site, Ct),
            ContributingCountry = country,
            Category = PersonnelCategory.MilitaryContingent,
            UnitName = $"{country}BATT 9",
            Strength = 500,
            From = new DateOnly(2026, 3, 20),
        });
        await db.SaveChangesAsync(Ct);
    });

    private static Task<int> FuturePostingsAsync(TestHost host) =>
        host.WithDbAsync((db, _) => db.Postings.CountAsync(p => p.From >= new DateOnly(2026, 4, 1), Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approve_AfterAContingentOfTheOfficersNationalityArrivedAtThePlannedSite_Is409_NamingIt_AndWritesNothing(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var id = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 3 });
        var site = await SiteOfAsync(chief, id, "CDO-T001", 0);

        await ContingentArrivesAsync(host, site, "GHA");
        var refused = await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains($"a contingent of GHA is now at {site}: CDO-T001's posting there from 2026-04-01 breaks the conflict-of-interest rule", detail, StringComparison.Ordinal);
        Assert.Contains("Build the problem again", detail, StringComparison.Ordinal);
        Assert.Equal(0, await FuturePostingsAsync(host));
        Assert.Equal(JsonValueKind.Null, (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct)).GetProperty("summary").GetProperty("approvedAt").ValueKind);

        // An officer who joined the mission since is named too; a problem built again from the data is approved.
        var clock = (FakeTimeProvider)await host.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<TimeProvider>()));
        clock.Advance(TimeSpan.FromMinutes(1));
        var again = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 3 });
        await host.WithDbAsync(async db =>
        {
            db.ConductOfficers.Add(new ConductOfficer { Code = "CDO-T003", FullName = "Test Officer Three", Nationality = "SEN", Grade = "P-3", Mission = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct) });
            await db.SaveChangesAsync(Ct);
        });
        var joined = await chief.PostAsync($"/api/v1/rotation/runs/{again}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, joined.StatusCode);
        Assert.Contains("CDO-T003 joined MINUSCA: the plan has no posting for them", await joined.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 3 });
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{fresh}/approve", null, Ct)).StatusCode);
        Assert.True(await FuturePostingsAsync(host) > 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InfeasibleRun_HasNoBreakdownNorCounts_AndNoPostingsCsv(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var approved = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 3 });
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{approved}/approve", null, Ct)).StatusCode);
        // After the approval a Ghanaian contingent arrives where CDO-T001 is pinned (frozen periods): no plan is possible.
        await ContingentArrivesAsync(host, await SiteOfAsync(chief, approved, "CDO-T001", 0), "GHA");
        var id = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, frozenPeriods = 2, timeLimitSeconds = 3 });

        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct));
        Assert.Equal("INFEASIBLE", plan.RootElement.GetProperty("status").GetString());
        foreach (var field in new[] { "objective", "bound", "breakdown" })
        {
            Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty(field).ValueKind);
        }
        var listed = (await chief.GetFromJsonAsync<JsonElement>("/api/v1/rotation/runs?mission=MINUSCA", Ct)).EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        foreach (var field in new[] { "breakdown", "uncoveredOfficerPeriods", "changedPostings" })
        {
            Assert.True(!listed.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null, field);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/rotation/runs/{id}/postings.csv", Ct)).StatusCode);
        var review = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct);
        Assert.Empty(review.GetProperty("officers").EnumerateArray());
        Assert.Contains(review.GetProperty("infeasible").EnumerateArray(), r => r.GetString()!.Contains("conflict-of-interest", StringComparison.Ordinal)
            && r.GetString()!.Contains("in period 0 (from 2026-04-01)", StringComparison.Ordinal));
        Assert.Contains(review.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("approved plan's, kept for the frozen periods", StringComparison.Ordinal));

        using var browser = await host.BrowserAsync("chief-caf");
        var row = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/rotation?mission=MINUSCA", Ct))
            .QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("a")!.TextContent == $"#{id}");
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["—", "—", "—", "—", "—"], cells.Skip(7).Take(5));

        // The page in French says why, in French, with the period's first day.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/rotation/{id}?lang=fr", Ct));
        var said = page.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Contains(said, li => li.StartsWith("L'affectation figée de CDO-T001 à ", StringComparison.Ordinal)
            && li.Contains("en période 0 (à partir du 2026-04-01) enfreint la règle de conflit d'intérêts", StringComparison.Ordinal));
        Assert.Contains(said, li => li.Contains("sont celles du plan approuvé, conservées pour les périodes figées", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Defaults_TenureAndReturnBar_AreBothConvertedFromMonths_AndShown(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        foreach (var (months, periods, tenure, bar) in new[] { (1, 12, 6, 12), (3, 8, 2, 4), (5, 4, 1, 3), (12, 2, 1, 1) })
        {
            var run = await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periodMonths = months, periods, frozenPeriods = 0, timeLimitSeconds = 1 });
            Assert.Equal((tenure, bar), (run.GetProperty("maxConsecutivePeriods").GetInt32(), run.GetProperty("minPeriodsBeforeReturn").GetInt32()));
            using var problem = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{run.GetProperty("id").GetInt32()}/problem.json", Ct));
            var rules = problem.RootElement.GetProperty("rules");
            Assert.Equal((tenure, bar), (rules.GetProperty("maxConsecutivePeriods").GetInt32(), rules.GetProperty("minPeriodsBeforeReturn").GetInt32()));
            // At most three runs of a mission wait at once: on a busy machine the fourth would be refused.
            await PresenceAppTests.WaitFinishedAsync(chief, run.GetProperty("id").GetInt32());
        }

        // The form shows the values used when left empty, and how they follow the months per period.
        using var browser = await host.BrowserAsync("chief-caf");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/rotation", Ct));
        Assert.Equal("6", page.QuerySelector("input[name='Form.MaxConsecutivePeriods']")!.GetAttribute("placeholder"));
        Assert.Equal("12", page.QuerySelector("input[name='Form.MinPeriodsBeforeReturn']")!.GetAttribute("placeholder"));
        Assert.Contains("at most 6 months at one site and 12 months before a return", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApprovedPostingsToCome_AreShownPerOfficer_OnTheCoverageView_NotToAggregateRoles(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        // CDO-T001 has been at Bangui past the tenure: the plan moves them from 2026-04-01, a posting to come.
        var id = await FinishedRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 });
        var approved = await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(Ct));

        // Exactly the postings on record that start after today (2026-03-10), with site and dates, first day first.
        var onRecord = await host.WithDbAsync((db, _) => db.Postings.AsNoTracking().Where(p => p.From > new DateOnly(2026, 3, 10))
            .Select(p => new { Officer = p.Officer!.Code, Site = p.Site!.Code, p.From, p.To }).ToListAsync(Ct));
        Assert.NotEmpty(onRecord);
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        var coming = coverage.GetProperty("comingPostings").EnumerateArray().Select(p => new
        {
            Officer = p.GetProperty("officerCode").GetString()!,
            Site = p.GetProperty("siteCode").GetString()!,
            From = DateOnly.Parse(p.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            To = p.GetProperty("to").ValueKind == JsonValueKind.Null ? (DateOnly?)null : DateOnly.Parse(p.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        Assert.Equal(onRecord.OrderBy(p => p.From).ThenBy(p => p.Officer, StringComparer.Ordinal).Select(p => (p.Officer, p.Site, p.From, p.To)),
            coming.Select(p => (p.Officer, p.Site, p.From, p.To)));
        // Another mission's chief sees none of them.
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage", Ct)).GetProperty("comingPostings").GetArrayLength());
        }
        // An analyst sees coverage without names: no coming postings either.
        using (var analyst = await host.ApiAsync("analyst-hq"))
        {
            Assert.Equal(0, (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct)).GetProperty("comingPostings").GetArrayLength());
        }

        // The page lists them under "Coming postings", each row with the officer, the site and the first day.
        using var browser = await host.BrowserAsync("officer-caf");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/coverage?mission=MINUSCA&lang=fr", Ct));
        Assert.Equal("Affectations à venir", page.QuerySelector("h2#coming")!.TextContent);
        var rows = page.QuerySelectorAll("h2#coming ~ table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(onRecord.Count, rows.Count);
        var first = onRecord.OrderBy(p => p.From).ThenBy(p => p.Officer, StringComparer.Ordinal).First();
        Assert.Contains(first.Officer, rows[0], StringComparison.Ordinal);
        Assert.Contains(first.Site, rows[0], StringComparison.Ordinal);
        Assert.Contains(first.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rows[0], StringComparison.Ordinal);
        using var analystPage = await host.BrowserAsync("analyst-hq");
        Assert.DoesNotContain("id=\"coming\"", await analystPage.GetStringAsync("/coverage?mission=MINUSCA", Ct), StringComparison.Ordinal);
    }
}
