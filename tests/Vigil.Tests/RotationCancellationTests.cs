using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Presence;
using Vigil.Tests.Infrastructure;
using Vigil.Web.Presence;

namespace Vigil.Tests;

/// <summary>
/// A running planning run is cancelled by the same route and button as a queued one: the worker stops the planner
/// within seconds, keeps nothing it found, and takes the next run; the cancellation is in the audit log.
/// </summary>
public sealed class RotationCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARunningRun_Cancelled_StopsWithinSeconds_KeepsNoPlan_AndTheQueueMovesOn(string provider)
    {
        // The stability weight off: the long run's problem is made up (its officers are not the mission's on record).
        await using var host = await PresenceAppTests.StartAsync(provider, new Dictionary<string, string?> { ["Presence:ReplanStabilityWeight"] = "0" });
        using var chief = await host.ApiAsync("chief-caf");
        var id = await host.WithDbAsync(async (db, _) =>
        {
            var run = new RotationRun
            {
                MissionId = await db.Missions.Where(m => m.Code == "MINUSCA").Select(m => m.Id).SingleAsync(Ct),
                State = RotationRunState.Queued,
                HorizonStart = new DateOnly(2026, 4, 1),
                Periods = 24,
                PeriodMonths = 1,
                TimeLimitSeconds = 300,
                ProblemJson = LongProblem(),
                CreatedBy = "chief-caf",
                CreatedAt = DateTimeOffset.UnixEpoch,
            };
            db.RotationRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            return run.Id;
        });
        host.App.Services.GetRequiredService<RotationQueue>().Notify();
        await WaitStateAsync(chief, id, "running");
        // A run queued behind it, which the worker takes once the long one has stopped.
        var next = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();

        // The page offers the chief the button while it runs (a conduct officer sees the run, not the button).
        using (var browser = await host.BrowserAsync("chief-caf"))
        {
            var page = await browser.GetStringAsync($"/rotation/{id}?follow=false", Ct);
            Assert.Contains("handler=Cancel", page, StringComparison.Ordinal);
            Assert.Contains("A cancelled run keeps no plan", page, StringComparison.Ordinal);
        }
        using (var officer = await host.BrowserAsync("officer-caf"))
        {
            Assert.DoesNotContain("handler=Cancel", await officer.GetStringAsync($"/rotation/{id}?follow=false", Ct), StringComparison.Ordinal);
            using var officerApi = await host.ApiAsync("officer-caf");
            Assert.Equal(HttpStatusCode.Forbidden, (await officerApi.PostAsync($"/api/v1/rotation/runs/{id}/cancel", null, Ct)).StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var cancelled = await chief.PostAsync($"/api/v1/rotation/runs/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var summary = await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("cancelled", "Cancelled by chief-caf while it was running: its plan is not kept."),
            (summary.GetProperty("state").GetString(), summary.GetProperty("failure").GetString()));
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("planStatus").ValueKind);

        // The worker noticed, stopped the planner and planned the next run (2 s of its own) well before the 300 s limit.
        var after = await PresenceAppTests.WaitFinishedAsync(chief, next);
        Assert.Equal("finished", after.GetProperty("summary").GetProperty("state").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the queue moved on only after {clock.Elapsed.TotalSeconds:N1} s");

        // Nothing of the cancelled run is kept or approvable, and the worker's end did not overwrite the cancellation.
        var review = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct);
        Assert.Equal("cancelled", review.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, review.GetProperty("summary").GetProperty("planStatus").ValueKind);
        Assert.Equal(0, review.GetProperty("officers").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        var again = await chief.PostAsync($"/api/v1/rotation/runs/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("has already ended", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Audited as the chief's change of the run.
        var entries = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == nameof(RotationRun) && e.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => new { e.Actor, e.Detail }).ToListAsync(Ct));
        Assert.Contains(entries, e => e.Detail != null && e.Detail.Contains("cancelled while running", StringComparison.Ordinal) && e.Actor != "system");

        // The page says so, in French too.
        using var french = await host.BrowserAsync("chief-caf");
        var shown = await french.GetStringAsync($"/rotation/{id}?lang=fr", Ct);
        Assert.Contains("annulé", shown, StringComparison.Ordinal);
        Assert.Contains("Annulé par chief-caf en cours de calcul : son plan n&#x27;est pas conservé.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Cancel", shown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARunLeftRunning_IsRequeued_OnlyOncePastItsTimeLimit(string provider)
    {
        await using var host = await PresenceAppTests.StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await PresenceAppTests.CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();
        await PresenceAppTests.WaitFinishedAsync(chief, id);
        // Two runs marked running as a stopped host would leave them: one claimed just now (another host may be planning
        // it), one claimed an hour ago with a 30 s limit (its host is gone).
        async Task<int> LeftRunningAsync(TimeSpan ago) => await host.WithDbAsync(async (db, _) =>
        {
            var template = await db.RotationRuns.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
            var run = new RotationRun
            {
                MissionId = template.MissionId,
                State = RotationRunState.Running,
                HorizonStart = template.HorizonStart,
                Periods = template.Periods,
                PeriodMonths = template.PeriodMonths,
                TimeLimitSeconds = 30,
                ProblemJson = template.ProblemJson,
                CreatedBy = "chief-caf",
                CreatedAt = PresenceAppTests.Now - ago,
                StartedAt = PresenceAppTests.Now - ago,
            };
            db.RotationRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            return run.Id;
        });
        var live = await LeftRunningAsync(TimeSpan.FromSeconds(5));
        var orphan = await LeftRunningAsync(TimeSpan.FromHours(1));

        // The worker sweeps before each look at the queue; swept here too, so the test need not wait for its poll.
        using (var scope = host.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RotationRuns>().RequeueInterruptedAsync(Ct);
        }
        host.App.Services.GetRequiredService<RotationQueue>().Notify();
        Assert.Equal("finished", (await PresenceAppTests.WaitFinishedAsync(chief, orphan)).GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal("running", (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{live}", Ct)).GetProperty("summary").GetProperty("state").GetString());
    }

    private static async Task WaitStateAsync(HttpClient client, int id, string wanted)
    {
        for (var i = 0; i < 300; i++)
        {
            var state = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct)).GetProperty("summary").GetProperty("state").GetString();
            if (state == wanted)
            {
                return;
            }
            Assert.True(state is "queued" or "running", $"run {id} is {state}, not {wanted}");
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Run {id} never was {wanted}.");
    }

    /// <summary>
    /// A made-up mission the planner cannot prove optimal in minutes: 60 officers, 40 sites spread over a country, 24
    /// monthly periods, short tenure and a long return bar (many moves, each with its travel).
    /// </summary>
    private static string LongProblem()
    {
        var random = new Random(7);
        string[] nationalities = ["KEN", "SEN", "FRA", "BGD", "PAK", "RWA", "GHA", "NPL"];
        var sites = Enumerable.Range(0, 40).Select(i => new
        {
            id = $"S{i:00}",
            mission = "MINUSCA",
            name = $"Site {i}",
            lat = 3 + random.NextDouble() * 7,
            lon = 15 + random.NextDouble() * 12,
            requiredOfficers = i % 5 == 0 ? 2 : 1,
            languages = i % 3 == 0 ? new[] { "fr", "sg" } : ["fr"],
            contingentNationalities = new[] { nationalities[random.Next(nationalities.Length)] },
        }).ToList();
        var officers = Enumerable.Range(0, 60).Select(i => new
        {
            id = $"O{i:00}",
            mission = "MINUSCA",
            nationality = nationalities[random.Next(nationalities.Length)],
            languages = i % 4 == 0 ? new[] { "en" } : ["en", "fr"],
            currentSite = $"S{random.Next(40):00}",
            periodsAtCurrentSite = random.Next(4),
        }).ToList();
        return JsonSerializer.Serialize(new
        {
            horizon = new { start = "2026-04-01", periods = 24, periodMonths = 1 },
            rules = new
            {
                maxConsecutivePeriods = 3,
                minPeriodsBeforeReturn = 6,
                crossMissionMoves = false,
                weights = new { uncovered = 100000, languageGap = 500, move = 200, travelKm = 1 },
            },
            sites,
            officers,
        });
    }
}
