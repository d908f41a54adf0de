namespace Vigil.Core.Cases;

/// <summary>
/// Deadline arithmetic on calendar dates. Working days are Monday to Friday, less the listed
/// holidays; adding n working days to a date counts the days after it.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day, IReadOnlySet<DateOnly>? holidays = null) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && holidays?.Contains(day) != true;

    public static DateOnly Add(DateOnly start, int workingDays, IReadOnlySet<DateOnly>? holidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        var left = workingDays;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, holidays))
            {
                left--;
            }
        }
        return day;
    }

    /// <summary>Working days from <paramref name="from"/> (exclusive) to <paramref name="to"/> (inclusive); negative when <paramref name="to"/> is earlier.</summary>
    public static int Between(DateOnly from, DateOnly to, IReadOnlySet<DateOnly>? holidays = null)
    {
        if (to < from)
        {
            return -Between(to, from, holidays);
        }
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day, holidays))
            {
                count++;
            }
        }
        return count;
    }
}

/// <summary>The clocks of DOMAIN.md, configurable under "Deadlines".</summary>
public sealed class DeadlinePolicy
{
    /// <summary>A country answers the NIO request within this many working days (model MOU practice).</summary>
    public int NioAnswerWorkingDays { get; set; } = 10;

    /// <summary>SEA investigations are concluded within this many days (urgent: 90).</summary>
    public int SeaInvestigationDays { get; set; } = 90;

    /// <summary>Other investigations are concluded within this many months (6).</summary>
    public int OtherInvestigationMonths { get; set; } = 6;

    /// <summary>A reminder goes to the owner this many days before a deadline.</summary>
    public int ReminderDaysBefore { get; set; } = 3;

    /// <summary>Public holidays that do not count as working days.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public DateOnly NioAnswerDue(DateOnly requested) => WorkingDays.Add(requested, NioAnswerWorkingDays, Holidays.ToHashSet());

    public DateOnly InvestigationDue(DateOnly started, bool sexualExploitationOrAbuse) =>
        sexualExploitationOrAbuse ? started.AddDays(SeaInvestigationDays) : started.AddMonths(OtherInvestigationMonths);
}
