using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// A Conduct and Discipline officer. Posted at one site at a time; postings rotate so that no one
/// grows too close to the troops they watch, and never at a site where their own country has troops.
/// </summary>
public sealed class ConductOfficer
{
    public int Id { get; set; }

    /// <summary>Stable identifier used by files and the rotation planner, e.g. CDO-0042. Unique.</summary>
    public required string Code { get; set; }

    public required string FullName { get; set; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    public required string Nationality { get; set; }

    /// <summary>UN grade, e.g. P-3, P-4, NO-B, FS-5.</summary>
    public required string Grade { get; set; }

    /// <summary>ISO 639 codes of the languages the officer works in.</summary>
    public List<string> Languages { get; set; } = [];

    public int MissionId { get; set; }
    public Mission? Mission { get; set; }

    /// <summary>Postings, current and past. The current one has no end date.</summary>
    public List<Posting> Postings { get; set; } = [];

    /// <summary>
    /// The officer's last day in the mission, once known (end of assignment, transfer, separation): no posting goes past
    /// it, and planning treats the officer as away in every period half or more past it (<see cref="MissionChanges"/>).
    /// </summary>
    public DateOnly? LeftOn { get; set; }
}

/// <summary>One officer at one site for a span of days (end inclusive; null while current).</summary>
public sealed class Posting
{
    public int Id { get; set; }
    public int OfficerId { get; set; }
    public ConductOfficer? Officer { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }
    public required DateOnly From { get; set; }
    public DateOnly? To { get; set; }

    public bool IsCurrentOn(DateOnly day) => From <= day && (To is null || day <= To);
}
