using System.Linq.Expressions;

namespace Vigil.Core.Intake;

/// <summary>Intake policy, configurable under "Intake" in settings.</summary>
public sealed class IntakeOptions
{
    /// <summary>A report of possible abuse of a child must be triaged within this time (mission practice: 24 hours).</summary>
    public TimeSpan ChildTriageLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Any other report must be triaged within this time (7 days).</summary>
    public TimeSpan TriageLimit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The triage limit of a report: the child limit unless the report says no child was involved ("I don't know" may be one).</summary>
    public TimeSpan LimitFor(bool? childInvolved) => childInvolved != false ? ChildTriageLimit : TriageLimit;

    /// <summary>Reports still untriaged past their limit at <paramref name="now"/>, as a query filter: the inbox's "overdue" and the escalation.</summary>
    public Expression<Func<Report, bool>> Overdue(DateTimeOffset now)
    {
        var childCutoff = now - ChildTriageLimit;
        var cutoff = now - TriageLimit;
        return r => r.Status == ReportStatus.Received && (r.ChildInvolved != false ? r.ReceivedAt < childCutoff : r.ReceivedAt < cutoff);
    }

    public const int MaxNarrative = 20_000;
    public const int MaxMessage = 5_000;
    public const int MaxContact = 500;
    public const int MaxLocation = 1_000;
}
