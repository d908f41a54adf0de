namespace Vigil.Planning;

/// <summary>
/// Upper bounds on a problem's numbers, checked by <see cref="ProblemReader"/> and by the app before it queues a run.
/// Each is far above any real mission; they exist so that a mistyped or hostile value is refused as input instead of
/// running out of memory, overflowing an index or overflowing the objective's integer arithmetic. All are inclusive.
/// </summary>
public static class ProblemLimits
{
    /// <summary>The most periods in a problem file's horizon (ten years of monthly periods).</summary>
    public const int MaxPeriods = 120;

    /// <summary>The largest tenure and return counts: <c>maxConsecutivePeriods</c>, <c>minPeriodsBeforeReturn</c>,
    /// <c>periodsAtCurrentSite</c> and <c>periodsSinceLeft</c>.</summary>
    public const int MaxPeriodCount = 1000;

    /// <summary>The most officers a site may require in a period.</summary>
    public const int MaxRequiredOfficers = 100;

    /// <summary>The largest value of each objective weight.</summary>
    public const long MaxWeight = 1_000_000_000;

    /// <summary>The most sites in a problem (distances are kept for every pair of sites).</summary>
    public const int MaxSites = 10_000;

    /// <summary>The most officers in a problem.</summary>
    public const int MaxOfficers = 10_000;

    /// <summary>Half the Earth's circumference at the spec's radius, rounded up: no move is longer, in whole kilometres.</summary>
    public const int MaxKilometres = 20_016;

    /// <summary>
    /// The largest accepted <see cref="WorstObjective"/>: 2^46, about 7.0e13. The planner prices schedules in integers
    /// scaled by 2^16, so every objective it computes, scaled, stays below 2^62, half of <see cref="long.MaxValue"/>.
    /// </summary>
    public const long MaxWorstObjective = 1L << 46;

    /// <summary>
    /// An upper bound on the objective of any plan for the problem, computed without overflow: in every period, every
    /// required officer missing, and every officer paying a language gap, a move and a move of
    /// <see cref="MaxKilometres"/>.
    /// </summary>
    /// <param name="problem">The problem.</param>
    public static Int128 WorstObjective(RotationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var w = problem.Rules.Weights;
        Int128 required = 0;
        foreach (var site in problem.Sites)
        {
            required += Math.Max(0, site.RequiredOfficers);
        }
        var perOfficerPeriod = (Int128)w.LanguageGap + w.Move + ((Int128)w.TravelKm * MaxKilometres);
        return problem.Periods * ((required * w.Uncovered) + (problem.Officers.Count * perOfficerPeriod));
    }
}
