using Vigil.Core.Common;

namespace Vigil.Core.Cases;

/// <summary>
/// The dates people type on a case or report: not in the future (nothing is issued, taken, sent or referred tomorrow),
/// and not before the first peacekeeping mission (UNTSO, 29 May 1948), so a slip such as 0001-01-01 or 1850 is refused
/// instead of creating a deadline overdue since the year 1 or a finding dated before its case existed.
/// </summary>
public static class RecordDates
{
    public static readonly DateOnly Earliest = new(1948, 5, 29);

    /// <summary>On a case: nor before the earliest incident it alleges (a note verbale of 1999 on a 2026 case was taken).</summary>
    public static ValidationError? Check(DateOnly date, DateOnly today, string field, Case @case)
    {
        var incident = @case.Allegations.Where(a => a.IncidentDate is not null).Select(a => (DateOnly?)a.IncidentDate!.Value.Earliest).Min();
        return Check(date, today, field) ?? (date < incident
            ? ValidationError.For(field, $"{date:yyyy-MM-dd} is before the incident this case is about ({incident:yyyy-MM-dd} at the earliest).")
            : null);
    }

    public static ValidationError? Check(DateOnly date, DateOnly today, string field) =>
        date > today ? ValidationError.For(field, $"{date:yyyy-MM-dd} is in the future.")
        : date < Earliest ? ValidationError.For(field, $"{date:yyyy-MM-dd} is before the first peacekeeping mission (1948): check the year.")
        : null;
}
