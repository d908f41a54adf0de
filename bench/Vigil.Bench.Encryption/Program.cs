using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Intake;
using Vigil.Core.Security;

// The cost of sealing: AES-256-GCM per field at typical sizes, and the intake write and report read
// on SQLite with sealing and with the same bytes stored unsealed (the only difference between the two).
//   dotnet run -c Release --project bench/Vigil.Bench.Encryption -- [--reports N]
var reports = args.Length == 2 && args[0] == "--reports" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var protector = new FieldProtector(KeyRing.Generate());
var output = new StringBuilder();
output.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}").AppendLine();
output.AppendLine("| field size | seal µs | unseal µs |").AppendLine("|---:|---:|---:|");
foreach (var size in new[] { 32, 300, 4_096, 1_048_576 })
{
    var text = new string('x', size);
    var bytes = Encoding.UTF8.GetBytes(text);
    var iterations = size >= 1_000_000 ? 50 : 20_000;
    for (var i = 0; i < 100; i++)
    {
        protector.Unseal(protector.Seal(text[..Math.Min(size, 64)], "warm"), "warm");
    }
    var sealedValue = protector.SealBytes(bytes, "bench");
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        protector.SealBytes(bytes, "bench");
    }
    var seal = watch.Elapsed.TotalMicroseconds / iterations;
    watch.Restart();
    for (var i = 0; i < iterations; i++)
    {
        protector.UnsealBytes(sealedValue, "bench");
    }
    var unseal = watch.Elapsed.TotalMicroseconds / iterations;
    output.AppendLine(CultureInfo.InvariantCulture, $"| {size:N0} B | {seal:0.0} | {unseal:0.0} |");
}

var directory = Path.Combine(Path.GetTempPath(), "vigil-bench-encryption-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(directory);
try
{
    var storage = StorageSettings.Sqlite(Path.Combine(directory, "vigil.db"));
    await using (var db = new VigilDbContext(storage.BuildOptions()))
    {
        await db.Database.MigrateAsync();
    }
    const string Narrative = "A synthetic narrative of about three hundred characters: the reporter says that a soldier from the contingent at the water point offered food and money in exchange for sex, more than once, over several weeks; a friend saw it happen and can confirm. The reporter asks for help.";
    const string Contact = "synthetic-reporter@example.invalid";
    output.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Intake write (one report per SaveChanges, {reports:N0} reports) and report read (load + open narrative and contact), SQLite, ms per report:").AppendLine();
    output.AppendLine("| | sealed | unsealed | difference |").AppendLine("|---|---:|---:|---:|");
    var results = new Dictionary<bool, (double Write, double Read)>();
    foreach (var seal in new[] { true, false, true, false })
    {
        var prefix = (seal ? "S-" : "P-") + Guid.NewGuid().ToString("N")[..6] + "-";
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < reports; i++)
        {
            await using var db = new VigilDbContext(storage.BuildOptions());
            db.Reports.Add(new Report
            {
                Reference = prefix + i.ToString(CultureInfo.InvariantCulture),
                NarrativeSealed = seal ? protector.Seal(Narrative, Report.NarrativePurpose) : Encoding.UTF8.GetBytes(Narrative),
                ContactSealed = seal ? protector.Seal(Contact, Report.ContactPurpose) : Encoding.UTF8.GetBytes(Contact),
            });
            await db.SaveChangesAsync();
        }
        var write = watch.Elapsed.TotalMilliseconds / reports;
        watch.Restart();
        for (var i = 0; i < reports; i++)
        {
            await using var db = new VigilDbContext(storage.BuildOptions());
            var reference = prefix + i.ToString(CultureInfo.InvariantCulture);
            var row = await db.Reports.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.NarrativeSealed, r.ContactSealed }).SingleAsync();
            _ = seal ? protector.Unseal(row.NarrativeSealed, Report.NarrativePurpose) : Encoding.UTF8.GetString(row.NarrativeSealed);
            _ = seal ? protector.Unseal(row.ContactSealed!, Report.ContactPurpose) : Encoding.UTF8.GetString(row.ContactSealed!);
        }
        var read = watch.Elapsed.TotalMilliseconds / reports;
        results[seal] = (write, read); // the second round (warm) wins
    }
    output.AppendLine(CultureInfo.InvariantCulture, $"| intake write | {results[true].Write:0.000} | {results[false].Write:0.000} | {results[true].Write - results[false].Write:+0.000;-0.000} |");
    output.AppendLine(CultureInfo.InvariantCulture, $"| report read | {results[true].Read:0.000} | {results[false].Read:0.000} | {results[true].Read - results[false].Read:+0.000;-0.000} |");
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
Console.WriteLine(output.ToString());
