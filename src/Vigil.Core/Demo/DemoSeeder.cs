using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Demo;

/// <summary>How many records of each kind the demo data set holds or inserted.</summary>
public sealed record DemoSeedCounts(int Missions, int Sites, int Contingents, int Personnel, int Officers, int Postings)
{
    public static DemoSeedCounts Of(DemoDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data.Missions.Count, data.Sites.Count, data.Contingents.Count, data.Personnel.Count, data.Officers.Count, data.Postings.Count);
    }
}

/// <summary>The outcome of <see cref="DemoSeeder.SeedAsync"/>: <see cref="DemoSeeded"/> or <see cref="DemoAlreadySeeded"/>.</summary>
public abstract record DemoSeedResult;

/// <summary>The demo data set was inserted.</summary>
public sealed record DemoSeeded(int Seed, DateOnly ReferenceDate, DemoSeedCounts Inserted, TimeSpan Duration) : DemoSeedResult;

/// <summary>The database already held missions; nothing was changed.</summary>
public sealed record DemoAlreadySeeded(int ExistingMissions) : DemoSeedResult
{
    public const string Message = "The database already holds missions; the demo data set was not inserted.";
}

/// <summary>
/// Fills an empty database with the synthetic demo data set (<see cref="DemoDataSet"/>), dated
/// relative to today's date from the injected clock. Users are not created here.
/// </summary>
public sealed class DemoSeeder(VigilDbContext db, TimeProvider time)
{
    /// <summary>
    /// Inserts the data set built from <paramref name="seed"/> in one transaction, unless the database
    /// already holds any mission, in which case it returns <see cref="DemoAlreadySeeded"/> and changes nothing.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(int seed = DemoDataSet.DefaultSeed, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var existing = await db.Missions.CountAsync(ct).ConfigureAwait(false);
        if (existing > 0)
        {
            return new DemoAlreadySeeded(existing);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var data = DemoDataSet.Build(today, seed);
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // Adding the missions reaches their sites and contingents; personnel and officers (with
            // their postings) point at those and are added in turn. One SaveChanges, one transaction.
            db.Missions.AddRange(data.Missions);
            db.Personnel.AddRange(data.Personnel);
            db.ConductOfficers.AddRange(data.Officers);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
            db.ChangeTracker.Clear();
        }
        return new DemoSeeded(seed, today, DemoSeedCounts.Of(data), time.GetElapsedTime(started));
    }
}
