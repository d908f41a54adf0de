using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Planning;

namespace Vigil.Core.Presence;

/// <summary>
/// Before a plan is approved: the problem is built again from the database as it is now, with the run's horizon and
/// rules, and every posting the approval would write is checked against the hard rules by the planner library's own
/// validator (<see cref="PlanValidator"/>). A contingent that arrived since, an officer who left or joined, a site
/// that is no longer the mission's, leave that changed or postings on record that changed are each named in words: the
/// approval is refused. A contingent's nationality gone from a site for the horizon (a departure or a corrected record)
/// breaks no rule: the plan only kept officers of that nationality away from the site, and re-planning could post them
/// there. That is a note for the run's review (<see cref="NotesAsync"/>), as a site opened since is, and the plan may
/// still be approved.
/// </summary>
internal static class PlanRecheck
{
    /// <summary>At most this many changes are named; the rest are counted.</summary>
    private const int MaxNamed = 5;

    /// <summary>
    /// What changed since the run's problem was built that the plan's postings would break (the approval's refusals);
    /// empty when none.
    /// </summary>
    public static async Task<IReadOnlyList<Words>> ChangesAsync(RotationProblemBuilder builder, RotationRun run, CancellationToken ct)
    {
        var built = PlanFiles.ReadProblem(run.ProblemJson);
        var plan = PlanFiles.ReadPlan(run.PlanJson!);
        return Compare(run, built, await NowAsync(builder, run, built, ct), plan.Postings);
    }

    /// <summary>
    /// The review's lines about contingents gone from a site since the run's problem was built (a departure, a corrected
    /// record): the plan is still valid, but it keeps that nationality's officers away from the site, and re-planning
    /// could post them there. <paramref name="builtAt"/>: when the run's problem was built (a what-if's: its first run's).
    /// </summary>
    public static async Task<IReadOnlyList<string>> NotesAsync(RotationProblemBuilder builder, VigilDbContext db, RotationRun run, DateTimeOffset builtAt, CancellationToken ct)
    {
        var built = PlanFiles.ReadProblem(run.ProblemJson);
        var gone = await GoneAsync(db, run, builtAt, built, await NowAsync(builder, run, built, ct), ct);
        // English sentences, as the planner's warnings are (not refusal Words): the run's page says them in French through PlanWords.
        var notes = gone.Select(g => g switch
        {
            { Contingent: { } code, LastDay: { } day } => string.Create(CultureInfo.InvariantCulture,
                $"Contingent {code} ({g.Country}) left {g.Site} on {day:yyyy-MM-dd}, after this problem was built: the plan keeps officers of {g.Country} away from {g.Site} (it is still valid; plan again to post them there)."),
            _ => $"No contingent of {g.Country} is at {g.Site} in this horizon any more (a contingent's record was corrected after this problem was built): the plan keeps officers of {g.Country} away from {g.Site} (it is still valid; plan again to post them there).",
        });
        return notes.ToList();
    }

    /// <summary>The problem built again from the data as they are now, with the run's horizon and rules.</summary>
    private static async Task<ProblemFile> NowAsync(RotationProblemBuilder builder, RotationRun run, ProblemFile built, CancellationToken ct)
    {
        var settings = new PlanningSettings
        {
            Start = run.HorizonStart,
            Periods = built.Horizon.Periods,
            PeriodMonths = built.Horizon.PeriodMonths,
            MaxConsecutivePeriods = built.Rules.MaxConsecutivePeriods,
            MinPeriodsBeforeReturn = built.Rules.MinPeriodsBeforeReturn,
            Weights = built.Rules.Weights,
            // The plan keeps its own pins; the pins of the approved plan on record are checked by the staleness rule
            // (no approval since the problem was built), so they are left out here.
            FrozenPeriods = 0,
        };
        return (await builder.BuildAsync(run.Mission!, run.HorizonStart, settings, ct)).Problem;
    }

    /// <summary>A nationality a site's contingents had in the horizon as built and no longer have, with the contingent that left if one did.</summary>
    internal sealed record ContingentGone(string Site, string Country, string? Contingent, DateOnly? LastDay);

    private static async Task<IReadOnlyList<ContingentGone>> GoneAsync(VigilDbContext db, RotationRun run, DateTimeOffset builtAt, ProblemFile built, ProblemFile now, CancellationToken ct)
    {
        var nowSites = now.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        // Only sites in both problems. A site the built problem left out as closing within the horizon is in neither plan
        // nor problem: the plan posts nobody there in any period (before its closure or after), so a contingent gone from it
        // kept no officer away and planning again posts nobody there either; nothing to tell (the review already names the
        // site as left out). If its closure is withdrawn since, the review says that, and planning again is the advice.
        // A site the problem had and that closes now is not in now.Sites: a posting there is a refusal (Compare).
        var removed = built.Sites.Where(s => nowSites.ContainsKey(s.Id))
            .SelectMany(s => s.ContingentNationalities.Except(nowSites[s.Id].ContingentNationalities, StringComparer.Ordinal).Select(n => (Site: s.Id, Country: n)))
            .OrderBy(r => r.Site, StringComparer.Ordinal).ThenBy(r => r.Country, StringComparer.Ordinal).ToList();
        if (removed.Count == 0)
        {
            return [];
        }
        // A departure recorded after the problem was built has a last day at most LateDays before that; an older one is
        // not the cause (the nationality then went because a record was corrected).
        var since = DateOnly.FromDateTime(builtAt.UtcDateTime).AddDays(-MissionChanges.LateDays);
        var sites = removed.Select(r => r.Site).Distinct().ToList();
        var countries = removed.Select(r => r.Country).Distinct().ToList();
        var left = await db.Contingents.AsNoTracking()
            .Where(c => c.Site!.MissionId == run.MissionId && sites.Contains(c.Site.Code) && countries.Contains(c.ContributingCountry)
                && c.To != null && c.To >= since && c.To < run.HorizonStart)
            .Select(c => new { Site = c.Site!.Code, c.ContributingCountry, c.Code, c.To }).ToListAsync(ct);
        return removed.Select(r => left.Where(l => l.Site == r.Site && l.ContributingCountry == r.Country)
                .OrderByDescending(l => l.To).ThenBy(l => l.Code, StringComparer.Ordinal).FirstOrDefault() is { } l
                ? new ContingentGone(r.Site, r.Country, l.Code, l.To)
                : new ContingentGone(r.Site, r.Country, null, null))
            .ToList();
    }

    /// <summary>The changes between the problem as built and as it is now that the postings break, in words.</summary>
    internal static IReadOnlyList<Words> Compare(RotationRun run, ProblemFile built, ProblemFile now, IReadOnlyList<PostingPart> postings)
    {
        var changes = new List<Words>();
        // The approval loads the run with its mission; a number rather than English words if it ever did not.
        var mission = run.Mission?.Code ?? $"#{run.MissionId}";
        string Day(int period) => run.PeriodStart(period).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var nowOfficers = now.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var nowSites = now.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var planned = postings.Select(p => p.Officer).ToHashSet(StringComparer.Ordinal);
        foreach (var officer in planned.Where(o => !nowOfficers.ContainsKey(o)).Order(StringComparer.Ordinal))
        {
            changes.Add($"{officer} is no longer an officer of {mission}: the plan still posts them");
        }
        foreach (var officer in now.Officers.Where(o => !planned.Contains(o.Id)))
        {
            changes.Add($"{officer.Id} joined {mission}: the plan has no posting for them");
        }
        foreach (var gone in postings.Where(p => !nowSites.ContainsKey(p.Site)).GroupBy(p => p.Site).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var posted = string.Join(", ", gone.Select(p => p.Officer).Distinct().Order(StringComparer.Ordinal));
            changes.Add($"{gone.Key} is no longer a site of {mission}: the plan posts {posted} there");
        }
        var builtOfficers = built.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        foreach (var officer in now.Officers.Where(o => builtOfficers.TryGetValue(o.Id, out var before) && !before.UnavailablePeriods.Order().SequenceEqual(o.UnavailablePeriods.Order())))
        {
            changes.Add($"{officer.Id}'s leave or departure in this horizon changed: the plan does not know who is away");
        }
        // A corrected nationality changes where the officer may serve: said as such, not as a contingent that moved.
        foreach (var officer in now.Officers.Where(o => builtOfficers.TryGetValue(o.Id, out var before) && before.Nationality != o.Nationality))
        {
            changes.Add($"{officer.Id}'s nationality is now {officer.Nationality} (it was {builtOfficers[officer.Id].Nationality}): the plan was made for the other");
        }
        if (changes.Count > 0)
        {
            return Named(changes);
        }

        // Same officers and sites: check every posting to be written against the hard rules as the data stand now.
        var read = ProblemReader.Read(PlanFiles.Write(now with { Pinned = [] }));
        if (read.Problem is not { } problem)
        {
            return [$"the mission's data no longer make a valid problem ({read.Error})"];
        }
        var check = PlanValidator.Validate(problem, postings.Select(p => new Vigil.Planning.Posting(p.Officer, p.Period, p.Site)));
        var builtSites = built.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var breach in check.Breaches.DistinctBy(b => (b.Rule, b.OfficerId, b.SiteId)))
        {
            var officer = breach.OfficerId is { } id && nowOfficers.TryGetValue(id, out var o) ? o : null;
            // Whole sentences, one per case, so that each is one resource key (a page may say them in French).
            var wasThere = builtSites.TryGetValue(breach.SiteId ?? "", out var site) && officer is not null && site.ContingentNationalities.Contains(officer.Nationality);
            changes.Add((breach.Rule, officer, breach.Period) switch
            {
                (HardRule.ConflictOfInterest, { } c, { } t) when wasThere =>
                    $"a contingent of {c.Nationality} is at {breach.SiteId}: {c.Id}'s posting there from {Day(t)} breaks the conflict-of-interest rule",
                (HardRule.ConflictOfInterest, { } c, { } t) =>
                    $"a contingent of {c.Nationality} is now at {breach.SiteId}: {c.Id}'s posting there from {Day(t)} breaks the conflict-of-interest rule",
                (HardRule.ConflictOfInterest, { } c, null) when wasThere =>
                    $"a contingent of {c.Nationality} is at {breach.SiteId}: {c.Id}'s posting there breaks the conflict-of-interest rule",
                (HardRule.ConflictOfInterest, { } c, null) =>
                    $"a contingent of {c.Nationality} is now at {breach.SiteId}: {c.Id}'s posting there breaks the conflict-of-interest rule",
                (HardRule.Tenure, _, _) => $"{breach.OfficerId}'s postings on record changed: the plan's stay at {breach.SiteId} breaks the tenure rule (at most {now.Rules.MaxConsecutivePeriods} consecutive periods) by {Day(breach.Period ?? 0)}",
                (HardRule.NoEarlyReturn, _, { } t) => $"{breach.OfficerId}'s postings on record changed: the plan's posting at {breach.SiteId} from {Day(t)} breaks the no-early-return rule (not back within {now.Rules.MinPeriodsBeforeReturn} periods)",
                (HardRule.NoEarlyReturn, _, null) => $"{breach.OfficerId}'s postings on record changed: the plan's posting at {breach.SiteId} breaks the no-early-return rule (not back within {now.Rules.MinPeriodsBeforeReturn} periods)",
                (HardRule.OwnMission, _, _) => $"{breach.SiteId} is no longer in {breach.OfficerId}'s mission",
                _ => Words.FromText(breach.Text),
            });
        }
        return Named(changes);
    }

    private static List<Words> Named(List<Words> changes) =>
        changes.Count <= MaxNamed ? changes : [.. changes.Take(MaxNamed), $"{changes.Count - MaxNamed} more"];
}
