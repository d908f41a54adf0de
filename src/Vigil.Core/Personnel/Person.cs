using Vigil.Core.Reference;

namespace Vigil.Core.Personnel;

/// <summary>
/// A member of mission personnel. Personal data: readable only within the caller's mission or
/// country scope, never logged. Names stay searchable (screening needs them); victims' and
/// reporters' identities, which are far more dangerous, live elsewhere and are encrypted.
/// </summary>
public sealed class Person
{
    public int Id { get; set; }

    /// <summary>Stable identifier used by files and rosters (person_id), unique.</summary>
    public required string PersonNumber { get; set; }

    /// <summary>Name as written in the source record, any script, any order.</summary>
    public required string FullName { get; set; }

    public List<string> Aliases { get; set; } = [];

    public PartialDate? DateOfBirth { get; set; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    public required string Nationality { get; set; }

    /// <summary>Passport, national ID, UN index or service numbers.</summary>
    public List<string> IdNumbers { get; set; } = [];

    public PersonnelCategory Category { get; set; }

    public string? Unit { get; set; }

    /// <summary>The mission the person serves in (always set; a contingent implies it too).</summary>
    public int MissionId { get; set; }
    public Mission? Mission { get; set; }

    /// <summary>The deployment, for uniformed personnel in a contingent or unit.</summary>
    public int? ContingentId { get; set; }
    public Contingent? Contingent { get; set; }
}
