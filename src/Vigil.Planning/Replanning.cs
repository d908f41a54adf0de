namespace Vigil.Planning;

/// <summary>
/// What a re-plan keeps from the plan in force. Periods are those of the new problem: the caller shifts the
/// previous plan's periods when the horizon moves.
/// </summary>
public sealed record ReplanRequest
{
    /// <summary>The plan in force (postings of officers or sites no longer in the problem are ignored).</summary>
    public required IReadOnlyList<Posting> Previous { get; init; }

    /// <summary>
    /// Published periods: periods 0 (inclusive) to this value (exclusive) keep the previous postings exactly, as
    /// if pinned (a frozen posting that now breaks a hard rule makes the re-plan infeasible, explained). Default 0.
    /// </summary>
    public int FrozenPeriods { get; init; }

    /// <summary>
    /// The cost, in objective units, of each posting that differs from the previous plan (default 0). It steers the
    /// search only: the plan's objective, breakdown and bound stay the spec's.
    /// </summary>
    public long StabilityWeight { get; init; }
}

/// <summary>A variant for a what-if run: other objective weights.</summary>
/// <param name="Name">A label for the variant, e.g. <c>languages first</c>.</param>
/// <param name="Weights">The weights to plan with.</param>
public sealed record WhatIfVariant(string Name, ObjectiveWeights Weights);

/// <summary>One what-if plan, to be shown beside the others.</summary>
/// <param name="Name">The variant's label.</param>
/// <param name="Weights">The weights it was planned with.</param>
/// <param name="Plan">The plan; its objective and breakdown are under <paramref name="Weights"/>.</param>
/// <param name="ChangedPostings">Postings that differ from the plan in force (0 when there is none).</param>
public sealed record WhatIfOutcome(string Name, ObjectiveWeights Weights, RotationPlan Plan, int ChangedPostings);

/// <summary>Re-planning after a change, and what-if runs with other weights.</summary>
public static class RotationReplanner
{
    /// <summary>
    /// Re-plans a problem (usually the current one after a change: an officer leaves, a site opens or closes,
    /// leave is added) keeping the frozen periods of the previous plan, and preferring its postings elsewhere by
    /// the stability weight.
    /// </summary>
    /// <param name="problem">The problem as it is now.</param>
    /// <param name="request">The plan in force, frozen periods and stability weight.</param>
    /// <param name="options">Search options; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search early; the best plan so far is returned.</param>
    public static RotationPlan Replan(RotationProblem problem, ReplanRequest request, PlannerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.FrozenPeriods);
        ArgumentOutOfRangeException.ThrowIfNegative(request.StabilityWeight);
        // The time limit and solveSeconds count from here, the lookups included (as RotationPlanner.Plan does).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var frozen = Math.Min(request.FrozenPeriods, problem.Periods);
        var kept = Known(problem, request.Previous).ToList();
        var pinned = problem.Pinned.Concat(kept.Where(p => p.Period < frozen).Select(p => new PinnedPosting(p.OfficerId, p.Period, p.SiteId))).ToList();
        var withFrozen = problem with { Pinned = pinned };
        var previous = new int[problem.Officers.Count][];
        for (var o = 0; o < previous.Length; o++)
        {
            previous[o] = Enumerable.Repeat(-1, problem.Periods).ToArray();
        }
        foreach (var p in kept)
        {
            previous[withFrozen.OfficerIndex(p.OfficerId)][p.Period] = withFrozen.SiteIndex(p.SiteId);
        }
        var index = new PlanningIndex(withFrozen) { Previous = previous, StabilityWeight = request.StabilityWeight };
        var plan = RotationPlanner.Plan(index, options ?? new PlannerOptions(), cancellationToken, clock);
        return plan;
    }

    /// <summary>
    /// Plans the problem once per variant (each with an equal share of the time limit), re-planning against
    /// <paramref name="request"/> when given, and returns the plans in the variants' order with the count of
    /// postings each changes against the plan in force.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="variants">Weights to compare (at least one).</param>
    /// <param name="request">The plan in force, or null to plan from scratch.</param>
    /// <param name="options">Search options; the time limit is shared between the variants.</param>
    /// <param name="cancellationToken">Stops the search early.</param>
    public static IReadOnlyList<WhatIfOutcome> WhatIf(RotationProblem problem, IReadOnlyList<WhatIfVariant> variants, ReplanRequest? request = null,
        PlannerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count == 0)
        {
            throw new ArgumentException("At least one variant is needed.", nameof(variants));
        }
        options ??= new PlannerOptions();
        var share = options with { TimeLimit = options.TimeLimit / variants.Count };
        var outcomes = new List<WhatIfOutcome>(variants.Count);
        foreach (var variant in variants)
        {
            var variantProblem = problem with { Rules = problem.Rules with { Weights = variant.Weights } };
            var plan = request is null ? RotationPlanner.Plan(variantProblem, share, cancellationToken) : Replan(variantProblem, request, share, cancellationToken);
            outcomes.Add(new WhatIfOutcome(variant.Name, variant.Weights, plan, request is null ? 0 : ChangedPostings(problem, request.Previous, plan.Postings)));
        }
        return outcomes;
    }

    /// <summary>
    /// Postings of <paramref name="after"/> whose officer and period are in <paramref name="before"/> at another
    /// site (officers or sites no longer in the problem do not count).
    /// </summary>
    /// <param name="problem">The problem both plans are for.</param>
    /// <param name="before">The plan in force.</param>
    /// <param name="after">The new plan.</param>
    public static int ChangedPostings(RotationProblem problem, IEnumerable<Posting> before, IEnumerable<Posting> after)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(after);
        var previous = Known(problem, before).ToDictionary(p => (p.OfficerId, p.Period), p => p.SiteId);
        return after.Count(p => previous.TryGetValue((p.OfficerId, p.Period), out var site) && site != p.SiteId);
    }

    private static IEnumerable<Posting> Known(RotationProblem problem, IEnumerable<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        return postings.Where(p => p.Period >= 0 && p.Period < problem.Periods && problem.OfficerIndex(p.OfficerId) >= 0 && problem.SiteIndex(p.SiteId) >= 0)
            .DistinctBy(p => (p.OfficerId, p.Period));
    }
}
