using System.Text.Json.Serialization;
using Vigil.Core.Common;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>The kinds of official a conduct officer evaluates at a site.</summary>
public enum OfficialRole
{
    [JsonStringEnumMemberName("commander")]
    Commander,
    [JsonStringEnumMemberName("head-of-office")]
    HeadOfOffice,
}

public static class OfficialRoles
{
    public static string Token(this OfficialRole role) => role switch
    {
        OfficialRole.Commander => "commander",
        OfficialRole.HeadOfOffice => "head-of-office",
    };

    public static bool TryParse(string? token, out OfficialRole role) => EnumTokens.TryParse(token, Token, out role);

    public static string AllTokens => EnumTokens.All<OfficialRole>(Token);

    /// <summary>
    /// The roles for a refusal: the tokens in English (the API's text, <see cref="AllTokens"/>), and on a page the labels its
    /// form shows (<c>official-role:Commander</c>: "Commandant, Chef de bureau" in French), not tokens the person never saw.
    /// </summary>
    public static Words AllLabels => Words.Join(", ", Enum.GetValues<OfficialRole>()
        .Select(r => Words.FromFormat("{0}", [new Term($"official-role:{r}", r.Token())])));
}

/// <summary>How an evaluation rates the official's handling of conduct and discipline.</summary>
public enum EvaluationRating
{
    [JsonStringEnumMemberName("satisfactory")]
    Satisfactory,
    [JsonStringEnumMemberName("needs-improvement")]
    NeedsImprovement,
    [JsonStringEnumMemberName("unsatisfactory")]
    Unsatisfactory,
}

public static class EvaluationRatings
{
    /// <summary>The rating's API token (as JSON writes it).</summary>
    public static string Token(this EvaluationRating rating) => rating switch
    {
        EvaluationRating.Satisfactory => "satisfactory",
        EvaluationRating.NeedsImprovement => "needs-improvement",
        EvaluationRating.Unsatisfactory => "unsatisfactory",
    };

    /// <summary>
    /// The rating in a refusal: its token in the API's English, on a page the label its form shows (<c>rating:NeedsImprovement</c>:
    /// "needs improvement", "à améliorer"), not a token the person never saw.
    /// </summary>
    public static Term Term(this EvaluationRating rating) => new($"rating:{rating}", rating.Token());
}

/// <summary>A commander or head of office at a site, evaluated each period by a conduct officer posted there.</summary>
public sealed class Official
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }
    public required string FullName { get; set; }

    /// <summary>E.g. "Battalion commander, RWABATT 1" or "Head of field office".</summary>
    public required string Title { get; set; }

    public OfficialRole Role { get; set; }

    /// <summary>ISO 3166-1 alpha-3; the evaluator must not share it.</summary>
    public required string Nationality { get; set; }

    public required DateOnly From { get; set; }

    /// <summary>Inclusive end of the appointment; null while in post.</summary>
    public DateOnly? To { get; set; }

    public List<OfficialEvaluation> Evaluations { get; set; } = [];
}

/// <summary>
/// One period's evaluation of an official: a checklist of risk indicators, findings and recommendations
/// (sealed at rest), and a rating.
/// </summary>
public sealed class OfficialEvaluation
{
    public int Id { get; set; }
    public int OfficialId { get; set; }
    public Official? Official { get; set; }
    public int EvaluatorId { get; set; }
    public ConductOfficer? Evaluator { get; set; }

    /// <summary>First day of the evaluated period.</summary>
    public DateOnly PeriodStart { get; set; }

    public bool OffLimitsEnforced { get; set; }
    public bool CurfewEnforced { get; set; }

    /// <summary>Share of the personnel who completed SEA awareness training, 0–100.</summary>
    public int TrainingCoveragePercent { get; set; }

    public bool WelfareAdequate { get; set; }

    /// <summary>Community complaints received about the unit or office during the period.</summary>
    public int CommunityComplaints { get; set; }

    public required byte[] FindingsSealed { get; set; }
    public required byte[] RecommendationsSealed { get; set; }
    public EvaluationRating Rating { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
