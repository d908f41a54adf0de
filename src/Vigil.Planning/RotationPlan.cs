namespace Vigil.Planning;

/// <summary>What the planner could establish about a problem.</summary>
public enum PlanStatus
{
    /// <summary>No valid plan was found in the time limit and none was proven impossible; no postings.</summary>
    Unknown,

    /// <summary>The objective is proven minimal: the bound equals the objective.</summary>
    Optimal,

    /// <summary>A valid plan; the bound is a proven lower bound on any plan's objective.</summary>
    Feasible,

    /// <summary>No plan can keep the hard rules; the plan explains why in words.</summary>
    Infeasible,
}

/// <summary>The objective split by term, in objective units (weight × count or kilometres).</summary>
/// <param name="Uncovered">Weighted officers missing below requirement, summed over sites and periods.</param>
/// <param name="LanguageGap">Weighted postings where the officer speaks none of the site's languages.</param>
/// <param name="Move">Weighted changes of site.</param>
/// <param name="TravelKm">Weighted whole kilometres travelled.</param>
public sealed record ObjectiveBreakdown(long Uncovered, long LanguageGap, long Move, long TravelKm)
{
    /// <summary>A breakdown of zero.</summary>
    public static ObjectiveBreakdown Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The objective: the sum of the four terms.</summary>
    public long Total => Uncovered + LanguageGap + Move + TravelKm;

    /// <summary>Term-by-term sum.</summary>
    /// <param name="other">The breakdown to add.</param>
    public ObjectiveBreakdown Plus(ObjectiveBreakdown other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Uncovered + other.Uncovered, LanguageGap + other.LanguageGap, Move + other.Move, TravelKm + other.TravelKm);
    }
}

/// <summary>One officer at one site for one period.</summary>
/// <param name="OfficerId">The officer.</param>
/// <param name="Period">The period, from 0.</param>
/// <param name="SiteId">The site.</param>
public sealed record Posting(string OfficerId, int Period, string SiteId);

/// <summary>A site short of officers in a period.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="Period">The period.</param>
/// <param name="Missing">Officers missing below the requirement (at least 1).</param>
public sealed record UncoveredSitePeriod(string SiteId, int Period, int Missing);

/// <summary>
/// A rotation plan as <c>spec/rotation.md</c> defines it. <see cref="Objective"/>, <see cref="Bound"/> and
/// <see cref="Breakdown"/> are null when no plan exists (<see cref="PlanStatus.Infeasible"/>, <see cref="PlanStatus.Unknown"/>).
/// </summary>
/// <param name="Status">What was established.</param>
/// <param name="Objective">The plan's objective (lower is better), recomputed from the postings.</param>
/// <param name="Bound">A proven lower bound on any plan's objective; equal to the objective when optimal.</param>
/// <param name="Breakdown">The objective by term; sums to <paramref name="Objective"/>; null, like it, when there is no plan.</param>
/// <param name="Postings">One posting per officer and period, officers in input order then periods.</param>
/// <param name="Uncovered">Site-periods short of officers, by period then site input order.</param>
/// <param name="Infeasible">When infeasible: the conflicting rules, officers and sites, in words.</param>
/// <param name="Warnings">
/// Findings of the checks before solving that do not make the problem infeasible (a site nobody may cover,
/// too few officers), in words. An extension of the spec's plan: readers that do not know it ignore it.
/// </param>
/// <param name="SolveSeconds">Wall-clock seconds spent planning.</param>
public sealed record RotationPlan(
    PlanStatus Status,
    long? Objective,
    long? Bound,
    ObjectiveBreakdown? Breakdown,
    IReadOnlyList<Posting> Postings,
    IReadOnlyList<UncoveredSitePeriod> Uncovered,
    IReadOnlyList<string> Infeasible,
    IReadOnlyList<string> Warnings,
    double SolveSeconds);
