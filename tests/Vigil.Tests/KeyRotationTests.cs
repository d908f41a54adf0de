using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Rotate_Interrupted_ThenResumed_ReSealsEverything_AndRetiresTheOldVersion(string provider)
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

        // Second run (the CLI, as an operator would): resumes under version 2, adds no version, retires 1.
        var args = new List<string> { "keys", "rotate", "--batch-size", "70", "--key-file", path, "--database", host.Storage.ConnectionString };
        Assert.Equal(0, await VigilCli.RunAsync([.. args]));
        var after = KeyRing.Load(path);
        Assert.Equal(2, after.CurrentFieldKeyVersion);
        Assert.Equal([2], after.FieldKeyVersions);
        var resealed = await ReadAllSealedAsync(host, after);
        Assert.All(resealed, v => Assert.Equal(2, v.Version));
        // Same values, same places: nothing lost, nothing swapped.
        Assert.Equal(before.Select(v => (v.Where, v.Id, v.Plaintext)).Order(), resealed.Select(v => (v.Where, v.Id, v.Plaintext)).Order());

        var status = await host.WithDbAsync((db, _) => new KeyRotation(db).StatusAsync(after, Ct));
        Assert.Equal(0, status.Stale);
        Assert.True(status.CountFor(2) >= before.Count);
        Assert.Equal(0, await VigilCli.RunAsync(["keys", "status", "--key-file", path, "--database", host.Storage.ConnectionString]));

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
    public async Task Rotate_OnUpToDateDatabase_AddsAVersion_ThenRetiresTheOld()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        await host.WithDbAsync(TwoMissions.SeedAsync);
        var path = KeyFile(host);
        var (first, _) = await host.WithDbAsync((db, _) => new KeyRotation(db).RotateAsync(KeyRing.Load(path), 10, null, Ct));
        Assert.False(first.Resumed);
        Assert.Equal(2, first.Version);
        Assert.Equal([1], first.Retired);
        var (second, _) = await host.WithDbAsync((db, _) => new KeyRotation(db).RotateAsync(KeyRing.Load(path), 10, null, Ct));
        Assert.Equal(3, second.Version);
        Assert.Equal([3], KeyRing.Load(path).FieldKeyVersions);
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
        Assert.Equal([2], KeyRing.Load(path).FieldKeyVersions);
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
