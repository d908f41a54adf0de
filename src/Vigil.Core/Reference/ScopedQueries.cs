using Vigil.Core.Access;
using Vigil.Core.Personnel;

namespace Vigil.Core.Reference;

/// <summary>
/// Scope filters applied inside queries. Missions and sites are visible to any staff member whose
/// scope covers the mission; a country-scoped liaison sees the missions and sites where their
/// country has troops or police, and personnel of their nationality.
/// </summary>
public static class ScopedQueries
{
    public static IQueryable<Mission> VisibleTo(this IQueryable<Mission> missions, CallerScope scope)
    {
        if (scope.Roles.Count == 0)
        {
            return missions.Where(_ => false);
        }
        if (scope.Global)
        {
            return missions;
        }
        var codes = scope.Missions.ToList();
        var countries = scope.Countries.ToList();
        return missions.Where(m => codes.Contains(m.Code)
            || m.Sites.Any(s => s.Contingents.Any(c => countries.Contains(c.ContributingCountry))));
    }

    /// <summary>Missions the caller works in by mission or global scope (not a liaison's country view).</summary>
    public static IQueryable<Mission> VisibleToMissionScope(this IQueryable<Mission> missions, CallerScope scope)
    {
        if (scope.Global)
        {
            return missions;
        }
        var codes = scope.Missions.ToList();
        return missions.Where(m => codes.Contains(m.Code));
    }

    /// <summary>Sites of the missions the caller works in by mission or global scope (not a liaison's country view).</summary>
    public static IQueryable<Site> VisibleToMissionScope(this IQueryable<Site> sites, CallerScope scope)
    {
        if (scope.Global)
        {
            return sites;
        }
        var codes = scope.Missions.ToList();
        return sites.Where(s => codes.Contains(s.Mission!.Code));
    }

    /// <summary>Conduct officers of the missions the caller works in by mission or global scope.</summary>
    public static IQueryable<Presence.ConductOfficer> VisibleToMissionScope(this IQueryable<Presence.ConductOfficer> officers, CallerScope scope)
    {
        if (scope.Global)
        {
            return officers;
        }
        var codes = scope.Missions.ToList();
        return officers.Where(o => codes.Contains(o.Mission!.Code));
    }

    public static IQueryable<Site> VisibleTo(this IQueryable<Site> sites, CallerScope scope)
    {
        if (scope.Roles.Count == 0)
        {
            return sites.Where(_ => false);
        }
        if (scope.Global)
        {
            return sites;
        }
        var codes = scope.Missions.ToList();
        var countries = scope.Countries.ToList();
        return sites.Where(s => codes.Contains(s.Mission!.Code)
            || s.Contingents.Any(c => countries.Contains(c.ContributingCountry)));
    }

    public static IQueryable<Person> VisibleTo(this IQueryable<Person> people, CallerScope scope)
    {
        if (!scope.CanReadPersonnel)
        {
            return people.Where(_ => false);
        }
        if (scope.Global)
        {
            return people;
        }
        var codes = scope.Missions.ToList();
        var countries = scope.Countries.ToList();
        return people.Where(p => codes.Contains(p.Mission!.Code) || countries.Contains(p.Nationality));
    }
}
