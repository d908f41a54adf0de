namespace Vigil.Core.Reference;

/// <summary>A mission with the numbers a reader wants first. Counts cover only what the caller may see.</summary>
public sealed record MissionSummary(
    string Code, string Name, string HostCountry, DateOnly StartDate, DateOnly? EndDate,
    int Sites, int SitesWithoutOfficer, int Contingents, int DeployedStrength);

public sealed record ContingentRow(
    string Code, string Country, PersonnelCategory Category, string Unit, int Strength, DateOnly From, DateOnly? To);

/// <summary>An officer currently posted at a site; <paramref name="OnLeave"/>: on recorded leave today (covering nothing).</summary>
public sealed record PostedOfficer(string Code, string Name, string Grade, string Nationality, DateOnly Since, bool OnLeave = false);

public sealed record SiteRow(
    string Code, string MissionCode, string Name, SiteKind Kind, double Latitude, double Longitude,
    IReadOnlyList<string> Languages, IReadOnlyList<ContingentRow> Contingents, IReadOnlyList<PostedOfficer> Officers)
{
    /// <summary>False when no conduct officer is posted here today, or all of them are on leave: an alert.</summary>
    public bool HasOfficer => Officers.Any(o => !o.OnLeave);
}

public sealed record MissionDetail(MissionSummary Summary, IReadOnlyList<SiteRow> Sites);
