namespace Vigil.Core.Intake;

/// <summary>Intake policy, configurable under "Intake" in settings.</summary>
public sealed class IntakeOptions
{
    /// <summary>A report of possible abuse of a child must be triaged within this time (mission practice: 24 hours).</summary>
    public TimeSpan ChildTriageLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Any other report must be triaged within this time (7 days).</summary>
    public TimeSpan TriageLimit { get; set; } = TimeSpan.FromDays(7);

    public const int MaxNarrative = 20_000;
    public const int MaxMessage = 5_000;
    public const int MaxContact = 500;
    public const int MaxLocation = 1_000;
}
