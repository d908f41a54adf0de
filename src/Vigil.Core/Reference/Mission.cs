namespace Vigil.Core.Reference;

/// <summary>A peacekeeping operation or special political mission, such as MINUSCA.</summary>
public sealed class Mission
{
    public int Id { get; set; }

    /// <summary>The mission's public acronym, upper case, unique (MINUSCA, MONUSCO, UNMISS…).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code of the host country.</summary>
    public required string HostCountry { get; set; }

    public required DateOnly StartDate { get; set; }

    /// <summary>Null while the mission is active.</summary>
    public DateOnly? EndDate { get; set; }

    public List<Site> Sites { get; set; } = [];

    public bool IsActiveOn(DateOnly day) => StartDate <= day && (EndDate is null || day <= EndDate);
}
