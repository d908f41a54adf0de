using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Demo;
using Vigil.Core.Security;

namespace Vigil.Core.Tests.Demo;

/// <summary>The demo cases on a migrated SQLite file, read back through the real case queries. One seeding for the class.</summary>
public sealed partial class DemoCasesTests(DemoCasesTests.SeededDatabase database) : IClassFixture<DemoCasesTests.SeededDatabase>
{
    private static readonly CallerScope GlobalChief = new(new HashSet<string> { Roles.ConductChief }, true,
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    [Fact]
    public void Seed_OnFreshDemo_InsertsSeveralHundredCasesInEveryStage()
    {
        var seeded = database.Seeded;
        TestContext.Current.TestOutputHelper?.WriteLine(seeded.Describe());
        Assert.InRange(seeded.Cases, 300, 400);
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.True(seeded.ByStage[s] > 0, $"no case at {s}"));
        Assert.True(seeded.ByStage[CaseStatus.Received] + seeded.ByStage[CaseStatus.UnderAssessment] > seeded.ByStage[CaseStatus.Actions]);
        Assert.True(seeded.ByStage[CaseStatus.Closed] > seeded.ByStage[CaseStatus.Actions]);
        Assert.True(seeded.OverdueDeadlines > 0);
    }

    [Fact]
    public async Task Seed_CasesAreConsistent_WithRoutingDeadlinesAndClosure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var cases = await db.Cases.AsNoTracking().Where(c => c.Reference.StartsWith("CASE-")).Include(c => c.Allegations).Include(c => c.Subjects).ThenInclude(s => s.Findings)
            .Include(c => c.Subjects).ThenInclude(s => s.Actions).Include(c => c.Events).AsSplitQuery().ToListAsync(ct);
        var deadlines = await db.CaseDeadlines.AsNoTracking().ToListAsync(ct);
        var notes = await db.NotesVerbales.AsNoTracking().ToListAsync(ct);
        var demo = cases.Where(c => c.Events.Count > 1).ToList();
        Assert.True(demo.Count >= 300);
        Assert.All(demo, c =>
        {
            Assert.Matches(@"^CASE-\d{4}-\d{5,}$", c.Reference);
            Assert.Equal(c.Allegations.Any(a => a.Category != AllegationCategory.OtherMisconduct), c.IsSea);
            Assert.Equal(c.Allegations.Any(a => a.ChildVictim), c.ChildVictim);
            Assert.All(c.Allegations, a => Assert.True(AllegationRules.Fits(a.Category, a.Type)));
            Assert.All(c.Allegations, a => Assert.Equal(a.Category == AllegationCategory.OtherMisconduct, a.Level is not null));
            Assert.All(c.Subjects, s => Assert.Equal(Jurisdiction.ImmunityOf(s.Category), s.Immunity));
            Assert.Equal(Jurisdiction.Suggest(c.Subjects[0].Category, c.Allegations[0].Category, c.Allegations[0].Level).Body, c.Body);
            Assert.Equal(c.Status == CaseStatus.Closed, c.ClosedAt is not null && c.ClosureReason is not null);
            Assert.All(c.Events, e => Assert.True(e.At < database.Now, "an event in the future"));
            Assert.Equal(CaseEventKind.Opened, c.Events.OrderBy(e => e.At).First().Kind);
            if (c.Status == CaseStatus.Closed)
            {
                Assert.DoesNotContain(deadlines, d => d.CaseId == c.Id && d.MetOn is null);
            }
            if (c.Status == CaseStatus.Actions)
            {
                Assert.Contains(c.Subjects, s => s.Findings.Any(f => f.Outcome == FindingOutcome.Substantiated)
                    && s.Actions.Any(a => a.Kind is ActionKind.RepatriationWithBan or ActionKind.Dismissal or ActionKind.Separation));
            }
            if (c.Body == InvestigatingBody.TroopContributingCountry && c.Status is CaseStatus.UnderInvestigation)
            {
                Assert.Equal(c.Subjects[0].Nationality, c.Country);
                Assert.Contains(notes, n => n.CaseId == c.Id && n.Kind == NoteKind.NioAppointed && n.Country == c.Country);
            }
        });
        Assert.Contains(notes, n => n.Kind == NoteKind.NioRequest);
        Assert.Contains(deadlines, d => d.Kind == DeadlineKind.NioAnswer && d.MetOn is null && d.DueOn < database.Today && d.EscalatedAt is not null);
        Assert.Contains(deadlines, d => d.Kind == DeadlineKind.InvestigationCompletion && d.MetOn is null && d.DueOn < database.Today);
    }

    [Fact]
    public async Task Seed_VictimIdentities_ArePlaceholdersSealedUnderTheVictimPurpose()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var sealedIdentities = await db.CaseVictims.AsNoTracking().Where(v => v.IdentitySealed != null).Select(v => v.IdentitySealed!).ToListAsync(ct);
        Assert.NotEmpty(sealedIdentities);
        Assert.All(sealedIdentities, s => Assert.Matches(Placeholder(), database.Protector.Unseal(s, CaseVictim.IdentityPurpose)));
        Assert.True(await db.CaseVictims.AnyAsync(v => v.Paternity != PaternityStatus.None, ct));
    }

    [Fact]
    public async Task CaseQueries_GlobalChief_ListsEveryStageAndOverdueCases()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var queries = new CaseQueries(db, new CaseAccess(db), database.Protector, database.Clock, new Vigil.Core.Governance.BreakGlassLedger(db, database.Clock), Vigil.Core.Audit.AuditTrail.ForSystem(db, database.Keys, database.Clock));

        var all = (await queries.ListAsync(GlobalChief, null, new CaseFilter(), ct)).Value!;
        Assert.True(all.Total >= 300);
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var page = (await queries.ListAsync(GlobalChief, null, new CaseFilter(Status: status), ct)).Value!;
            Assert.True(page.Total > 0, $"no case listed at {status}");
            Assert.All(page.Items, r => Assert.Equal(status, r.Status));
        }
        var overdue = (await queries.ListAsync(GlobalChief, null, new CaseFilter(OverdueOnly: true), ct)).Value!;
        Assert.True(overdue.Total > 0);
        Assert.All(overdue.Items, r => Assert.True(r.Overdue));
        var minusca = (await queries.ListAsync(GlobalChief, null, new CaseFilter(Mission: "MINUSCA"), ct)).Value!;
        Assert.InRange(minusca.Total, all.Total / 5, all.Total / 2);

        var view = (await queries.GetAsync(GlobalChief, null, all.Items[0].Reference, ct)).Value!;
        Assert.NotEmpty(view.Timeline);
        Assert.NotEmpty(view.Allegations);
    }

    [Fact]
    public async Task OverdueDashboard_GlobalChief_ShowsStagesAndOverdueReplies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var dashboard = (await new OverdueDashboard(new CaseAccess(db), db, database.Clock).GetAsync(GlobalChief, null, null, ct)).Value!;

        Assert.All(dashboard.Stages, s => Assert.True(s.Cases > 0, $"no open case at {s.Status}"));
        Assert.NotEmpty(dashboard.Overdue);
        Assert.NotEmpty(dashboard.Countries);
        var mission = (await new OverdueDashboard(new CaseAccess(db), db, database.Clock).GetAsync(GlobalChief, null, "MINUSCA", ct)).Value!;
        Assert.All(mission.Overdue, o => Assert.Equal("MINUSCA", o.Mission));
        Assert.True(mission.Stages.Sum(s => s.Cases) < dashboard.Stages.Sum(s => s.Cases));
    }

    [GeneratedRegex(@"^Victim [A-Z]-\d{3}$")]
    private static partial Regex Placeholder();

    /// <summary>A migrated SQLite file with the demo data set, the demo intake and the demo cases.</summary>
    public sealed class SeededDatabase : IAsyncLifetime
    {
        private readonly string directory = Path.Combine(Path.GetTempPath(), "vigil-demo-cases-" + Guid.NewGuid().ToString("N"));
        private StorageSettings storage = null!;

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        public DateTimeOffset Now => Clock.GetUtcNow();
        public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
        public KeyRing Keys { get; } = KeyRing.Generate();

        public FieldProtector Protector => new(Keys);
        public DemoCasesSeeded Seeded { get; private set; } = null!;

        public VigilDbContext NewContext() => new(storage.BuildOptions());

        public async ValueTask InitializeAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            Directory.CreateDirectory(directory);
            storage = StorageSettings.Sqlite(Path.Combine(directory, "vigil.db"));
            await using var db = NewContext();
            await db.Database.MigrateAsync(ct);
            await new DemoSeeder(db, Clock).SeedAsync(ct: ct);
            await new DemoReports(db, Protector, KeyRing.Generate(), Clock).SeedAsync(ct: ct);
            Seeded = await new DemoCases(db, Protector, Clock).SeedAsync(ct: ct) ?? throw new InvalidOperationException("not seeded");
            Assert.Null(await new DemoCases(db, Protector, Clock).SeedAsync(ct: ct));
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
