using Vigil.Core.Access;

namespace Vigil.Core.Presence;

/// <summary>Settings under <c>Presence:*</c>.</summary>
public sealed class PresenceOptions
{
    /// <summary>Months in an evaluation period (default 3: quarters starting in January, April, July, October).</summary>
    public int EvaluationPeriodMonths { get; set; } = 3;

    /// <summary>Days after a period's end before its missing evaluations are overdue (default 14).</summary>
    public int EvaluationGraceDays { get; set; } = 14;

    /// <summary>Tenure shown against in the coverage view and used as the planner's default limit (months).</summary>
    public int MaxTenureMonths { get; set; } = 6;

    /// <summary>The planner's default wait before an officer returns to a site left (months; default 12).</summary>
    public int MinMonthsBeforeReturn { get; set; } = 12;

    /// <summary>Seconds a planning run from the app may search (default 15).</summary>
    public int PlanningTimeLimitSeconds { get; set; } = 15;

    /// <summary>
    /// Objective units each posting costs for differing from the postings on record (an approved plan's, or each officer
    /// where they are now; default 300, a bit more than a move): a re-plan after a change moves few officers besides those
    /// the change concerns, and a first plan moves officers when their tenure ends rather than all at once. It steers the search only; the plan's objective and breakdown stay the spec's. 0 turns it off.
    /// </summary>
    public int ReplanStabilityWeight { get; set; } = 300;

    /// <summary>CP-SAT workers per run (default 2: the host serves pages while it plans).</summary>
    public int PlanningThreads { get; set; } = 2;
}

/// <summary>Who does what in presence and rotation.</summary>
public static class PresenceRoles
{
    /// <summary>Build, run and approve rotation plans, in their missions (a global conduct chief: every mission).</summary>
    public static IReadOnlySet<string> Planners { get; } = new HashSet<string>(StringComparer.Ordinal) { Roles.ConductChief };

    /// <summary>See plans and officials, and record evaluations, in their missions.</summary>
    public static IReadOnlySet<string> ConductTeam { get; } = new HashSet<string>(StringComparer.Ordinal) { Roles.ConductOfficer, Roles.ConductChief };

    /// <summary>Roles that see coverage in aggregate only (no officer names).</summary>
    public static bool AggregatesOnly(CallerScope scope) => !scope.Roles.Any(r => r is not (Roles.Analyst or Roles.Auditor));
}

/// <summary>Evaluation periods: calendar-aligned blocks of <see cref="PresenceOptions.EvaluationPeriodMonths"/> months.</summary>
public static class EvaluationPeriods
{
    /// <summary>The first day of the period that contains <paramref name="day"/>.</summary>
    public static DateOnly StartOf(DateOnly day, int months)
    {
        var index = (day.Year * 12) + day.Month - 1;
        index -= index % Math.Max(1, months);
        return new DateOnly(index / 12, (index % 12) + 1, 1);
    }

    /// <summary>The last day (inclusive) of the period that starts on <paramref name="start"/>.</summary>
    public static DateOnly EndOf(DateOnly start, int months) => start.AddMonths(Math.Max(1, months)).AddDays(-1);

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (0 when not after).</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
        return Math.Max(0, months);
    }
}

/// <summary>
/// The rules a new planning run uses for the fields left empty. Tenure and the return bar are kept in months
/// (<see cref="PresenceOptions.MaxTenureMonths"/>, <see cref="PresenceOptions.MinMonthsBeforeReturn"/>) and converted the
/// same way to whole periods of the chosen length, each rounded toward the safe side: tenure down (never longer than
/// the months allowed, at least 1 period), the return bar up (never shorter than the months required). With monthly
/// periods: 6 and 12; quarterly: 2 and 4; yearly: 1 and 1.
/// </summary>
/// <param name="PeriodMonths">The period length these defaults are for (1–12).</param>
/// <param name="MaxConsecutivePeriods">Default tenure, in periods.</param>
/// <param name="MinPeriodsBeforeReturn">Default periods before a return, in periods.</param>
/// <param name="MaxTenureMonths">The tenure in months it comes from.</param>
/// <param name="MinMonthsBeforeReturn">The return bar in months it comes from.</param>
public sealed record RotationDefaults(int PeriodMonths, int MaxConsecutivePeriods, int MinPeriodsBeforeReturn, int MaxTenureMonths, int MinMonthsBeforeReturn)
{
    /// <summary>The defaults for periods of <paramref name="periodMonths"/> months (outside 1–12: for 1 month).</summary>
    public static RotationDefaults For(int? periodMonths, PresenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var months = periodMonths is >= 1 and <= 12 ? periodMonths.Value : 1;
        return new RotationDefaults(months,
            Math.Max(1, options.MaxTenureMonths / months),
            Math.Max(0, (options.MinMonthsBeforeReturn + months - 1) / months),
            options.MaxTenureMonths, options.MinMonthsBeforeReturn);
    }
}
