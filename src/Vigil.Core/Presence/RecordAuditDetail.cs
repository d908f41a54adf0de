using System.Globalization;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// The detail of the audit entry, by code, that records a reference record added, whether in the application
/// (<see cref="RecordAdditions"/>) or by <c>vigil import</c> (<see cref="Import.ReferenceImporter"/>): the fields the rules
/// read, with their values, never a person's name (docs/audit.md). Each starts with what was done ("opened", "imported").
/// </summary>
public static class RecordAuditDetail
{
    public static string Mission(string done, Mission mission) =>
        string.Create(CultureInfo.InvariantCulture, $"{done}: host country {mission.HostCountry}; start {mission.StartDate:yyyy-MM-dd}")
        + (mission.EndDate is { } end ? string.Create(CultureInfo.InvariantCulture, $"; end {end:yyyy-MM-dd}") : "");

    public static string Site(string done, string mission, Site site) =>
        $"{done}: mission {mission}; kind {site.Kind.Token()}; languages {string.Join(",", site.Languages)}";

    /// <param name="done">What was done.</param>
    /// <param name="mission">The officer's mission's code.</param>
    /// <param name="officer">The officer (their name is not said).</param>
    /// <param name="postedAt">The site of the posting the addition opened, if any.</param>
    /// <param name="postedSince">That posting's first day.</param>
    public static string Officer(string done, string mission, ConductOfficer officer, string? postedAt, DateOnly? postedSince) =>
        $"{done}: mission {mission}; nationality {officer.Nationality}; grade {officer.Grade}; languages {string.Join(",", officer.Languages)}"
        + (postedAt is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; posted at {postedAt} from {postedSince:yyyy-MM-dd}"));

    public static string Contingent(string done, string site, Contingent contingent) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{done}: site {site}; country {contingent.ContributingCountry}; category {contingent.Category.Token()}; unit {contingent.UnitName}; strength {contingent.Strength}; from {contingent.From:yyyy-MM-dd}")
        + (contingent.To is { } to ? string.Create(CultureInfo.InvariantCulture, $"; last day {to:yyyy-MM-dd}") : "");

    /// <summary>An official (commander, head of office): their role and nationality, not their name or title.</summary>
    public static string Official(string done, string site, Official official) =>
        string.Create(CultureInfo.InvariantCulture, $"{done}: site {site}; role {official.Role.Token()}; nationality {official.Nationality}; from {official.From:yyyy-MM-dd}")
        + (official.To is { } to ? string.Create(CultureInfo.InvariantCulture, $"; to {to:yyyy-MM-dd}") : "");
}
