using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Intake;
using Vigil.Core.Reference;
using Vigil.Core.Retention;
using Vigil.Core.Security;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>Retention periods and legal holds on a fake clock: due records go, held ones stay, a dry run changes nothing.</summary>
public sealed class RetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private sealed record World(TestHost Host, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>
    /// Two reports closed as not misconduct (R-FREE, R-HELD) and two cases closed as not misconduct
    /// (CASE-FREE, CASE-HELD), each with personal content; the "HELD" ones under legal hold.
    /// </summary>
    private static async Task<World> StartAsync(string provider, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var host = await TestHost.StartAsync(provider, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            // The screening scheduler ticks every minute on this clock: a jump of years would fire it millions of times.
            b.Configuration["Screening:RunWorker"] = "false";
            // So do the hourly deadline and audit workers, 52,560 times for six years: this clock fires a periodic timer
            // once per period crossed, and on SQLite each run completes inline before the next tick (the audit run
            // verifies the whole chain). That was 4 to 6 minutes of CPU per test; neither worker is under test here.
            foreach (var worker in b.Services.Where(d => d.ImplementationType == typeof(Vigil.Web.Cases.DeadlineWorker)
                || d.ImplementationType == typeof(Vigil.Web.Audit.AuditWorker)).ToList())
            {
                b.Services.Remove(worker);
            }
            configure?.Invoke(b);
        });
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief", Roles.ConductChief, "mission:MINUSCA");
        await host.CreateUserAsync("legal", Roles.LegalOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        await host.CreateUserAsync("chief-cod", Roles.ConductChief, "mission:MONUSCO");
        await host.WithDbAsync<bool>(async (db, services) =>
        {
            var protector = services.GetRequiredService<FieldProtector>();
            var mission = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
            foreach (var name in new[] { "FREE", "HELD" })
            {
                var report = new Report
                {
                    Reference = $"R-{name}",
                    Channel = Channel.PublicPortal,
                    MissionId = mission.Id,
                    NarrativeSealed = protector.Seal($"Synthetic narrative {name}", Report.NarrativePurpose),
                    ContactSealed = protector.Seal($"synthetic-contact-{name}", Report.ContactPurpose),
                    ReceivedAt = Start,
                    Status = ReportStatus.Closed,
                    ReceiptHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
                    Messages = [new ReportMessage { From = MessageSender.Reporter, SentAt = Start, TextSealed = protector.Seal("Synthetic message", ReportMessage.TextPurpose) }],
                    Decisions = [new ReportDecision { Kind = DecisionKind.Closed, CloseReason = CloseReason.NotMisconduct, ReasonSealed = protector.Seal($"Synthetic reason {name}.", ReportDecision.ReasonPurpose), DecidedByUserId = "x", DecidedAt = Start }],
                };
                db.Reports.Add(report);
                var @case = new Case
                {
                    Reference = $"CASE-{name}",
                    MissionId = mission.Id,
                    OpenedAt = Start,
                    OpenedByUserId = "x",
                    Status = CaseStatus.Closed,
                    ClosedAt = Start,
                    ClosureReason = ClosureReason.NotMisconduct,
                    Victims = [new CaseVictim { AgeGroup = AgeGroup.Adult, Sex = Sex.Female, IdentitySealed = protector.Seal($"Synthetic Victim {name}", CaseVictim.IdentityPurpose) }],
                    Subjects = [new CaseSubject { Category = PersonnelCategory.MilitaryContingent, DescriptionSealed = protector.Seal($"Synthetic nickname {name}", CaseSubject.DescriptionPurpose) }],
                    Events = [new CaseEvent { Kind = CaseEventKind.Opened, At = Start, UserId = "x", TextSealed = protector.Seal($"Synthetic timeline {name}", CaseEvent.TextPurpose) }],
                };
                db.Cases.Add(@case);
                await db.SaveChangesAsync(Ct);
                var item = new EvidenceItem { CaseId = @case.Id, NameSealed = protector.Seal("photo.jpg", EvidenceItem.NamePurpose), ContentType = "image/jpeg", Sha256 = "00", DescriptionSealed = protector.Seal($"Synthetic item {name}", EvidenceItem.DescriptionPurpose), UploadedByUserId = "x", UploadedAt = Start };
                db.Evidence.Add(item);
                await db.SaveChangesAsync(Ct);
                db.EvidenceBlobs.Add(new EvidenceBlob { EvidenceId = item.Id, Sealed = protector.SealBytes([1, 2, 3], EvidenceItem.ContentPurpose) });
                await db.SaveChangesAsync(Ct);
            }
            return true;
        });
        using var chief = await host.ApiAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/cases/CASE-HELD/legal-hold", new { reason = "Pending appeal before the tribunal." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/reports/R-HELD/legal-hold", new { reason = "Requested by OIOS." }, Ct)).StatusCode);
        return new World(host, clock);
    }

    private sealed record Snapshot(int Messages, int Blobs, int Identities, int Contacts, int Runs, int Marks);

    private static Task<Snapshot> SnapshotAsync(TestHost host) => host.WithDbAsync(async (db, _) => new Snapshot(
        await db.ReportMessages.CountAsync(Ct), await db.EvidenceBlobs.CountAsync(Ct), await db.CaseVictims.CountAsync(v => v.IdentitySealed != null, Ct),
        await db.Reports.CountAsync(r => r.ContactSealed != null, Ct), await db.RetentionRuns.CountAsync(Ct), await db.RetentionMarks.CountAsync(Ct)));

    private static Task<RetentionResult> RunAsync(TestHost host, bool dryRun) =>
        host.WithDbAsync((_, services) => services.GetRequiredService<RetentionService>().RunAsync(dryRun, "test", Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_AfterThePeriod_RemovesDueRecords_KeepsHeldOnes_AndDryRunChangesNothing(string provider)
    {
        await using var world = await StartAsync(provider);
        var host = world.Host;
        var before = await SnapshotAsync(host);
        Assert.Equal(new Snapshot(2, 2, 2, 2, 0, 0), before);

        // One year on: nothing is due (reports 2 years, cases 5, messages 365 days after the last one... just not yet).
        world.Clock.Advance(TimeSpan.FromDays(360));
        var early = await RunAsync(host, dryRun: false);
        Assert.Equal((0, 0, 0, 0), (early.ReportsAnonymised, early.CasesAnonymised, early.MessagesDeleted, early.EvidenceFilesDeleted));

        // Six years on (cases and reports due; evidence files, 10 years, only with their case).
        world.Clock.Advance(TimeSpan.FromDays(365 * 6));
        var dry = await RunAsync(host, dryRun: true);
        Assert.True(dry.DryRun);
        Assert.Equal((1, 1, 1, 1), (dry.ReportsAnonymised, dry.CasesAnonymised, dry.MessagesDeleted, dry.EvidenceFilesDeleted));
        Assert.True(dry.HeldSkipped >= 2, $"{dry.HeldSkipped} held");
        Assert.Equal(before with { Runs = 1 }, await SnapshotAsync(host));

        var run = await RunAsync(host, dryRun: false);
        Assert.Equal((dry.ReportsAnonymised, dry.CasesAnonymised, dry.MessagesDeleted, dry.EvidenceFilesDeleted, dry.HeldSkipped),
            (run.ReportsAnonymised, run.CasesAnonymised, run.MessagesDeleted, run.EvidenceFilesDeleted, run.HeldSkipped));
        Assert.Equal(new Snapshot(1, 1, 1, 1, 2, 2), await SnapshotAsync(host));
        await host.WithDbAsync<bool>(async (db, services) =>
        {
            var protector = services.GetRequiredService<FieldProtector>();
            var free = await db.Reports.SingleAsync(r => r.Reference == "R-FREE", Ct);
            Assert.Equal(RetentionService.RemovedText, protector.Unseal(free.NarrativeSealed, Report.NarrativePurpose));
            Assert.Null(free.ReceiptHash);
            var held = await db.Reports.SingleAsync(r => r.Reference == "R-HELD", Ct);
            Assert.Equal("Synthetic narrative HELD", protector.Unseal(held.NarrativeSealed, Report.NarrativePurpose));
            var heldCase = await db.Cases.Include(c => c.Victims).Include(c => c.Subjects).Include(c => c.Events).AsSplitQuery().SingleAsync(c => c.Reference == "CASE-HELD", Ct);
            Assert.NotNull(heldCase.Victims.Single().IdentitySealed);
            Assert.Equal("Synthetic nickname HELD", protector.UnsealOptional(heldCase.Subjects.Single().DescriptionSealed, CaseSubject.DescriptionPurpose));
            Assert.Equal("Synthetic timeline HELD", protector.Unseal(heldCase.Events.Single().TextSealed, CaseEvent.TextPurpose));
            // The anonymised case keeps its structure (kinds, dates) but loses the staff free text.
            var freeCase = await db.Cases.Include(c => c.Subjects).Include(c => c.Events).AsSplitQuery().SingleAsync(c => c.Reference == "CASE-FREE", Ct);
            Assert.Null(freeCase.Subjects.Single().DescriptionSealed);
            Assert.Equal((CaseEventKind.Opened, RetentionService.RemovedText), (freeCase.Events.Single().Kind, protector.Unseal(freeCase.Events.Single().TextSealed, CaseEvent.TextPurpose)));
            var freeItem = await db.Evidence.SingleAsync(i => i.CaseId == freeCase.Id, Ct);
            Assert.Equal(RetentionService.RemovedText, protector.Unseal(freeItem.DescriptionSealed, EvidenceItem.DescriptionPurpose));
            // The file name could name someone: only its kind stays. The destroyed file is in the chain of custody, and
            // every deleted message and file in the audit log (bulk deletes bypass the interceptor).
            Assert.Equal($"evidence-{freeItem.Id}.jpg", protector.Unseal(freeItem.NameSealed, EvidenceItem.NamePurpose));
            var destroyed = await db.Custody.SingleAsync(c => c.EvidenceId == freeItem.Id && c.Action == CustodyAction.Destroyed, Ct);
            Assert.Equal(RetentionService.RetentionActor, destroyed.UserId);
            var deletions = await db.AuditEntries.Where(e => e.Action == "delete").Select(e => e.RecordType).ToListAsync(Ct);
            Assert.Equal(["EvidenceBlob", "ReportMessage"], deletions.Order(StringComparer.Ordinal).ToArray());
            var freeDecision = await db.ReportDecisions.SingleAsync(d => d.ReportId == free.Id, Ct);
            Assert.Equal(RetentionService.RemovedText, protector.Unseal(freeDecision.ReasonSealed, ReportDecision.ReasonPurpose));
            var recorded = await db.RetentionRuns.OrderBy(r => r.Id).LastAsync(Ct);
            Assert.Equal((1, 1, "test"), (recorded.ReportsAnonymised, recorded.CasesAnonymised, recorded.Trigger));
            return true;
        });

        // A second run finds nothing new; releasing the holds (with a reason) lets the next run proceed.
        var again = await RunAsync(host, dryRun: false);
        Assert.Equal((0, 0), (again.ReportsAnonymised, again.CasesAnonymised));
        using var legal = await host.ApiAsync("legal");
        Assert.Equal(HttpStatusCode.OK, (await legal.PostAsJsonAsync("/api/v1/cases/CASE-HELD/legal-hold/release", new { reason = "Appeal decided." }, Ct)).StatusCode);
        using var chief = await host.ApiAsync("chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/reports/R-HELD/legal-hold/release", new { reason = "OIOS done." }, Ct)).StatusCode);
        var released = await RunAsync(host, dryRun: false);
        Assert.Equal((1, 1, 0), (released.ReportsAnonymised, released.CasesAnonymised, released.HeldSkipped));
        Assert.Equal(new Snapshot(0, 0, 0, 0, 4, 4), await SnapshotAsync(host));
    }

    [Fact]
    public async Task SilentConversations_OfReportsStillOpen_AreKept()
    {
        await using var world = await StartAsync("sqlite");
        var host = world.Host;
        // An untriaged public report whose reporter last wrote at the start: still waiting for the team.
        await host.WithDbAsync<bool>(async (db, services) =>
        {
            var protector = services.GetRequiredService<FieldProtector>();
            db.Reports.Add(new Report
            {
                Reference = "R-OPEN",
                Channel = Channel.PublicPortal,
                MissionId = (await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct)).Id,
                NarrativeSealed = protector.Seal("Synthetic narrative OPEN", Report.NarrativePurpose),
                ReceivedAt = Start,
                Status = ReportStatus.Received,
                Messages = [new ReportMessage { From = MessageSender.Reporter, SentAt = Start, TextSealed = protector.Seal("Synthetic added detail", ReportMessage.TextPurpose) }],
            });
            await db.SaveChangesAsync(Ct);
            return true;
        });
        world.Clock.Advance(TimeSpan.FromDays(400));
        var run = await RunAsync(host, dryRun: false);
        Assert.Equal(1, run.MessagesDeleted); // R-FREE's (closed at triage); R-HELD's is held; R-OPEN's is still needed
        Assert.Equal(1, await host.WithDbAsync((db, _) => db.ReportMessages.CountAsync(m => db.Reports.Any(r => r.Id == m.ReportId && r.Reference == "R-OPEN"), Ct)));
    }

    [Fact]
    public async Task LegalHold_OnlyChiefOrLegal_InScope_WithAReason()
    {
        await using var world = await StartAsync("sqlite");
        using var officer = await world.Host.ApiAsync("officer");
        using var chief = await world.Host.ApiAsync("chief");
        using var outside = await world.Host.ApiAsync("chief-cod");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/cases/CASE-FREE/legal-hold", new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.PostAsJsonAsync("/api/v1/cases/CASE-FREE/legal-hold", new { reason = "x" }, Ct)).StatusCode);
        var missing = await chief.PostAsJsonAsync("/api/v1/cases/CASE-FREE/legal-hold", new { reason = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("reason", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync("/api/v1/cases/CASE-HELD/legal-hold", new { reason = "again" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync("/api/v1/cases/CASE-FREE/legal-hold/release", new { reason = "none active" }, Ct)).StatusCode);
        var holds = await chief.GetFromJsonAsync<JsonElement>("/api/v1/cases/CASE-HELD/legal-hold", Ct);
        Assert.Equal("Pending appeal before the tribunal.", holds[0].GetProperty("reason").GetString());

        // Reports too: a legal officer of the mission holds one (she does not triage reports); a conduct officer may not.
        using var legal = await world.Host.ApiAsync("legal");
        Assert.Equal(HttpStatusCode.OK, (await legal.PostAsJsonAsync("/api/v1/reports/R-FREE/legal-hold", new { reason = "OLA instructs preservation." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/reports/R-FREE/legal-hold/release", new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.PostAsJsonAsync("/api/v1/reports/R-FREE/legal-hold/release", new { reason = "x" }, Ct)).StatusCode);

        // A report's holds can be listed, by those who may hold it; legal's hold is marked as such.
        var reportHolds = await chief.GetFromJsonAsync<JsonElement>("/api/v1/reports/R-FREE/legal-hold", Ct);
        Assert.Equal("OLA instructs preservation.", reportHolds[0].GetProperty("reason").GetString());
        Assert.True(reportHolds[0].GetProperty("setByLegalOffice").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/api/v1/reports/R-FREE/legal-hold", Ct)).StatusCode);

        // A chief cannot undo the legal office's hold alone; a legal officer can, and the chief's own hold is the chief's to release.
        var refused = await chief.PostAsJsonAsync("/api/v1/reports/R-FREE/legal-hold/release", new { reason = "Not needed." }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only a legal officer may release it", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await legal.PostAsJsonAsync("/api/v1/reports/R-FREE/legal-hold/release", new { reason = "Proceedings ended." }, Ct)).StatusCode);
        Assert.False(holds[0].GetProperty("setByLegalOffice").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync("/api/v1/reports/R-HELD/legal-hold/release", new { reason = "OIOS withdrew the request." }, Ct)).StatusCode);
    }

    [Fact]
    public async Task ScheduledRun_OnTheFakeClock_IsRecorded()
    {
        await using var world = await StartAsync("sqlite", b => b.Configuration["Retention:Enabled"] = "true");
        // The worker's daily timer fires once on the jump; by then everything set up is six years old.
        world.Clock.Advance(TimeSpan.FromDays(365 * 6));
        // Polled for up to a minute rather than 10 s, for a loaded 2-core CI machine.
        for (var i = 0; i < 600 && await world.Host.WithDbAsync((db, _) => db.RetentionRuns.CountAsync(Ct)) == 0; i++)
        {
            await Task.Delay(100, Ct);
        }
        var run = await world.Host.WithDbAsync((db, _) => db.RetentionRuns.OrderBy(r => r.Id).FirstAsync(Ct));
        Assert.Equal(("scheduled", 1, 1), (run.Trigger, run.ReportsAnonymised, run.CasesAnonymised));
    }

    [Theory]
    [InlineData("Retention:ClosedCasesYears:Bogus", "5", "Retention:ClosedCasesYears:Bogus is not a ClosureReason")]
    [InlineData("Retention:ClosedCasesYears:NotMisconduct", "0", "Retention:ClosedCasesYears:NotMisconduct must be a positive number of years (got 0)")]
    [InlineData("Retention:ClosedReportsYears:Maybe", "2", "Retention:ClosedReportsYears:Maybe is not a CloseReason")]
    [InlineData("Retention:AnonymousMessagesDays", "-3", "Retention:AnonymousMessagesDays must be a positive number of days (got -3)")]
    [InlineData("Retention:EvidenceFilesYears", "0", "Retention:EvidenceFilesYears must be a positive number of years (got 0)")]
    [InlineData("Retention:IntervalHours", "0", "Retention:IntervalHours must be at least 1 (got 0)")]
    public void Validate_NamesTheKeyAtFault(string key, string value, string expected)
    {
        var options = new RetentionOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build().GetSection(RetentionOptions.Section).Bind(options);
        var error = Assert.Single(options.Validate());
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new RetentionOptions().Validate());
}
