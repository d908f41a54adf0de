using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Retention;
using Vigil.Core.Security;
using Vigil.Hosting;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_OnEmptyDatabase_AppliesEveryMigration_AndMatchesTheModel(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: add a migration for each provider.");

        var outcome = await DatabaseStartup.MigrateAsync(db, Ct);
        Assert.NotEmpty(outcome.Applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(0, await db.Missions.CountAsync(Ct));

        var again = await DatabaseStartup.MigrateAsync(db, Ct);
        Assert.Empty(again.Applied);
    }

    [Fact]
    public async Task Sqlite_RunsInWalMode()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        await DatabaseStartup.MigrateAsync(db, Ct);
        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Ct);
        Assert.Equal("wal", mode.Single());
    }

    [Fact]
    public async Task Postgres_Serve_WithPendingMigrations_RefusesToStart_AndNamesTheVerb()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        var settings = new HostSettings { Urls = "http://127.0.0.1:0", DataDirectory = database.Directory, Storage = database.Storage, Migrate = false };
        await using var app = VigilHost.Build(VigilHost.CreateBuilder(settings));
        var error = await Assert.ThrowsAsync<StartupException>(() => StartupTasks.RunAsync(app.Services, settings, Ct));
        Assert.Contains("vigil db migrate", error.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DbMigrateVerb_CreatesSchema_AndIsIdempotent(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["db", "migrate", "--database", database.Storage.ConnectionString.Contains("Host=", StringComparison.Ordinal) ? database.Storage.ConnectionString : SqlitePath(database)]));
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["db", "migrate", "--database", database.Storage.ConnectionString.Contains("Host=", StringComparison.Ordinal) ? database.Storage.ConnectionString : SqlitePath(database)]));
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DbMigrateVerb_SealsClearTextOnlyWithTheKeyFile_AndNeverCreatesOne(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_SealStaffText", StringComparison.Ordinal)) - 1], Ct);
        var at = provider == "sqlite" ? "0" : "now()";
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Missions\" (\"Code\", \"Name\", \"HostCountry\", \"StartDate\") VALUES ('MINUSCA', 'Synthetic mission', 'CAF', '2014-04-10')", Ct);
        // The timestamp literal differs by provider (ticks on SQLite); the values are constants of this test.
        var insertCase = "INSERT INTO \"Cases\" (\"Reference\", \"MissionId\", \"Status\", \"OpenedAt\", \"OpenedByUserId\", \"RoutingOverrideReason\", \"ChildVictim\", \"IsSea\") "
            + "VALUES ('CASE-2026-00001', (SELECT MIN(\"Id\") FROM \"Missions\"), 'Received', " + at + ", 'x', 'Synthetic override Quillmere', FALSE, TRUE)";
        await db.Database.ExecuteSqlRawAsync(insertCase, Ct);
        var connection = provider == "sqlite" ? SqlitePath(database) : database.Storage.ConnectionString;
        var keyFile = Path.Combine(database.Directory, "operator-keys.json");

        // Without the key file: migrated, the value waits, and no key file appears.
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["db", "migrate", "--database", connection, "--key-file", keyFile]));
        Assert.False(File.Exists(keyFile));
        Assert.Equal(1, await LegacyClearText.PendingAsync(db, Ct));

        // With it: sealed by the verb, readable with that key file.
        var protector = new FieldProtector(KeyRing.LoadOrCreate(keyFile));
        Assert.Equal(0, await Cli.VigilCli.RunAsync(["db", "migrate", "--database", connection, "--key-file", keyFile]));
        Assert.Equal(0, await LegacyClearText.PendingAsync(db, Ct));
        var @case = await db.Cases.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic override Quillmere", protector.UnsealOptional(@case.RoutingOverrideReasonSealed, Case.RoutingReasonPurpose));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upgrade_SealsStaffTextStoredInClear_AndLeavesNoClearCopy(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        // A database from before staff text was sealed, with a case that has a timeline line and a routing reason.
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_SealStaffText", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before, Ct);
        var sqlite = provider == "sqlite";
        var at = sqlite ? "0" : "now()";
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Missions\" (\"Code\", \"Name\", \"HostCountry\", \"StartDate\") VALUES ('MINUSCA', 'Synthetic mission', 'CAF', '2014-04-10')", Ct);
        // The timestamp literal differs by provider (ticks on SQLite); the values are constants of this test.
        var insertCase = "INSERT INTO \"Cases\" (\"Reference\", \"MissionId\", \"Status\", \"OpenedAt\", \"OpenedByUserId\", \"RoutingOverrideReason\", \"ChildVictim\", \"IsSea\") "
            + "VALUES ('CASE-2026-00001', (SELECT MIN(\"Id\") FROM \"Missions\"), 'Received', " + at + ", 'x', 'Synthetic override Kestrelwood', FALSE, TRUE)";
        var insertEvent = "INSERT INTO \"CaseEvents\" (\"CaseId\", \"Kind\", \"At\", \"Text\") VALUES ((SELECT MIN(\"Id\") FROM \"Cases\"), 'Opened', " + at + ", 'Synthetic timeline Kestrelwood')";
        var insertHold = "INSERT INTO \"LegalHolds\" (\"CaseId\", \"Reason\", \"SetByUserId\", \"SetAt\", \"ReleaseReason\") "
            + "VALUES ((SELECT MIN(\"Id\") FROM \"Cases\"), 'Synthetic hold Kestrelwood', 'x', " + at + ", 'Synthetic release Kestrelwood')";
        await db.Database.ExecuteSqlRawAsync(insertCase, Ct);
        await db.Database.ExecuteSqlRawAsync(insertEvent, Ct);
        await db.Database.ExecuteSqlRawAsync(insertHold, Ct);
        var insertBreakGlass = "INSERT INTO \"BreakGlassRequests\" (\"Kind\", \"RequesterUserId\", \"MissionId\", \"MissionCode\", \"CaseId\", \"CaseReference\", \"Justification\", "
            + "\"RequestedAt\", \"Status\", \"DecidedByUserId\", \"DecidedAt\", \"DecisionNote\", \"Review\", \"ReviewNote\") VALUES ('UnmaskVictim', 'x', (SELECT MIN(\"Id\") FROM \"Missions\"), 'MINUSCA', "
            + "(SELECT MIN(\"Id\") FROM \"Cases\"), 'CASE-2026-00001', 'Synthetic justification Kestrelwood', " + at + ", 'Approved', 'y', " + at + ", 'Synthetic approval Kestrelwood', 'Reviewed', 'Synthetic review Kestrelwood')";
        await db.Database.ExecuteSqlRawAsync(insertBreakGlass, Ct);
        // A decided screening candidate: a registry record, a run and the pair, with the note in clear.
        var none = sqlite ? "'[]'" : "ARRAY[]::text[]";
        var insertRecord = "INSERT INTO \"Registry\" (\"RecordId\", \"FullName\", \"Aliases\", \"IdNumbers\", \"Finding\", \"Source\", \"RecordedAt\") "
            + "VALUES ('REG-000001', 'Synthetic Registrant', " + none + ", " + none + ", 'Barred', 'Manual', " + at + ")";
        var insertRun = "INSERT INTO \"ScreeningRuns\" (\"Kind\", \"Label\", \"StartedAt\", \"FinishedAt\", \"People\", \"Records\", \"Candidates\", \"Raised\") "
            + "VALUES ('Arrival', 'synthetic-roster-Kestrelwood.csv', " + at + ", " + at + ", 1, 1, 1, 1)";
        var insertMatch = "INSERT INTO \"ScreeningMatches\" (\"RunId\", \"SubjectKey\", \"SubjectName\", \"SubjectAliases\", \"SubjectIdNumbers\", \"SubjectFingerprint\", "
            + "\"RegistryRecordId\", \"RecordFingerprint\", \"Score\", \"Reasons\", \"RaisedAt\", \"Status\", \"DecisionNote\", \"DecidedByUserId\", \"DecidedAt\") "
            + "VALUES ((SELECT MIN(\"Id\") FROM \"ScreeningRuns\"), 'A-1', 'Synthetic Registrant', " + none + ", " + none + ", 'f1', (SELECT MIN(\"Id\") FROM \"Registry\"), 'f2', 0.9, 'name', "
            + at + ", 'Confirmed', 'Synthetic screening note Kestrelwood', 'z', " + at + ")";
        await db.Database.ExecuteSqlRawAsync(insertRecord, Ct);
        await db.Database.ExecuteSqlRawAsync(insertRun, Ct);
        await db.Database.ExecuteSqlRawAsync(insertMatch, Ct);

        await DatabaseStartup.MigrateAsync(db, Ct);
        var protector = new FieldProtector(KeyRing.LoadOrCreate(Path.Combine(database.Directory, "keys.json")));
        Assert.Equal(9, await LegacyClearText.SealAsync(db, protector, Ct));
        Assert.Equal(0, await LegacyClearText.SealAsync(db, protector, Ct));

        var @case = await db.Cases.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic override Kestrelwood", protector.UnsealOptional(@case.RoutingOverrideReasonSealed, Case.RoutingReasonPurpose));
        var line = await db.CaseEvents.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic timeline Kestrelwood", protector.Unseal(line.TextSealed, CaseEvent.TextPurpose));
        var hold = await db.LegalHolds.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic hold Kestrelwood", protector.Unseal(hold.ReasonSealed, LegalHold.ReasonPurpose));
        Assert.Equal("Synthetic release Kestrelwood", protector.UnsealOptional(hold.ReleaseReasonSealed, LegalHold.ReleaseReasonPurpose));
        var request = await db.BreakGlassRequests.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic justification Kestrelwood", protector.Unseal(request.JustificationSealed, Core.Governance.BreakGlassRequest.JustificationPurpose));
        Assert.Equal("Synthetic approval Kestrelwood", protector.UnsealOptional(request.DecisionNoteSealed, Core.Governance.BreakGlassRequest.DecisionNotePurpose));
        Assert.Equal("Synthetic review Kestrelwood", protector.UnsealOptional(request.ReviewNoteSealed, Core.Governance.BreakGlassRequest.ReviewNotePurpose));
        var match = await db.ScreeningMatches.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("Synthetic screening note Kestrelwood", protector.UnsealOptional(match.DecisionNoteSealed, Core.Screening.ScreeningMatch.DecisionNotePurpose));
        var run = await db.ScreeningRuns.AsNoTracking().SingleAsync(Ct);
        Assert.Equal("synthetic-roster-Kestrelwood.csv", protector.UnsealOptional(run.LabelSealed, Core.Screening.ScreeningRun.LabelPurpose));
        if (sqlite)
        {
            // No clear copy left in the file or its WAL (freed pages are vacuumed away).
            await db.Database.CloseConnectionAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = SqlitePath(database);
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory, Ct);
                Assert.True(memory.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes("Kestrelwood")) < 0, $"clear text found in {Path.GetFileName(path)}");
            }
        }
    }

    private static string SqlitePath(TestDatabase database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Storage.ConnectionString).DataSource;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upgrade_KeepsOneStandingRegistryRecordPerPersonAndCase_TheStrongest_AndClosesTheOthersOpenCandidates(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_RegistryWithdrawal", StringComparison.Ordinal)) - 1], Ct);
        var sqlite = provider == "sqlite";
        var none = sqlite ? "'[]'" : "ARRAY[]::text[]";
        // Ticks on SQLite; the values are constants of this test.
        string At(int day) => sqlite ? (new DateTimeOffset(2026, 3, day, 0, 0, 0, TimeSpan.Zero).UtcTicks).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'2026-03-0{day} 00:00:00+00'";
        // A case fed a substantiated finding, then a ban, for one person (two records before one per person and case);
        // another person of the same case left with it pending (one record, untouched).
        foreach (var (id, finding, person, day) in new[] { ("REG-A1", "Substantiated", 7, 1), ("REG-A2", "Barred", 7, 2), ("REG-B1", "Pending", 8, 3) })
        {
            var insertRecord = "INSERT INTO \"Registry\" (\"RecordId\", \"FullName\", \"Aliases\", \"IdNumbers\", \"Finding\", \"CaseReference\", \"PersonId\", \"Source\", \"RecordedAt\") "
                + $"VALUES ('{id}', 'Synthetic Registrant', {none}, {none}, '{finding}', 'CASE-2026-00001', {person}, 'Case', {At(day)})";
            await db.Database.ExecuteSqlRawAsync(insertRecord, Ct);
        }
        var insertRun = "INSERT INTO \"ScreeningRuns\" (\"Kind\", \"StartedAt\", \"FinishedAt\", \"People\", \"Records\", \"Candidates\", \"Raised\", \"BirthDatesSetAside\") "
            + $"VALUES ('Arrival', {At(4)}, {At(4)}, 1, 3, 2, 2, 0)";
        await db.Database.ExecuteSqlRawAsync(insertRun, Ct);
        foreach (var record in new[] { "REG-A1", "REG-A2" })
        {
            var insertMatch = "INSERT INTO \"ScreeningMatches\" (\"RunId\", \"SubjectKey\", \"SubjectName\", \"SubjectAliases\", \"SubjectIdNumbers\", \"SubjectFingerprint\", "
                + "\"RegistryRecordId\", \"RecordFingerprint\", \"Score\", \"Reasons\", \"RaisedAt\", \"Status\") "
                + $"VALUES ((SELECT MIN(\"Id\") FROM \"ScreeningRuns\"), 'A-1', 'Synthetic Registrant', {none}, {none}, 'f1', (SELECT \"Id\" FROM \"Registry\" WHERE \"RecordId\" = '{record}'), 'f2', 0.9, 'name', {At(4)}, 'Open')";
            await db.Database.ExecuteSqlRawAsync(insertMatch, Ct);
        }

        await DatabaseStartup.MigrateAsync(db, Ct);
        var records = await db.Registry.AsNoTracking().OrderBy(r => r.RecordId).ToListAsync(Ct);
        Assert.Equal(["REG-A2", "REG-B1"], records.Where(r => r.WithdrawnAt is null).Select(r => r.RecordId));
        var merged = records.Single(r => r.RecordId == "REG-A1");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), merged.WithdrawnAt);
        Assert.Contains("Merged into the standing record", Core.Screening.RegistryCommands.WithdrawalOf(merged, new FieldProtector(KeyRing.LoadOrCreate(Path.Combine(database.Directory, "keys.json"))), null)!.Reason, StringComparison.Ordinal);
        var statuses = await db.ScreeningMatches.AsNoTracking().Include(m => m.RegistryRecord).ToDictionaryAsync(m => m.RegistryRecord!.RecordId, m => m.Status, Ct);
        Assert.Equal(Core.Screening.CandidateStatus.Withdrawn, statuses["REG-A1"]);
        Assert.Equal(Core.Screening.CandidateStatus.Open, statuses["REG-A2"]);
    }
}
