using Microsoft.Extensions.Options;
using Vigil.Core.Cases;
using Vigil.Core.Intake;

namespace Vigil.Core.Retention;

/// <summary>
/// How long personal data is kept, per record type and outcome (configuration section "Retention").
/// A missing entry means "keep": nothing is deleted unless a period is configured for it. Counts and
/// the structure of records (dates, categories, outcomes) stay for statistics; what goes is the
/// personal content: narratives, contacts, messages, victim identities, assistance notes, evidence files.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Run on a schedule inside <c>vigil serve</c> (off by default; <c>vigil retention run</c> works regardless).</summary>
    public bool Enabled { get; set; }

    /// <summary>Hours between scheduled runs.</summary>
    public int IntervalHours { get; set; } = 24;

    /// <summary>Reports closed at triage without a case, by close reason (<see cref="CloseReason"/> name) → years after closing.</summary>
    public Dictionary<string, int> ClosedReportsYears { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(CloseReason.NotMisconduct)] = 2,
        [nameof(CloseReason.NotUnPersonnel)] = 2,
    };

    /// <summary>Messages of anonymous (public portal) reports: days after the last message of the conversation.</summary>
    public int? AnonymousMessagesDays { get; set; } = 365;

    /// <summary>Closed cases, by closure reason (<see cref="ClosureReason"/> name) → years after closing.</summary>
    public Dictionary<string, int> ClosedCasesYears { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ClosureReason.Duplicate)] = 2,
        [nameof(ClosureReason.NotMisconduct)] = 5,
        [nameof(ClosureReason.NotUnPersonnel)] = 5,
        [nameof(ClosureReason.NotCredible)] = 5,
    };

    /// <summary>Evidence files of closed cases, any outcome: years after closing (the register entry and its SHA-256 stay).</summary>
    public int? EvidenceFilesYears { get; set; } = 10;

    /// <summary>Every fault in the settings, each naming its configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IntervalHours < 1)
        {
            errors.Add($"{Section}:{nameof(IntervalHours)} must be at least 1 (got {IntervalHours}).");
        }
        Periods<CloseReason>(nameof(ClosedReportsYears), ClosedReportsYears, errors);
        Periods<ClosureReason>(nameof(ClosedCasesYears), ClosedCasesYears, errors);
        if (AnonymousMessagesDays is < 1)
        {
            errors.Add($"{Section}:{nameof(AnonymousMessagesDays)} must be a positive number of days (got {AnonymousMessagesDays}).");
        }
        if (EvidenceFilesYears is < 1)
        {
            errors.Add($"{Section}:{nameof(EvidenceFilesYears)} must be a positive number of years (got {EvidenceFilesYears}).");
        }
        return errors;
    }

    private static void Periods<TReason>(string name, Dictionary<string, int> periods, List<string> errors)
        where TReason : struct, Enum
    {
        foreach (var (key, years) in periods)
        {
            if (!Enum.TryParse<TReason>(key, ignoreCase: true, out _) || int.TryParse(key, out _))
            {
                errors.Add($"{Section}:{name}:{key} is not a {typeof(TReason).Name} (one of: {string.Join(", ", Enum.GetNames<TReason>())}).");
            }
            else if (years < 1)
            {
                errors.Add($"{Section}:{name}:{key} must be a positive number of years (got {years}).");
            }
        }
    }

    internal TimeSpan? CaseRetention(ClosureReason reason) => Years(ClosedCasesYears, reason.ToString());

    internal TimeSpan? ReportRetention(CloseReason reason) => Years(ClosedReportsYears, reason.ToString());

    private static TimeSpan? Years(Dictionary<string, int> periods, string reason) =>
        periods.FirstOrDefault(p => string.Equals(p.Key, reason, StringComparison.OrdinalIgnoreCase)) is { Key: not null } p ? TimeSpan.FromDays(365.25 * p.Value) : null;
}

/// <summary>Checks <see cref="RetentionOptions"/> at start: a bad period stops the host with a message naming the key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
