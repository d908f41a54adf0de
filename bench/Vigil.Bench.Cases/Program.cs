using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Bench.Cases;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Demo;
using Vigil.Core.Security;

// Case benchmark: seed 100,000 cases (with allegations, subjects, victims, deadlines, notes verbales, events)
// into SQLite and PostgreSQL, time the case list, the case page and the overdue dashboard through the real
// use cases, and explain the SQL they send. Usage:
//   dotnet run -c Release --project bench/Vigil.Bench.Cases -- [--cases N] [--runs N] [--only sqlite|postgres]
//       [--postgres "Host=…;Username=…;Password=…;Database=postgres"] [--out results.md]
var cases = int.Parse(Arg("--cases") ?? "100000", CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs") ?? "50", CultureInfo.InvariantCulture);
var only = Arg("--only");
var admin = Arg("--postgres") ?? Environment.GetEnvironmentVariable("VIGIL_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=vigil_ci;Password=vigil-ci;Database=postgres";
var output = Arg("--out") ?? Path.Combine(FindBenchFolder(), "results.md");
var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
var keys = KeyRing.Generate();
var protector = new FieldProtector(keys);
const int BatchSize = 2000;

var report = new StringBuilder();
var summary = new List<(string Provider, string Query, double P50, double P95, double Max)>();
var seeding = new List<string>();

if (only is null or "sqlite")
{
    var directory = Path.Combine(Path.GetTempPath(), "vigil-bench-cases-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        await RunProviderAsync("SQLite", StorageSettings.Sqlite(Path.Combine(directory, "vigil.db")), "EXPLAIN QUERY PLAN ");
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
if (only is null or "postgres")
{
    var name = "vigil_bench_cases_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
    try
    {
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        await RunProviderAsync("PostgreSQL", new StorageSettings(DatabaseProvider.Postgres, connection), "EXPLAIN ");
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

var document = new StringBuilder();
document.AppendLine("# Case benchmark results").AppendLine();
document.AppendLine(CultureInfo.InvariantCulture, $"{cases:N0} cases, reference date {clock.GetUtcNow():yyyy-MM-dd}, {runs} timed runs per query after 3 warm-up runs, ")
    .AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({Environment.OSVersion}, .NET {Environment.Version}). Times are in milliseconds, ")
    .AppendLine("measured around the use case call (new DbContext, SQL, materialisation): an upper bound of the server time.").AppendLine();
document.AppendLine("## Seeding").AppendLine();
seeding.ForEach(s => document.AppendLine(s));
document.AppendLine().AppendLine("## Timings (ms)").AppendLine();
document.AppendLine("| Query | Provider | p50 | p95 | max | p95 < 200 ms |").AppendLine("|---|---|---:|---:|---:|---|");
foreach (var row in summary.OrderBy(r => r.Query, StringComparer.Ordinal).ThenBy(r => r.Provider, StringComparer.Ordinal))
{
    document.AppendLine(CultureInfo.InvariantCulture, $"| {row.Query} | {row.Provider} | {row.P50:0.0} | {row.P95:0.0} | {row.Max:0.0} | {(row.P95 < 200 ? "yes" : "**no**")} |");
}
document.AppendLine().Append(report);
await File.WriteAllTextAsync(output, document.ToString());
Console.WriteLine(document.ToString());
Console.WriteLine($"Wrote {output}");
return 0;

async Task RunProviderAsync(string provider, StorageSettings storage, string explainPrefix)
{
    var capture = new CommandCapture();
    var builder = new DbContextOptionsBuilder<VigilDbContext>();
    storage.Apply(builder);
    builder.AddInterceptors(capture);
    var options = builder.Options;
    VigilDbContext NewContext() => new(options);

    Console.WriteLine($"== {provider}: migrating and seeding {cases:N0} cases");
    var started = clock.GetTimestamp();
    await using (var db = NewContext())
    {
        await db.Database.MigrateAsync();
        await new DemoSeeder(db, clock).SeedAsync();
    }
    DemoCaseWorld world;
    await using (var db = NewContext())
    {
        world = await DemoCaseWorld.LoadAsync(db);
    }
    var generator = new DemoCaseGenerator(world, protector, new DeadlinePolicy(), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), DemoDataSet.DefaultSeed,
        new DemoCaseOptions { Count = cases, Years = 10, ClosedShare = 0.85 });
    var seedStarted = clock.GetTimestamp();
    var references = new List<string>(cases);
    for (var offset = 0; offset < cases; offset += BatchSize)
    {
        await using var db = NewContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = offset; i < Math.Min(cases, offset + BatchSize); i++)
        {
            // Explicit ids into the empty table: everything that points at the case by id is set before the insert.
            var bundle = generator.Next(i);
            bundle.Case.Id = i + 1;
            bundle.Case.Reference = DemoCaseBundle.ReferenceFor(bundle.Case);
            bundle.Attach(bundle.Case.Id);
            references.Add(bundle.Case.Reference);
            db.Cases.Add(bundle.Case);
            db.NotesVerbales.AddRange(bundle.Notes);
            db.CaseDeadlines.AddRange(bundle.Deadlines);
            db.ClosureRequests.AddRange(bundle.Closures);
        }
        await db.SaveChangesAsync();
        if ((offset / BatchSize) % 10 == 9)
        {
            Console.WriteLine($"   {offset + BatchSize:N0} cases in {clock.GetElapsedTime(seedStarted).TotalSeconds:0} s");
        }
    }
    var seedTime = clock.GetElapsedTime(seedStarted);
    await using (var db = NewContext())
    {
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var counts = new[]
        {
            ("cases", await db.Cases.CountAsync()), ("allegations", await db.Allegations.CountAsync()), ("subjects", await db.CaseSubjects.CountAsync()),
            ("victims", await db.CaseVictims.CountAsync()), ("deadlines", await db.CaseDeadlines.CountAsync()), ("notes verbales", await db.NotesVerbales.CountAsync()),
            ("events", await db.CaseEvents.CountAsync()), ("findings", await db.Findings.CountAsync()), ("actions", await db.CaseActions.CountAsync()),
        };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var overdue = await db.CaseDeadlines.CountAsync(d => d.MetOn == null && d.DueOn < today);
        var setup = clock.GetElapsedTime(started, seedStarted);
        var rows = string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Item2:N0} {c.Item1}")));
        seeding.Add(string.Create(CultureInfo.InvariantCulture,
            $"- **{provider}**: {seedTime.TotalSeconds:0} s for the cases (batches of {BatchSize}, change tracking off; plus {setup.TotalSeconds:0.0} s for migrations and the demo reference data): {rows}; {overdue:N0} overdue deadlines."));
    }

    var globalChief = new CallerScope(new HashSet<string> { Roles.ConductChief }, true, new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
    var minuscaChief = new CallerScope(new HashSet<string> { Roles.ConductChief }, false, new HashSet<string> { "MINUSCA" }, new HashSet<string>(), new HashSet<string>());
    var pick = new Bogus.Randomizer(7);
    var queries = new (string Name, bool Explain, Func<VigilDbContext, Task> Run)[]
    {
        ("List: global, no filter", true, db => List(db, globalChief, new CaseFilter())),
        ("List: MINUSCA chief, mission + status", true, db => List(db, minuscaChief, new CaseFilter(Mission: "MINUSCA", Status: CaseStatus.UnderInvestigation))),
        ("List: global, overdue only", true, db => List(db, globalChief, new CaseFilter(OverdueOnly: true))),
        ("List: MINUSCA chief, mission + overdue", true, db => List(db, minuscaChief, new CaseFilter(Mission: "MINUSCA", OverdueOnly: true))),
        ("List: global, SEA abuse + child + subject nationality", true,
            db => List(db, globalChief, new CaseFilter(Category: AllegationCategory.SexualAbuse, ChildVictimOnly: true, SubjectNationality: "PAK"))),
        ("List: global, closed, page 100", true, db => List(db, globalChief, new CaseFilter(Status: CaseStatus.Closed, Page: 100))),
        ("Case page: random case", false, db => Get(db, globalChief, references[pick.Int(0, references.Count - 1)])),
        ("Dashboard: MINUSCA", true, db => new OverdueDashboard(new CaseAccess(db), db, clock).GetAsync(minuscaChief, null, "MINUSCA")),
        ("Dashboard: global", true, db => new OverdueDashboard(new CaseAccess(db), db, clock).GetAsync(globalChief, null, null)),
    };

    report.AppendLine(CultureInfo.InvariantCulture, $"## Query plans: {provider}").AppendLine();
    foreach (var (name, explain, run) in queries)
    {
        var timings = new List<double>(runs);
        for (var i = 0; i < runs + 3; i++)
        {
            await using var db = NewContext();
            capture.Capturing = explain && i == 0;
            var t0 = clock.GetTimestamp();
            await run(db);
            var elapsed = clock.GetElapsedTime(t0).TotalMilliseconds;
            capture.Capturing = false;
            if (i >= 3)
            {
                timings.Add(elapsed);
            }
        }
        timings.Sort();
        summary.Add((provider, name, Stats.Percentile(timings, 50), Stats.Percentile(timings, 95), timings[^1]));
        Console.WriteLine($"   {name}: p50 {Stats.Percentile(timings, 50):0.0} ms, p95 {Stats.Percentile(timings, 95):0.0} ms, max {timings[^1]:0.0} ms");
        if (explain)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"### {name}").AppendLine();
            await using var db = NewContext();
            await ExplainAsync(db, capture.Commands, explainPrefix, report);
            capture.Commands.Clear();
        }
    }
}

async Task List(VigilDbContext db, CallerScope scope, CaseFilter filter)
{
    var result = await new CaseQueries(db, new CaseAccess(db), protector, clock, new Vigil.Core.Governance.BreakGlassLedger(db, clock), Vigil.Core.Audit.AuditTrail.ForSystem(db, keys, clock)).ListAsync(scope, null, filter);
    _ = result.Value ?? throw new InvalidOperationException("the list failed");
}

async Task Get(VigilDbContext db, CallerScope scope, string reference)
{
    var result = await new CaseQueries(db, new CaseAccess(db), protector, clock, new Vigil.Core.Governance.BreakGlassLedger(db, clock), Vigil.Core.Audit.AuditTrail.ForSystem(db, keys, clock)).GetAsync(scope, null, reference);
    _ = result.Value ?? throw new InvalidOperationException("the case page failed");
}

static async Task ExplainAsync(VigilDbContext db, IReadOnlyList<CapturedCommand> commands, string prefix, StringBuilder report)
{
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    foreach (var command in commands)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = prefix + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // SQLite: id, parent, notused, detail; PostgreSQL: one text column.
                lines.Add(reader.FieldCount >= 4 ? reader.GetString(3) : reader.GetString(0));
            }
        }
        // A SQLite "SCAN x" of a co-routine or materialised subquery (the page of 50 rows) is not a table scan.
        var subqueries = lines.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || l.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim()).ToHashSet(StringComparer.Ordinal);
        var full = lines.Where(l => l.StartsWith("SCAN ", StringComparison.Ordinal) && !l.Contains("USING", StringComparison.Ordinal) && !subqueries.Contains(l[5..].Trim())
                || l.Contains("Seq Scan on", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        report.AppendLine("```sql").AppendLine(command.Sql).AppendLine("```").AppendLine("```text");
        lines.ForEach(l => report.AppendLine(l));
        report.AppendLine("```");
        report.AppendLine(full.Count == 0 ? "Full scans: none; every table is reached through an index." : $"Full scans: {string.Join("; ", full)}.").AppendLine();
    }
}

async Task ExecuteAdminAsync(string sql)
{
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindBenchFolder()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "bench", "Vigil.Bench.Cases");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }
    return Directory.GetCurrentDirectory();
}
