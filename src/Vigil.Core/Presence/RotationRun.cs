using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// Where a planning run is: queued, being solved, finished (with a plan of any status), failed, or cancelled by a
/// conduct chief (before it started or while it ran; a cancelled run keeps no plan and cannot be approved).
/// </summary>
public enum RotationRunState
{
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled,
}

/// <summary>
/// One planning run for one mission: the spec-format problem built from the database, the plan the planner
/// wrote, and, once a conduct chief approves it, who approved it and when (its postings then become Posting records).
/// </summary>
public sealed class RotationRun
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public Mission? Mission { get; set; }

    /// <summary>The run this one re-plans with other weights (what-if), if any.</summary>
    public int? BasedOnRunId { get; set; }

    public RotationRunState State { get; set; }

    /// <summary>First day of period 0.</summary>
    public DateOnly HorizonStart { get; set; }
    public int Periods { get; set; }
    public int PeriodMonths { get; set; }
    public int TimeLimitSeconds { get; set; }

    /// <summary>Periods pinned from the last approved plan (frozen).</summary>
    public int PinnedPostings { get; set; }

    /// <summary>The problem file (spec/rotation.md): officer and site codes, nationalities, languages; no names.</summary>
    public required string ProblemJson { get; set; }

    /// <summary>The plan file (spec/rotation.md), once finished.</summary>
    public string? PlanJson { get; set; }

    /// <summary>OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN (the spec's words), once finished.</summary>
    public string? PlanStatus { get; set; }
    public long? Objective { get; set; }
    public long? Bound { get; set; }

    /// <summary>Officer-periods whose site differs from the postings on record when the run finished.</summary>
    public int? ChangedPostings { get; set; }

    /// <summary>Officers missing below requirement, summed over site-periods.</summary>
    public int? UncoveredOfficerPeriods { get; set; }

    /// <summary>
    /// Why a run failed (a type name or a planner message), or who cancelled it and when in its life (the user name, as
    /// <see cref="CreatedBy"/>); never other personal data.
    /// </summary>
    public string? Failure { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The first day of a period of this run's horizon.</summary>
    public DateOnly PeriodStart(int period) => HorizonStart.AddMonths(period * PeriodMonths);
}

/// <summary>
/// A mission's current plan: its latest approved run with a plan (latest by approval time; of two approved at the same
/// instant, the higher id). One definition for everything that asks: the problem builder pins its frozen periods, the
/// runs list and a run's page mark it "current plan", and an earlier approved run of the mission reads "superseded".
/// </summary>
public static class CurrentPlanRule
{
    /// <summary>The current plan of each mission among <paramref name="runs"/> (at most one per mission).</summary>
    /// <remarks>Pass the runs of whole missions (a scope filter by mission is fine): a later approval left out would not count.</remarks>
    public static IQueryable<RotationRun> CurrentPlans(this IQueryable<RotationRun> runs) =>
        runs.Where(r => r.ApprovedAt != null && r.PlanJson != null
            && !runs.Any(o => o.MissionId == r.MissionId && o.ApprovedAt != null && o.PlanJson != null
                && (o.ApprovedAt > r.ApprovedAt || (o.ApprovedAt == r.ApprovedAt && o.Id > r.Id))));
}
