namespace Vigil.Core.Reference;

/// <summary>
/// A deployment: a unit from one contributing country (or a group of individually deployed
/// personnel of one category) at one site for a period.
/// </summary>
public sealed class Contingent
{
    public int Id { get; set; }

    /// <summary>Stable identifier used by files, e.g. MINUSCA-BGI-RWA-INF-1. Unique.</summary>
    public required string Code { get; set; }

    public int SiteId { get; set; }
    public Site? Site { get; set; }

    /// <summary>ISO 3166-1 alpha-3 of the troop- or police-contributing country.</summary>
    public required string ContributingCountry { get; set; }

    public PersonnelCategory Category { get; set; }

    /// <summary>Unit designation, e.g. "RWABATT 2" or "Engineering company".</summary>
    public required string UnitName { get; set; }

    /// <summary>Authorised strength, at least 1.</summary>
    public int Strength { get; set; }

    public required DateOnly From { get; set; }

    /// <summary>Inclusive end of the deployment; null while deployed.</summary>
    public DateOnly? To { get; set; }

    public bool IsDeployedOn(DateOnly day) => From <= day && (To is null || day <= To);
}
