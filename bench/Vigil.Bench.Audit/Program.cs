using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Demo;
using Vigil.Core.Intake;
using Vigil.Core.Security;

// The cost of the audit log: the case list, the case page and staff intake (recording a report) through the
// real use cases, with the audit interceptor and read entries, and without (a no-op trail and no interceptor,
// possible only in this benchmark). Encryption cannot be switched off in the use cases; its share is timed
// apart (sealing and unsealing a narrative). Usage:
//   dotnet run -c Release --project bench/Vigil.Bench.Audit -- [--runs N] [--only sqlite|postgres] [--postgres CONN]
var runs = int.Parse(Arg("--runs") ?? "200", CultureInfo.InvariantCulture);
var only = Arg("--only");
var admin = Arg("--postgres") ?? Environment.GetEnvironmentVariable("VIGIL_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=vigil_ci;Password=vigil-ci;Database=postgres";
var keys = KeyRing.Generate();
var protector = new FieldProtector(keys);
var clock = TimeProvider.System;
var chief = new CallerScope(new HashSet<string> { Roles.ConductChief }, true, new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} runs per measure (after 10 warm-up); times in ms (p50 / p95).");
Console.WriteLine("| Provider | Use case | without audit | with audit |");
Console.WriteLine("|---|---|---:|---:|");
if (only is null or "sqlite")
{
    var directory = Path.Combine(Path.GetTempPath(), "vigil-bench-audit-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        await RunAsync("SQLite", StorageSettings.Sqlite(Path.Combine(directory, "vigil.db")));
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
if (only is null or "postgres")
{
    var name = "vigil_bench_audit_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    await AdminAsync($"CREATE DATABASE \"{name}\"");
    try
    {
        await RunAsync("PostgreSQL", new StorageSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString()));
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

// Encryption's share: sealing (intake) and unsealing (report and case pages) a 1,500-character narrative.
var narrative = new string('n', 1500);
var sealedText = protector.Seal(narrative, Report.NarrativePurpose);
var watch = Stopwatch.StartNew();
for (var i = 0; i < 20000; i++)
{
    protector.Seal(narrative, Report.NarrativePurpose);
}
var seal = watch.Elapsed.TotalMicroseconds / 20000;
watch.Restart();
for (var i = 0; i < 20000; i++)
{
    protector.Unseal(sealedText, Report.NarrativePurpose);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nAES-256-GCM, 1,500-character narrative: seal {seal:0.0} µs, unseal {watch.Elapsed.TotalMicroseconds / 20000:0.0} µs."));
return 0;

async Task RunAsync(string provider, StorageSettings storage)
{
    var plain = new DbContextOptionsBuilder<VigilDbContext>();
    storage.Apply(plain);
    var audited = new DbContextOptionsBuilder<VigilDbContext>();
    storage.Apply(audited);
    var writer = new AuditWriter(keys, clock, Options.Create(new AuditOptions()));
    audited.AddInterceptors(new AuditInterceptor(writer, SystemActor.Instance, clock));

    await using (var db = new VigilDbContext(audited.Options))
    {
        await db.Database.MigrateAsync();
        await new DemoSeeder(db, clock).SeedAsync();
        await new DemoCases(db, protector, clock).SeedAsync();
    }
    string reference;
    await using (var db = new VigilDbContext(plain.Options))
    {
        reference = await db.Cases.OrderBy(c => c.Id).Select(c => c.Reference).FirstAsync();
    }
    var request = new StaffReportRequest
    {
        Channel = Channel.Hotline,
        Relationship = ReporterRelationship.Witness,
        ConsentToShare = true,
        Mission = "MINUSCA",
        Narrative = "Synthetic benchmark narrative: " + new string('x', 400),
        Involved = InvolvedCategory.Military,
        ChildInvolved = false,
        Contact = "synthetic contact",
    };
    var measures = new (string Name, Func<VigilDbContext, IAuditTrail, Task> Run)[]
    {
        ("case list (page of 50)", (db, audit) => new CaseQueries(db, new CaseAccess(db), protector, clock, new Vigil.Core.Governance.BreakGlassLedger(db, clock), audit).ListAsync(chief, null, new CaseFilter())),
        ("case page", (db, audit) => new CaseQueries(db, new CaseAccess(db), protector, clock, new Vigil.Core.Governance.BreakGlassLedger(db, clock), audit).GetAsync(chief, null, reference)),
        ("staff intake (record a report)", (db, audit) => new StaffReports(db, protector, clock, Options.Create(new IntakeOptions()), audit, keys).RecordAsync(chief, "bench", request)),
    };
    foreach (var (name, run) in measures)
    {
        var without = await TimeAsync(() => new VigilDbContext(plain.Options), _ => NoAudit.Instance, run);
        var with = await TimeAsync(() => new VigilDbContext(audited.Options), db => AuditTrail.ForSystem(db, keys, clock), run);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | {name} | {without.P50:0.00} / {without.P95:0.00} | {with.P50:0.00} / {with.P95:0.00} |"));
    }
}

async Task<(double P50, double P95)> TimeAsync(Func<VigilDbContext> context, Func<VigilDbContext, IAuditTrail> trail, Func<VigilDbContext, IAuditTrail, Task> run)
{
    var times = new List<double>(runs);
    for (var i = 0; i < runs + 10; i++)
    {
        await using var db = context();
        var started = Stopwatch.GetTimestamp();
        await run(db, trail(db));
        if (i >= 10)
        {
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
    times.Sort();
    return (times[(int)Math.Ceiling(0.5 * times.Count) - 1], times[(int)Math.Ceiling(0.95 * times.Count) - 1]);
}

async Task AdminAsync(string sql)
{
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>The "without auditing" side: only this benchmark has it.</summary>
internal sealed class NoAudit : IAuditTrail
{
    public static NoAudit Instance { get; } = new();

    public Task RecordReadAsync(string recordType, object recordId, string? reason = null, string? detail = null, CancellationToken ct = default) => Task.CompletedTask;

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken ct = default) => Task.CompletedTask;

    public Task RecordAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken ct = default) => Task.CompletedTask;
}
