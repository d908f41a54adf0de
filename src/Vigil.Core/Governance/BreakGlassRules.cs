using Vigil.Core.Access;
using Vigil.Core.Common;

namespace Vigil.Core.Governance;

/// <summary>
/// Who may ask for what, and who approves (docs/break-glass.md has the matrix). Pure predicates,
/// tested on their own; the mission scope is checked by the queries that use them.
/// </summary>
public static class BreakGlassRules
{
    /// <summary>A conduct chief or a legal officer whose own scope covers the mission, never the requester.</summary>
    public static IReadOnlySet<string> ApproverRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { Roles.ConductChief, Roles.LegalOfficer };

    private static readonly HashSet<string> Unmaskers = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer, Roles.Investigator, Roles.VictimsAdvocate];
    private static readonly HashSet<string> Exporters = [Roles.ConductOfficer, Roles.ConductChief, Roles.ScreeningOfficer];
    private static readonly HashSet<string> CaseOverriders = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer, Roles.Investigator, Roles.VictimsAdvocate];
    private static readonly HashSet<string> MissionOverriders = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer];

    /// <summary>
    /// The roles that may ask. Absent on purpose: the member-state liaison (never a victim's identity,
    /// never beyond their nationals), and the analyst, auditor and administrator, who never read case content.
    /// </summary>
    public static IReadOnlySet<string> RequesterRoles(BreakGlassKind kind) => kind switch
    {
        BreakGlassKind.UnmaskVictim => Unmaskers,
        BreakGlassKind.PersonnelExport => Exporters,
        BreakGlassKind.CaseOverride => CaseOverriders,
        BreakGlassKind.MissionOverride => MissionOverriders,
    };

    public static bool MayRequest(CallerScope scope, BreakGlassKind kind) => scope.Roles.Overlaps(RequesterRoles(kind));

    public static bool IsApprover(CallerScope scope) => scope.Roles.Overlaps(ApproverRoles);

    /// <summary>An approver's own scope (not an override they hold themselves) covers the mission.</summary>
    public static bool MayApprove(CallerScope scope, string missionCode) =>
        IsApprover(scope) && (scope.Global || scope.OwnMissions.Contains(missionCode));

    /// <summary>The auditor reviews uses in their own scope.</summary>
    public static bool MayReview(CallerScope scope, string missionCode) =>
        scope.IsInRole(Roles.Auditor) && (scope.Global || scope.OwnMissions.Contains(missionCode));

    public static Words Describe(BreakGlassKind kind) => kind switch
    {
        BreakGlassKind.UnmaskVictim => "the victims' identities on a case",
        BreakGlassKind.PersonnelExport => "an export of a mission's personnel",
        BreakGlassKind.CaseOverride => "access to a case outside your scope",
        BreakGlassKind.MissionOverride => "access to a mission outside your scope",
    };
}
