using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;
using Vigil.Planning;

namespace Vigil.Core.Presence;

/// <summary>The request to build a problem from the database and queue a run; every field but the mission is optional.</summary>
public sealed record NewRotationRun
{
    /// <summary>The mission to plan; ignored with <see cref="BasedOn"/> (the base run's mission).</summary>
    public string? Mission { get; init; }

    /// <summary>Re-plan this run's problem with other weights (what-if), instead of building a new one.</summary>
    public int? BasedOn { get; init; }

    public DateOnly? Start { get; init; }
    public int? Periods { get; init; }
    public int? PeriodMonths { get; init; }
    public int? MaxConsecutivePeriods { get; init; }
    public int? MinPeriodsBeforeReturn { get; init; }
    public int? FrozenPeriods { get; init; }
    public long? UncoveredWeight { get; init; }
    public long? LanguageGapWeight { get; init; }
    public long? MoveWeight { get; init; }
    public long? TravelKmWeight { get; init; }
    public int? TimeLimitSeconds { get; init; }
}

public sealed record RotationRunSummary(int Id, string Mission, RotationRunState State, int? BasedOn, DateOnly HorizonStart, int Periods,
    int PeriodMonths, int MaxConsecutivePeriods, int MinPeriodsBeforeReturn, int TimeLimitSeconds, int PinnedPostings, WeightsPart Weights, string? PlanStatus, long? Objective, long? Bound,
    WeightsPart? Breakdown, int? ChangedPostings, int? UncoveredOfficerPeriods, double? SolveSeconds, string? Failure,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? Stage, long? BestObjective, long? BestBound)
{
    /// <summary>
    /// Whether this run is its mission's current plan (<see cref="CurrentPlanRule.CurrentPlans"/>: the latest approved); an approved run
    /// that is not has been superseded by a later approval.
    /// </summary>
    public bool CurrentPlan { get; init; }
}

/// <summary>A run with its plan laid out for review: a timeline per officer and per site, and what changed.</summary>
public sealed record RotationRunReview(RotationRunSummary Summary, IReadOnlyList<DateOnly> PeriodStarts,
    IReadOnlyList<RotationRunReview.OfficerLine> Officers, IReadOnlyList<RotationRunReview.SiteLine> Sites,
    IReadOnlyList<PlanFile.UncoveredPart> Uncovered, IReadOnlyList<string> Infeasible, IReadOnlyList<string> Warnings)
{
    public sealed record Cell(string Site, bool Changed)
    {
        /// <summary>On leave (or gone) in this period: posted, covering nothing.</summary>
        public bool Away { get; init; }
    }
    public sealed record OfficerLine(string Code, string Name, string Nationality, IReadOnlyList<Cell> Periods);
    public sealed record SiteCell(IReadOnlyList<string> Officers, int Missing)
    {
        /// <summary>Those of <see cref="Officers"/> on leave (or gone) in this period.</summary>
        public IReadOnlyList<string> Away { get; init; } = [];
    }
    public sealed record SiteLine(string Code, string Name, IReadOnlyList<SiteCell> Periods);
}

/// <summary>Live progress of running plans, by run id (this host only; other hosts show the stored state).</summary>
public sealed class RotationProgressBoard
{
    private readonly ConcurrentDictionary<int, PlanProgress> progress = new();

    public void Report(int runId, PlanProgress value) => progress[runId] = value;
    public PlanProgress? Get(int runId) => progress.TryGetValue(runId, out var value) ? value : null;
    public void Clear(int runId) => progress.TryRemove(runId, out _);
}

/// <summary>
/// Planning in the app: build a problem from the database, queue it for the background worker, review, compare,
/// approve (the postings become Posting records) and export. Conduct chiefs plan and approve in their missions;
/// conduct officers see the runs.
/// </summary>
public sealed partial class RotationRuns(VigilDbContext db, RotationProblemBuilder builder, RotationProgressBoard board, TimeProvider clock,
    IOptions<PresenceOptions> options, IAuditTrail audit)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<RotationRun> Visible(CallerScope scope)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.ConductTeam))
        {
            return db.RotationRuns.Where(_ => false);
        }
        if (scope.Global)
        {
            return db.RotationRuns;
        }
        var missions = scope.Missions.ToList();
        return db.RotationRuns.Where(r => missions.Contains(r.Mission!.Code));
    }

    private static bool IsPlanner(CallerScope scope) => scope.Roles.Overlaps(PresenceRoles.Planners);

    /// <summary>Builds the problem (or copies a base run's with other weights) and queues the run.</summary>
    public async Task<Result<RotationRunSummary>> CreateAsync(CallerScope scope, string userName, NewRotationRun input, CancellationToken ct = default)
    {
        RotationRun? baseRun = null;
        Mission? mission;
        if (input.BasedOn is { } baseId)
        {
            baseRun = await Visible(scope).AsNoTracking().Include(r => r.Mission).FirstOrDefaultAsync(r => r.Id == baseId, ct);
            if (baseRun is null)
            {
                return new NotFoundError("No such run in your scope.");
            }
            mission = baseRun.Mission;
            // A what-if keeps the base run's problem and changes only its weights and time: anything else asked for would
            // be silently dropped, so it is refused by name.
            var fixedFields = new (string Field, bool Given)[]
            {
                ("mission", input.Mission is { } m && !string.Equals(m.Trim(), mission!.Code, StringComparison.OrdinalIgnoreCase)),
                ("start", input.Start is not null), ("periods", input.Periods is not null), ("periodMonths", input.PeriodMonths is not null),
                ("maxConsecutivePeriods", input.MaxConsecutivePeriods is not null), ("minPeriodsBeforeReturn", input.MinPeriodsBeforeReturn is not null),
                ("frozenPeriods", input.FrozenPeriods is not null),
            };
            if (fixedFields.Where(f => f.Given).Select(f => f.Field).ToList() is { Count: > 0 } given)
            {
                return new ValidationError(given.ToDictionary(f => f, _ => new Words[]
                {
                    $"A what-if run re-plans run {baseRun.Id}'s problem with other weights only; build a new problem to change this.",
                }));
            }
        }
        else
        {
            var code = input.Mission?.Trim().ToUpperInvariant() ?? "";
            if (code.Length == 0)
            {
                return ValidationError.For("mission", "The mission to plan is required.");
            }
            mission = scope.Roles.Overlaps(PresenceRoles.ConductTeam)
                ? await db.Missions.VisibleToMissionScope(scope).FirstOrDefaultAsync(m => m.Code == code, ct)
                : null;
            if (mission is null)
            {
                return new NotFoundError($"No mission {code} in your scope.");
            }
            if (mission.EndDate is { } ended && ended < Today)
            {
                return ValidationError.For("mission", $"Mission {code} ended on {ended:yyyy-MM-dd}: there is nothing to plan.");
            }
        }
        if (!IsPlanner(scope))
        {
            return new ForbiddenError("Only a conduct chief plans rotations.");
        }

        var defaults = new PlanningSettings();
        var rules = RotationDefaults.For(input.PeriodMonths, options.Value);
        var baseProblem = baseRun is null ? null : PlanFiles.ReadProblem(baseRun.ProblemJson);
        var baseWeights = baseProblem?.Rules.Weights ?? WeightsPart.Default;
        var settings = new PlanningSettings
        {
            Start = input.Start,
            Periods = input.Periods ?? defaults.Periods,
            PeriodMonths = input.PeriodMonths ?? defaults.PeriodMonths,
            // Both defaults come from months, converted the same way (a period length outside 1–12 is refused below).
            MaxConsecutivePeriods = input.MaxConsecutivePeriods ?? rules.MaxConsecutivePeriods,
            MinPeriodsBeforeReturn = input.MinPeriodsBeforeReturn ?? rules.MinPeriodsBeforeReturn,
            // The default freezes the published periods, but always leaves at least one period to plan (a one-period horizon: none).
            FrozenPeriods = input.FrozenPeriods ?? Math.Min(defaults.FrozenPeriods, Math.Max(0, (input.Periods ?? defaults.Periods) - 1)),
            Weights = new WeightsPart(input.UncoveredWeight ?? baseWeights.Uncovered, input.LanguageGapWeight ?? baseWeights.LanguageGap,
                input.MoveWeight ?? baseWeights.Move, input.TravelKmWeight ?? baseWeights.TravelKm),
            TimeLimitSeconds = input.TimeLimitSeconds ?? baseRun?.TimeLimitSeconds ?? options.Value.PlanningTimeLimitSeconds,
        };
        var errors = Validate(settings, baseRun is null);
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        ProblemFile problem;
        int pinned;
        DateOnly start;
        if (baseRun is not null)
        {
            problem = baseProblem! with { Rules = baseProblem.Rules with { Weights = settings.Weights } };
            pinned = baseRun.PinnedPostings;
            start = baseRun.HorizonStart;
        }
        else
        {
            var today = Today;
            start = settings.Start ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            (problem, pinned) = await builder.BuildAsync(mission!, start, settings, ct);
        }
        // The worker reads the problem back with ProblemReader: check it here too, so that a problem it would refuse
        // (weights too large for the mission's size) is a 400 now rather than a failed run later.
        var problemJson = PlanFiles.Write(problem);
        if (ProblemReader.Read(problemJson).Error is { } invalid)
        {
            return new ValidationError(InputFields(invalid.Path, input).ToDictionary(f => f, _ => new[] { invalid.Message + "." }));
        }
        // The planner takes one run at a time: a mission's what-ifs may wait side by side, but not so many that every
        // other mission waits behind them (the worker also takes the mission that waited longest first). The mission's
        // row is locked first so that two requests at the same moment cannot both pass the count.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Missions.Where(m => m.Id == mission!.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Code, m => m.Code), ct);
        var waiting = await db.RotationRuns.CountAsync(r => r.MissionId == mission!.Id && (r.State == RotationRunState.Queued || r.State == RotationRunState.Running), ct);
        if (waiting >= MaxWaitingPerMission)
        {
            return new ConflictError($"{mission!.Code} already has {waiting} runs queued or running (at most {MaxWaitingPerMission}): wait for one to finish, or cancel one.");
        }
        var run = new RotationRun
        {
            MissionId = mission!.Id,
            BasedOnRunId = baseRun?.Id,
            State = RotationRunState.Queued,
            HorizonStart = start,
            Periods = problem.Horizon.Periods,
            PeriodMonths = problem.Horizon.PeriodMonths,
            TimeLimitSeconds = settings.TimeLimitSeconds!.Value,
            PinnedPostings = pinned,
            ProblemJson = problemJson,
            CreatedBy = userName,
            CreatedAt = clock.GetUtcNow(),
        };
        db.RotationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Summarize(run, mission.Code);
    }

    /// <summary>
    /// The request fields behind a fault in the built problem (its JSON path), for the 400's <c>errors</c>. Weights too
    /// large together are laid on each weight the request set (the others come from the base run or the defaults).
    /// </summary>
    private static List<string> InputFields(string path, NewRotationRun input)
    {
        if (path != "$.rules.weights")
        {
            return [InputField(path)];
        }
        var set = new (long? Value, string Field)[]
        {
            (input.UncoveredWeight, "uncoveredWeight"), (input.LanguageGapWeight, "languageGapWeight"),
            (input.MoveWeight, "moveWeight"), (input.TravelKmWeight, "travelKmWeight"),
        }.Where(w => w.Value is not null).Select(w => w.Field).ToList();
        return set.Count > 0 ? set : ["uncoveredWeight"];
    }

    private static string InputField(string path) => path switch
    {
        "$.rules.weights.uncovered" => "uncoveredWeight",
        "$.rules.weights.languageGap" => "languageGapWeight",
        "$.rules.weights.move" => "moveWeight",
        "$.rules.weights.travelKm" => "travelKmWeight",
        "$.horizon.periods" => "periods",
        "$.rules.maxConsecutivePeriods" => "maxConsecutivePeriods",
        "$.rules.minPeriodsBeforeReturn" => "minPeriodsBeforeReturn",
        _ => "mission",
    };

    /// <summary>The tenure and return bar a new run gets when they are left empty, for periods of the given length.</summary>
    public RotationDefaults Defaults(int? periodMonths) => RotationDefaults.For(periodMonths, options.Value);

    /// <summary>How far ahead a horizon may start.</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>Runs of one mission that may be queued or running at once.</summary>
    public const int MaxWaitingPerMission = 3;

    /// <summary>
    /// Cancels a run that has not ended (the chief who plans). A queued run is never started; a running one is stopped by
    /// the worker planning it, on whichever host, which polls the run's state in the database (<see cref="CancellationPoll"/>)
    /// and keeps nothing it found. Either way the run ends <see cref="RotationRunState.Cancelled"/>, without a plan (so
    /// it cannot be approved), saying who cancelled it; the change is in the audit log.
    /// </summary>
    public async Task<Result<RotationRunSummary>> CancelAsync(CallerScope scope, string userName, int id, CancellationToken ct = default)
    {
        var found = await Visible(scope).Include(r => r.Mission).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (found is null)
        {
            return new NotFoundError("No such run in your scope.");
        }
        if (!IsPlanner(scope))
        {
            return new ForbiddenError("Only a conduct chief plans rotations.");
        }
        // Conditional updates, as the worker's claim is: the state in the database decides, whichever host plans the run.
        // Queued first, then running: a run the worker claims between the two is cancelled as running.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var was = RotationRunState.Queued;
        var cancelled = await db.RotationRuns.Where(r => r.Id == id && r.State == RotationRunState.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RotationRunState.Cancelled)
                .SetProperty(r => r.Failure, string.Create(CultureInfo.InvariantCulture, $"Cancelled by {userName} before it started."))
                .SetProperty(r => r.FinishedAt, now), ct);
        if (cancelled == 0)
        {
            was = RotationRunState.Running;
            cancelled = await db.RotationRuns.Where(r => r.Id == id && r.State == RotationRunState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RotationRunState.Cancelled)
                    .SetProperty(r => r.Failure, string.Create(CultureInfo.InvariantCulture, $"Cancelled by {userName} while it was running: its plan is not kept."))
                    .SetProperty(r => r.FinishedAt, now), ct);
        }
        if (cancelled == 0)
        {
            return new ConflictError($"Run {id} has already ended: there is nothing to cancel.");
        }
        // A bulk statement bypasses change tracking: recorded here, in the same transaction (the actor is the chief).
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(RotationRun), AuditWriter.FormatKey(id),
            $"{nameof(RotationRun.State)}, {nameof(RotationRun.Failure)}, {nameof(RotationRun.FinishedAt)} (cancelled while {was.ToString().ToLowerInvariant()})"), ct);
        await transaction.CommitAsync(ct);
        await db.Entry(found).ReloadAsync(ct);
        return Summarize(found, found.Mission!.Code);
    }

    /// <summary>How often the worker planning a run reads its state, to stop the planner when the run was cancelled.</summary>
    public static readonly TimeSpan CancellationPoll = TimeSpan.FromSeconds(1);

    /// <summary>Runs queued or running that the planner takes before this queued one (the worker's order, <see cref="RunNextAsync"/>).</summary>
    public async Task<int?> AheadAsync(int id, CancellationToken ct = default)
    {
        var order = await QueueOrderAsync(ct);
        var at = order.IndexOf(id);
        return at < 0 ? null : at + await db.RotationRuns.CountAsync(r => r.State == RotationRunState.Running, ct);
    }

    /// <summary>
    /// The queued runs in the order the worker takes them: the mission whose last run started longest ago (or never)
    /// first, then the oldest run; so one mission's many runs take turns with the others'.
    /// </summary>
    private async Task<List<int>> QueueOrderAsync(CancellationToken ct)
    {
        var queued = await db.RotationRuns.AsNoTracking().Where(r => r.State == RotationRunState.Queued).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.MissionId }).Take(200).ToListAsync(ct);
        var missions = queued.Select(r => r.MissionId).Distinct().ToList();
        // Read whole and compared here: SQLite cannot order by a DateTimeOffset.
        var started = (await db.RotationRuns.AsNoTracking().Where(r => missions.Contains(r.MissionId) && r.StartedAt != null)
                .Select(r => new { r.MissionId, r.StartedAt }).ToListAsync(ct))
            .GroupBy(r => r.MissionId).ToDictionary(g => g.Key, g => g.Max(r => r.StartedAt!.Value));
        return [.. queued.OrderBy(r => started.TryGetValue(r.MissionId, out var last) ? last : DateTimeOffset.MinValue).ThenBy(r => r.Id).Select(r => r.Id)];
    }

    private Dictionary<string, Words[]> Validate(PlanningSettings s, bool newProblem)
    {
        var errors = new Dictionary<string, Words[]>();
        void Check(bool ok, string field, Words message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }
        if (newProblem)
        {
            Check(s.Periods is >= 1 and <= 36, "periods", $"'{s.Periods}' is not a number of periods from 1 to 36.");
            Check(s.PeriodMonths is >= 1 and <= 12, "periodMonths", $"'{s.PeriodMonths}' is not a period length from 1 to 12 months.");
            // The same upper bounds as problem files (ProblemLimits), so that a queued run can always be read back.
            Check(s.MaxConsecutivePeriods is >= 1 and <= ProblemLimits.MaxPeriodCount, "maxConsecutivePeriods",
                $"'{s.MaxConsecutivePeriods}' is not a number of periods from 1 to {ProblemLimits.MaxPeriodCount}.");
            Check(s.MinPeriodsBeforeReturn is >= 0 and <= ProblemLimits.MaxPeriodCount, "minPeriodsBeforeReturn",
                $"'{s.MinPeriodsBeforeReturn}' is not a number of periods from 0 to {ProblemLimits.MaxPeriodCount}.");
            Check(s.FrozenPeriods >= 0 && s.FrozenPeriods < s.Periods, "frozenPeriods",
                $"'{s.FrozenPeriods}' must be from 0 to one less than the number of periods: a horizon frozen whole has nothing to plan.");
            if (s.Start is { } start)
            {
                // Within ten years: a horizon of up to 36 periods of 12 months must still end before DateOnly.MaxValue.
                Check(start.Day == 1 && start > Today && start <= Today.AddYears(MaxYearsAhead), "start",
                    $"'{start:yyyy-MM-dd}' is not the first day of a month after today and within {MaxYearsAhead} years.");
            }
        }
        void CheckWeight(long value, string field) =>
            Check(value is >= 0 and <= ProblemLimits.MaxWeight, field,
                $"'{value}' is not a weight from 0 to {ProblemLimits.MaxWeight:N0}.");
        CheckWeight(s.Weights.Uncovered, "uncoveredWeight");
        CheckWeight(s.Weights.LanguageGap, "languageGapWeight");
        CheckWeight(s.Weights.Move, "moveWeight");
        CheckWeight(s.Weights.TravelKm, "travelKmWeight");
        Check(s.TimeLimitSeconds is >= 1 and <= 300, "timeLimitSeconds", $"'{s.TimeLimitSeconds}' is not a number of seconds from 1 to 300.");
        return errors;
    }

    public async Task<IReadOnlyList<RotationRunSummary>> ListAsync(CallerScope scope, string? mission = null, CancellationToken ct = default)
    {
        var query = Visible(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            query = query.Where(r => r.Mission!.Code == code);
        }
        var runs = await query.Select(r => new { Run = r, Mission = r.Mission!.Code }).ToListAsync(ct);
        var current = await CurrentPlanIdsAsync([.. runs.Select(r => r.Run.MissionId).Distinct()], ct);
        return runs.OrderByDescending(r => r.Run.CreatedAt).ThenByDescending(r => r.Run.Id)
            .Select(r => Summarize(r.Run, r.Mission, current.Contains(r.Run.Id))).ToList();
    }

    /// <summary>The ids of the current plans (<see cref="CurrentPlanRule.CurrentPlans"/>) of these missions.</summary>
    private async Task<HashSet<int>> CurrentPlanIdsAsync(IReadOnlyCollection<int> missionIds, CancellationToken ct) =>
        missionIds.Count == 0
            ? []
            : [.. await db.RotationRuns.AsNoTracking().CurrentPlans().Where(r => missionIds.Contains(r.MissionId)).Select(r => r.Id).ToListAsync(ct)];

    private async Task<bool> IsCurrentPlanAsync(RotationRun run, CancellationToken ct) =>
        run.ApprovedAt is not null && (await CurrentPlanIdsAsync([run.MissionId], ct)).Contains(run.Id);

    public async Task<Result<RotationRunSummary>> GetAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var found = await Visible(scope).AsNoTracking().Where(r => r.Id == id).Select(r => new { Run = r, Mission = r.Mission!.Code }).FirstOrDefaultAsync(ct);
        return found is null ? new NotFoundError("No such run in your scope.") : Summarize(found.Run, found.Mission, await IsCurrentPlanAsync(found.Run, ct));
    }

    private RotationRunSummary Summarize(RotationRun r, string mission, bool currentPlan = false)
    {
        var rules = PlanFiles.ReadProblem(r.ProblemJson).Rules;
        var weights = rules.Weights;
        var plan = r.PlanJson is null ? null : PlanFiles.ReadPlan(r.PlanJson);
        var live = r.State == RotationRunState.Running ? board.Get(r.Id) : null;
        return new RotationRunSummary(r.Id, mission, r.State, r.BasedOnRunId, r.HorizonStart, r.Periods, r.PeriodMonths,
            rules.MaxConsecutivePeriods, rules.MinPeriodsBeforeReturn, r.TimeLimitSeconds,
            // Runs planned before breakdowns of missing plans were null stored zeros: without an objective there is no plan.
            r.PinnedPostings, weights, r.PlanStatus, r.Objective, r.Bound, r.Objective is null ? null : plan?.Breakdown,
            r.Objective is null ? null : r.ChangedPostings, r.Objective is null ? null : r.UncoveredOfficerPeriods,
            plan?.SolveSeconds, r.Failure, r.CreatedBy, r.CreatedAt, r.FinishedAt, r.ApprovedBy, r.ApprovedAt,
            live?.Stage, live?.Objective, live?.Bound)
        { CurrentPlan = currentPlan };
    }

    /// <summary>The plan laid out per officer and per site, each cell marked when it differs from the postings on record.</summary>
    public async Task<Result<RotationRunReview>> ReviewAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var found = await Visible(scope).AsNoTracking().Where(r => r.Id == id).Select(r => new { Run = r, Mission = r.Mission!.Code }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return new NotFoundError("No such run in your scope.");
        }
        var run = found.Run;
        var summary = Summarize(run, found.Mission, await IsCurrentPlanAsync(run, ct));
        var starts = Enumerable.Range(0, run.Periods).Select(run.PeriodStart).ToList();
        var problem = PlanFiles.ReadProblem(run.ProblemJson);
        if (run.PlanJson is null)
        {
            return new RotationRunReview(summary, starts, [], [], [], [], []);
        }
        var plan = PlanFiles.ReadPlan(run.PlanJson);
        // Sites the problem left out because they close within the horizon (RotationProblemBuilder): said, not silent.
        var horizonEnd = run.PeriodStart(run.Periods).AddDays(-1);
        var inProblem = problem.Sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var closing = (await db.Sites.AsNoTracking().Where(s => s.MissionId == run.MissionId && s.ClosedOn >= run.HorizonStart && s.ClosedOn < horizonEnd)
                .OrderBy(s => s.Code).Select(s => new { s.Code, s.ClosedOn }).ToListAsync(ct))
            .Where(s => !inProblem.Contains(s.Code))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"Site {s.Code} closes on {s.ClosedOn:yyyy-MM-dd}, within this horizon: it is left out of the plan."))
            .ToList();
        // Sites the problem does not have that are open through the horizon now (so the next problem has them): opened since
        // it was built, or left out then as closing and their closure withdrawn (or moved past the horizon) since. The
        // plan is still valid, it only does not cover them.
        var added = (await db.Sites.AsNoTracking().Where(s => s.MissionId == run.MissionId && (s.ClosedOn == null || s.ClosedOn >= horizonEnd))
                .OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.ClosedOn }).ToListAsync(ct))
            .Where(s => !inProblem.Contains(s.Code))
            .ToList();
        var openedSince = added.Count == 0 ? [] : await CreatedSinceAsync(nameof(Reference.Site), added.Select(s => s.Id), run, ct);
        var opened = added.Select(s => (openedSince.Contains(s.Id), s.ClosedOn) switch
            {
                (true, _) => $"Site {s.Code} was opened after this problem was built: the plan does not cover it (it is still valid; plan again to post an officer there).",
                (false, null) => $"Site {s.Code}'s closure was withdrawn after this problem was built, which left it out as closing: the plan does not cover it (it is still valid; plan again to post an officer there).",
                (false, { } day) => string.Create(CultureInfo.InvariantCulture,
                    $"Site {s.Code} now closes on {day:yyyy-MM-dd}, after this horizon; this problem was built when it closed within it and left it out: the plan does not cover it (it is still valid; plan again to post an officer there)."),
            })
            .ToList();
        // A contingent gone from a site since (a departure, a corrected record): the plan kept that nationality's officers
        // away for nothing. It breaks no rule (approval goes ahead); said while the plan may still be approved.
        var notes = run.ApprovedAt is null && run.HorizonStart > Today
            ? await PlanRecheck.NotesAsync(builder, db, await WithMissionAsync(run, ct), (await ProblemOriginAsync(run, ct)).CreatedAt, ct)
            : [];
        plan = plan with { Warnings = [.. closing, .. opened, .. notes, .. plan.Warnings ?? []] };
        if (plan.Postings.Count == 0)
        {
            // INFEASIBLE, or UNKNOWN with nothing found: no timeline (a row of empty cells per officer said nothing and
            // made postings.csv list every officer with a blank site), only the reasons and warnings. Periods are named by
            // their first day too, and pins are said to be the approved plan's frozen periods, which a planner can change.
            var reasons = plan.Infeasible.Select(r => PeriodWords().Replace(r, m =>
                int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var t) && t >= 0 && t < run.Periods
                    ? $"{m.Value} (from {run.PeriodStart(t):yyyy-MM-dd})" : m.Value)).ToList();
            var warnings = (plan.Warnings ?? []).ToList();
            if (run.PinnedPostings > 0 && plan.Infeasible.Any(r => r.Contains("inned", StringComparison.Ordinal)))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The {run.PinnedPostings} pinned posting(s) are the approved plan's, kept for the frozen periods. If one now breaks a rule, correct the records or build the problem again with fewer frozen periods (0: none)."));
            }
            return new RotationRunReview(summary, starts, [], [], [], reasons, warnings);
        }
        var baseline = await BaselineAsync(run, ct);
        var names = await db.ConductOfficers.AsNoTracking().Where(o => o.MissionId == run.MissionId)
            .Select(o => new { o.Code, o.FullName, o.Nationality }).ToDictionaryAsync(o => o.Code, ct);
        var byOfficer = plan.Postings.ToLookup(p => p.Officer);
        var away = problem.Officers.SelectMany(o => o.UnavailablePeriods.Select(t => (o.Id, t))).ToHashSet();
        var officers = problem.Officers.Select(o =>
        {
            var cells = new RotationRunReview.Cell[run.Periods];
            foreach (var p in byOfficer[o.Id])
            {
                cells[p.Period] = new(p.Site, run.ApprovedAt is null && baseline.GetValueOrDefault((o.Id, p.Period)) != p.Site) { Away = away.Contains((o.Id, p.Period)) };
            }
            var person = names.GetValueOrDefault(o.Id);
            return new RotationRunReview.OfficerLine(o.Id, person?.FullName ?? "", o.Nationality, cells.Select(c => c ?? new("", false)).ToList());
        }).ToList();
        var bySitePeriod = plan.Postings.ToLookup(p => (p.Site, p.Period), p => p.Officer);
        var missing = plan.Uncovered.ToDictionary(u => (u.Site, u.Period), u => u.Missing);
        var sites = problem.Sites.Select(s => new RotationRunReview.SiteLine(s.Id, s.Name,
            Enumerable.Range(0, run.Periods).Select(t => new RotationRunReview.SiteCell(
                bySitePeriod[(s.Id, t)].Order(StringComparer.Ordinal).ToList(), missing.GetValueOrDefault((s.Id, t)))
            { Away = [.. bySitePeriod[(s.Id, t)].Where(o => away.Contains((o, t))).Order(StringComparer.Ordinal)] }).ToList())).ToList();
        // The site's id, as plan.json has it (the page names the site from the per-site lines).
        var uncovered = plan.Uncovered;
        if (run.ApprovedAt is null)
        {
            // The count beside the timeline is the marked cells': against the postings on record now (the list of runs
            // keeps the count from when the plan was made; records change when another plan is approved).
            summary = summary with { ChangedPostings = officers.Sum(o => o.Periods.Count(c => c.Changed)) };
        }
        return new RotationRunReview(summary, starts, officers, sites, uncovered, plan.Infeasible, plan.Warnings ?? []);
    }

    /// <summary>
    /// The run whose problem <paramref name="run"/>'s is, and when it was created: a what-if copies its base run's problem,
    /// so the problem is as old as the first run of the chain.
    /// </summary>
    private async Task<(int Id, DateTimeOffset CreatedAt)> ProblemOriginAsync(RotationRun run, CancellationToken ct)
    {
        var origin = (run.Id, run.CreatedAt);
        for (var basedOn = run.BasedOnRunId; basedOn is { } baseId;)
        {
            var parent = await db.RotationRuns.AsNoTracking().Where(r => r.Id == baseId).Select(r => new { r.Id, r.CreatedAt, r.BasedOnRunId }).FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                break;
            }
            (origin, basedOn) = ((parent.Id, parent.CreatedAt), parent.BasedOnRunId);
        }
        return origin;
    }

    /// <summary>
    /// Which of these records (of <paramref name="recordType"/>, by id) were created after <paramref name="run"/>'s problem was
    /// built, as the audit log has it: after the entry that created the run that built it (by sequence, so that a clock
    /// that did not move between the two does not matter), or after its time when that entry is not there.
    /// </summary>
    private async Task<HashSet<int>> CreatedSinceAsync(string recordType, IEnumerable<int> ids, RotationRun run, CancellationToken ct)
    {
        var origin = await ProblemOriginAsync(run, ct);
        var keys = ids.Select(id => AuditWriter.FormatKey(id)).ToList();
        var originKey = AuditWriter.FormatKey(origin.Id);
        var after = await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == nameof(RotationRun) && e.RecordId == originKey && e.Action == AuditActions.Create)
            .Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct);
        var created = db.AuditEntries.AsNoTracking().Where(e => e.RecordType == recordType && e.Action == AuditActions.Create && keys.Contains(e.RecordId!));
        created = after is { } sequence ? created.Where(e => e.Sequence > sequence) : created.Where(e => e.At > origin.CreatedAt);
        return [.. (await created.Select(e => e.RecordId!).ToListAsync(ct)).Select(k => int.Parse(k, CultureInfo.InvariantCulture))];
    }

    /// <summary>The run with its mission loaded (the re-check names the mission).</summary>
    private async Task<RotationRun> WithMissionAsync(RotationRun run, CancellationToken ct)
    {
        run.Mission ??= await db.Missions.AsNoTracking().FirstAsync(m => m.Id == run.MissionId, ct);
        return run;
    }

    /// <summary>Where each officer is on record at each period's start: the posting covering the day, else the last one before it (status quo).</summary>
    private async Task<Dictionary<(string Officer, int Period), string>> BaselineAsync(RotationRun run, CancellationToken ct)
    {
        var postings = await db.Postings.AsNoTracking().Where(p => p.Officer!.MissionId == run.MissionId)
            .Select(p => new { Officer = p.Officer!.Code, Site = p.Site!.Code, p.From, p.To }).ToListAsync(ct);
        var result = new Dictionary<(string, int), string>();
        foreach (var officer in postings.GroupBy(p => p.Officer))
        {
            var ordered = officer.OrderBy(p => p.From).ToList();
            for (var t = 0; t < run.Periods; t++)
            {
                var day = run.PeriodStart(t);
                var on = ordered.LastOrDefault(p => p.From <= day && (p.To is null || p.To >= day)) ?? ordered.LastOrDefault(p => p.From <= day);
                if (on is not null)
                {
                    result[(officer.Key, t)] = on.Site;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Claims the next queued run (<see cref="QueueOrderAsync"/>; safe with several hosts: the claim is a conditional update) and plans it.
    /// Returns false when nothing was queued.
    /// </summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        foreach (var id in (await QueueOrderAsync(ct)).Take(5))
        {
            var now = clock.GetUtcNow();
            var claimed = await db.RotationRuns.Where(r => r.Id == id && r.State == RotationRunState.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RotationRunState.Running).SetProperty(r => r.StartedAt, now), ct);
            if (claimed == 1)
            {
                await ExecuteAsync(id, ct);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// How long past its time limit a run may still be running on a live host (building its review, saving): a run
    /// running longer was left by a host that stopped.
    /// </summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Puts runs left running by a host that stopped back in the queue. Only runs past their time limit and
    /// <see cref="OrphanGrace"/>: with several hosts sharing the database, a run another host is planning now is
    /// left alone (the planner honours its time limit, so a live host has finished by then). Each is requeued by a
    /// conditional update on its claim's start, so a run claimed again meanwhile is not touched.
    /// </summary>
    public async Task<int> RequeueInterruptedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var running = await db.RotationRuns.AsNoTracking().Where(r => r.State == RotationRunState.Running)
            .Select(r => new { r.Id, r.StartedAt, r.TimeLimitSeconds }).ToListAsync(ct);
        var requeued = 0;
        foreach (var r in running.Where(r => r.StartedAt is null || r.StartedAt.Value + TimeSpan.FromSeconds(r.TimeLimitSeconds) + OrphanGrace < now))
        {
            requeued += await db.RotationRuns.Where(x => x.Id == r.Id && x.State == RotationRunState.Running && x.StartedAt == r.StartedAt)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, RotationRunState.Queued), ct);
        }
        return requeued;
    }

    /// <summary>
    /// Plans a claimed run. While the planner works, the run's state is read every <see cref="CancellationPoll"/>: once it
    /// is no longer running (cancelled by a chief, on any host) the planner is stopped and nothing it found is kept. The
    /// outcome is written only if the run is still running then (a conditional update, as the claim is), so a
    /// cancellation that lands while the plan is being saved wins or waits, never is overwritten. When the host stops,
    /// the run is left running and put back in the queue once past its time limit (<see cref="RequeueInterruptedAsync"/>),
    /// rather than kept with the truncated plan the stopped planner returns.
    /// </summary>
    private async Task ExecuteAsync(int id, CancellationToken ct)
    {
        var run = await db.RotationRuns.FirstAsync(r => r.Id == id, ct);
        try
        {
            var read = ProblemReader.Read(run.ProblemJson);
            if (read.Error is { } error)
            {
                run.State = RotationRunState.Failed;
                run.Failure = error.ToString();
            }
            else
            {
                var planner = new PlannerOptions
                {
                    TimeLimit = TimeSpan.FromSeconds(run.TimeLimitSeconds),
                    Threads = Math.Clamp(options.Value.PlanningThreads, 1, Math.Max(1, Environment.ProcessorCount)),
                    Progress = new Progress(board, id),
                };
                var baseline = await BaselineAsync(run, ct);
                // The postings on record are the plan in force (an approved plan's, or each officer where they are now),
                // and a posting that differs from them costs the stability weight (the frozen periods are pins in the
                // problem). A first plan too: moving an officer now or at the end of their tenure costs the same in the
                // spec's objective, and without it a first plan moved nearly every officer in its first month.
                var stability = options.Value.ReplanStabilityWeight;
                var inForce = stability > 0 && baseline.Count > 0;
                var problem = read.Problem!;
                // Stopped by the host stopping or by the run's cancellation; the planner then returns its best plan so far.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var planning = Task.Run(() => inForce
                    ? RotationReplanner.Replan(problem, new ReplanRequest
                    {
                        Previous = [.. baseline.Select(b => new Vigil.Planning.Posting(b.Key.Officer, b.Key.Period, b.Value))],
                        StabilityWeight = stability,
                    }, planner, stop.Token)
                    : RotationPlanner.Plan(problem, planner, stop.Token), CancellationToken.None);
                var stillRunning = await WatchAsync(id, planning, stop, ct);
                var plan = await planning;
                // The host is stopping: leave the run running, to be planned again in full at the next start.
                ct.ThrowIfCancellationRequested();
                if (!stillRunning)
                {
                    return; // cancelled: the canceller wrote the outcome; the plan found so far is not kept
                }
                run.PlanJson = PlanJson.Write(plan);
                run.PlanStatus = plan.Status.ToString().ToUpperInvariant();
                run.Objective = plan.Objective;
                run.Bound = plan.Bound;
                // Without a plan (INFEASIBLE, UNKNOWN) nothing is uncovered or changed: those are unknown, shown as "—", not 0.
                var hasPlan = plan.Objective is not null;
                run.UncoveredOfficerPeriods = hasPlan ? plan.Uncovered.Sum(u => u.Missing) : null;
                run.ChangedPostings = hasPlan ? plan.Postings.Count(p => baseline.GetValueOrDefault((p.OfficerId, p.Period)) != p.SiteId) : null;
                run.State = RotationRunState.Finished;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.State = RotationRunState.Failed;
            run.Failure = $"The planner failed ({e.GetType().Name}).";
        }
        finally
        {
            board.Clear(id);
        }
        run.FinishedAt = clock.GetUtcNow();
        await SaveIfStillRunningAsync(run);
    }

    /// <summary>
    /// Waits for the planner, reading the run's state every <see cref="CancellationPoll"/>; stops the planner and returns
    /// false as soon as the run is no longer running (cancelled, or put back in the queue by another host). A failed read
    /// (the database briefly unreachable) is tried again at the next poll: the plan is not lost to it.
    /// </summary>
    private async Task<bool> WatchAsync(int id, Task planning, CancellationTokenSource stop, CancellationToken ct)
    {
        while (!planning.IsCompleted && !ct.IsCancellationRequested)
        {
            // A wall-clock poll, not domain time: the injected clock may stand still (tests) while the planner works.
            await Task.WhenAny(planning, Task.Delay(CancellationPoll, ct));
            if (planning.IsCompleted || ct.IsCancellationRequested)
            {
                break;
            }
            RotationRunState state;
            try
            {
                state = await db.RotationRuns.AsNoTracking().Where(r => r.Id == id).Select(r => r.State).FirstAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                continue;
            }
            catch (OperationCanceledException)
            {
                break; // the host is stopping: the caller waits for the planner, then leaves the run to be requeued
            }
            if (state != RotationRunState.Running)
            {
                await stop.CancelAsync();
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Writes a run's outcome only if it is still running: the row is locked first by a conditional update (no change), so
    /// a cancellation either landed before (nothing is written) or waits for this transaction and then finds the run ended.
    /// Change tracking writes the outcome, so the audit log records it as any change.
    /// </summary>
    private async Task SaveIfStillRunningAsync(RotationRun run)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var running = await db.RotationRuns.Where(r => r.Id == run.Id && r.State == RotationRunState.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, r => r.State), CancellationToken.None);
        if (running == 0)
        {
            return; // cancelled meanwhile: the transaction rolls back on disposal
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private sealed class Progress(RotationProgressBoard board, int id) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => board.Report(id, value);
    }

    /// <summary>
    /// Approves a finished plan: each officer's postings become Posting records from the horizon's start (back-to-back
    /// periods at one site are one posting; the last stays open until a later plan ends it); the posting on record at
    /// the start ends the day before, or continues when the plan keeps the officer there. Future postings from an
    /// earlier approved plan are replaced. Records who approved and when. Refused (409, nothing written) when another
    /// plan was approved or leave recorded since the problem was built, or when the problem built again from the data
    /// as they are now makes any of the plan's postings break a hard rule (<see cref="PlanRecheck"/>). What breaks no rule
    /// (a site opened or a contingent gone since) does not stop it: the review says it.
    /// </summary>
    public async Task<Result<RotationRunSummary>> ApproveAsync(CallerScope scope, string userName, int id, CancellationToken ct = default)
    {
        var found = await Visible(scope).Include(r => r.Mission).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (found is null)
        {
            return new NotFoundError("No such run in your scope.");
        }
        if (!IsPlanner(scope))
        {
            return new ForbiddenError("Only a conduct chief approves a rotation plan.");
        }
        if (found.ApprovedAt is not null)
        {
            return new ConflictError($"This plan was approved on {found.ApprovedAt:yyyy-MM-dd}.");
        }
        if (found.State != RotationRunState.Finished || found.PlanStatus is not ("OPTIMAL" or "FEASIBLE"))
        {
            return new ConflictError("Only a finished run with a valid plan (optimal or feasible) can be approved.");
        }
        if (found.HorizonStart <= Today)
        {
            return new ConflictError($"The plan starts on {found.HorizonStart:yyyy-MM-dd}, which is not in the future; build a new problem.");
        }
        // A what-if copies its base run's problem: the problem is as old as the first run of the chain.
        var built = (await ProblemOriginAsync(found, ct)).CreatedAt;
        // Approving a plan built before another approval would silently undo that plan's frozen periods; one built
        // before leave was recorded would post officers as if present. Both need the problem built again.
        if (await db.RotationRuns.AsNoTracking().Where(r => r.MissionId == found.MissionId && r.Id != found.Id && r.ApprovedAt > built)
            .OrderByDescending(r => r.ApprovedAt).Select(r => new { r.Id, r.ApprovedAt }).FirstOrDefaultAsync(ct) is { } later)
        {
            return new ConflictError($"Run {later.Id} was approved on {later.ApprovedAt:yyyy-MM-dd HH:mm}, after this run's problem was built; build the problem again so that its frozen periods are kept.");
        }
        var horizonEnd = found.HorizonStart.AddMonths(found.Periods * found.PeriodMonths);
        if (await db.OfficerLeaves.AsNoTracking().AnyAsync(l => l.Officer!.MissionId == found.MissionId && l.RecordedAt > built && l.From < horizonEnd && l.To >= found.HorizonStart, ct))
        {
            return new ConflictError("Leave in this plan's horizon was recorded after its problem was built; build the problem again so that the plan knows who is away.");
        }
        // Everything else the hard rules were built from (contingents, officers, sites, postings on record) is checked
        // against the data as they are now: a contingent of an officer's nationality that arrived at the planned site
        // since would otherwise be approved straight into the officer's postings.
        // A contingent gone since breaks no rule: the review says so (PlanRecheck's notes), and the plan may be approved.
        if (await PlanRecheck.ChangesAsync(builder, found, ct) is { Count: > 0 } changes)
        {
            return new ConflictError($"Since this run's problem was built: {Words.Join("; ", changes)}. Build the problem again.");
        }
        var plan = PlanFiles.ReadPlan(found.PlanJson!);
        var officers = await db.ConductOfficers.Where(o => o.MissionId == found.MissionId).Include(o => o.Postings).ToDictionaryAsync(o => o.Code, ct);
        var sites = await db.Sites.Where(s => s.MissionId == found.MissionId).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        // No posting past a site's last day either (a site closing after the horizon is in the plan, its last stay open-ended).
        var closing = await db.Sites.Where(s => s.MissionId == found.MissionId && s.ClosedOn != null).ToDictionaryAsync(s => s.Id, s => s.ClosedOn!.Value, ct);
        var start = found.HorizonStart;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var spans = new List<(ConductOfficer Officer, int SiteId, DateOnly From, DateOnly? To)>();
        foreach (var group in plan.Postings.GroupBy(p => p.Officer))
        {
            if (!officers.TryGetValue(group.Key, out var officer))
            {
                continue; // the officer left the mission since the run: nothing to post
            }
            var officerSpans = Spans(found, group.OrderBy(p => p.Period).ToList(), sites);
            if (officer.LeftOn is { } left)
            {
                // Gone from the mission on that day: nothing after it (the plan keeps them posted, covering nothing).
                officerSpans = [.. officerSpans.Where(s => s.From <= left).Select(s => s with { To = s.To is { } to && to < left ? to : left })];
            }
            officerSpans = [.. officerSpans.Where(s => !closing.TryGetValue(s.SiteId, out var shut) || s.From <= shut)
                .Select(s => closing.TryGetValue(s.SiteId, out var shut) && (s.To is null || s.To > shut) ? s with { To = shut } : s)];
            db.Postings.RemoveRange(officer.Postings.Where(p => p.From >= start));
            // A stay an earlier approval ended the day before the horizon is continued, not split in two records.
            var current = officer.Postings.FirstOrDefault(p => p.From < start && (p.To is null || p.To >= start.AddDays(-1)));
            if (current is not null)
            {
                if (officerSpans.Count > 0 && officerSpans[0].SiteId == current.SiteId)
                {
                    current.To = officerSpans[0].To;
                    officerSpans.RemoveAt(0);
                }
                else
                {
                    current.To = start.AddDays(-1);
                }
            }
            spans.AddRange(officerSpans.Select(s => (officer, s.SiteId, s.From, s.To)));
        }
        // Deletions first, so that a new posting may start on a day a removed one did.
        await db.SaveChangesAsync(ct);
        db.Postings.AddRange(spans.Select(s => new Posting { OfficerId = s.Officer.Id, SiteId = s.SiteId, From = s.From, To = s.To }));
        found.ApprovedBy = userName;
        found.ApprovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Summarize(found, found.Mission!.Code, await IsCurrentPlanAsync(found, ct));
    }

    private static List<(int SiteId, string Site, DateOnly From, DateOnly? To)> Spans(RotationRun run, List<PostingPart> postings, Dictionary<string, int> sites)
    {
        var spans = new List<(int, string, DateOnly, DateOnly?)>();
        var i = 0;
        while (i < postings.Count)
        {
            var j = i;
            while (j + 1 < postings.Count && postings[j + 1].Site == postings[i].Site && postings[j + 1].Period == postings[j].Period + 1)
            {
                j++;
            }
            if (sites.TryGetValue(postings[i].Site, out var siteId))
            {
                var last = j == postings.Count - 1;
                spans.Add((siteId, postings[i].Site, run.PeriodStart(postings[i].Period), last ? null : run.PeriodStart(postings[j].Period + 1).AddDays(-1)));
            }
            i = j + 1;
        }
        return spans;
    }

    /// <summary>The plan file exactly as the planner wrote it (spec/rotation.md).</summary>
    public async Task<Result<string>> PlanJsonAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var json = await Visible(scope).Where(r => r.Id == id).Select(r => new { r.PlanJson }).FirstOrDefaultAsync(ct);
        return json?.PlanJson is { } text ? text : new NotFoundError("No plan for this run in your scope.");
    }

    /// <summary>The problem file the run planned.</summary>
    public async Task<Result<string>> ProblemJsonAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var json = await Visible(scope).Where(r => r.Id == id).Select(r => r.ProblemJson).FirstOrDefaultAsync(ct);
        return json is null ? new NotFoundError("No such run in your scope.") : json;
    }

    /// <summary>
    /// The plan as postings, one row per officer and stay at a site (from, to inclusive), with names; cells that
    /// a spreadsheet would read as a formula are prefixed with an apostrophe. A run without a plan (queued, failed,
    /// INFEASIBLE or UNKNOWN) is not found, as its plan.json is.
    /// </summary>
    public async Task<Result<string>> PostingsCsvAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var review = await ReviewAsync(scope, id, ct);
        if (!review.IsSuccess)
        {
            return review.Error!;
        }
        var r = review.Value!;
        if (r.Officers.Count == 0)
        {
            return new NotFoundError("No plan for this run in your scope.");
        }
        var siteNames = r.Sites.ToDictionary(s => s.Code, s => s.Name);
        var horizonEnd = r.Summary.HorizonStart.AddMonths(r.Summary.Periods * r.Summary.PeriodMonths).AddDays(-1);
        var csv = new StringBuilder("officer,officer_name,nationality,site,site_name,from,to\r\n");
        foreach (var officer in r.Officers)
        {
            var t = 0;
            while (t < officer.Periods.Count)
            {
                var u = t;
                while (u + 1 < officer.Periods.Count && officer.Periods[u + 1].Site == officer.Periods[t].Site)
                {
                    u++;
                }
                var site = officer.Periods[t].Site;
                var to = u + 1 < officer.Periods.Count ? r.PeriodStarts[u + 1].AddDays(-1) : horizonEnd;
                SpreadsheetSafe.AppendCsvRow(csv, [officer.Code, officer.Name, officer.Nationality, site, siteNames.GetValueOrDefault(site, ""),
                    r.PeriodStarts[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                t = u + 1;
            }
        }
        return csv.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bin period (\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex PeriodWords();
}
