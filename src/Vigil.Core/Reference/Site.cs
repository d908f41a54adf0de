using System.Text.Json.Serialization;
using Vigil.Core.Common;

namespace Vigil.Core.Reference;

/// <summary>Kinds of site; the JSON names match the file tokens.</summary>
public enum SiteKind
{
    [JsonStringEnumMemberName("mission-hq")]
    MissionHeadquarters,
    [JsonStringEnumMemberName("sector-hq")]
    SectorHeadquarters,
    [JsonStringEnumMemberName("team-site")]
    TeamSite,
    [JsonStringEnumMemberName("cob")]
    CompanyOperatingBase,
    [JsonStringEnumMemberName("tob")]
    TemporaryOperatingBase,
}

public static class SiteKinds
{
    public static string Token(this SiteKind kind) => kind switch
    {
        SiteKind.MissionHeadquarters => "mission-hq",
        SiteKind.SectorHeadquarters => "sector-hq",
        SiteKind.TeamSite => "team-site",
        SiteKind.CompanyOperatingBase => "cob",
        SiteKind.TemporaryOperatingBase => "tob",
    };

    public static bool TryParse(string? token, out SiteKind kind) => EnumTokens.TryParse(token, Token, out kind);

    public static string AllTokens => EnumTokens.All<SiteKind>(Token);

    /// <summary>The kinds for a refusal: the tokens in the API's English, on a page the labels its form shows (see <c>OfficialRoles.AllLabels</c>).</summary>
    public static Words AllLabels => Words.Join(", ", Enum.GetValues<SiteKind>().Select(k => Words.FromFormat("{0}", [new Term(k.Token(), k.Token())])));
}

/// <summary>A place where a mission has personnel: its headquarters, a sector HQ, a team site or a base.</summary>
public sealed class Site
{
    public int Id { get; set; }

    /// <summary>Stable identifier used by files and the rotation planner, e.g. MINUSCA-BGI. Unique.</summary>
    public required string Code { get; set; }

    public int MissionId { get; set; }
    public Mission? Mission { get; set; }

    public required string Name { get; set; }
    public SiteKind Kind { get; set; }

    /// <summary>WGS 84 degrees, −90…90.</summary>
    public double Latitude { get; set; }

    /// <summary>WGS 84 degrees, −180…180.</summary>
    public double Longitude { get; set; }

    /// <summary>ISO 639 codes of the languages spoken by the community around the site.</summary>
    public List<string> Languages { get; set; } = [];

    public List<Contingent> Contingents { get; set; } = [];

    /// <summary>
    /// The site's last day open, once a closure is decided: no posting goes past it, the coverage view drops it after
    /// that day, and planning leaves it out of any horizon it does not stay open through (Presence.MissionChanges).
    /// </summary>
    public DateOnly? ClosedOn { get; set; }
}
