using System.Globalization;
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
public abstract record DemoSeedResult
{
    /// <summary>One line for a console or log: counts only, never personal data.</summary>
    public abstract string Describe();
}

/// <summary>The demo data set was inserted.</summary>
public sealed record DemoSeeded(int Seed, DateOnly ReferenceDate, DemoSeedCounts Inserted, TimeSpan Duration) : DemoSeedResult
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Demo data set inserted (seed {Seed}, reference date {ReferenceDate:yyyy-MM-dd}): {Inserted.Missions} missions, {Inserted.Sites} sites, " +
        $"{Inserted.Contingents} contingents, {Inserted.Personnel} personnel, {Inserted.Officers} conduct officers, {Inserted.Postings} postings " +
        $"in {Duration.TotalSeconds:0.0} s.");
}

/// <summary>The database already held missions; nothing was changed.</summary>
public sealed record DemoAlreadySeeded(int ExistingMissions) : DemoSeedResult
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"The database already holds {ExistingMissions} mission(s); the demo data set was not inserted.");
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
