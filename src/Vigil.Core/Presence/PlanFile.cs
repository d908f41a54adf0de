using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Presence;

/// <summary>The spec's problem file, written from the database (camelCase, nulls left out but a new officer's currentSite).</summary>
public sealed record ProblemFile(ProblemFile.HorizonPart Horizon, ProblemFile.RulesPart Rules, IReadOnlyList<ProblemFile.SitePart> Sites,
    IReadOnlyList<ProblemFile.OfficerPart> Officers, IReadOnlyList<PostingPart> Pinned)
{
    public sealed record HorizonPart(string Start, int Periods, int PeriodMonths);
    public sealed record RulesPart(int MaxConsecutivePeriods, int MinPeriodsBeforeReturn, bool CrossMissionMoves, WeightsPart Weights);
    public sealed record SitePart(string Id, string Mission, string Name, double Lat, double Lon, int RequiredOfficers,
        IReadOnlyList<string> Languages, IReadOnlyList<string> ContingentNationalities);
    // currentSite is written even when null: the spec says null for a new officer (other nulls are left out).
    public sealed record OfficerPart(string Id, string Mission, string Nationality, IReadOnlyList<string> Languages,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CurrentSite,
        int PeriodsAtCurrentSite, IReadOnlyList<RecentPart> RecentSites, IReadOnlyList<int> UnavailablePeriods);
    public sealed record RecentPart(string Site, int PeriodsSinceLeft);
}

/// <summary>Objective weights, as in the spec (all non-negative).</summary>
public sealed record WeightsPart(long Uncovered, long LanguageGap, long Move, long TravelKm)
{
    /// <summary>The spec's example weights: coverage first, then language, then few and short moves.</summary>
    public static WeightsPart Default { get; } = new(100_000, 500, 200, 1);
}

public sealed record PostingPart(string Officer, int Period, string Site);

/// <summary>The spec's plan file, as read back for review (warnings are the planner's extension).</summary>
public sealed record PlanFile(string Status, long? Objective, long? Bound, WeightsPart? Breakdown, IReadOnlyList<PostingPart> Postings,
    IReadOnlyList<PlanFile.UncoveredPart> Uncovered, IReadOnlyList<string> Infeasible, IReadOnlyList<string>? Warnings, double SolveSeconds)
{
    public sealed record UncoveredPart(string Site, int Period, int Missing);
}

public static class PlanFiles
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Write(ProblemFile problem) => JsonSerializer.Serialize(problem, Options);

    public static ProblemFile ReadProblem(string json) => JsonSerializer.Deserialize<ProblemFile>(json, Options)
        ?? throw new InvalidOperationException("Empty problem file.");

    public static PlanFile ReadPlan(string json) => JsonSerializer.Deserialize<PlanFile>(json, Options)
        ?? throw new InvalidOperationException("Empty plan file.");
}
