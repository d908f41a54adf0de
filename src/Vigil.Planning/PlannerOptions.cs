namespace Vigil.Planning;

/// <summary>How the planner searches. The defaults suit a command-line run on a small machine.</summary>
public sealed record PlannerOptions
{
    /// <summary>Whether mission-sized components run branch and price (the benchmark's comparisons turn it off).</summary>
    internal bool BranchAndPrice { get; init; } = true;

    /// <summary>
    /// Whether components above mission size (with at least 20 s) are split geographically into clusters planned one by
    /// one (off by default: measured no better than planning them whole, see docs/rotation.md; the benchmark's
    /// <c>--split</c> turns it on).
    /// </summary>
    internal bool GeographicSplit { get; init; }

    /// <summary>
    /// Whether a large component with leave (above mission size, at least 30 s) starts from its plan without leave,
    /// repaired by the schedule search (see <c>RotationPlanner.LeaveFreeStart</c>; the benchmark's
    /// <c>--no-leave-free</c> turns it off).
    /// </summary>
    internal bool LeaveFreeStart { get; init; } = true;

    /// <summary>
    /// Whether a component above <c>CompactOfficers</c> with leave starts from the hand-over sweep (see
    /// <see cref="Planning.HandOverSweep"/>; the benchmark's <c>--no-sweep</c> turns it off).
    /// </summary>
    internal bool HandOverSweep { get; init; } = true;

    /// <summary>
    /// The least component budget the leave-free start runs with (default 30 s: with less its run without leave gives
    /// plans too far from that problem's optimum for the repair to keep; tests lower it).
    /// </summary>
    internal TimeSpan LeaveFreeMinBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Officers per cluster the geographic split aims at.</summary>
    internal int SplitOfficers { get; init; } = 40;

    /// <summary>
    /// Wall-clock limit of the split's assignment model (default 3 s; a wall-clock limit, so tests that check what it
    /// assigns, not how fast, raise it: on a machine at a load of 25 three seconds found no assignment at all).
    /// </summary>
    internal TimeSpan SplitAssignmentLimit { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Wall-clock budget for the whole plan, checks included (default 60 s).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>CP-SAT workers per solve (default: the processor count, at least 1).</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The solver's random seed; with <see cref="Threads"/> = 1 and no time-out, runs are repeatable.</summary>
    public int RandomSeed { get; init; } = 1;

    /// <summary>
    /// Solve each mission as its own model (default true). Missions share no hard rule and, without
    /// cross-mission moves, no site, so the sum of the missions' optima is the joint optimum. False builds one
    /// model for everything (for comparison and tests).
    /// </summary>
    public bool Decompose { get; init; } = true;

    /// <summary>
    /// Travel is modelled exactly for officers with at most this many candidate sites (default 40); above it, the
    /// model counts exact kilometres to the <see cref="TravelNeighbours"/> nearest sites and a lower bound to the
    /// rest. The plan's objective is always recomputed exactly, and the bound stays a valid lower bound.
    /// </summary>
    public int ExactTravelUpTo { get; init; } = 40;

    /// <summary>Nearest sites modelled exactly when travel is not modelled exactly (default 20).</summary>
    public int TravelNeighbours { get; init; } = 20;

    /// <summary>Extra CP-SAT parameters in text format (e.g. <c>log_search_progress:true</c>), appended last; for experiments.</summary>
    public string ExtraSolverParameters { get; init; } = "";

    /// <summary>Receives the best objective and bound as the search improves them (may be called from solver threads).</summary>
    public IProgress<PlanProgress>? Progress { get; init; }

    /// <summary>Receives diagnostic lines (each completed dive and its tail), for the benchmark's experiments.</summary>
    internal Action<string>? Trace { get; init; }

    /// <summary>Receives each component's objective, bound, time and the phase that found its plan, once at the end.</summary>
    internal Action<IReadOnlyList<ComponentSummary>>? ComponentReport { get; init; }
}

/// <summary>A progress report: the best plan and bound so far, over the whole problem.</summary>
/// <param name="ElapsedSeconds">Seconds since planning started.</param>
/// <param name="Objective">The best objective so far (missions not yet solved count their greedy plan).</param>
/// <param name="Bound">The best proven lower bound so far.</param>
/// <param name="Stage">What the planner is doing, e.g. <c>solving MINUSCA (3/16)</c>.</param>
public sealed record PlanProgress(double ElapsedSeconds, long Objective, long Bound, string Stage);
