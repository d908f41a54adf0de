namespace Vigil.Planning;

/// <summary>The hard rules of <c>spec/rotation.md</c>, by their number there.</summary>
public enum HardRule
{
    /// <summary>Rule 1: every officer posted at exactly one known site in every period.</summary>
    OnePostingPerPeriod = 1,

    /// <summary>Rule 2: never at a site hosting a contingent of the officer's nationality.</summary>
    ConflictOfInterest = 2,

    /// <summary>Rule 3: never more than the maximum consecutive periods at one site.</summary>
    Tenure = 3,

    /// <summary>Rule 4: not back at a site before the minimum periods since leaving it have passed.</summary>
    NoEarlyReturn = 4,

    /// <summary>Rule 5: officers stay in their own mission unless cross-mission moves are allowed.</summary>
    OwnMission = 5,

    /// <summary>Rule 6: pinned postings are kept.</summary>
    Pinned = 6,
}

/// <summary>One hard-rule violation, with what it is about, for callers that explain it in their own words.</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="OfficerId">The officer, when known (null for a posting of an unknown officer).</param>
/// <param name="SiteId">The site of the offending posting, when there is one.</param>
/// <param name="Period">The period of the offending posting (for tenure, the period the limit is passed in).</param>
/// <param name="Text">The violation in the reference validator's words, e.g. "rule 2: O1 at A (contingent of own nationality) in period 0".</param>
public sealed record RuleBreach(HardRule Rule, string? OfficerId, string? SiteId, int? Period, string Text);

/// <summary>The verdict on a set of postings: hard-rule violations and the objective recomputed from scratch.</summary>
/// <param name="Violations">Hard-rule violations in words (the first 20 at most); empty when valid.</param>
/// <param name="Breakdown">The objective by term; null when the postings are incomplete (rule 1).</param>
/// <param name="Uncovered">Site-periods short of officers, by period then site; empty when incomplete.</param>
public sealed record PlanValidation(IReadOnlyList<string> Violations, ObjectiveBreakdown? Breakdown, IReadOnlyList<UncoveredSitePeriod> Uncovered)
{
    /// <summary>The same violations as <see cref="Violations"/>, each with its rule, officer, site and period.</summary>
    public IReadOnlyList<RuleBreach> Breaches { get; init; } = [];

    /// <summary>Whether every hard rule holds.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>The objective, or null when the postings are incomplete.</summary>
    public long? Objective => Breakdown?.Total;
}

/// <summary>
/// Checks postings against the hard rules and recomputes the objective, independently of the solver. It mirrors
/// the reference validator (<c>tools/rotation_validate.py</c>) rule by rule, so the planner can check its own
/// plans and the tests can check hand-made ones.
/// </summary>
public static class PlanValidator
{
    private const int MaxViolations = 20;

    /// <summary>Validates postings for a problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="postings">The postings, in any order.</param>
    public static PlanValidation Validate(RotationProblem problem, IEnumerable<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(postings);
        var periods = problem.Periods;
        var violations = new List<RuleBreach>();
        var at = new int[problem.Officers.Count, periods];
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            for (var t = 0; t < periods; t++)
            {
                at[o, t] = -1;
            }
        }
        foreach (var p in postings)
        {
            var o = problem.OfficerIndex(p.OfficerId);
            var s = problem.SiteIndex(p.SiteId);
            if (o < 0 || s < 0 || p.Period < 0 || p.Period >= periods)
            {
                violations.Add(new(HardRule.OnePostingPerPeriod, o < 0 ? null : p.OfficerId, s < 0 ? null : p.SiteId, p.Period, $"unknown officer/site/period in {p}"));
                continue;
            }
            if (at[o, p.Period] >= 0)
            {
                violations.Add(new(HardRule.OnePostingPerPeriod, p.OfficerId, p.SiteId, p.Period, $"officer {p.OfficerId} posted twice in period {p.Period}"));
            }
            at[o, p.Period] = s;
        }
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            for (var t = 0; t < periods; t++)
            {
                if (at[o, t] < 0)
                {
                    violations.Add(new(HardRule.OnePostingPerPeriod, problem.Officers[o].Id, null, t, $"rule 1: {problem.Officers[o].Id} not posted in period {t}"));
                }
            }
        }
        if (violations.Count > 0)
        {
            return Verdict(violations, null, []);
        }

        var rules = problem.Rules;
        var w = rules.Weights;
        long languageGap = 0, move = 0, travel = 0;
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            var officer = problem.Officers[o];
            var seq = new int[periods];
            for (var t = 0; t < periods; t++)
            {
                seq[t] = at[o, t];
            }
            for (var t = 0; t < periods; t++)
            {
                var site = problem.Sites[seq[t]];
                if (site.ContingentNationalities.Contains(officer.Nationality))
                {
                    violations.Add(new(HardRule.ConflictOfInterest, officer.Id, site.Id, t, $"rule 2: {officer.Id} at {site.Id} (contingent of own nationality) in period {t}"));
                }
                if (!rules.CrossMissionMoves && site.Mission != officer.Mission)
                {
                    violations.Add(new(HardRule.OwnMission, officer.Id, site.Id, t, $"rule 5: {officer.Id} of {officer.Mission} at {site.Id} in period {t}"));
                }
                if (Rules.HasLanguageGap(site, officer))
                {
                    languageGap += w.LanguageGap;
                }
            }
            var current = officer.CurrentSite is null ? -1 : problem.SiteIndex(officer.CurrentSite);

            // Rule 3, tenure.
            var run = current == seq[0] ? officer.PeriodsAtCurrentSite : 0;
            for (var t = 0; t < periods; t++)
            {
                run = t == 0 || seq[t - 1] == seq[t] ? run + 1 : 1;
                if (t == 0 && current != seq[t])
                {
                    run = 1;
                }
                if (run > rules.MaxConsecutivePeriods)
                {
                    violations.Add(new(HardRule.Tenure, officer.Id, problem.Sites[seq[t]].Id, t, $"rule 3: {officer.Id} at {problem.Sites[seq[t]].Id} for {run} consecutive periods by period {t}"));
                    break;
                }
            }

            // Rule 4, no early return: the earliest period each site may be entered again.
            var earliest = new Dictionary<int, int>();
            foreach (var r in officer.RecentSites)
            {
                var s = problem.SiteIndex(r.SiteId);
                if (s == current)
                {
                    continue;
                }
                earliest[s] = Math.Max(earliest.GetValueOrDefault(s, 0), rules.MinPeriodsBeforeReturn - r.PeriodsSinceLeft + 1);
            }
            var prev = current;
            for (var t = 0; t < periods; t++)
            {
                var s = seq[t];
                if (prev >= 0 && prev != s)
                {
                    earliest[prev] = Math.Max(earliest.GetValueOrDefault(prev, 0), t + rules.MinPeriodsBeforeReturn);
                }
                if (s != prev && t < earliest.GetValueOrDefault(s, 0))
                {
                    violations.Add(new(HardRule.NoEarlyReturn, officer.Id, problem.Sites[s].Id, t, $"rule 4: {officer.Id} back at {problem.Sites[s].Id} in period {t}, allowed from {earliest[s]}"));
                }
                prev = s;
            }

            // Moves and travel.
            prev = current;
            for (var t = 0; t < periods; t++)
            {
                var s = seq[t];
                if (prev >= 0 && prev != s)
                {
                    move += w.Move;
                    travel += w.TravelKm * Geo.Kilometres(problem.Sites[prev], problem.Sites[s]);
                }
                prev = s;
            }
        }
        foreach (var pin in problem.Pinned)
        {
            var o = problem.OfficerIndex(pin.OfficerId);
            if (at[o, pin.Period] != problem.SiteIndex(pin.SiteId))
            {
                violations.Add(new(HardRule.Pinned, pin.OfficerId, pin.SiteId, pin.Period, $"rule 6: pinned {pin} not kept"));
            }
        }

        var uncovered = new List<UncoveredSitePeriod>();
        long uncoveredCost = 0;
        var count = new int[problem.Sites.Count];
        for (var t = 0; t < periods; t++)
        {
            Array.Clear(count);
            for (var o = 0; o < problem.Officers.Count; o++)
            {
                if (!problem.Officers[o].UnavailablePeriods.Contains(t))
                {
                    count[at[o, t]]++;
                }
            }
            for (var s = 0; s < problem.Sites.Count; s++)
            {
                var missing = problem.Sites[s].RequiredOfficers - count[s];
                if (missing > 0)
                {
                    uncovered.Add(new UncoveredSitePeriod(problem.Sites[s].Id, t, missing));
                    uncoveredCost += w.Uncovered * missing;
                }
            }
        }
        return Verdict(violations, new ObjectiveBreakdown(uncoveredCost, languageGap, move, travel), uncovered);
    }

    private static PlanValidation Verdict(List<RuleBreach> breaches, ObjectiveBreakdown? breakdown, IReadOnlyList<UncoveredSitePeriod> uncovered)
    {
        RuleBreach[] kept = [.. breaches.Take(MaxViolations)];
        return new PlanValidation([.. kept.Select(b => b.Text)], breakdown, uncovered) { Breaches = kept };
    }
}
