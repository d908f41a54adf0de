using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Demo;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Demo;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "vigil-demo-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private StorageSettings storage = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        storage = StorageSettings.Sqlite(Path.Combine(directory, "vigil.db"));
        await using var db = NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Seed_OnEmptyDatabase_InsertsWholeDataSet()
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = DemoSeedCounts.Of(DemoDataSet.Build(new DateOnly(2026, 3, 1)));

        DemoSeedResult result;
        await using (var db = NewContext())
        {
            result = await new DemoSeeder(db, time).SeedAsync(ct: ct);
        }

        var seeded = Assert.IsType<DemoSeeded>(result);
        Assert.Equal(expected, seeded.Inserted);
        Assert.Equal(new DateOnly(2026, 3, 1), seeded.ReferenceDate);
        Assert.StartsWith($"Demo data set inserted (seed 2026, reference date 2026-03-01): {expected.Missions} missions, {expected.Sites} sites,", seeded.Describe(), StringComparison.Ordinal);
        await using var check = NewContext();
        Assert.Equal(expected, await CountAsync(check, ct));

        var bangui = await check.Sites.Include(s => s.Mission).Include(s => s.Contingents).SingleAsync(s => s.Code == "MINUSCA-BGI", ct);
        Assert.Equal("CAF", bangui.Mission!.HostCountry);
        Assert.NotEmpty(bangui.Contingents);
        Assert.Contains("sg", bangui.Languages);
        var person = await check.Personnel.Include(p => p.Contingent).FirstAsync(p => p.ContingentId != null, ct);
        Assert.Equal(person.Contingent!.ContributingCountry, person.Nationality);
        Assert.True(await check.Personnel.AnyAsync(p => p.DateOfBirth != null, ct));
        var officer = await check.ConductOfficers.Include(o => o.Postings).ThenInclude(p => p.Site).FirstAsync(ct);
        Assert.Single(officer.Postings, p => p.To == null);
        Assert.All(officer.Postings, p => Assert.Equal(officer.MissionId, p.Site!.MissionId));
    }

    [Fact]
    public async Task Seed_Twice_ReturnsAlreadySeededAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = NewContext())
        {
            Assert.IsType<DemoSeeded>(await new DemoSeeder(db, time).SeedAsync(ct: ct));
        }
        DemoSeedCounts before;
        await using (var db = NewContext())
        {
            before = await CountAsync(db, ct);
        }

        DemoSeedResult second;
        await using (var db = NewContext())
        {
            second = await new DemoSeeder(db, time).SeedAsync(seed: 99, ct: ct);
        }

        var already = Assert.IsType<DemoAlreadySeeded>(second);
        Assert.Equal(before.Missions, already.ExistingMissions);
        Assert.True(already.IsDemoDataSet);
        Assert.Equal($"The database already holds the demo data set ({before.Missions} missions); nothing was inserted.", already.Describe());
        await using var check = NewContext();
        Assert.Equal(before, await CountAsync(check, ct));
    }

    [Fact]
    public async Task Seed_WhenAnyMissionExists_InsertsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = NewContext())
        {
            db.Missions.Add(new Mission { Code = "UNMOGIP", Name = "United Nations Military Observer Group in India and Pakistan", HostCountry = "IND", StartDate = new DateOnly(1949, 1, 24) });
            await db.SaveChangesAsync(ct);
        }

        await using (var db = NewContext())
        {
            Assert.IsType<DemoAlreadySeeded>(await new DemoSeeder(db, time).SeedAsync(ct: ct));
        }

        await using var check = NewContext();
        Assert.Equal(new DemoSeedCounts(1, 0, 0, 0, 0, 0), await CountAsync(check, ct));
    }

    private VigilDbContext NewContext() => new(storage.BuildOptions());

    private static async Task<DemoSeedCounts> CountAsync(VigilDbContext db, CancellationToken ct) => new(
        await db.Missions.CountAsync(ct),
        await db.Sites.CountAsync(ct),
        await db.Contingents.CountAsync(ct),
        await db.Personnel.CountAsync(ct),
        await db.ConductOfficers.CountAsync(ct),
        await db.Postings.CountAsync(ct));
}
