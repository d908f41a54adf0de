using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Data;

namespace Vigil.Core.Cases;

/// <summary>
/// Who sees which case, applied inside every case query: conduct officers and chiefs and legal
/// officers by mission; investigators and victims' rights advocates by assignment; member-state
/// liaisons the cases about their own nationals. Analysts, auditors and administrators see no case.
/// </summary>
public sealed class CaseAccess(VigilDbContext db)
{
    private static readonly HashSet<string> MissionRoles = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer];
    private static readonly HashSet<string> AssignedRoles = [Roles.Investigator, Roles.VictimsAdvocate];

    /// <summary>
    /// False when no role or grant of the caller opens any case (an analyst, auditor, administrator or screening
    /// officer without a case override): <see cref="Visible"/> is then empty whatever the database holds.
    /// </summary>
    public static bool MaySeeSomeCase(CallerScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Roles.Overlaps(MissionRoles) || scope.Roles.Overlaps(AssignedRoles)
            || scope.IsInRole(Roles.MemberStateLiaison) || scope.OverrideCases.Count > 0;
    }

    public IQueryable<Case> Visible(CallerScope scope, string? userId)
    {
        var byMission = scope.Roles.Overlaps(MissionRoles);
        if (byMission && scope.Global)
        {
            return db.Cases;
        }
        var missions = byMission ? scope.Missions.ToList() : [];
        var byAssignment = scope.Roles.Overlaps(AssignedRoles) && userId is not null;
        var references = byAssignment ? scope.Assignments.ToList() : [];
        var countries = scope.IsInRole(Roles.MemberStateLiaison) ? scope.Countries.ToList() : [];
        var overrides = scope.OverrideCases.ToList();

        // Build the condition only from the grants the caller has, so that the planner can use the
        // mission index and never scans subjects for a caller without a country scope.
        var query = db.Cases.AsQueryable();
        if (overrides.Count > 0)
        {
            // A break-glass scope override adds single cases, whatever the caller's role (Governance/BreakGlass).
            return query.Where(c => overrides.Contains(c.Reference)
                || missions.Contains(c.Mission!.Code)
                || (byAssignment && (references.Contains(c.Reference) || db.CaseAssignments.Any(a => a.CaseId == c.Id && a.UserId == userId)))
                || c.Subjects.Any(s => s.Nationality != null && countries.Contains(s.Nationality)));
        }
        return (missions.Count > 0, byAssignment, countries.Count > 0) switch
        {
            (false, false, false) => query.Where(_ => false),
            (true, false, false) => query.Where(c => missions.Contains(c.Mission!.Code)),
            (false, true, false) => query.Where(c => references.Contains(c.Reference) || db.CaseAssignments.Any(a => a.CaseId == c.Id && a.UserId == userId)),
            (false, false, true) => query.Where(c => c.Subjects.Any(s => s.Nationality != null && countries.Contains(s.Nationality))),
            _ => query.Where(c => missions.Contains(c.Mission!.Code)
                || (byAssignment && (references.Contains(c.Reference) || db.CaseAssignments.Any(a => a.CaseId == c.Id && a.UserId == userId)))
                || c.Subjects.Any(s => s.Nationality != null && countries.Contains(s.Nationality))),
        };
    }

    /// <summary>
    /// Assigned to the case: a row in CaseAssignments, or an <c>assignment:CASE</c> scope grant. A break-glass
    /// case override is never an assignment: it lets its holder read the case (docs/break-glass.md).
    /// </summary>
    public async Task<bool> IsAssignedAsync(CallerScope scope, string? userId, int caseId, string reference, CancellationToken ct = default) =>
        scope.Assignments.Contains(reference)
        || (userId is not null && await db.CaseAssignments.AnyAsync(a => a.CaseId == caseId && a.UserId == userId, ct));

    /// <summary>
    /// Whether the caller holds <paramref name="role"/> and is assigned to the case <paramref name="reference"/> (it must
    /// be visible to them): the powers of <see cref="ActsAs"/>, for a page that offers their forms.
    /// </summary>
    public async Task<bool> ActsOnAsync(CallerScope scope, string? userId, string reference, string role, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsInRole(role))
        {
            return false;
        }
        var caseId = await Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return caseId is { } id && await IsAssignedAsync(scope, userId, id, reference, ct);
    }

    /// <summary>
    /// An investigator's or advocate's powers on a case (findings, the move to findings issued and evidence for
    /// the investigator; victims and the assistance track for the advocate) need an assignment to that case:
    /// the role alone, or a case override, is not enough.
    /// </summary>
    public static bool ActsAs(CallerScope scope, string role, bool assigned) => assigned && scope.IsInRole(role);

    /// <summary>Victim identities: the victims' rights advocate and the investigator assigned to the case, never by role alone.</summary>
    public static bool MaySeeVictimIdentity(CallerScope scope, bool assigned) =>
        ActsAs(scope, Roles.VictimsAdvocate, assigned) || ActsAs(scope, Roles.Investigator, assigned);

    /// <summary>
    /// Victim identities on one case: by role and assignment, or by an approved break-glass unmasking of
    /// that very case (only its requester, only until it expires). A member-state liaison never, whatever else they hold.
    /// </summary>
    public static bool MaySeeVictimIdentity(CallerScope scope, bool assigned, string reference) =>
        !scope.IsInRole(Roles.MemberStateLiaison) && (MaySeeVictimIdentity(scope, assigned) || scope.UnmaskedCases.Contains(reference));

    /// <summary>
    /// A member-state liaison who reads a case only through their country scope (no mission role in the
    /// case's mission, no assignment, no break-glass override) is told who their own nationals are, not who
    /// another country's subjects on the same case are: those are shown by category and nationality only.
    /// </summary>
    public static bool SeesOwnNationalsOnly(CallerScope scope, bool assigned, string reference, string mission) =>
        scope.IsInRole(Roles.MemberStateLiaison)
        && !(scope.Roles.Overlaps(MissionRoles) && (scope.Global || scope.Missions.Contains(mission)))
        && !(scope.Roles.Overlaps(AssignedRoles) && (assigned || scope.Assignments.Contains(reference)))
        && !scope.OverrideCases.Contains(reference) && !scope.OverrideMissions.Contains(mission);

    /// <summary>A member-state liaison with no other way into cases (no mission, assignment or override role): the case list's routing country is shown only when it is theirs.</summary>
    public static bool SeesByCountryOnly(CallerScope scope) =>
        scope.IsInRole(Roles.MemberStateLiaison) && !scope.Roles.Overlaps(MissionRoles) && !scope.Roles.Overlaps(AssignedRoles);

    /// <summary>
    /// Free text typed by staff on a case (timeline reasons, the routing override reason, a closure
    /// justification, subject descriptions, action notes, note-verbale summaries, legal-hold reasons) may name the victim. A member-state liaison, who never sees victim identity
    /// (<see cref="MaySeeVictimIdentity(CallerScope, bool, string)"/>), sees those entries without their text.
    /// </summary>
    public static bool MaySeeStaffText(CallerScope scope) => !scope.IsInRole(Roles.MemberStateLiaison);

    /// <summary>
    /// The victim assistance track (referrals, and its lines on the timeline): a conduct chief who sees the case, or the
    /// victims' rights advocate assigned to it. Its notes and even its existence are about the victims.
    /// </summary>
    public static bool MaySeeAssistance(CallerScope scope, bool assigned) =>
        scope.IsInRole(Roles.ConductChief) || ActsAs(scope, Roles.VictimsAdvocate, assigned);

    public static bool MayManage(CallerScope scope) => scope.IsInRole(Roles.ConductOfficer) || scope.IsInRole(Roles.ConductChief);
}
