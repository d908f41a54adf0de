using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Vigil.Cli;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Reference;
using Vigil.Core.Security;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The audit log end to end: changes and reads are recorded, `vigil audit verify` passes on an intact
/// chain and names the first broken entry after a database tool alters, deletes or inserts a row, the
/// tables are append-only for the application, and concurrent writers never fork the chain.
/// </summary>
public sealed class AuditLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum Tamper
    {
        AlterMiddle,
        DeleteMiddle,
        DeleteLast,
        InsertAtEnd,
        InsertBelowOne,
    }

    public static TheoryData<string, Tamper> Tampering()
    {
        var data = new TheoryData<string, Tamper>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var tamper in Enum.GetValues<Tamper>())
            {
                data.Add(provider, tamper);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_FreshDemoDatabase_IsIntact_AndExportedCheckpointsMatch(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, demo: true);
        var file = Path.Combine(Path.GetTempPath(), "vigil-checkpoints-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            Assert.Equal(VigilCli.Ok, await VigilCli.RunAsync(["audit", "checkpoint", .. Where(host)]));
            Assert.Equal(VigilCli.Ok, await VigilCli.RunAsync(["audit", "checkpoints", "--out", file, .. Where(host)]));
            var lines = ExportedCheckpoint.ReadLines(await File.ReadAllLinesAsync(file, Ct));
            Assert.NotEmpty(lines);
            Assert.Equal(VigilCli.Ok, await VigilCli.RunAsync(["audit", "verify", "--checkpoints", file, .. Where(host)]));

            var result = await VerifyAsync(host, lines);
            Assert.True(result.Intact, string.Join("; ", result.Problems));
            Assert.True(result.Entries > 1000, $"the demo data set is recorded ({result.Entries} entries)");
            // Who acted: user ids, "system" or "anonymous" only; never an address.
            var actors = await host.WithDbAsync((db, _) => db.AuditEntries.Select(e => e.Actor).Distinct().ToListAsync(Ct));
            var userIds = await host.WithDbAsync((db, _) => db.Users.Select(u => u.Id).ToListAsync(Ct));
            Assert.All(actors, a => Assert.True(a is IAuditActor.System or IAuditActor.Anonymous || userIds.Contains(a), a));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_AfterADatabaseToolChangesOneRow_FailsAndNamesTheEntry(string provider, Tamper tamper)
    {
        await using var host = await StartWithEntriesAsync(provider);
        var before = await VerifyAsync(host);
        Assert.True(before.Intact, string.Join("; ", before.Problems));
        var last = before.LastSequence;
        var middle = last / 2;
        Assert.True(middle > 2);

        await AsDatabaseToolAsync(host, tamper switch
        {
            Tamper.AlterMiddle => $"""UPDATE "AuditEntries" SET "Detail" = 'nothing to see' WHERE "Sequence" = {middle}""",
            Tamper.DeleteMiddle => $"""DELETE FROM "AuditEntries" WHERE "Sequence" = {middle}""",
            Tamper.DeleteLast => $"""DELETE FROM "AuditEntries" WHERE "Sequence" = {last}""",
            Tamper.InsertAtEnd => InsertCopy(host, last, last + 1),
            Tamper.InsertBelowOne => InsertCopy(host, 1, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        });

        var expected = tamper switch
        {
            Tamper.AlterMiddle or Tamper.DeleteMiddle => middle,
            Tamper.DeleteLast => last,
            Tamper.InsertAtEnd => last + 1,
            _ => 0,
        };
        var result = await VerifyAsync(host);
        Assert.False(result.Intact);
        Assert.Equal(expected, result.FirstBroken!.Sequence);
        Assert.Equal(VigilCli.Failure, await VigilCli.RunAsync(["audit", "verify", .. Where(host)]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_ExportedCheckpoint_CatchesTheTailRemovedWithItsHead(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        var lines = await host.WithDbAsync(async (db, services) =>
        {
            await services.GetRequiredService<AuditWriter>().CheckpointAsync(db, Ct);
            return ExportedCheckpoint.ReadLines(await AuditExport.LinesAsync(db, services.GetRequiredService<KeyRing>(), Ct));
        });
        var last = lines[^1].Sequence;
        // A thorough intruder removes the last entries, the head record and the checkpoints in the database.
        await AsDatabaseToolAsync(host, $"""DELETE FROM "AuditEntries" WHERE "Sequence" >= {last - 2}""");
        await AsDatabaseToolAsync(host, """DELETE FROM "AuditHead" """);
        await AsDatabaseToolAsync(host, """DELETE FROM "AuditCheckpoints" """);

        var result = await VerifyAsync(host, lines);
        Assert.False(result.Intact);
        Assert.Contains(result.Problems, p => p.Sequence == last - 2 && p.What.Contains("deleted from the end of the log", StringComparison.Ordinal));
        // The background checkpoint worker may have exported an earlier checkpoint (even at entry 1) whose row was
        // deleted with the others: named too, as a checkpoint problem; no entry before the cut is called broken.
        Assert.All(result.Problems.Where(p => p.Sequence < last - 2),
            p => Assert.Contains("no longer in the database", p.What, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Append_AfterTheTailIsDeletedAndTheHeadMovedBack_IsRefusedWith503_AndNothingIsResigned(string provider)
    {
        // Finding 1: the host used to re-MAC whatever head it found, so the next anonymous report made the cut invisible.
        await using var host = await StartWithEntriesAsync(provider);
        var last = (await VerifyAsync(host)).LastSequence;
        var cut = last - 3;
        await AsDatabaseToolAsync(host, $"""
            DELETE FROM "AuditEntries" WHERE "Sequence" > {cut};
            UPDATE "AuditHead" SET "LastSequence" = {cut}, "HeadHash" = (SELECT "Hash" FROM "AuditEntries" WHERE "Sequence" = {cut});
            """);

        using var anonymous = host.Anonymous();
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "An ordinary report after the cut." }, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, submitted.StatusCode);
        Assert.Equal("application/problem+json", submitted.Content.Headers.ContentType?.MediaType);
        Assert.Contains("audit log", await submitted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        // Nothing was appended, no report was stored, and the head still fails: verify keeps saying so.
        Assert.Equal(cut, await host.WithDbAsync((db, _) => db.AuditEntries.MaxAsync(e => e.Sequence, Ct)));
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.Reports.CountAsync(Ct)));
        var result = await VerifyAsync(host);
        Assert.False(result.Intact);
        Assert.Equal(VigilCli.Failure, (await CliRun.RunAsync(["audit", "verify", .. Where(host)])).Exit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OlderHeadPutBack_AfterTheTailIsDeleted_IsCaughtByTheWitness_InTheHost_AfterARestart_AndByVerify(string provider)
    {
        // Finding 3: an older head row (from a backup, or read a moment ago) has a valid MAC; only something kept
        // outside the database can tell that the log once went further.
        await using var host = await StartWithEntriesAsync(provider);
        var old = await host.WithDbAsync((db, _) => db.AuditHeads.AsNoTracking().SingleAsync(Ct));
        using (var officer = await host.ApiAsync("officer"))
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/personnel/P-CAF-001", Ct)).StatusCode);
        }
        var reached = (await VerifyAsync(host)).LastSequence;
        Assert.True(reached > old.LastSequence);
        await AsDatabaseToolAsync(host, $"""
            DELETE FROM "AuditEntries" WHERE "Sequence" > {old.LastSequence};
            UPDATE "AuditHead" SET "LastSequence" = {old.LastSequence}, "HeadHash" = {Blob(host, old.HeadHash)}, "Mac" = {Blob(host, old.Mac)};
            """);

        // The running host knows how far the log went.
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.ServiceUnavailable,
            (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "An ordinary report after the cut." }, Ct)).StatusCode);
        var result = await VerifyAsync(host);
        Assert.False(result.Intact);
        Assert.Equal(old.LastSequence + 1, result.FirstBroken!.Sequence);
        Assert.Contains("witness", result.FirstBroken.What, StringComparison.Ordinal);

        // So does the data directory's witness file: a restarted host (a new writer reading it) and `vigil audit verify`.
        var witnessFile = Path.Combine(host.App.Services.GetRequiredService<Hosting.HostSettings>().DataDirectory, AuditWitness.FileName);
        Assert.True(File.Exists(witnessFile));
        var keys = host.App.Services.GetRequiredService<KeyRing>();
        var restarted = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions()), new AuditWitness(witnessFile));
        await using (var db = new VigilDbContext(host.Storage.BuildOptions()))
        {
            var broken = await Assert.ThrowsAsync<AuditLogBrokenException>(() =>
                new AuditTrail(db, restarted, SystemActor.Instance, TimeProvider.System).RecordReadAsync(nameof(Mission), "1", ct: Ct));
            Assert.Equal(old.LastSequence + 1, broken.Sequence);
        }
        var (exit, _) = await CliRun.RunAsync(["audit", "verify", .. Where(host)]);
        Assert.Equal(VigilCli.Failure, exit);
        Assert.Equal(old.LastSequence, await host.WithDbAsync((db, _) => db.AuditEntries.MaxAsync(e => e.Sequence, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WholeLogWiped_FromADatabaseThatHoldsData_IsBroken_AndNoNewChainStarts(string provider)
    {
        // Finding 2: entries, head and checkpoints deleted verified as "Intact", and the next writer began a new chain at 1.
        await using var host = await StartWithEntriesAsync(provider);
        await host.WithDbAsync((db, services) => services.GetRequiredService<AuditWriter>().CheckpointAsync(db, Ct));
        await AsDatabaseToolAsync(host, """DELETE FROM "AuditHead"; DELETE FROM "AuditEntries"; DELETE FROM "AuditCheckpoints";""");

        var result = await VerifyAsync(host);
        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBroken!.Sequence);
        Assert.Contains("the audit log was deleted", result.FirstBroken.What, StringComparison.Ordinal);
        var (exit, _) = await CliRun.RunAsync(["audit", "verify", .. Where(host)]);
        Assert.Equal(VigilCli.Failure, exit);

        // Neither this host nor a fresh process (a command-line verb) starts a new chain over the data.
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.ServiceUnavailable,
            (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "An ordinary report after the wipe." }, Ct)).StatusCode);
        var keys = host.App.Services.GetRequiredService<KeyRing>();
        await using (var db = new VigilDbContext(host.Storage.BuildOptions()))
        {
            var fresh = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions()));
            var broken = await Assert.ThrowsAsync<AuditLogBrokenException>(() =>
                new AuditTrail(db, fresh, SystemActor.Instance, TimeProvider.System).RecordReadAsync(nameof(Mission), "1", ct: Ct));
            Assert.Contains("user account(s)", broken.Message, StringComparison.Ordinal);
        }
        Assert.Equal(VigilCli.Failure, await Security.AccessRevocationTests.WithInputAsync("Pelican-Harbour-2026x",
            () => VigilCli.RunAsync(["users", "add", "--user", "newchain", "--role", "analyst", "--scope", "global", .. Where(host)])));
        Assert.Equal(0, await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_BrandNewDatabase_IsIntact_AndItsFirstWriteStartsTheChain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        await db.Database.MigrateAsync(Ct);
        var keys = KeyRing.LoadOrCreate(Path.Combine(database.Directory, KeyRing.FileName));
        Assert.True((await new AuditVerifier(db, keys, TimeProvider.System).VerifyAsync(ct: Ct)).Intact);

        var writer = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions()));
        var options = new DbContextOptionsBuilder<VigilDbContext>();
        database.Storage.Apply(options);
        options.AddInterceptors(new AuditInterceptor(writer, SystemActor.Instance, TimeProvider.System));
        await using (var audited = new VigilDbContext(options.Options))
        {
            audited.Missions.Add(new Mission { Code = "MINUSCA", Name = "Synthetic mission", HostCountry = "CAF", StartDate = new DateOnly(2014, 4, 10) });
            await audited.SaveChangesAsync(Ct);
        }
        var result = await new AuditVerifier(db, keys, TimeProvider.System).VerifyAsync(ct: Ct);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(1, result.Entries);
    }

    [Fact]
    public async Task Verify_OnADatabaseItCannotRead_SaysWhyInOneLine_AndExits2_NotTheTamperCode()
    {
        // Finding 12: an unreachable server, a file that is not a database and a non-Vigil SQLite file exited 1, the code
        // a monitoring script reads as "tampering found".
        var directory = CliRun.NewDirectory();
        var keyFile = Path.Combine(directory, KeyRing.FileName);
        KeyRing.LoadOrCreate(keyFile);
        var garbage = Path.Combine(directory, "garbage.db");
        await File.WriteAllBytesAsync(garbage, System.Security.Cryptography.RandomNumberGenerator.GetBytes(100_000), Ct);
        var foreign = Path.Combine(directory, "foreign.db");
        await using (var connection = new SqliteConnection($"Data Source={foreign}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t(x)";
            await command.ExecuteNonQueryAsync(Ct);
        }
        SqliteConnection.ClearAllPools();
        foreach (var database in new[] { "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=2", garbage, foreign })
        {
            foreach (var verb in new string[][] { ["verify"], ["checkpoint"], ["checkpoints", "--out", Path.Combine(directory, "out.jsonl")] })
            {
                var (exit, error) = await CliRun.RunAsync(["audit", .. verb, "--database", database, "--key-file", keyFile]);
                Assert.True(exit == VigilCli.InvalidInput, $"audit {verb[0]} on {database}: exit {exit}, {error}");
                Assert.Single(error.Trim().Split('\n'));
                Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Verify_WithAnEmptyCheckpointFileOrADirectory_Exits2_NamingTheFile()
    {
        await using var host = await StartWithEntriesAsync("sqlite");
        var directory = CliRun.NewDirectory();
        var empty = Path.Combine(directory, "empty.jsonl");
        await File.WriteAllTextAsync(empty, "", Ct);
        var blank = Path.Combine(directory, "blank.jsonl");
        await File.WriteAllTextAsync(blank, "\n\n  \n", Ct);
        foreach (var file in new[] { empty, blank })
        {
            var (exit, error) = await CliRun.RunAsync(["audit", "verify", "--checkpoints", file, .. Where(host)]);
            Assert.Equal(VigilCli.InvalidInput, exit);
            Assert.Contains($"{file}: holds no checkpoint", error, StringComparison.Ordinal);
        }
        var (dirExit, dirError) = await CliRun.RunAsync(["audit", "verify", "--checkpoints", directory, .. Where(host)]);
        Assert.Equal(VigilCli.InvalidInput, dirExit);
        Assert.Contains($"--checkpoints {directory}: is a directory", dirError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_WithAnotherDatabasesKeyFile_SaysSo_AndExits2_InsteadOfCallingTheLogBroken(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        var other = Path.Combine(CliRun.NewDirectory(), KeyRing.FileName);
        KeyRing.LoadOrCreate(other);
        // Without a checkpoint: the key file does not open the sealed values (the officer's TOTP secret) either.
        var (exit, error) = await CliRun.RunAsync(["audit", "verify", .. Where(host), "--key-file", other]);
        Assert.Equal(VigilCli.InvalidInput, exit);
        Assert.Contains("does not go with", error, StringComparison.Ordinal);
        // With checkpoints: they were signed with another key.
        await host.WithDbAsync((db, services) => services.GetRequiredService<AuditWriter>().CheckpointAsync(db, Ct));
        (exit, error) = await CliRun.RunAsync(["audit", "verify", .. Where(host), "--key-file", other]);
        Assert.Equal(VigilCli.InvalidInput, exit);
        Assert.Contains("signed with another signing key", error, StringComparison.Ordinal);
        // The database's own key file: intact.
        Assert.Equal(VigilCli.Ok, (await CliRun.RunAsync(["audit", "verify", .. Where(host)])).Exit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendOnly_UpdateDeleteFromTheApplicationConnection_AreRefused(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        await host.WithDbAsync((db, services) => services.GetRequiredService<AuditWriter>().CheckpointAsync(db, Ct));
        string[] statements =
        [
            """UPDATE "AuditEntries" SET "Actor" = 'someone else' WHERE "Sequence" = 1""",
            """DELETE FROM "AuditEntries" WHERE "Sequence" = 1""",
            """UPDATE "AuditCheckpoints" SET "Count" = 0""",
            """DELETE FROM "AuditCheckpoints" """,
            """DELETE FROM "AuditHead" """,
            .. provider == "postgres" ? (string[])["""TRUNCATE "AuditEntries" """, """TRUNCATE "AuditCheckpoints" """] : [],
        ];
        foreach (var sql in statements)
        {
            await host.WithDbAsync(async db =>
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(sql, Ct)));
        }
        Assert.True((await VerifyAsync(host)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_WhileEntriesAreAppended_RaisesNoFalseAlarm(string provider)
    {
        // The verifier once read the head after the entries: an append in between looked like entries deleted from
        // the end of the log (seen at a demo's start-up, when the re-screening wrote while the audit worker checked).
        await using var host = await StartWithEntriesAsync(provider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var appended = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref appended);
                await host.WithDbAsync((db, _) =>
                {
                    db.Missions.Add(new Mission { Code = $"W{n}", Name = $"Test mission {n}", HostCountry = "CAF", StartDate = new DateOnly(2020, 1, 1) });
                    return db.SaveChangesAsync(Ct);
                });
            }
        }, Ct);
        try
        {
            for (var round = 0; round < 40; round++)
            {
                var result = await VerifyAsync(host);
                Assert.True(result.Intact, $"round {round}, {appended} appends: {string.Join("; ", result.Problems)}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
        Assert.True(appended > 1, $"the verifications ran beside {appended} appends");
    }

    [Fact]
    public async Task ConcurrentWriters_OnPostgres_NeverForkTheChain()
    {
        await using var host = await TestHost.StartAsync("postgres");
        const int Writers = 6, SavesEach = 20;
        var keys = host.App.Services.GetRequiredService<KeyRing>();
        // Each writer is a separate "host": its own writer, interceptor and connection.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var writer = new AuditWriter(keys, TimeProvider.System, Options.Create(new AuditOptions { CheckpointEvery = 25 }));
            var builder = new DbContextOptionsBuilder<VigilDbContext>();
            host.Storage.Apply(builder);
            builder.AddInterceptors(new AuditInterceptor(writer, SystemActor.Instance, TimeProvider.System));
            for (var i = 0; i < SavesEach; i++)
            {
                await using var db = new VigilDbContext(builder.Options);
                db.Missions.Add(new Mission { Code = $"T{w}X{i}", Name = $"Test mission {w}-{i}", HostCountry = "CAF", StartDate = new DateOnly(2020, 1, 1) });
                await db.SaveChangesAsync(Ct);
                // The same writer (checkpoints every 25): with ForSystem's default of 1,000, the reads took half the
                // sequence numbers, and once every multiple of 25 fell on a read no checkpoint was written (CI, once).
                await new AuditTrail(db, writer, SystemActor.Instance, TimeProvider.System).RecordReadAsync(nameof(Mission), $"T{w}X{i}", ct: Ct);
            }
        }, Ct)));

        var result = await VerifyAsync(host);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        var created = await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.RecordType == nameof(Mission) && e.Action == AuditActions.Create, Ct));
        var read = await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.RecordType == nameof(Mission) && e.Action == AuditActions.Read, Ct));
        Assert.Equal(Writers * SavesEach, created);
        Assert.Equal(Writers * SavesEach, read);
        Assert.True(result.Checkpoints > 0, "checkpoints every 25 entries were signed under the lock");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadsAndSignIns_AreRecorded_WithTheActor_AndAnonymousReporters(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        using var anonymous = host.Anonymous();
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { narrative = "Synthetic audit test narrative.", mission = "MINUSCA" }, Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("receipt").GetString()!;
        using var status = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/reports/status");
        status.Headers.Add("X-Receipt", receipt);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(status, Ct)).StatusCode);

        var officerId = await host.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "officer").Select(u => u.Id).SingleAsync(Ct));
        var entries = await host.WithDbAsync((db, _) => db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Contains(entries, e => e is { Action: AuditActions.Read, RecordType: "Person", Actor: var a } && a == officerId);
        Assert.Contains(entries, e => e is { Action: AuditActions.SignIn, RecordType: "VigilUser" } && e.Actor == officerId);
        Assert.Contains(entries, e => e is { Action: AuditActions.Create, RecordType: "Report", Actor: IAuditActor.Anonymous });
        Assert.Contains(entries, e => e is { Action: AuditActions.Read, RecordType: "Report", Actor: IAuditActor.Anonymous });
        // Nothing the reporter typed or sent reaches the log: no narrative, no address, no user agent.
        Assert.DoesNotContain(entries, e => $"{e.Actor}{e.Detail}{e.Reason}{e.RecordId}".Contains("Synthetic", StringComparison.Ordinal)
            || $"{e.Actor}{e.Detail}".Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(entries, e => e is { Action: AuditActions.Create, RecordType: "VigilUser" });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PersonnelList_IsAuditedAsAReadOfEachPersonShown_KeyedByRowNotByName(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        using var officer = await host.ApiAsync("officer");
        Task<List<AuditEntry>> ListReadsAsync() =>
            host.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == AuditActions.Read && e.Detail == "in the personnel list").ToListAsync(Ct));

        // The officer (MINUSCA) sees MINUSCA's people only; one read entry per row shown, keyed as the person's page is.
        var listed = await officer.GetFromJsonAsync<JsonElement>("/api/v1/personnel", Ct);
        var numbers = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personNumber").GetString()!).ToList();
        Assert.NotEmpty(numbers);
        var ids = await host.WithDbAsync((db, _) => db.Personnel.Where(p => numbers.Contains(p.PersonNumber)).Select(p => p.Id).ToListAsync(Ct));
        var reads = await ListReadsAsync();
        Assert.All(reads, e => Assert.Equal("Person", e.RecordType));
        Assert.Equal(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            reads.Select(e => e.RecordId!).Order(StringComparer.Ordinal));
        // Never a name or a person number in the log.
        Assert.DoesNotContain(reads, e => $"{e.RecordId}{e.Detail}{e.Reason}".Contains("Test Person", StringComparison.Ordinal)
            || $"{e.RecordId}{e.Detail}{e.Reason}".Contains("P-CAF", StringComparison.Ordinal));

        // The web page goes through the same use case; a page past the last records nothing.
        using var browser = await host.BrowserAsync("officer");
        await browser.GetStringAsync("/personnel", Ct);
        Assert.Equal(2 * numbers.Count, (await ListReadsAsync()).Count);
        Assert.Empty((await officer.GetFromJsonAsync<JsonElement>("/api/v1/personnel?page=99", Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal(2 * numbers.Count, (await ListReadsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AuditLog_IsForAuditorsOnly_WithFilters(string provider)
    {
        await using var host = await StartWithEntriesAsync(provider);
        await host.CreateUserAsync("auditor", Roles.Auditor, "global");
        await host.CreateUserAsync("admin", Roles.Administrator, "global");
        using var auditor = await host.ApiAsync("auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?actor=officer&action=read&pageSize=10", Ct);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Equal("officer", i.GetProperty("actorName").GetString());
            Assert.Equal("read", i.GetProperty("action").GetString());
        });
        var byRecord = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?recordType=Person&recordId=1", Ct);
        Assert.All(byRecord.GetProperty("items").EnumerateArray(), i => Assert.Equal("1", i.GetProperty("recordId").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/v1/audit?pageSize=500", Ct)).StatusCode);
        var verification = await (await auditor.PostAsync("/api/v1/audit/verification", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(verification.GetProperty("intact").GetBoolean());
        var statusJson = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit/status", Ct);
        Assert.True(statusJson.GetProperty("entries").GetInt64() > 0);

        using var browser = await host.BrowserAsync("auditor");
        var html = await browser.GetStringAsync("/audit?actor=officer", Ct);
        Assert.Contains("officer", html, StringComparison.Ordinal);

        foreach (var user in new[] { "admin", "officer" })
        {
            using var other = await host.ApiAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit/checkpoints", Ct)).StatusCode);
        }
        using var nobody = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task AuditPage_PageOutOfRange_ShowsPageOneWithANoticeNamingIt_OrAnEmptyPageWithALinkBack()
    {
        await using var host = await StartWithEntriesAsync("sqlite");
        await host.CreateUserAsync("auditor", Roles.Auditor, "global");
        using var browser = await host.BrowserAsync("auditor");
        // The officer's entries only: the auditor's own page views would change the rows between requests.
        await WebListPaging.AssertOutOfRangePagesAsync(browser, "/audit?actor=officer", "p", Ct);
    }

    /// <summary>Two missions, an officer who signs in and reads a personnel record: a few dozen entries.</summary>
    private static async Task<TestHost> StartWithEntriesAsync(string provider)
    {
        var host = await TestHost.StartAsync(provider);
        await host.WithDbAsync(TwoMissions.SeedAsync);
        await host.CreateUserAsync("officer", Roles.ConductOfficer, "mission:MINUSCA");
        using var officer = await host.ApiAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/personnel/P-CAF-001", Ct)).StatusCode);
        return host;
    }

    private static string[] Where(TestHost host) => ["--data-dir", Path.GetDirectoryName(host.App.Services.GetRequiredService<Hosting.HostSettings>().ResolvedKeyFile)!,
        "--database", host.Provider == "sqlite" ? new SqliteConnectionStringBuilder(host.Storage.ConnectionString).DataSource : host.Storage.ConnectionString];

    private static Task<AuditVerification> VerifyAsync(TestHost host, IReadOnlyList<ExportedCheckpoint>? exported = null) =>
        host.WithDbAsync((_, services) => services.GetRequiredService<AuditVerifier>().VerifyAsync(exported, Ct));

    /// <summary>A byte string as an SQL literal of the host's provider.</summary>
    private static string Blob(TestHost host, byte[] bytes) =>
        host.Provider == "sqlite" ? $"X'{Convert.ToHexString(bytes)}'" : $"decode('{Convert.ToHexString(bytes)}', 'hex')";

    /// <summary>A copy of entry <paramref name="from"/> numbered <paramref name="sequence"/>, hashes and all.</summary>
    private static string InsertCopy(TestHost host, long from, long sequence) => $"""
        INSERT INTO "AuditEntries" ("Sequence", "At", "Actor", "Action", "RecordType", "RecordId", "Reason", "Detail", "PreviousHash", "Hash")
        SELECT {sequence}, "At", "Actor", 'delete', "RecordType", "RecordId", "Reason", "Detail", "PreviousHash", "Hash" FROM "AuditEntries" WHERE "Sequence" = {from}
        """;

    /// <summary>What someone with the database's owner account does: disable the guard triggers, then run the statement.</summary>
    private static async Task AsDatabaseToolAsync(TestHost host, string sql)
    {
        if (host.Provider == "sqlite")
        {
            await using var connection = new SqliteConnection(host.Storage.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Concat(AuditSchema.SqliteDropAppendOnly) + sql;
            await command.ExecuteNonQueryAsync(Ct);
        }
        else
        {
            await using var connection = new NpgsqlConnection(host.Storage.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                ALTER TABLE "AuditEntries" DISABLE TRIGGER USER; ALTER TABLE "AuditCheckpoints" DISABLE TRIGGER USER; ALTER TABLE "AuditHead" DISABLE TRIGGER USER;
                """ + sql;
            await command.ExecuteNonQueryAsync(Ct);
        }
    }
}
