using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Demo;

public sealed record DemoOfficialsSeeded(int Officials, int Evaluations, int Overdue);

/// <summary>
/// Demo officials (a commander for each site's largest unit, a head of office at headquarters and sector HQs; generated
/// names) and evaluations of the last two ended quarters by an officer posted at the site who is not a co-national;
/// about a third of the last quarter's are left missing, so the dashboard shows overdue evaluations.
/// </summary>
public sealed class DemoOfficials(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    private static readonly string[] HeadOfOfficeNationalities = ["KEN", "SEN", "CAN", "IND", "BRA", "GHA", "FRA", "JOR"];
    private static readonly string[] Findings =
    [
        "Synthetic: off-limits list posted and patrolled; two breaches recorded and reported.",
        "Synthetic: curfew checks irregular on weekends; unit log incomplete.",
        "Synthetic: awareness briefings given to new arrivals; refresher sessions overdue.",
        "Synthetic: welfare facilities adequate; community liaison meetings held monthly.",
    ];
    private static readonly string[] Recommendations =
    [
        "Synthetic: extend market-day patrols.",
        "Synthetic: complete refresher training before the next rotation.",
        "Synthetic: keep the curfew log daily and share it with the conduct team.",
    ];

    public async Task<DemoOfficialsSeeded?> SeedAsync(int seed = DemoDataSet.DefaultSeed, CancellationToken ct = default)
    {
        if (await db.Officials.AnyAsync(ct))
        {
            return null;
        }
        var random = new Randomizer(seed + 53);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sites = await db.Sites.AsNoTracking().Where(s => s.Mission!.EndDate == null)
            .Select(s => new
            {
                s.Id,
                s.Kind,
                Units = s.Contingents.Where(c => c.From <= today && (c.To == null || c.To >= today)).OrderByDescending(c => c.Strength)
                    .Select(c => new { c.ContributingCountry, c.UnitName }).Take(1).ToList(),
            })
            .OrderBy(s => s.Id).ToListAsync(ct);
        var officials = new List<Official>();
        foreach (var site in sites)
        {
            foreach (var unit in site.Units)
            {
                officials.Add(new Official
                {
                    SiteId = site.Id,
                    FullName = DemoNames.Generate(random, unit.ContributingCountry, random.Bool(0.15f), withAliases: false).FullName,
                    Title = $"Commander, {unit.UnitName}",
                    Role = OfficialRole.Commander,
                    Nationality = unit.ContributingCountry,
                    From = today.AddDays(-random.Number(200, 500)),
                });
            }
            if (site.Kind is SiteKind.MissionHeadquarters or SiteKind.SectorHeadquarters)
            {
                var nationality = random.ArrayElement(HeadOfOfficeNationalities);
                officials.Add(new Official
                {
                    SiteId = site.Id,
                    FullName = DemoNames.Generate(random, nationality, random.Bool(0.4f), withAliases: false).FullName,
                    Title = site.Kind == SiteKind.MissionHeadquarters ? "Head of mission support office" : "Head of field office",
                    Role = OfficialRole.HeadOfOffice,
                    Nationality = nationality,
                    From = today.AddDays(-random.Number(200, 700)),
                });
            }
        }
        db.Officials.AddRange(officials);
        await db.SaveChangesAsync(ct);

        // The last two quarters that are over; each official is evaluated by an eligible officer posted at the site.
        var lastQuarter = EvaluationPeriods.StartOf(today, 3).AddMonths(-3);
        var quarters = new[] { lastQuarter.AddMonths(-3), lastQuarter };
        var siteIds = sites.Select(s => s.Id).ToList();
        var postings = (await db.Postings.AsNoTracking().Where(p => siteIds.Contains(p.SiteId))
            .Select(p => new { p.SiteId, p.OfficerId, p.From, p.To, p.Officer!.Nationality }).ToListAsync(ct)).ToLookup(p => p.SiteId);
        var evaluations = new List<OfficialEvaluation>();
        var overdue = 0;
        foreach (var official in officials)
        {
            foreach (var quarter in quarters)
            {
                var end = EvaluationPeriods.EndOf(quarter, 3);
                var evaluator = postings[official.SiteId].FirstOrDefault(p => p.From <= end && (p.To is null || p.To >= quarter) && p.Nationality != official.Nationality);
                if (evaluator is null || (quarter == lastQuarter && random.Bool(0.35f)))
                {
                    overdue += quarter == lastQuarter ? 1 : 0;
                    continue;
                }
                var (findings, recommendations) = Evaluations.Seal(protector, random.ArrayElement(Findings), random.ArrayElement(Recommendations));
                evaluations.Add(new OfficialEvaluation
                {
                    OfficialId = official.Id,
                    EvaluatorId = evaluator.OfficerId,
                    PeriodStart = quarter,
                    OffLimitsEnforced = random.Bool(0.8f),
                    CurfewEnforced = random.Bool(0.7f),
                    TrainingCoveragePercent = random.Number(55, 100),
                    WelfareAdequate = random.Bool(0.75f),
                    CommunityComplaints = random.WeightedRandom([0, 1, 2, 4], [0.6f, 0.25f, 0.1f, 0.05f]),
                    FindingsSealed = findings,
                    RecommendationsSealed = recommendations,
                    Rating = random.WeightedRandom([EvaluationRating.Satisfactory, EvaluationRating.NeedsImprovement, EvaluationRating.Unsatisfactory], [0.6f, 0.3f, 0.1f]),
                    RecordedBy = "demo",
                    RecordedAt = new DateTimeOffset(Min(end.AddDays(random.Number(1, 10)), today).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                });
            }
        }
        db.OfficialEvaluations.AddRange(evaluations);

        // Coming leave for about one officer in eight (two to five weeks in the next six months), so that the next
        // planning run has unavailable periods and the leave page has rows.
        var officerIds = await db.ConductOfficers.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        foreach (var officerId in officerIds.Where(_ => random.Bool(0.125f)))
        {
            var from = today.AddDays(random.Number(10, 180));
            db.OfficerLeaves.Add(new OfficerLeave { OfficerId = officerId, From = from, To = from.AddDays(random.Number(14, 35)), RecordedByUserId = "demo", RecordedAt = clock.GetUtcNow() });
        }
        await db.SaveChangesAsync(ct);
        return new DemoOfficialsSeeded(officials.Count, evaluations.Count, overdue);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
