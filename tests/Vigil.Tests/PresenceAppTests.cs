using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Presence;

using Vigil.Planning;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// Coverage, planning in the app (build from the database, run in the background, approve, frozen periods, export)
/// and evaluations of officials, through the real host. The clock is fixed at 2026-03-10, so the horizon starts on
/// 2026-04-01 and the last ended quarter is October–December 2025.
/// </summary>
public sealed class PresenceAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    internal static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    internal static async Task<TestHost> StartAsync(string provider = "sqlite", IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var clock = new FakeTimeProvider(Now);
        var host = await TestHost.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock), configuration: configuration);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.WithDbAsync(async db =>
        {
            var minusca = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
            var bria = await db.Sites.SingleAsync(s => s.Code == "MINUSCA-BRI", Ct);
            var kaga = new Vigil.Core.Reference.Site { Code = "MINUSCA-KAG", Mission = minusca, Name = "Kaga-Bandoro", Kind = Vigil.Core.Reference.SiteKind.TeamSite, Latitude = 6.98, Longitude = 19.18, Languages = ["fr", "sg"] };
            db.Sites.Add(kaga);
            // A Rwandan officer (never at Bangui, where Rwanda has troops), whose name looks like a spreadsheet formula.
            var officer = new ConductOfficer { Code = "CDO-T002", FullName = "=HYPERLINK(\"x\")", Nationality = "RWA", Grade = "P-3", Languages = ["fr"], Mission = minusca };
            officer.Postings.Add(new Vigil.Core.Presence.Posting { Site = kaga, From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 11, 30) });
            officer.Postings.Add(new Vigil.Core.Presence.Posting { Site = bria, From = new DateOnly(2025, 12, 1) });
            db.ConductOfficers.Add(officer);
            db.Officials.AddRange(
                new Official { Site = bria, FullName = "Test Head Of Office", Title = "Head of field office", Role = OfficialRole.HeadOfOffice, Nationality = "RWA", From = new DateOnly(2025, 1, 1) },
                new Official { Site = bria, FullName = "Test Commander", Title = "Company commander, PAKENGCOY", Role = OfficialRole.Commander, Nationality = "PAK", From = new DateOnly(2025, 1, 1) });
            await db.SaveChangesAsync(Ct);
        });
        await host.CreateUserAsync("chief-caf", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("officer-caf", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.CreateUserAsync("analyst-hq", Roles.Analyst, "global");
        return host;
    }

    internal static async Task<JsonElement> CreateRunAsync(HttpClient chief, object body)
    {
        var response = await chief.PostAsJsonAsync("/api/v1/rotation/runs", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    internal static async Task<JsonElement> WaitFinishedAsync(HttpClient client, int id)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct);
            var state = run.GetProperty("summary").GetProperty("state").GetString();
            if (state is "finished" or "failed" or "cancelled")
            {
                return run;
            }
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"Run {id} did not finish.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LeaveLastDay_MovedEarlierOrLater_ByTheChief_WithinTheRules(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var officer = await host.ApiAsync("officer-caf");
        async Task<int> AddAsync(string from, string to)
        {
            var response = await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "CDO-T002", from, to }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        }
        async Task<(HttpStatusCode Status, string Body)> MoveAsync(HttpClient client, int id, string? to)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/presence/leave/{id}/last-day", new { to }, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
        Task<DateOnly> LastDayAsync(int id) => host.WithDbAsync((db, _) => db.OfficerLeaves.Where(l => l.Id == id).Select(l => l.To).SingleAsync(Ct));

        // Started leave (the clock says 2026-03-10) could only stay as recorded; the officer came back on the 8th.
        var march = await AddAsync("2026-03-01", "2026-03-31");
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(officer, march, "2026-03-08")).Status);
        var before = await MoveAsync(chief, march, "2026-02-28");
        Assert.Equal(HttpStatusCode.BadRequest, before.Status);
        Assert.Contains("is before the first (2026-03-01)", before.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(chief, march, null)).Status);
        var moved = await MoveAsync(chief, march, "2026-03-08");
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        // The answer is the leave as it now stands (it was a bare true).
        var movedLeave = JsonDocument.Parse(moved.Body).RootElement;
        Assert.Equal((march, "CDO-T002", "2026-03-01", "2026-03-08"), (movedLeave.GetProperty("id").GetInt32(), movedLeave.GetProperty("officerCode").GetString(),
            movedLeave.GetProperty("from").GetString(), movedLeave.GetProperty("to").GetString()));
        Assert.Equal(new DateOnly(2026, 3, 8), await LastDayAsync(march));
        // Over now, it can still be corrected for a while (the 8th was a slip for the 9th); long over, it stays as it is.
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chief, march, "2026-03-09")).Status);
        Assert.Equal(new DateOnly(2026, 3, 9), await LastDayAsync(march));
        var old = await host.WithDbAsync(async (db, _) =>
        {
            var officerId = await db.ConductOfficers.Where(o => o.Code == "CDO-T002").Select(o => o.Id).SingleAsync(Ct);
            var leave = new Vigil.Core.Presence.OfficerLeave { OfficerId = officerId, From = new DateOnly(2026, 1, 5), To = new DateOnly(2026, 1, 20), RecordedByUserId = "test", RecordedAt = DateTimeOffset.UnixEpoch };
            db.OfficerLeaves.Add(leave);
            await db.SaveChangesAsync(Ct);
            return leave.Id;
        });
        var over = await MoveAsync(chief, old, "2026-01-25");
        Assert.Equal(HttpStatusCode.Conflict, over.Status);
        Assert.Contains("ended on 2026-01-20, more than 30 days ago", over.Body, StringComparison.Ordinal);

        // Extended: not into the officer's next leave, not past a year.
        var april = await AddAsync("2026-04-01", "2026-04-10");
        await AddAsync("2026-04-20", "2026-04-30");
        var overlap = await MoveAsync(chief, april, "2026-04-25");
        Assert.Equal(HttpStatusCode.Conflict, overlap.Status);
        Assert.Contains("from 2026-04-20 to 2026-04-30", overlap.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(chief, april, "2027-04-02")).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chief, april, "2026-04-15")).Status);
        Assert.Equal(new DateOnly(2026, 4, 15), await LastDayAsync(april));
        Assert.Equal(HttpStatusCode.NotFound, (await MoveAsync(chief, 999_999, "2026-04-15")).Status);
        // The officer's code as typed in lower case is found, as on the evaluation form.
        var june = await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "cdo-t002", from = "2026-06-01", to = "2026-06-05" }, Ct);
        Assert.Equal(HttpStatusCode.Created, june.StatusCode);
        // Its address answers it.
        var atLocation = await chief.GetFromJsonAsync<JsonElement>(june.Headers.Location!, Ct);
        Assert.Equal(("CDO-T002", "2026-06-01", "2026-06-05"), (atLocation.GetProperty("officerCode").GetString(), atLocation.GetProperty("from").GetString(), atLocation.GetProperty("to").GetString()));

        // The page: each row has its own form; a refusal is shown above the table.
        using var browser = await host.BrowserAsync("chief-caf");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync("/rotation/leave", Ct));
        var form = page.QuerySelector($"form[action*='handler=LastDay'][action*='id={april}']")!;
        Assert.Equal("2026-04-15", form.QuerySelector("input[name=to]")!.GetAttribute("value"));
        FormUrlEncodedContent Row(string to) => new(new Dictionary<string, string>
        {
            ["to"] = to,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        var refused = await browser.PostAsync(form.GetAttribute("action"), Row("2026-03-01"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        // Tied to the refused row's field (the other rows' are not marked), the message above the table.
        Assert.Contains("is before the first (2026-04-01)",
            AccessibilityTests.AssertTiedTo(refusedPage, $"form[action*='handler=LastDay'][action*='id={april}'] input[name=to]", "error-row-to", "New last day").TextContent, StringComparison.Ordinal);
        Assert.Single(refusedPage.QuerySelectorAll("[aria-invalid]"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(form.GetAttribute("action"), Row("2026-04-12"), Ct)).StatusCode);
        Assert.Equal(new DateOnly(2026, 4, 12), await LastDayAsync(april));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leave_RecordedByTheChief_MakesPeriodsUnavailable_InTheNextPlan(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var officer = await host.ApiAsync("officer-caf");
        using var otherChief = await host.ApiAsync("chief-cod");
        async Task<(HttpStatusCode Status, string Body)> AddAsync(HttpClient client, object body)
        {
            var response = await client.PostAsJsonAsync("/api/v1/presence/leave", body, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        // 22 of May's 31 days and 20 of June's 30: periods 1 and 2 of a horizon from 2026-04-01. Six days in April, two
        // in May: under half of each, so CDO-T001 stays available.
        var may = await AddAsync(chief, new { officer = "CDO-T002", from = "2026-05-10", to = "2026-06-20" });
        Assert.Equal(HttpStatusCode.Created, may.Status);
        // The answer gives the id that DELETE takes.
        var mayId = JsonDocument.Parse(may.Body).RootElement.GetProperty("id").GetInt32();
        Assert.True(mayId > 0);
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(chief, new { officer = "CDO-T001", from = "2026-04-25", to = "2026-05-02" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(chief, new { officer = "CDO-T001", from = "2026-03-09", to = "2026-03-12" })).Status);

        // Refusals, each naming the rule or the field.
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync(officer, new { officer = "CDO-T002", from = "2026-08-01", to = "2026-08-05" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AddAsync(otherChief, new { officer = "CDO-T002", from = "2026-08-01", to = "2026-08-05" })).Status);
        // The same overlapping span sent four times at once: one is recorded, the others overlap it (409).
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AddAsync(chief, new { officer = "CDO-T001", from = "2026-08-03", to = "2026-08-07" })));
        Assert.Equal(1, atOnce.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(atOnce.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        var overlap = await AddAsync(chief, new { officer = "CDO-T002", from = "2026-06-15", to = "2026-07-01" });
        Assert.Equal(HttpStatusCode.Conflict, overlap.Status);
        Assert.Contains("2026-05-10", overlap.Body, StringComparison.Ordinal);
        var backwards = await AddAsync(chief, new { officer = "CDO-T002", from = "2026-08-05", to = "2026-08-01" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
        Assert.Contains("\"to\"", backwards.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await AddAsync(chief, new { officer = "", from = "2026-08-01", to = "2026-08-05" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AddAsync(chief, new { officer = "CDO-T002", from = "2026-01-01", to = "2026-01-05" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AddAsync(chief, new { officer = "CDO-T002", from = "9999-12-01", to = "9999-12-31" })).Status);

        var listed = await officer.GetFromJsonAsync<JsonElement>("/api/v1/presence/leave", Ct);
        Assert.Equal(4, listed.GetArrayLength());
        Assert.Equal(0, (await otherChief.GetFromJsonAsync<JsonElement>("/api/v1/presence/leave", Ct)).GetArrayLength());
        var started = listed.EnumerateArray().Single(l => l.GetProperty("from").GetString() == "2026-03-09");
        Assert.True(started.GetProperty("started").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await chief.DeleteAsync($"/api/v1/presence/leave/{started.GetProperty("id").GetInt32()}", Ct)).StatusCode);

        var run = await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 });
        var id = run.GetProperty("id").GetInt32();
        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/problem.json", Ct)).Problem!;
        Assert.Equal([1, 2], problem.Officers[problem.OfficerIndex("CDO-T002")].UnavailablePeriods.Order());
        Assert.Empty(problem.Officers[problem.OfficerIndex("CDO-T001")].UnavailablePeriods);
        var finished = await WaitFinishedAsync(chief, id);
        Assert.Equal("finished", finished.GetProperty("summary").GetProperty("state").GetString());
        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct));
        var postings = plan.RootElement.GetProperty("postings").EnumerateArray()
            .Select(p => new Vigil.Planning.Posting(p.GetProperty("officer").GetString()!, p.GetProperty("period").GetInt32(), p.GetProperty("site").GetString()!)).ToList();
        var validation = PlanValidator.Validate(problem, postings);
        Assert.True(validation.IsValid, string.Join("; ", validation.Violations));
        Assert.Equal(validation.Objective, plan.RootElement.GetProperty("objective").GetInt64());

        // Cancelling leave that has not started takes it out of the next problem.
        var coming = listed.EnumerateArray().Single(l => l.GetProperty("from").GetString() == "2026-05-10").GetProperty("id").GetInt32();
        Assert.Equal(mayId, coming);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.DeleteAsync($"/api/v1/presence/leave/{coming}", Ct)).StatusCode);
        var cancelled = await chief.DeleteAsync($"/api/v1/presence/leave/{coming}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Empty(await cancelled.Content.ReadAsByteArrayAsync(Ct));
        var next = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        var again = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{next}/problem.json", Ct)).Problem!;
        Assert.Empty(again.Officers[again.OfficerIndex("CDO-T002")].UnavailablePeriods);
        await WaitFinishedAsync(chief, next);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BuildProblem_FromDatabase_MatchesHandExpectations(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var run = await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 });
        var id = run.GetProperty("id").GetInt32();
        Assert.Equal("2026-04-01", run.GetProperty("horizonStart").GetString());

        var text = await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/problem.json", Ct);
        var read = ProblemReader.Read(text);
        Assert.Null(read.Error);
        var problem = read.Problem!;
        Assert.Equal((6, 1, 12, 12, false), (problem.Periods, problem.Horizon.PeriodMonths, problem.Rules.MaxConsecutivePeriods, problem.Rules.MinPeriodsBeforeReturn, problem.Rules.CrossMissionMoves));
        Assert.Equal(new ObjectiveWeights(100_000, 500, 200, 1), problem.Rules.Weights);
        // Sites: the mission's three, contingent nationalities from deployments (the co-national exclusion data), two officers wanted at HQ.
        Assert.Equal(
            ["MINUSCA-BGI 2 RWA", "MINUSCA-BRI 1 PAK", "MINUSCA-KAG 1 "],
            problem.Sites.Select(s => $"{s.Id} {s.RequiredOfficers} {string.Join(",", s.ContingentNationalities)}").ToArray());
        // Officers: current site, whole months there before 2026-04-01, recent sites with periods since leaving.
        var one = problem.Officers[problem.OfficerIndex("CDO-T001")];
        Assert.Equal(("MINUSCA-BGI", 26, "GHA"), (one.CurrentSite, one.PeriodsAtCurrentSite, one.Nationality));
        Assert.Empty(one.RecentSites); // Bria was left more than 12 periods ago
        var two = problem.Officers[problem.OfficerIndex("CDO-T002")];
        Assert.Equal(("MINUSCA-BRI", 4, "RWA"), (two.CurrentSite, two.PeriodsAtCurrentSite, two.Nationality));
        Assert.Equal([new RecentSite("MINUSCA-KAG", 5)], two.RecentSites);
        Assert.Empty(problem.Pinned);
        Assert.DoesNotContain("HYPERLINK", text, StringComparison.Ordinal); // codes only, no names
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_PlansInBackground_ValidatorAccepts_ApproveWritesPostings_AndReplanKeepsFrozenPeriods(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        var review = await WaitFinishedAsync(chief, id);
        Assert.Equal("finished", review.GetProperty("summary").GetProperty("state").GetString());
        Assert.Contains(review.GetProperty("summary").GetProperty("planStatus").GetString(), new[] { "OPTIMAL", "FEASIBLE" });

        var problem = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/problem.json", Ct)).Problem!;
        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct));
        var postings = plan.RootElement.GetProperty("postings").EnumerateArray()
            .Select(p => new Vigil.Planning.Posting(p.GetProperty("officer").GetString()!, p.GetProperty("period").GetInt32(), p.GetProperty("site").GetString()!)).ToList();
        var validation = PlanValidator.Validate(problem, postings);
        Assert.True(validation.IsValid, string.Join("; ", validation.Violations));
        Assert.Equal(validation.Objective, plan.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal(12, postings.Count);
        // CDO-T001 has been at Bangui for 26 periods: the plan moves them in period 0, and the review marks it as a change.
        Assert.NotEqual("MINUSCA-BGI", postings.Single(p => p is { OfficerId: "CDO-T001", Period: 0 }).SiteId);
        var t001 = review.GetProperty("officers").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "CDO-T001");
        Assert.True(t001.GetProperty("periods")[0].GetProperty("changed").GetBoolean());

        // Officers see the run but may not approve; the chief approves once.
        using (var officer = await host.ApiAsync("officer-caf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);

        // The postings on record now follow the plan from 2026-04-01; the Bangui posting ended the day before.
        var start = new DateOnly(2026, 4, 1);
        var onRecord = await host.WithDbAsync(async (db, _) => await db.Postings.AsNoTracking()
            .Where(p => p.Officer!.Code == "CDO-T001").OrderBy(p => p.From)
            .Select(p => new { Site = p.Site!.Code, p.From, p.To }).ToListAsync(Ct));
        Assert.Contains(onRecord, p => p.Site == "MINUSCA-BGI" && p.To == start.AddDays(-1));
        for (var t = 0; t < 6; t++)
        {
            var day = start.AddMonths(t);
            var site = onRecord.Single(p => p.From <= day && (p.To is null || p.To >= day)).Site;
            Assert.Equal(postings.Single(p => p.OfficerId == "CDO-T001" && p.Period == t).SiteId, site);
        }
        var approved = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{id}", Ct);
        Assert.Equal("chief-caf", approved.GetProperty("summary").GetProperty("approvedBy").GetString());
        Assert.True(approved.GetProperty("summary").GetProperty("currentPlan").GetBoolean());

        // Re-plan the same horizon with other weights: the first two (frozen) periods are pinned to the approved plan.
        var next = await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, frozenPeriods = 2, moveWeight = 5000, timeLimitSeconds = 5 });
        Assert.Equal(4, next.GetProperty("pinnedPostings").GetInt32());
        var nextId = next.GetProperty("id").GetInt32();
        var pinned = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{nextId}/problem.json", Ct)).Problem!.Pinned;
        Assert.Equal(postings.Where(p => p.Period < 2).Select(p => (p.OfficerId, p.Period, p.SiteId)).Order(),
            pinned.Select(p => (p.OfficerId, p.Period, p.SiteId)).Order());
        await WaitFinishedAsync(chief, nextId);
        using var nextPlan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{nextId}/plan.json", Ct));
        var kept = nextPlan.RootElement.GetProperty("postings").EnumerateArray()
            .Where(p => p.GetProperty("period").GetInt32() < 2)
            .Select(p => (p.GetProperty("officer").GetString()!, p.GetProperty("period").GetInt32(), p.GetProperty("site").GetString()!)).Order();
        Assert.Equal(pinned.Select(p => (p.OfficerId, p.Period, p.SiteId)).Order(), kept);

        // What-if side by side: both runs listed with objective and changed postings.
        var list = await chief.GetFromJsonAsync<JsonElement>("/api/v1/rotation/runs?mission=MINUSCA", Ct);
        Assert.Equal([nextId, id], list.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToArray());
        Assert.All(list.EnumerateArray(), r => Assert.True(r.GetProperty("objective").ValueKind == JsonValueKind.Number));

        // A what-if of the first run copies its problem: once the re-plan is approved, approving it would undo the
        // re-plan's frozen periods, so it is refused; so is a plan built before leave in its horizon was recorded.
        var clock = (FakeTimeProvider)await host.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<TimeProvider>()));
        clock.Advance(TimeSpan.FromMinutes(1));
        // A what-if changes weights and time only: a horizon or rule asked for beside basedOn is refused by name, not dropped.
        var mixed = await chief.PostAsJsonAsync("/api/v1/rotation/runs", new { basedOn = id, periods = 5, frozenPeriods = 1, moveWeight = 900 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var mixedErrors = (await mixed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["frozenPeriods", "periods"], mixedErrors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains($"re-plans run {id}'s problem with other weights only", mixedErrors.GetProperty("periods")[0].GetString(), StringComparison.Ordinal);
        var whatIf = (await CreateRunAsync(chief, new { basedOn = id, mission = "minusca", moveWeight = 900, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await WaitFinishedAsync(chief, whatIf);
        // The review's comparison holds runs of the same problem shape only: quarters beside months is another problem.
        var quarters = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, periodMonths = 3, maxConsecutivePeriods = 4, timeLimitSeconds = 1 })).GetProperty("id").GetInt32();
        using (var browser = await host.BrowserAsync("chief-caf"))
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync($"/rotation/{id}", Ct));
            var compared = page.QuerySelectorAll("table a[href^='/rotation/']").Select(a => a.GetAttribute("href")).ToList();
            Assert.Contains($"/rotation/{whatIf}", compared);
            Assert.DoesNotContain($"/rotation/{quarters}", compared);
            Assert.Contains("× 6 of 1 month(s)", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        }
        await WaitFinishedAsync(chief, quarters);
        var fresh = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, frozenPeriods = 2, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await WaitFinishedAsync(chief, fresh);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{nextId}/approve", null, Ct)).StatusCode);
        // The re-plan is now the mission's current plan (its latest approved), the first plan superseded: in the API's
        // list and on the pages.
        var approvedRuns = (await chief.GetFromJsonAsync<JsonElement>("/api/v1/rotation/runs?mission=MINUSCA", Ct)).EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetInt32(), r => (Approved: r.GetProperty("approvedAt").ValueKind != JsonValueKind.Null, Current: r.GetProperty("currentPlan").GetBoolean()));
        Assert.Equal([nextId], approvedRuns.Where(r => r.Value.Current).Select(r => r.Key));
        Assert.Equal((true, false), approvedRuns[id]);
        using (var browser = await host.BrowserAsync("chief-caf"))
        {
            var parser = new AngleSharp.Html.Parser.HtmlParser();
            var index = parser.ParseDocument(await browser.GetStringAsync("/rotation?mission=MINUSCA", Ct));
            string Row(int run) => index.QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/rotation/{run}']") is not null).TextContent;
            Assert.Contains("current plan", Row(nextId), StringComparison.Ordinal);
            Assert.Contains("superseded", Row(id), StringComparison.Ordinal);
            Assert.DoesNotContain("superseded", Row(whatIf), StringComparison.Ordinal);
            Assert.Contains("current plan: its postings are on record", await browser.GetStringAsync($"/rotation/{nextId}?follow=false", Ct), StringComparison.Ordinal);
            Assert.Contains("plan ultérieur de la mission a été approuvé", await browser.GetStringAsync($"/rotation/{id}?follow=false&lang=fr", Ct), StringComparison.Ordinal);
        }
        var stale = await chief.PostAsync($"/api/v1/rotation/runs/{whatIf}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains($"Run {nextId} was approved", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Its review counts the changed postings it marks, against the records as they are now.
        var staleReview = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/rotation/runs/{whatIf}", Ct);
        Assert.Equal(staleReview.GetProperty("officers").EnumerateArray().Sum(o => o.GetProperty("periods").EnumerateArray().Count(c => c.GetProperty("changed").GetBoolean())),
            staleReview.GetProperty("summary").GetProperty("changedPostings").GetInt32());
        clock.Advance(TimeSpan.FromMinutes(1));
        var rebuilt = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, frozenPeriods = 2, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        // Its frozen periods are the current plan's (the same rule as the list's mark), not the superseded first plan's.
        using (var current = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{nextId}/plan.json", Ct)))
        {
            Assert.Equal(current.RootElement.GetProperty("postings").EnumerateArray().Where(p => p.GetProperty("period").GetInt32() < 2)
                    .Select(p => (p.GetProperty("officer").GetString()!, p.GetProperty("period").GetInt32(), p.GetProperty("site").GetString()!)).Order(),
                ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{rebuilt}/problem.json", Ct)).Problem!.Pinned
                    .Select(p => (p.OfficerId, p.Period, p.SiteId)).Order());
        }
        await WaitFinishedAsync(chief, rebuilt);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "CDO-T002", from = "2026-07-06", to = "2026-07-20" }, Ct)).StatusCode);
        var noLeave = await chief.PostAsync($"/api/v1/rotation/runs/{rebuilt}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, noLeave.StatusCode);
        Assert.Contains("Leave in this plan's horizon", await noLeave.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The approved postings of the re-plan continue stays rather than splitting them at the horizon.
        var records = await host.WithDbAsync(async (db, _) => await db.Postings.AsNoTracking().Where(p => p.Officer!.Code == "CDO-T001").OrderBy(p => p.From).Select(p => new { Site = p.Site!.Code, p.From, p.To }).ToListAsync(Ct));
        Assert.All(records.Zip(records.Skip(1)), pair => Assert.False(pair.First.Site == pair.Second.Site && pair.First.To == pair.Second.From.AddDays(-1), $"{pair.First.Site} split at {pair.Second.From}"));
    }

    [Fact]
    public async Task Replan_WithAPlanApproved_KeepsThePostingsOnRecord_WhereNothingElseChoosesBetweenPlans()
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await WaitFinishedAsync(chief, id);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        // The record then changes by hand: from 2026-07-01 CDO-T001 serves at the team site it was not planned at.
        var moved = await host.WithDbAsync(async (db, _) =>
        {
            var postings = await db.Postings.Include(p => p.Site).Where(p => p.Officer!.Code == "CDO-T001" && p.To == null).ToListAsync(Ct);
            var last = Assert.Single(postings);
            var other = await db.Sites.SingleAsync(s => s.Code == (last.Site!.Code == "MINUSCA-BRI" ? "MINUSCA-KAG" : "MINUSCA-BRI"), Ct);
            var from = new DateOnly(2026, 7, 1);
            if (last.From >= from)
            {
                last.Site = other;
            }
            else
            {
                last.To = from.AddDays(-1);
                db.Postings.Add(new Vigil.Core.Presence.Posting { OfficerId = last.OfficerId, Site = other, From = from });
            }
            await db.SaveChangesAsync(Ct);
            return other.Code;
        });

        // Nothing frozen and every weight 0: every valid plan costs 0, so only the stability cost chooses, and it keeps
        // every posting on record, the changed one included.
        var again = (await CreateRunAsync(chief, new
        {
            mission = "MINUSCA",
            periods = 6,
            maxConsecutivePeriods = 12,
            frozenPeriods = 0,
            uncoveredWeight = 0,
            moveWeight = 0,
            travelKmWeight = 0,
            languageGapWeight = 0,
            timeLimitSeconds = 5,
        })).GetProperty("id").GetInt32();
        var review = await WaitFinishedAsync(chief, again);
        Assert.Equal(0, review.GetProperty("summary").GetProperty("changedPostings").GetInt32());
        var t001 = review.GetProperty("officers").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "CDO-T001");
        Assert.Equal(moved, t001.GetProperty("periods")[3].GetProperty("site").GetString());
        // The objective stays the spec's: stability only steers.
        Assert.Equal(0, review.GetProperty("summary").GetProperty("objective").GetInt64());
    }

    [Fact]
    public async Task FrozenPeriods_OfAnotherLength_PinOnlyWhereTheApprovedPlanHoldsTheWholePeriod_AndADefaultLeavesAPeriodToPlan()
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 6, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await WaitFinishedAsync(chief, id);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        // The approved plan as if CDO-T001 spent its second month elsewhere (the plan file is what freezing reads).
        await host.WithDbAsync(async db =>
        {
            var run = await db.RotationRuns.SingleAsync(r => r.Id == id, Ct);
            var json = System.Text.Json.Nodes.JsonNode.Parse(run.PlanJson!)!;
            var second = json["postings"]!.AsArray().Single(p => (string)p!["officer"]! == "CDO-T001" && (int)p!["period"]! == 1)!;
            second["site"] = (string)second["site"]! == "MINUSCA-BRI" ? "MINUSCA-KAG" : "MINUSCA-BRI";
            run.PlanJson = json.ToJsonString();
            await db.SaveChangesAsync(Ct);
        });
        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct));
        var monthly = plan.RootElement.GetProperty("postings").EnumerateArray()
            .ToLookup(p => p.GetProperty("officer").GetString()!, p => (Period: p.GetProperty("period").GetInt32(), Site: p.GetProperty("site").GetString()!));

        // Quarters over the approved months: a quarter is frozen for an officer only where all three months are one site.
        var quarterly = await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 3, periodMonths = 3, maxConsecutivePeriods = 4, minPeriodsBeforeReturn = 4, frozenPeriods = 2, timeLimitSeconds = 5 });
        var pinned = ProblemReader.Read(await chief.GetStringAsync($"/api/v1/rotation/runs/{quarterly.GetProperty("id").GetInt32()}/problem.json", Ct)).Problem!.Pinned;
        var expected = monthly.SelectMany(o => Enumerable.Range(0, 2)
            .Select(q => (Officer: o.Key, Quarter: q, Sites: o.Where(p => p.Period / 3 == q).Select(p => p.Site).Distinct().ToList()))
            .Where(x => x.Sites.Count == 1).Select(x => (x.Officer, x.Quarter, x.Sites[0]))).Order().ToList();
        Assert.Equal(expected, pinned.Select(p => (p.OfficerId, p.Period, p.SiteId)).Order().ToList());
        // CDO-T001 holds two sites in the first quarter: it is not frozen to either.
        Assert.DoesNotContain(pinned, p => p is { OfficerId: "CDO-T001", Period: 0 });

        // Every period frozen is refused: nothing would be left to plan.
        var whole = await chief.PostAsJsonAsync("/api/v1/rotation/runs", new { mission = "MINUSCA", periods = 3, frozenPeriods = 3 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, whole.StatusCode);
        Assert.Contains("a horizon frozen whole has nothing to plan", (await whole.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("frozenPeriods")[0].GetString(), StringComparison.Ordinal);
        // A one-period horizon with the default: nothing frozen (there would be nothing left to plan), no error.
        var one = await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 1, maxConsecutivePeriods = 12, timeLimitSeconds = 5 });
        Assert.Equal(0, one.GetProperty("pinnedPostings").GetInt32());
    }

    [Fact]
    public async Task Export_PlanJsonPerSpec_AndCsvNeutralisesFormulas()
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 3, maxConsecutivePeriods = 12, timeLimitSeconds = 5 })).GetProperty("id").GetInt32();
        await WaitFinishedAsync(chief, id);

        using var plan = JsonDocument.Parse(await chief.GetStringAsync($"/api/v1/rotation/runs/{id}/plan.json", Ct));
        foreach (var field in new[] { "status", "objective", "bound", "breakdown", "postings", "uncovered", "infeasible", "solveSeconds" })
        {
            Assert.True(plan.RootElement.TryGetProperty(field, out _), field);
        }
        var breakdown = plan.RootElement.GetProperty("breakdown");
        Assert.Equal(plan.RootElement.GetProperty("objective").GetInt64(),
            new[] { "uncovered", "languageGap", "move", "travelKm" }.Sum(k => breakdown.GetProperty(k).GetInt64()));

        var csvResponse = await chief.GetAsync($"/api/v1/rotation/runs/{id}/postings.csv", Ct);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("officer,officer_name,nationality,site,site_name,from,to", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("CDO-T002,\"'=HYPERLINK(\"\"x\"\")\",RWA,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",\"=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluation_ByCoNational_IsRejected_AndOverdueClearsWhenRecorded(string provider)
    {
        await using var host = await StartAsync(provider);
        using var officer = await host.ApiAsync("officer-caf");
        var officials = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=MINUSCA-BRI", Ct)).EnumerateArray().ToList();
        var headOfOffice = officials.Single(o => o.GetProperty("nationality").GetString() == "RWA").GetProperty("id").GetInt32();
        var commander = officials.Single(o => o.GetProperty("nationality").GetString() == "PAK").GetProperty("id").GetInt32();

        // Both are overdue for October–December 2025 (ended 2025-12-31, grace 14 days).
        var overdue = await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/overdue", Ct);
        Assert.Equal([("2025-10-01", "2026-01-14"), ("2025-10-01", "2026-01-14")],
            overdue.EnumerateArray().Select(o => (o.GetProperty("periodStart").GetString(), o.GetProperty("dueBy").GetString())).ToArray());

        object Body(int official, string evaluator) => new
        {
            officialId = official,
            evaluator,
            period = "2025-11-15",
            offLimitsEnforced = true,
            curfewEnforced = false,
            trainingCoveragePercent = 82,
            welfareAdequate = true,
            communityComplaints = 1,
            findings = "Synthetic: curfew not enforced on market days.",
            recommendations = "Synthetic: patrol the market.",
            rating = "needs-improvement",
        };

        // CDO-T002 is Rwandan: never evaluates the Rwandan head of office.
        var refused = await officer.PostAsJsonAsync("/api/v1/evaluations", Body(headOfOffice, "CDO-T002"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("co-national", problem.GetProperty("errors").GetProperty("evaluator")[0].GetString(), StringComparison.Ordinal);
        // CDO-T001 was at Bangui, not Bria, in that quarter.
        var notPosted = await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "CDO-T001"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notPosted.StatusCode);
        Assert.Contains("not posted", (await notPosted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("evaluator")[0].GetString(), StringComparison.Ordinal);
        // A rating left out is an error, not the first rating; a period before the official's first day (2025-01-01)
        // is refused; an officer of another mission gets the unknown code's answer, before any rule about them.
        async Task<string> ErrorAsync(object body, string field)
        {
            var response = await officer.PostAsJsonAsync("/api/v1/evaluations", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty(field)[0].GetString()!;
        }
        Assert.Equal("Choose satisfactory, needs-improvement or unsatisfactory.", await ErrorAsync(new { officialId = commander, evaluator = "CDO-T002", period = "2025-11-15", findings = "Synthetic." }, "rating"));
        Assert.Contains("not in post", await ErrorAsync(new { officialId = commander, evaluator = "CDO-T002", period = "2024-11-15", findings = "Synthetic.", rating = "satisfactory" }, "period"), StringComparison.Ordinal);
        await host.WithDbAsync(async db =>
        {
            db.ConductOfficers.Add(new ConductOfficer { Code = "CDO-T090", FullName = "Synthetic Other", Nationality = "PAK", Grade = "P-3", Mission = await db.Missions.SingleAsync(m => m.Code == "MONUSCO", Ct) });
            await db.SaveChangesAsync(Ct);
        });
        var elsewhere = await ErrorAsync(new { officialId = commander, evaluator = "CDO-T090", period = "2025-11-15", findings = "Synthetic.", rating = "satisfactory" }, "evaluator");
        Assert.Equal(await ErrorAsync(new { officialId = commander, evaluator = "CDO-T999", period = "2025-11-15", findings = "Synthetic.", rating = "satisfactory" }, "evaluator"), elsewhere.Replace("CDO-T090", "CDO-T999", StringComparison.Ordinal));
        Assert.DoesNotContain("PAK", elsewhere, StringComparison.Ordinal);
        var bad = await officer.PostAsJsonAsync("/api/v1/evaluations", new { officialId = commander, evaluator = "CDO-T002", trainingCoveragePercent = 140, findings = "x" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("trainingCoveragePercent", out _));

        var recorded = await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "CDO-T002"), Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/v1/evaluations", Body(commander, "CDO-T002"), Ct)).StatusCode);
        var history = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/officials/{commander}", Ct);
        Assert.Equal("Synthetic: curfew not enforced on market days.", history[0].GetProperty("findings").GetString());

        var after = await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/overdue", Ct);
        Assert.Equal([headOfOffice], after.EnumerateArray().Select(o => o.GetProperty("officialId").GetInt32()).ToArray());
        // Ending the appointment does not make the evaluation already overdue disappear (it once did), and a
        // period no date can end (9999) is refused, not a 500.
        using var chief = await host.ApiAsync("chief-caf");
        Assert.Equal(HttpStatusCode.NoContent, (await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{headOfOffice}/end", new { to = "2026-01-20" }, Ct)).StatusCode);
        var ended = await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/overdue", Ct);
        Assert.Equal([headOfOffice], ended.EnumerateArray().Select(o => o.GetProperty("officialId").GetInt32()).ToArray());
        Assert.Contains("not begun", await ErrorAsync(new { officialId = commander, evaluator = "CDO-T002", period = "9999-12-31", findings = "Synthetic.", rating = "satisfactory" }, "period"), StringComparison.Ordinal);
        // The findings are sealed at rest.
        var stored = await host.WithDbAsync(async (db, _) => await db.OfficialEvaluations.AsNoTracking().Select(e => e.FindingsSealed).SingleAsync(Ct));
        Assert.DoesNotContain("curfew", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        // ...so showing them is a read of a sensitive record, on the audit log.
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.Action == "read" && e.RecordType == "OfficialEvaluation", Ct)));
    }

    public static TheoryData<string, object, string> BadOfficials => new()
    {
        { "nationality", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "Deputy commander", role = "commander", nationality = "Pakistan", from = "2026-02-01" }, "'Pakistan' is not an ISO 3166-1 alpha-3" },
        { "fullName", new { site = "MINUSCA-BRI", fullName = " ", title = "Deputy commander", role = "commander", nationality = "PAK", from = "2026-02-01" }, "full name" },
        { "title", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "", role = "commander", nationality = "PAK", from = "2026-02-01" }, "Give the title" },
        { "from", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "Deputy commander", role = "commander", nationality = "PAK" }, "first day in post" },
        { "role", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "Deputy commander", nationality = "PAK", from = "2026-02-01" }, "commander, head-of-office" },
        { "from", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "Deputy commander", role = "commander", nationality = "PAK", from = "9999-12-31" }, "not a plausible first day" },
        { "from", new { site = "MINUSCA-BRI", fullName = "Test Deputy", title = "Deputy commander", role = "commander", nationality = "PAK", from = "0001-01-01" }, "not a plausible first day" },
    };

    [Theory]
    [MemberData(nameof(BadOfficials))]
    public async Task Officials_BadInput_Is400_NamingTheField(string field, object body, string message)
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var response = await chief.PostAsJsonAsync("/api/v1/evaluations/officials", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await host.WithDbAsync(async (db, _) => await db.Officials.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Officials_TheChiefAddsAndEndsAppointments_OthersMayNot_AndEvaluationsStay(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var officer = await host.ApiAsync("officer-caf");
        using var other = await host.ApiAsync("chief-cod");
        // Codes as typed: the site in lower case, like the nationality, is found.
        var arrival = new { site = "minusca-kag", fullName = "Test Arriving Commander", title = "Battalion commander, BANBATT", role = "commander", nationality = "bgd", from = "2026-02-15" };

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/evaluations/officials", arrival, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/evaluations/officials", arrival, Ct)).StatusCode);
        var added = await chief.PostAsJsonAsync("/api/v1/evaluations/officials", arrival, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync("/api/v1/evaluations/officials", arrival, Ct)).StatusCode);
        var listed = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=minusca-kag", Ct)).EnumerateArray().Single();
        Assert.Equal(("Test Arriving Commander", "BGD", "commander"),
            (listed.GetProperty("fullName").GetString(), listed.GetProperty("nationality").GetString(), listed.GetProperty("role").GetString()));
        var id = listed.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/evaluations/officials/{id}", added.Headers.Location!.OriginalString);
        // An object with the id (it was a bare number), as leave and the other creation routes answer.
        var addedBody = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Object, addedBody.ValueKind);
        Assert.Equal(id, addedBody.GetProperty("id").GetInt32());

        // Ending: only the chief, never before the first day, once; the official leaves the list and the history stays readable.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/evaluations/officials/{id}/end", new { to = "2026-03-01" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/evaluations/officials/{id}/end", new { to = "2026-03-01" }, Ct)).StatusCode);
        var early = await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{id}/end", new { to = "2026-02-01" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{id}/end", new { to = "2026-03-01" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{id}/end", new { to = "2026-03-05" }, Ct)).StatusCode);
        Assert.Empty((await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=MINUSCA-KAG", Ct)).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/evaluations/officials/{id}", Ct)).StatusCode);

        // Both changes are in the audit log, by one signed-in actor.
        var audited = await host.WithDbAsync(async (db, _) => await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == nameof(Official) && a.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Sequence).Select(a => new { a.Action, a.Actor }).ToListAsync(Ct));
        Assert.Equal([AuditActions.Create, AuditActions.Update], audited.Select(a => a.Action));
        Assert.Single(audited.Select(a => a.Actor).Distinct());
        Assert.NotEqual("system", audited[0].Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Officials_TheChiefCorrectsARecord_AndCoNationalEvaluationsAreCounted(string provider)
    {
        await using var host = await StartAsync(provider);
        using var chief = await host.ApiAsync("chief-caf");
        using var officer = await host.ApiAsync("officer-caf");
        using var other = await host.ApiAsync("chief-cod");
        var commander = await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));
        // CDO-T002 (Rwandan) evaluates the commander, recorded as Pakistani.
        var recorded = await officer.PostAsJsonAsync("/api/v1/evaluations", new
        {
            officialId = commander,
            evaluator = "CDO-T002",
            period = "2025-11-15",
            trainingCoveragePercent = 80,
            findings = "Synthetic: all in order.",
            rating = "satisfactory",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var correction = new { fullName = "Test Commander Corrected", title = "Company commander, PAKENGCOY", role = "commander", nationality = "rwa", from = "2025-01-01" };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction", correction, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction", correction, Ct)).StatusCode);
        var bad = await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction", correction with { nationality = "Rwanda" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'Rwanda' is not an ISO 3166-1 alpha-3", (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("nationality")[0].GetString(), StringComparison.Ordinal);
        // The head of office at the same site from the same day already has that name.
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction", correction with { fullName = "Test Head Of Office" }, Ct)).StatusCode);

        var corrected = await chief.PostAsJsonAsync($"/api/v1/evaluations/officials/{commander}/correction", correction, Ct);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(1, (await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("coNationalEvaluations").GetInt32());
        var listed = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials?site=MINUSCA-BRI", Ct)).EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == commander);
        Assert.Equal(("Test Commander Corrected", "RWA"), (listed.GetProperty("fullName").GetString(), listed.GetProperty("nationality").GetString()));
        // From now on the Rwandan officer may not evaluate the official; the old evaluation stays.
        var refused = await officer.PostAsJsonAsync("/api/v1/evaluations", new
        {
            officialId = commander,
            evaluator = "CDO-T002",
            period = "2026-01-15",
            trainingCoveragePercent = 80,
            findings = "Synthetic: second look.",
            rating = "satisfactory",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/officials/{commander}", Ct)).EnumerateArray());

        var audited = await host.WithDbAsync(async (db, _) => await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == nameof(Official) && a.RecordId == commander.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        // Seeded (create), then corrected once (update): the refused attempts left nothing.
        Assert.Equal([AuditActions.Create, AuditActions.Update], audited);
    }

    [Fact]
    public async Task Officials_CorrectionForm_StartsFromTheRecord_NamesABadField_AndSaves()
    {
        await using var host = await StartAsync();
        using var browser = await host.BrowserAsync("chief-caf");
        var commander = await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));
        var path = $"/evaluations?official={commander}";
        var page = await browser.GetStringAsync(path, Ct);
        Assert.Contains("Correct the record of", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Test Commander\"", page, StringComparison.Ordinal);

        Dictionary<string, string> Correction(string nationality, string token) => new()
        {
            ["Correction.FullName"] = "Test Commander Renamed",
            ["Correction.Title"] = "Company commander, PAKENGCOY",
            ["Correction.Role"] = "Commander",
            ["Correction.Nationality"] = nationality,
            ["Correction.From"] = "2025-01-01",
            ["__RequestVerificationToken"] = token,
        };
        var refused = await browser.PostAsync($"/evaluations?handler=CorrectOfficial&id={commander}", new FormUrlEncodedContent(Correction("P4K", await TokenAsync(browser, path))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("&#x27;P4K&#x27; is not an ISO 3166-1 alpha-3 country code", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"Test Commander Renamed\"", refusedPage, StringComparison.Ordinal);
        var saved = await browser.PostAsync($"/evaluations?handler=CorrectOfficial&id={commander}", new FormUrlEncodedContent(Correction("PAK", await TokenAsync(browser, path))), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Record corrected.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Test Commander Renamed", await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.Id == commander).Select(o => o.FullName).SingleAsync(Ct)));
        // A conduct officer sees no correction form.
        using var officer = await host.BrowserAsync("officer-caf");
        Assert.DoesNotContain("Correct the record of", await officer.GetStringAsync(path, Ct), StringComparison.Ordinal);
    }

    // A request past a limit (ProblemLimits), the field the 400 names and words of its message.
    public static TheoryData<string, object, string> RunsOverLimits => new()
    {
        { "maxConsecutivePeriods", new { mission = "MINUSCA", maxConsecutivePeriods = int.MaxValue }, "from 1 to 1000" },
        { "minPeriodsBeforeReturn", new { mission = "MINUSCA", minPeriodsBeforeReturn = 1001 }, "from 0 to 1000" },
        { "uncoveredWeight", new { mission = "MINUSCA", uncoveredWeight = 4_000_000_000_000_000_000 }, "from 0 to 1,000,000,000" },
        { "languageGapWeight", new { mission = "MINUSCA", languageGapWeight = long.MaxValue }, "from 0 to 1,000,000,000" },
        { "moveWeight", new { mission = "MINUSCA", moveWeight = 1_000_000_001 }, "from 0 to 1,000,000,000" },
        { "travelKmWeight", new { mission = "MINUSCA", travelKmWeight = -1 }, "from 0 to 1,000,000,000" },
        { "periodMonths", new { mission = "MINUSCA", periodMonths = 0 }, "from 1 to 12 months" },
        { "start", new { mission = "MINUSCA", start = "9999-12-01", periods = 2 }, "within 10 years" },
        // Within its own limit, but a plan could cost more than the planner's arithmetic allows.
        { "travelKmWeight", new { mission = "MINUSCA", travelKmWeight = 1_000_000_000 }, "too large for this problem" },
    };

    [Theory]
    [MemberData(nameof(RunsOverLimits))]
    public async Task Runs_OverALimit_Is400_NamingTheField_AndQueuesNothing(string field, object body, string message)
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var response = await chief.PostAsJsonAsync("/api/v1/rotation/runs", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync(async (db, _) => await db.RotationRuns.CountAsync(Ct)));
    }

    [Fact]
    public async Task Runs_AtTheLimits_AreQueuedAndPlanned()
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var run = await CreateRunAsync(chief, new
        {
            mission = "MINUSCA",
            periods = 2,
            maxConsecutivePeriods = 1000,
            minPeriodsBeforeReturn = 1000,
            uncoveredWeight = 1_000_000_000,
            languageGapWeight = 1_000_000_000,
            moveWeight = 1_000_000_000,
            timeLimitSeconds = 2,
        });
        var done = await WaitFinishedAsync(chief, run.GetProperty("id").GetInt32());
        var summary = done.GetProperty("summary");
        Assert.Equal("finished", summary.GetProperty("state").GetString());
        Assert.InRange(summary.GetProperty("objective").GetInt64(), 0, ProblemLimits.MaxWorstObjective);
    }

    [Fact]
    public async Task Scope_OtherMission_Is404_AndCoverageShowsOwnMissions()
    {
        await using var host = await StartAsync();
        using var chief = await host.ApiAsync("chief-caf");
        var id = (await CreateRunAsync(chief, new { mission = "MINUSCA", periods = 2, maxConsecutivePeriods = 12, timeLimitSeconds = 2 })).GetProperty("id").GetInt32();

        using var other = await host.ApiAsync("chief-cod");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/rotation/runs/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/rotation/runs/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/rotation/runs/{id}/postings.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/rotation/runs", new { mission = "MINUSCA" }, Ct)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/rotation/runs", Ct)).EnumerateArray());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/officials", Ct)).EnumerateArray());
        var invalid = await chief.PostAsJsonAsync("/api/v1/rotation/runs", new { mission = "MINUSCA", periods = 0, start = "2026-04-15" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("periods", out _) && errors.TryGetProperty("start", out _));

        var mine = await other.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage", Ct);
        Assert.Equal(["MONUSCO-GOM"], mine.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToArray());
        var caf = await chief.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=MINUSCA", Ct);
        Assert.Equal(1, caf.GetProperty("withoutOfficer").GetInt32()); // Kaga-Bandoro
        Assert.Equal("MINUSCA-KAG", caf.GetProperty("sites")[0].GetProperty("code").GetString());
        var bangui = caf.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "MINUSCA-BGI");
        var posted = bangui.GetProperty("officers")[0];
        Assert.Equal(("CDO-T001", 26, true), (posted.GetProperty("code").GetString(), posted.GetProperty("tenureMonths").GetInt32(), posted.GetProperty("overTenure").GetBoolean()));

        // A mission that has ended has no sites to cover: none of its sites is an alert.
        await host.WithDbAsync(async db =>
        {
            var ended = new Vigil.Core.Reference.Mission { Code = "UNMIL", Name = "Synthetic ended mission", HostCountry = "LBR", StartDate = new DateOnly(2003, 9, 19), EndDate = new DateOnly(2018, 3, 30) };
            db.Sites.Add(new Vigil.Core.Reference.Site { Code = "UNMIL-MON", Mission = ended, Name = "Monrovia", Kind = Vigil.Core.Reference.SiteKind.MissionHeadquarters, Latitude = 6.3, Longitude = -10.8, Languages = ["en"] });
            await db.SaveChangesAsync(Ct);
        });
        using var analyst = await host.ApiAsync("analyst-hq");
        var missions = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/missions", Ct);
        Assert.Equal(0, missions.EnumerateArray().Single(m => m.GetProperty("code").GetString() == "UNMIL").GetProperty("sitesWithoutOfficer").GetInt32());
        // Analysts see every mission's coverage, without names; they see no runs.
        var all = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage", Ct);
        Assert.Equal(4, all.GetProperty("sites").GetArrayLength());
        Assert.DoesNotContain("CDO-T001", all.GetRawText(), StringComparison.Ordinal);
        // Evaluations are the conduct team's: an analyst's overdue count is unknown (null), not "none overdue" (0).
        Assert.All(all.GetProperty("sites").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("overdueEvaluations").ValueKind));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/rotation/runs", Ct)).StatusCode);
        // Asked for by name, an ended mission in scope is not "not found": no site to cover, and the page says why.
        var unmil = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/presence/coverage?mission=unmil", Ct);
        Assert.Equal(0, unmil.GetProperty("sites").GetArrayLength());
        using var analystBrowser = await host.BrowserAsync("analyst-hq");
        Assert.Contains("Mission UNMIL ended on 2018-03-30: it has no site to cover.", await analystBrowser.GetStringAsync("/coverage?mission=UNMIL", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RotationForm_AnUnreadableStartDay_IsRefusedUnderItsField_WithWhatWasTyped_AndTheFormKept(string provider)
    {
        // Before: the framework read the day, and 2026-13-01 showed the generic "Not saved" page; the form was lost.
        await using var host = await StartAsync(provider);
        using var browser = await host.BrowserAsync("chief-caf");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        foreach (var (lang, start, id, label, said) in new[]
        {
            ("en", "2026-13-01", "error-start", "Start (first of a month)", "'2026-13-01' is not a valid date (YYYY-MM-DD)."),
            ("fr", "2026-13-01", "error-start", "Début (premier du mois)", "« 2026-13-01 » n'est pas une date valide (AAAA-MM-JJ)."),
            // A day read but refused by the planner is tied to the same field.
            ("en", "2026-04-15", "error-start", "Start (first of a month)", "'2026-04-15' is not the first day of a month after today"),
        })
        {
            var response = await browser.PostAsync($"/rotation?lang={lang}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Mission"] = "MINUSCA",
                ["Form.Start"] = start,
                ["Form.Periods"] = "3",
                ["Form.TimeLimitSeconds"] = "5",
                ["__RequestVerificationToken"] = await TokenAsync(browser, "/rotation"),
            }), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = parser.ParseDocument(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains(said, AccessibilityTests.AssertTiedTo(page, "input[name='Form.Start']", id, label).TextContent, StringComparison.Ordinal);
            Assert.Single(page.QuerySelectorAll("[aria-invalid]"));
            Assert.Equal(start, page.QuerySelector("input[name='Form.Start']")!.GetAttribute("value"));
            Assert.Equal("3", page.QuerySelector("input[name='Form.Periods']")!.GetAttribute("value"));
            Assert.Equal("5", page.QuerySelector("input[name='Form.TimeLimitSeconds']")!.GetAttribute("value"));
            Assert.True(page.QuerySelector("input[name='Form.Start']")!.Closest("details")!.HasAttribute("open"));
        }
        Assert.False(await host.WithDbAsync((db, _) => db.RotationRuns.AnyAsync(Ct)));
    }

    internal static async Task<string> TokenAsync(HttpClient browser, string path)
    {
        var page = await browser.GetStringAsync(path, Ct);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page)
            .QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task Pages_WithoutJavaScript_BuildRunApprove_AndRecordEvaluation()
    {
        await using var host = await StartAsync();
        using var browser = await host.BrowserAsync("chief-caf");

        var coverage = await browser.GetAsync("/coverage?mission=MINUSCA", Ct);
        Assert.Equal("no-store", coverage.Headers.CacheControl?.NoStore == true ? "no-store" : "");
        var coveragePage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await coverage.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Kaga-Bandoro", coveragePage.Body!.TextContent, StringComparison.Ordinal);
        // CDO-T001's long stay at Bangui is over the maximum in words, not only in the flag's colour.
        var bangui = coveragePage.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains("MINUSCA-BGI", StringComparison.Ordinal));
        Assert.Matches(@"\b[0-9]+ / 6\s+· over the maximum", bangui.QuerySelector("div.flag")?.TextContent ?? bangui.TextContent);

        // Leave through the form: a refusal names the field and keeps the page; then recorded, listed, cancelled.
        var backwards = await browser.PostAsync("/rotation/leave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Officer"] = "CDO-T002",
            ["Form.From"] = "2026-07-10",
            ["Form.To"] = "2026-07-01",
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/rotation/leave"),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("is before the first", AccessibilityTests.AssertTiedTo(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await backwards.Content.ReadAsStringAsync(Ct)),
            "input[name='Form.To']", "error-leave-to", "Last day").TextContent, StringComparison.Ordinal);
        var leave = await browser.PostAsync("/rotation/leave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Officer"] = "CDO-T002",
            ["Form.From"] = "2026-07-01",
            ["Form.To"] = "2026-07-20",
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/rotation/leave"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, leave.StatusCode);
        var leavePage = await browser.GetStringAsync("/rotation/leave", Ct);
        Assert.Contains("2026-07-20", leavePage, StringComparison.Ordinal);
        // The page says what was recorded (once: TempData, never a query string).
        Assert.Contains("<p class=\"ok\" role=\"status\">✓ Leave recorded: CDO-T002, 2026-07-01 to 2026-07-20.</p>", leavePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave recorded", await browser.GetStringAsync("/rotation/leave", Ct), StringComparison.Ordinal);
        var leaveId = await host.WithDbAsync(async (db, _) => await db.OfficerLeaves.Select(l => l.Id).SingleAsync(Ct));
        var cancel = await browser.PostAsync($"/rotation/leave?handler=Cancel&id={leaveId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/rotation/leave"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.DoesNotContain("2026-07-20", await browser.GetStringAsync("/rotation/leave", Ct), StringComparison.Ordinal);

        var build = await browser.PostAsync("/rotation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Mission"] = "MINUSCA",
            ["Form.Periods"] = "3",
            ["Form.MaxConsecutivePeriods"] = "12",
            ["Form.TimeLimitSeconds"] = "5",
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/rotation"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, build.StatusCode);
        var detail = build.Headers.Location!.OriginalString;
        var id = int.Parse(detail.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        using (var api = await host.ApiAsync("chief-caf"))
        {
            await WaitFinishedAsync(api, id);
        }
        var page = await browser.GetStringAsync(detail, Ct);
        Assert.Contains("Timeline per officer", page, StringComparison.Ordinal);
        var review = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        // A changed cell says so in words as well as in bold (a screen reader does not read bold out).
        var changed = review.QuerySelectorAll("td strong").ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, c => Assert.Equal(" (changed)", c.QuerySelector("span.visually-hidden")?.TextContent));
        // The compare table names each weight, as the what-if form does ("100000/500/200/1" named nothing).
        Assert.Matches(@"^Uncovered \d+ · Language gap \d+ · Move \d+ · Travel \(km\) \d+$", review.QuerySelector("td.weights")!.TextContent.Trim());

        // While the planner works the page reloads itself, without the what-if form (a reload would lose what was
        // typed); the user can stop the reloading and then has the form (WCAG 2.2.1).
        await host.WithDbAsync(db => db.RotationRuns.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RotationRunState.Running), Ct));
        using (var following = await browser.GetAsync(detail, Ct))
        {
            Assert.Equal("5", Assert.Single(following.Headers.GetValues("Refresh")));
            var html = await following.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("handler=WhatIf", html, StringComparison.Ordinal);
            Assert.Contains($"/rotation/{id}?follow=false", html, StringComparison.Ordinal);
        }
        using (var still = await browser.GetAsync($"{detail}?follow=false", Ct))
        {
            Assert.False(still.Headers.Contains("Refresh"));
            Assert.Contains("handler=WhatIf", await still.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        await host.WithDbAsync(db => db.RotationRuns.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RotationRunState.Finished), Ct));
        Assert.Contains($"/rotation/{id}?confirm=true", page, StringComparison.Ordinal);

        // Two clicks: the first shows the confirmation form, the second approves.
        var approve = await browser.PostAsync($"/rotation/{id}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, $"/rotation/{id}?confirm=true"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("Approved by chief-caf", await browser.GetStringAsync(detail, Ct), StringComparison.Ordinal);

        var officialId = await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.Nationality == "PAK").Select(o => o.Id).SingleAsync(Ct));
        var record = await browser.PostAsync("/evaluations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.OfficialId"] = officialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Evaluator"] = "CDO-T002",
            ["Form.Period"] = "2025-12-01",
            ["Form.CurfewEnforced"] = "true",
            ["Form.TrainingCoveragePercent"] = "90",
            ["Form.Findings"] = "Synthetic: all in order.",
            ["Form.Rating"] = "Satisfactory",
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var after = await record.Content.ReadAsStringAsync(Ct);
        Assert.Contains("2025-10-01", after, StringComparison.Ordinal);
        Assert.Contains("Synthetic: all in order.", after, StringComparison.Ordinal);

        // The chief adds an official through the form (a bad nationality is named and the page kept), then ends the appointment.
        Dictionary<string, string> Arrival(string nationality, string token) => new()
        {
            ["NewOfficial.Site"] = "MINUSCA-KAG",
            ["NewOfficial.FullName"] = "Test Page Commander",
            ["NewOfficial.Title"] = "Company commander",
            ["NewOfficial.Role"] = "Commander",
            ["NewOfficial.Nationality"] = nationality,
            ["NewOfficial.From"] = "2026-01-05",
            ["__RequestVerificationToken"] = token,
        };
        var refused = await browser.PostAsync("/evaluations?handler=AddOfficial", new FormUrlEncodedContent(Arrival("XX", await TokenAsync(browser, "/evaluations"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is not an ISO 3166-1 alpha-3 country code", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var added = await browser.PostAsync("/evaluations?handler=AddOfficial", new FormUrlEncodedContent(Arrival("NPL", await TokenAsync(browser, "/evaluations"))), Ct);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Test Page Commander", await browser.GetStringAsync("/evaluations", Ct), StringComparison.Ordinal);
        var newId = await host.WithDbAsync(async (db, _) => await db.Officials.Where(o => o.FullName == "Test Page Commander").Select(o => o.Id).SingleAsync(Ct));
        var ended = await browser.PostAsync($"/evaluations?handler=EndOfficial&id={newId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["to"] = "2026-03-01",
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/evaluations"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.DoesNotContain("Test Page Commander", await browser.GetStringAsync("/evaluations", Ct), StringComparison.Ordinal);
    }
}
