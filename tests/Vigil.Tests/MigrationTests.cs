using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
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

    private static string SqlitePath(TestDatabase database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Storage.ConnectionString).DataSource;
}
