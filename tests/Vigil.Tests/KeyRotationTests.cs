using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Cli;
using Vigil.Core.Data;
using Vigil.Core.Security;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary><c>vigil keys rotate</c> and <c>status</c>, and the sealed data-protection key ring, over the demo data set.</summary>
public sealed class KeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyFile(TestHost host) => host.App.Services.GetRequiredService<Hosting.HostSettings>().ResolvedKeyFile;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rotate_Interrupted_ThenResumed_ReSealsEverything_AndRetiresTheOldVersionOnlyLater(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, demo: true);
        // Sign in once so that the data-protection key ring exists and is re-wrapped too. The cookie is used again at
        // the end: a demo account has two second-factor codes per 30 seconds and no recovery codes known to the test.
        using var early = await host.BrowserAsync("chief", Core.Access.DemoAccounts.Password);
        var path = KeyFile(host);
        var before = await ReadAllSealedAsync(host, KeyRing.Load(path));
        Assert.True(before.Count > 100, $"{before.Count} sealed values in the demo data set");
        Assert.All(before, v => Assert.Equal(1, v.Version));

        // First run: interrupted after two batches (as by Ctrl+C or a crash).
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var batches = 0;
        var progress = new SynchronousProgress(_ =>
        {
            if (++batches == 2)
            {
                interrupt.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.WithDbAsync((db, _) => new KeyRotation(db).RotateAsync(KeyRing.Load(path), batchSize: 20, progress, interrupt.Token)));
        var halfway = KeyRing.Load(path);
        Assert.Equal(2, halfway.CurrentFieldKeyVersion);
        Assert.Equal([1, 2], halfway.FieldKeyVersions);
        var mixed = await ReadAllSealedAsync(host, halfway);
        Assert.Equal(40, mixed.Count(v => v.Version == 2));
        Assert.Contains(mixed, v => v.Version == 1);

        // Second run (the CLI, as an operator would): resumes under version 2, adds no version, and keeps 1 for now: a
        // running host may still seal with it for a few seconds (finding 4).
        var args = new List<string> { "keys", "rotate", "--batch-size", "70", "--key-file", path, "--database", host.Storage.ConnectionString };
        Assert.Equal(0, await VigilCli.RunAsync([.. args]));
        var after = KeyRing.Load(path);
        Assert.Equal(2, after.CurrentFieldKeyVersion);
        Assert.Equal([1, 2], after.FieldKeyVersions);
        var resealed = await ReadAllSealedAsync(host, after);
        Assert.All(resealed, v => Assert.Equal(2, v.Version));
        // Same values, same places: nothing lost, nothing swapped.
        Assert.Equal(before.Select(v => (v.Where, v.Id, v.Plaintext)).Order(), resealed.Select(v => (v.Where, v.Id, v.Plaintext)).Order());

        var status = await host.WithDbAsync((db, _) => new KeyRotation(db).StatusAsync(after, Ct));
        Assert.Equal(0, status.Stale);
        Assert.True(status.CountFor(2) >= before.Count);
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "status", "--key-file", path, "--database", host.Storage.ConnectionString]));
        // `keys retire` removes version 1 once it was superseded long enough ago, and not before.
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "retire", "--key-file", path, "--database", host.Storage.ConnectionString]));
        Assert.Equal([1, 2], KeyRing.Load(path).FieldKeyVersions);
        var later = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + KeyRotation.RetireAfter + TimeSpan.FromMinutes(1));
        var (retirement, _) = await host.WithDbAsync((db, _) => new KeyRotation(db, later).RetireAsync(KeyRing.Load(path), Ct));
        Assert.Equal([1], retirement.Retired);
        Assert.Equal([2], KeyRing.Load(path).FieldKeyVersions);

        // The running host, started with version 1 only, picks the new key up and still works.
        using var chief = await host.ApiAsync("chief", Core.Access.DemoAccounts.Password);
        var reference = await host.WithDbAsync((db, _) => db.Reports.Where(r => r.Mission!.Code == "MINUSCA").Select(r => r.Reference).FirstAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await chief.GetAsync($"/api/v1/reports/{reference}", Ct)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await early.GetAsync("/cases", Ct)).StatusCode);
        // Another account (a host takes two authenticator codes per account per 30 s): its TOTP secret was re-sealed too.
        using var browser = await host.BrowserAsync("officer", Core.Access.DemoAccounts.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/cases", Ct)).StatusCode);
    }

    [Fact]
    public async Task Rotate_OnUpToDateDatabase_AddsAVersion_AndRetiresTheOldOnlyAtALaterRotation()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        var path = KeyFile(host);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var (first, _) = await host.WithDbAsync((db, _) => new KeyRotation(db, clock).RotateAsync(KeyRing.Load(path), 10, null, Ct));
        Assert.False(first.Resumed);
        Assert.Equal(2, first.Version);
        Assert.Empty(first.Retired);
        Assert.Equal([1], first.Kept);
        Assert.Equal(clock.GetUtcNow(), KeyRing.Load(path).SupersededAt(1));
        clock.Advance(KeyRotation.RetireAfter);
        var (second, _) = await host.WithDbAsync((db, _) => new KeyRotation(db, clock).RotateAsync(KeyRing.Load(path), 10, null, Ct));
        Assert.Equal(3, second.Version);
        Assert.Equal([1], second.Retired);
        Assert.Equal([2, 3], KeyRing.Load(path).FieldKeyVersions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rotate_WhileAHostStillSealsWithTheOldVersion_LosesNothing_AndTheNextRunReSealsIt(string provider)
    {
        // Finding 4: a host re-reads the key file at most every 5 s; a rotation that finished in between retired the
        // version the host went on sealing with, and those values could never be opened again.
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        using var anonymous = host.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "Synthetic report before the rotation." }, Ct)).StatusCode);
        var path = KeyFile(host);
        var stale = KeyRing.Load(path);
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "rotate", "--key-file", path, "--database", host.Storage.ConnectionString]));

        // The host has not looked at the file again yet: it seals with version 1, after the rotation ended.
        var written = new FieldProtector(stale).Seal("Synthetic narrative sealed by a host that has not followed yet.", Core.Intake.Report.NarrativePurpose);
        Assert.Equal(1, FieldProtector.VersionOf(written));
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Reports" SET "NarrativeSealed" = {0}""", [written], Ct));

        // Version 1 is still in the key file: a restarted host (a ring read from the file alone) opens the value.
        var restarted = KeyRing.Load(path);
        Assert.Equal([1, 2], restarted.FieldKeyVersions);
        var value = await host.WithDbAsync((db, _) => db.Reports.Select(r => r.NarrativeSealed).SingleAsync(Ct));
        Assert.Equal("Synthetic narrative sealed by a host that has not followed yet.", new FieldProtector(restarted).Unseal(value, Core.Intake.Report.NarrativePurpose));
        var (exit, _) = await CliRun.RunAsync(["keys", "status", "--key-file", path, "--database", host.Storage.ConnectionString]);
        Assert.Equal(0, exit);

        // The next run resumes and re-seals it; `retire` keeps a version while anything uses it.
        var later = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + KeyRotation.RetireAfter + TimeSpan.FromMinutes(1));
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Reports" SET "NarrativeSealed" = {0}""", [written], Ct));
        var (kept, _) = await host.WithDbAsync((db, _) => new KeyRotation(db, later).RetireAsync(KeyRing.Load(path), Ct));
        Assert.Equal([1], kept.InUse);
        var (resumed, ring) = await host.WithDbAsync((db, _) => new KeyRotation(db, later).RotateAsync(KeyRing.Load(path), 50, null, Ct));
        Assert.True(resumed.Resumed);
        Assert.Equal([1], resumed.Retired);
        value = await host.WithDbAsync((db, _) => db.Reports.Select(r => r.NarrativeSealed).SingleAsync(Ct));
        Assert.Equal(2, FieldProtector.VersionOf(value));
        Assert.Equal("Synthetic narrative sealed by a host that has not followed yet.", new FieldProtector(ring).Unseal(value, Core.Intake.Report.NarrativePurpose));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ServeStatusAndRotate_WithAKeyFileThatDoesNotOpenTheData_RefuseInOneLine_AndChangeNothing(string provider)
    {
        // Finding 5: a key file from before a rotation, or one whose field key is not the database's (audit key right),
        // started a "healthy" host and `keys status` said all was well.
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        using var anonymous = host.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "Synthetic report." }, Ct)).StatusCode);
        var path = KeyFile(host);
        var directory = Path.GetDirectoryName(path)!;
        var before = Path.Combine(directory, "before-rotation.json");
        File.Copy(path, before);
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "rotate", "--key-file", path, "--database", host.Storage.ConnectionString]));
        // Everything is on version 2 now, and version 1 is dropped, as a later `keys retire` does.
        var later = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + KeyRotation.RetireAfter + TimeSpan.FromMinutes(1));
        await host.WithDbAsync((db, _) => new KeyRotation(db, later).RetireAsync(KeyRing.Load(path), Ct));
        Assert.Equal([2], KeyRing.Load(path).FieldKeyVersions);
        // The right audit key and version number, the wrong field key.
        var wrongField = Path.Combine(directory, "wrong-field-key.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!;
        json["fieldKeys"]![0]!["key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(wrongField, json.ToJsonString(), Ct);

        foreach (var (keyFile, expected) in new[] { (before, "does not hold"), (wrongField, "does not open with the key file's version 2 key") })
        {
            var copy = await File.ReadAllTextAsync(keyFile, Ct);
            var where = new[] { "--key-file", keyFile, "--database", host.Storage.ConnectionString };
            var (status, statusError) = await CliRun.RunAsync(["keys", "status", .. where]);
            Assert.Equal(VigilCli.InvalidInput, status);
            Assert.Contains(expected, statusError, StringComparison.Ordinal);
            var (serve, serveError) = await CliRun.RunAsync(["serve", "--urls", "http://127.0.0.1:0", .. where]);
            Assert.Equal(VigilCli.InvalidInput, serve);
            Assert.Contains(expected, serveError, StringComparison.Ordinal);
            Assert.Single(serveError.Trim().Split('\n'));
            var (rotate, _) = await CliRun.RunAsync(["keys", "rotate", .. where]);
            Assert.Equal(VigilCli.InvalidInput, rotate);
            Assert.Equal(copy, await File.ReadAllTextAsync(keyFile, Ct));
            Assert.DoesNotContain("unexpected", statusError + serveError, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_WhileAValueUsesAVersionTheKeyFileLacks_IsUnhealthy(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        using var anonymous = host.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "Synthetic report." }, Ct)).StatusCode);
        var value = await host.WithDbAsync((db, _) => db.Reports.Select(r => r.NarrativeSealed).SingleAsync(Ct));
        value[3] = 9;
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Reports" SET "NarrativeSealed" = {0}""", [value], Ct));
        var health = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RotateAndRetire_AreWrittenToTheAuditLog_AsSystem(string provider)
    {
        // Finding 8: four rotations of the demo (about 40,000 values re-sealed) left no trace in the audit log.
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief1", Core.Access.Roles.ConductChief, "mission:MINUSCA");
        var path = KeyFile(host);
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "rotate", "--key-file", path, "--database", host.Storage.ConnectionString]));
        var entries = await host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.RecordType == "KeyFile").OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Equal(["add-key-version", "rotate-keys"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(Core.Audit.IAuditActor.System, e.Actor));
        Assert.Equal("version 2", entries[^1].RecordId);
        Assert.Contains("re-sealed", entries[^1].Detail, StringComparison.Ordinal);
        // The TOTP secret re-sealed through Identity's table is a recorded change too.
        Assert.True(await host.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == "update" && e.RecordType.Contains("IdentityUserToken") && e.Actor == Core.Audit.IAuditActor.System, Ct)));
        var result = await host.WithDbAsync((_, services) => services.GetRequiredService<Core.Audit.AuditVerifier>().VerifyAsync(ct: Ct));
        Assert.True(result.Intact, string.Join("; ", result.Problems));
    }

    [Fact]
    public async Task KeysVerbs_OnADatabaseTheyCannotRead_SayWhyInOneLine_AndExit2()
    {
        // Finding 11: "unexpected InvalidOperationException" / "unexpected SqliteException".
        var directory = CliRun.NewDirectory();
        var keyFile = Path.Combine(directory, KeyRing.FileName);
        KeyRing.LoadOrCreate(keyFile);
        var garbage = Path.Combine(directory, "garbage.db");
        await File.WriteAllBytesAsync(garbage, RandomNumberGenerator.GetBytes(100_000), Ct);
        var foreign = Path.Combine(directory, "foreign.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t(x)";
            await command.ExecuteNonQueryAsync(Ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var database in new[] { "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=2", "postgres://u:p@127.0.0.1:1/x", garbage, foreign })
        {
            foreach (var verb in new[] { "status", "rotate" })
            {
                var (exit, error) = await CliRun.RunAsync("keys", verb, "--database", database, "--key-file", keyFile);
                Assert.True(exit == VigilCli.InvalidInput, $"keys {verb} on {database}: exit {exit}, {error}");
                Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
                Assert.Single(error.Trim().Split('\n'));
            }
        }
        Assert.Equal([1], KeyRing.Load(keyFile).FieldKeyVersions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rotate_ReSealsTotpSecrets_AndTheUserStillSignsInWithACode(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief1", Core.Access.Roles.ConductChief, "mission:MINUSCA");
        var path = KeyFile(host);
        Assert.Equal(1, await TotpSecretVersionAsync(host, "chief1"));

        Assert.Equal(0, await VigilCli.RunAsync(["keys", "rotate", "--key-file", path, "--database", host.Storage.ConnectionString]));
        Assert.Equal([1, 2], KeyRing.Load(path).FieldKeyVersions);
        Assert.Equal(2, await TotpSecretVersionAsync(host, "chief1"));

        // The token endpoint takes password and an authenticator code (never a recovery code): the host opens the re-sealed secret.
        using var api = await host.ApiAsync("chief1");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        var status = await host.WithDbAsync((db, _) => new KeyRotation(db).StatusAsync(KeyRing.Load(path), Ct));
        Assert.Contains(status.Usage, u => u.Where.Contains("TotpSecret", StringComparison.Ordinal) && u.Version == 2 && u.Count == 1);
    }

    private static Task<int> TotpSecretVersionAsync(TestHost host, string userName) =>
        host.WithDbAsync(async (db, _) =>
        {
            var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
            var value = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Core.Access.TotpTokenProvider.LoginProvider
                && t.Name == Core.Access.TotpTokenProvider.SecretToken).Select(t => t.Value!).SingleAsync(Ct);
            return FieldProtector.VersionOf(Convert.FromBase64String(value));
        });

    [Fact]
    public async Task Rotate_WithBatchSizeZero_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["keys", "rotate", "--batch-size", "0", "--database", Path.Combine(Path.GetTempPath(), "never-created.db")]));

    [Fact]
    public async Task DataProtectionKeys_AreSealedInTheDatabase_AndCookiesStillWork()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("chief1", Core.Access.Roles.ConductChief, "mission:MINUSCA");
        using var browser = await host.BrowserAsync("chief1");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/cases", Ct)).StatusCode);

        var xml = await host.WithDbAsync((db, _) => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(xml);
        Assert.All(xml, x =>
        {
            Assert.DoesNotContain("<masterKey", x, StringComparison.Ordinal);
            Assert.Contains("urn:vigil:data-protection", x, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EverySealedProperty_IsListedForRotation()
    {
        using var db = new VigilDbContext(StorageSettings.Sqlite(Path.Combine(Path.GetTempPath(), "model-only.db")).BuildOptions());
        var mapped = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(byte[]) && p.Name.EndsWith("Sealed", StringComparison.Ordinal))
                .Select(p => $"{e.ClrType.Name}.{p.Name}"))
            .Order().ToList();
        var listed = SealedColumns.All.Select(c => $"{c.Entity.Name}.{c.Property}").ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, m => Assert.Contains(m, listed));
    }

    private sealed record SealedValue(string Where, int Id, int Version, string Plaintext);

    /// <summary>Reads and opens every sealed value with a protector built from the key file alone.</summary>
    private static Task<List<SealedValue>> ReadAllSealedAsync(TestHost host, KeyRing ring) =>
        host.WithDbAsync(async (db, _) =>
        {
            var protector = new FieldProtector(ring);
            var values = new List<SealedValue>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(Ct);
            foreach (var column in SealedColumns.All)
            {
                var entity = db.Model.FindEntityType(column.Entity)!;
                var name = entity.FindProperty(column.Property)!.GetColumnName();
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT \"Id\", \"{name}\" FROM \"{entity.GetTableName()}\" WHERE \"{name}\" IS NOT NULL";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    var data = (byte[])reader.GetValue(1);
                    var plaintext = Convert.ToHexString(SHA256.HashData(protector.UnsealBytes(data, column.Purpose)));
                    values.Add(new SealedValue($"{entity.GetTableName()}.{name}", reader.GetInt32(0), FieldProtector.VersionOf(data), plaintext));
                }
            }
            return values;
        });

    /// <summary>Reports on the caller's thread, so that an interruption happens exactly after a batch.</summary>
    private sealed class SynchronousProgress(Action<RotationProgress> report) : IProgress<RotationProgress>
    {
        public void Report(RotationProgress value) => report(value);
    }
}
