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

/// <summary>
/// The database already held missions; nothing was changed. <see cref="IsDemoDataSet"/> says whether what it holds is
/// the demo data set (see <see cref="DemoSeeder.HoldsDemoDataSetAsync"/>): only then may demo accounts be created.
/// </summary>
public sealed record DemoAlreadySeeded(int ExistingMissions, bool IsDemoDataSet = true) : DemoSeedResult
{
    public override string Describe() => IsDemoDataSet
        ? string.Create(CultureInfo.InvariantCulture, $"The database already holds the demo data set ({ExistingMissions} missions); nothing was inserted.")
        : string.Create(CultureInfo.InvariantCulture,
            $"The database already holds {ExistingMissions} mission(s) that are not the demo data set: the demo data set was not inserted and no demo account was created (demo accounts, with their published password, go only into an empty database or the demo data set).");
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
            return new DemoAlreadySeeded(existing, await HoldsDemoDataSetAsync(ct).ConfigureAwait(false));
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

    /// <summary>
    /// True when the reference data in the database is the demo data set, as <see cref="SeedAsync"/> writes it for any
    /// seed: exactly the demo missions (code, name, host country, dates), exactly the demo sites (code and name), and no
    /// person outside the demo numbering (<c>P-</c> and six digits). A real installation, even one that holds some of
    /// the same (real) missions, differs in at least one of these; so does a database holding only part of the set.
    /// </summary>
    public async Task<bool> HoldsDemoDataSetAsync(CancellationToken ct = default)
    {
        var missions = await db.Missions.AsNoTracking().Select(m => new { m.Code, m.Name, m.HostCountry, m.StartDate, m.EndDate }).ToListAsync(ct).ConfigureAwait(false);
        var expectedMissions = DemoGeography.Missions.Select(m => new { m.Code, m.Name, m.HostCountry, StartDate = m.Start, EndDate = m.End }).ToHashSet();
        if (missions.Count != expectedMissions.Count || !missions.All(expectedMissions.Contains))
        {
            return false;
        }
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Code, s.Name }).ToListAsync(ct).ConfigureAwait(false);
        var expectedSites = DemoGeography.Missions.SelectMany(m => m.Sites.Select(s => new { Code = $"{m.Code}-{s.Abbreviation}", s.Name })).ToHashSet();
        if (sites.Count != expectedSites.Count || !sites.All(expectedSites.Contains))
        {
            return false;
        }
        var numbers = await db.Personnel.AsNoTracking().Select(p => p.PersonNumber).ToListAsync(ct).ConfigureAwait(false);
        return numbers.All(IsDemoPersonNumber);
    }

    private static bool IsDemoPersonNumber(string number) =>
        number.Length == 8 && number.StartsWith("P-", StringComparison.Ordinal) && number.AsSpan(2).ContainsAnyExceptInRange('0', '9') is false;
}
