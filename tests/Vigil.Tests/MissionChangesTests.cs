using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Planning;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// An officer leaving the mission and a site closing, recorded by the chief, reach the coverage view, the next problem
/// built and the approval; the clock is PresenceAppTests' (2026-03-10), so the default horizon starts on 2026-04-01.
/// </summary>
public sealed class MissionChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADepartureAndAClosure_ReachTheNextPlan_AndItsApproval(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");

        // Who may: the chief of the mission; a conduct officer of it is refused, another mission's chief finds nothing.
        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/presence/officers/CDO-T002/departure", new { lastDay = "2026-06-15" }, Ct)).StatusCode);
        }
        using (var other = await host.ApiAsync("chief-cod"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/presence/sites/MINUSCA-KAG/closure", new { lastDay = "2026-05-31" }, Ct)).StatusCode);
        }
        var missing = await chief.PostAsJsonAsync("/api/v1/presence/officers/CDO-T002/departure", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("lastDay", out _));
        var longAgo = await chief.PostAsJsonAsync("/api/v1/presence/officers/CDO-T002/departure", new { lastDay = "2025-01-31" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, longAgo.StatusCode);

        // Kaga-Bandoro closes at the end of May; CDO-T002 leaves the mission on 15 June (half of June away: gone from June).
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/presence/sites/minusca-kag/closure", new { lastDay = "2026-05-31" }, Ct)).StatusCode);
        var left = await chief.PostAsJsonAsync("/api/v1/presence/officers/CDO-T002/departure", new { lastDay = "2026-06-15" }, Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("2026-06-15", (await left.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lastDay").GetString());
        // Still open today: the coverage view keeps the site until its last day.
        var coverage = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Contains(coverage.GetProperty("sites").EnumerateArray(), s => s.GetProperty("code").GetString() == "MINUSCA-KAG");

        // A new officer, posted nowhere yet: the problem says so with "currentSite": null, as the spec writes it.
        await host.WithDbAsync(async db =>
        {
            db.ConductOfficers.Add(new Vigil.Core.Presence.ConductOfficer
            {
                Code = "CDO-T009",
                FullName = "Test Officer Nine",
                Nationality = "SEN",
                Grade = "P-2",
                Languages = ["fr"],
                MissionId = await db.Missions.Where(m => m.Code == "MINUSCA").Select(m => m.Id).SingleAsync(Ct),
            });
            await db.SaveChangesAsync(Ct);
        });
        var id = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        var review = await PresenceAppTests.WaitFinishedAsync(chief, id);
        using (var raw = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/problem.json", Ct)))
        {
            var newcomer = raw.RootElement.GetProperty("officers").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "CDO-T009");
            Assert.Equal(JsonValueKind.Null, newcomer.GetProperty("currentSite").ValueKind);
        }
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/problem.json", Ct)).Problem!;
        Assert.DoesNotContain(problem.Sites, s => s.Id == "MINUSCA-KAG");
        Assert.Equal([2, 3, 4, 5], problem.Officers[problem.OfficerIndex("CDO-T002")].UnavailablePeriods.Order());
        Assert.Contains(review.GetProperty("warnings").EnumerateArray(),
            w => w.GetString() == "Site MINUSCA-KAG closes on 2026-05-31, within this horizon: it is left out of the plan.");
        // The runs table gives each cost with its count: moves at 200 each, kilometres at 1.
        using (var browser = await host.BrowserAsync("chief-caf"))
        {
            var row = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/rotation?mission=MINUSCA", Ct))
                .QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("a")!.TextContent == $"#{id}");
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            var move = System.Text.RegularExpressions.Regex.Match(cells[9], @"^([\d,]+) \(([\d,]+)\)$");
            Assert.True(move.Success, cells[9]);
            Assert.Equal(long.Parse(move.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture),
                200 * long.Parse(move.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
        }
        // The timeline marks the periods the officer is away (posted, covering nothing).
        var t002 = review.GetProperty("officers").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "CDO-T002");
        Assert.Equal([false, false, true, true, true, true], t002.GetProperty("periods").EnumerateArray().Select(c => c.GetProperty("away").GetBoolean()));

        // Approved: nothing is written for CDO-T002 past their last day.
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        var postings = await host.WithDbAsync(async (db, _) => await db.Postings.AsNoTracking().Where(p => p.Officer!.Code == "CDO-T002")
            .Select(p => new { p.From, p.To }).ToListAsync(Ct));
        Assert.All(postings, p => Assert.True(p.From <= new DateOnly(2026, 6, 15) && p.To is { } to && to <= new DateOnly(2026, 6, 15), $"{p.From}–{p.To}"));
        Assert.Contains(postings, p => p.To == new DateOnly(2026, 6, 15));

        // Not yet reached: both may be withdrawn (the next plan includes them again).
        Assert.Equal(HttpStatusCode.OK, (await chief.DeleteAsync("/api/v1/presence/officers/CDO-T002/departure", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.DeleteAsync("/api/v1/presence/sites/MINUSCA-KAG/closure", Ct)).StatusCode);
        var (leftOn, closedOn) = await host.WithDbAsync(async (db, _) => (
            await db.ConductOfficers.Where(o => o.Code == "CDO-T002").Select(o => o.LeftOn).SingleAsync(Ct),
            await db.Sites.Where(s => s.Code == "MINUSCA-KAG").Select(s => s.ClosedOn).SingleAsync(Ct)));
        Assert.Null(leftOn);
        Assert.Null(closedOn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASiteClosingAfterTheHorizon_IsPlanned_ButTheApprovalWritesNoPostingPastItsLastDay(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        foreach (var site in new[] { "MINUSCA-BGI", "MINUSCA-BRI", "MINUSCA-KAG" })
        {
            Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/v1/presence/sites/{site}/closure", new { lastDay = "2026-12-31" }, Ct)).StatusCode);
        }
        var id = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, id);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        var open = await host.WithDbAsync(async (db, _) => await db.Postings.AsNoTracking()
            .Where(p => p.Site!.Mission!.Code == "MINUSCA" && (p.To == null || p.To > new DateOnly(2026, 12, 31)))
            .Select(p => p.Site!.Code + " from " + p.From).ToListAsync(Ct));
        Assert.Empty(open);
        // A closure already reached stays on record: not moved, not withdrawn.
        await host.WithDbAsync(async db =>
        {
            await db.Sites.Where(s => s.Code == "MINUSCA-KAG").ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosedOn, new DateOnly(2026, 3, 1)), Ct);
        });
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync("/api/v1/presence/sites/MINUSCA-KAG/closure", new { lastDay = "2026-12-31" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.DeleteAsync("/api/v1/presence/sites/MINUSCA-KAG/closure", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMissionsRuns_WaitAtMostThreeAtOnce_AndOneQueuedOrRunning_MayBeCancelled(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var first = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, first);
        // Runs copied as running (the worker leaves running runs alone): three fill MINUSCA's turn.
        async Task<int> CopyAsync(Vigil.Core.Presence.RotationRunState state) => await host.WithDbAsync(async (db, _) =>
        {
            var run = await db.RotationRuns.AsNoTracking().SingleAsync(r => r.Id == first, Ct);
            var copy = new Vigil.Core.Presence.RotationRun
            {
                MissionId = run.MissionId,
                State = state,
                HorizonStart = run.HorizonStart,
                Periods = run.Periods,
                PeriodMonths = run.PeriodMonths,
                TimeLimitSeconds = run.TimeLimitSeconds,
                ProblemJson = run.ProblemJson,
                CreatedBy = "chief-caf",
                CreatedAt = run.CreatedAt,
            };
            db.RotationRuns.Add(copy);
            await db.SaveChangesAsync(Ct);
            return copy.Id;
        });
        var running = new List<int>();
        for (var i = 0; i < Vigil.Core.Presence.RotationRuns.MaxWaitingPerMission; i++)
        {
            running.Add(await CopyAsync(Vigil.Core.Presence.RotationRunState.Running));
        }
        var refused = await chief.PostAsJsonAsync("/api/v1/rotation/runs", new { mission = "MINUSCA", periods = 2 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("MINUSCA already has 3 runs queued or running (at most 3)", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // A running run is cancelled too (its worker, on whichever host, stops the planner: RotationCancellationTests).
        var started = await chief.PostAsync($"/api/v1/rotation/runs/{running[0]}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var stopped = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("cancelled", "Cancelled by chief-caf while it was running: its plan is not kept."), (stopped.GetProperty("state").GetString(), stopped.GetProperty("failure").GetString()));

        // A queued one is (the worker polls every 10 s; should it claim the copy first, another is made).
        for (var attempt = 0; ; attempt++)
        {
            var queued = await CopyAsync(Vigil.Core.Presence.RotationRunState.Queued);
            var cancelled = await chief.PostAsync($"/api/v1/rotation/runs/{queued}/cancel", null, Ct);
            if (cancelled.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            var summary = await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(("cancelled", "Cancelled by chief-caf before it started."), (summary.GetProperty("state").GetString(), summary.GetProperty("failure").GetString()));
            // In the audit log, as the chief's change (a bulk update the change tracker does not see).
            var audited = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking()
                .CountAsync(e => e.RecordType == "RotationRun" && e.RecordId == queued.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    && e.Detail!.Contains("cancelled while queued") && e.Actor != "system", Ct));
            Assert.Equal(1, audited);
            break;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RequestsAtTheSameMoment_CannotTogetherPassAMissionsCap(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        // The worker stopped: it is woken by each run queued, and one planned and finished between two of the requests
        // would rightly free a place.
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<Microsoft.Extensions.Hosting.IHostedService>(host.App.Services).OfType<Vigil.Web.Presence.RotationWorker>().Single().StopAsync(Ct);
        using var chief = await host.ApiAsync("chief-caf");
        // Two runs left as running (no worker plans them), so one place is left under the cap of three.
        await host.WithDbAsync(async db =>
        {
            var mission = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
            for (var i = 0; i < Vigil.Core.Presence.RotationRuns.MaxWaitingPerMission - 1; i++)
            {
                db.RotationRuns.Add(new Vigil.Core.Presence.RotationRun
                {
                    MissionId = mission.Id,
                    State = Vigil.Core.Presence.RotationRunState.Running,
                    HorizonStart = new DateOnly(2027, 1, 1),
                    Periods = 2,
                    PeriodMonths = 1,
                    TimeLimitSeconds = 600,
                    ProblemJson = "{}",
                    CreatedBy = "chief-caf",
                    CreatedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
                });
            }
            await db.SaveChangesAsync(Ct);
        });
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            chief.PostAsJsonAsync("/api/v1/rotation/runs", new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 300 }, Ct)));
        Assert.Equal(
            (1, 3),
            (answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), answers.Count(a => a.StatusCode == HttpStatusCode.Conflict)));
    }

    [Fact]
    public async Task TheLeavePage_RecordsADepartureAndAClosure_AndSaysARefusalInFrench()
    {
        await using var host = await PresenceAppTests.StartAsync();
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var page = parser.ParseDocument(await browser.GetStringAsync("/rotation/leave?lang=fr", Ct));
        var token = page.QuerySelector("form[action*='handler=Closure'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Contains(page.QuerySelectorAll("form[action*='handler=Closure'] option"), o => o.GetAttribute("value") == "MINUSCA-KAG");

        var refused = await browser.PostAsync("/rotation/leave?handler=Closure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "MINUSCA-KAG",
            ["lastDay"] = "2025-01-31",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        // Refused: 400, as the screening and case pages answer a refused form.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // Said just above the closure form, at the foot of the page where the chief is, with the site and day kept and tied to the day.
        var refusedPage = parser.ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        var closureForm = refusedPage.QuerySelector("form[action*='handler=Closure']")!;
        var line = AccessibilityTests.AssertTiedTo(refusedPage, "form[action*='handler=Closure'] input[name=lastDay]", "error-closure-lastDay", "Dernier jour");
        Assert.Contains("« 2025-01-31 » remonte à plus de 90 jours", line.TextContent, StringComparison.Ordinal);
        Assert.Same(closureForm.PreviousElementSibling, line.Closest("[role=alert]"));
        Assert.Equal("MINUSCA-KAG", closureForm.QuerySelector("select[name=code] option[selected]")?.GetAttribute("value"));
        Assert.Equal("2025-01-31", closureForm.QuerySelector("input[name=lastDay]")!.GetAttribute("value"));
        Assert.Null(refusedPage.QuerySelector("[id^='error-departure']"));
        Assert.Null(refusedPage.QuerySelector("form[action*='handler=Departure'] [aria-invalid]"));

        foreach (var (handler, code, notice) in new[]
        {
            ("Closure", "MINUSCA-KAG", "Fermeture enregistrée : MINUSCA-KAG, dernier jour d'ouverture le 2026-05-31 ;"),
            ("Departure", "CDO-T002", "Départ enregistré : CDO-T002, dernier jour dans la mission le 2026-05-31 ;"),
        })
        {
            var done = await browser.PostAsync($"/rotation/leave?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = code,
                ["lastDay"] = "2026-05-31",
                ["__RequestVerificationToken"] = token,
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            // Said once, on the page the redirect leads to (the page was opened in French), as "Record corrected." is.
            var said = parser.ParseDocument(await browser.GetStringAsync("/rotation/leave?lang=fr", Ct)).QuerySelector("p.ok[role=status]");
            Assert.StartsWith("✓ " + notice, said?.TextContent.Trim() ?? "", StringComparison.Ordinal);
        }
        Assert.Null(parser.ParseDocument(await browser.GetStringAsync("/rotation/leave", Ct)).QuerySelector("p.ok[role=status]"));
        var listed = parser.ParseDocument(await browser.GetStringAsync("/rotation/leave", Ct));
        var rows = listed.QuerySelectorAll("tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("MINUSCA-KAG", StringComparison.Ordinal) && r.Contains("2026-05-31", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("CDO-T002", StringComparison.Ordinal) && r.Contains("2026-05-31", StringComparison.Ordinal));
    }
}
