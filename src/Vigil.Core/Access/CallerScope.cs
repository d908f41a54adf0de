using System.Security.Claims;

namespace Vigil.Core.Access;

/// <summary>
/// What the signed-in caller may see, read from their claims once per request and applied inside
/// every query (<c>Where(x => scope.Allows…)</c>), so that a record outside it is simply not found.
/// </summary>
public sealed class CallerScope
{
    public const string ScopeClaim = "vigil:scope";

    public static CallerScope Nobody { get; } = new(new HashSet<string>(), false, new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    public CallerScope(IReadOnlySet<string> roles, bool global, IReadOnlySet<string> missions,
        IReadOnlySet<string> countries, IReadOnlySet<string> assignments)
    {
        Roles = roles;
        Global = global;
        Missions = missions;
        Countries = countries;
        Assignments = assignments;
    }

    public IReadOnlySet<string> Roles { get; }
    public bool Global { get; }

    /// <summary>Mission codes (upper case).</summary>
    public IReadOnlySet<string> Missions { get; }

    /// <summary>Country codes (ISO alpha-3).</summary>
    public IReadOnlySet<string> Countries { get; }

    /// <summary>Case references.</summary>
    public IReadOnlySet<string> Assignments { get; }

    /// <summary>Missions added for a while by an approved break-glass scope override (also in <see cref="Missions"/>).</summary>
    public IReadOnlySet<string> OverrideMissions { get; private init; } = new HashSet<string>();

    /// <summary>Case references visible for a while by an approved break-glass scope override, whatever the role.</summary>
    public IReadOnlySet<string> OverrideCases { get; private init; } = new HashSet<string>();

    /// <summary>Case references on which an approved break-glass request shows this caller the victims' identities.</summary>
    public IReadOnlySet<string> UnmaskedCases { get; private init; } = new HashSet<string>();

    /// <summary>Missions the caller holds by their own scope grants, without break-glass overrides (approvers decide only there).</summary>
    public IEnumerable<string> OwnMissions => Missions.Except(OverrideMissions);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>
    /// This scope plus the caller's active break-glass grants (approved, not expired, not ended), read
    /// once per request. Nothing here lasts beyond the request: expiry takes effect on the next one.
    /// </summary>
    public CallerScope WithBreakGlass(IEnumerable<string> overrideMissions, IEnumerable<string> overrideCases, IEnumerable<string> unmaskedCases)
    {
        var added = overrideMissions.Where(m => !Missions.Contains(m)).ToHashSet(StringComparer.Ordinal);
        var cases = overrideCases.ToHashSet(StringComparer.Ordinal);
        var unmasked = unmaskedCases.ToHashSet(StringComparer.Ordinal);
        if (added.Count + cases.Count + unmasked.Count == 0)
        {
            return this;
        }
        return new CallerScope(Roles, Global, Missions.Union(added).ToHashSet(StringComparer.Ordinal), Countries, Assignments)
        {
            OverrideMissions = added,
            OverrideCases = cases,
            UnmaskedCases = unmasked,
        };
    }

    public bool CanReadPersonnel => Roles.Overlaps(Access.Roles.PersonnelReaders);

    /// <summary>The claim value for one scope grant, e.g. "mission:MINUSCA".</summary>
    public static string ClaimValue(ScopeKind kind, string value) => $"{kind.ToString().ToLowerInvariant()}:{value}";

    public static CallerScope From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Nobody;
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var global = false;
        var missions = new HashSet<string>(StringComparer.Ordinal);
        var countries = new HashSet<string>(StringComparer.Ordinal);
        var assignments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in principal.FindAll(ScopeClaim))
        {
            var separator = claim.Value.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }
            var value = claim.Value[(separator + 1)..];
            switch (claim.Value[..separator])
            {
                case "global": global = true; break;
                case "mission": missions.Add(value); break;
                case "country": countries.Add(value); break;
                case "assignment": assignments.Add(value); break;
                default: break; // an unknown kind grants nothing
            }
        }
        return new CallerScope(roles, global, missions, countries, assignments);
    }
}
