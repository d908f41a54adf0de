using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Demo;

/// <summary>
/// Gives the demo's investigator and victims' rights advocate work to open: the investigator is assigned three MONUSCO
/// cases under investigation (their mission), the advocate three open MINUSCA cases with victims. Without it a new user
/// signing in as either saw empty lists, since both roles reach a case only by assignment. Assigned by the chief, on
/// the case's timeline, as <see cref="CaseCommands.AssignAsync"/> records it.
/// </summary>
public sealed class DemoAssignments(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    public const int PerRole = 3;

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.CaseAssignments.AnyAsync(ct))
        {
            return 0;
        }
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "chief" || u.UserName == "investigator" || u.UserName == "advocate")
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.DisplayName, u.Nationality), ct);
        if (users.Count < 3)
        {
            return 0;
        }
        // Recusal as the assignment use case applies it: never a case with a subject of the user's nationality.
        var investigator = users["investigator"];
        var advocate = users["advocate"];
        var investigations = await db.Cases
            .Where(c => c.Mission!.Code == "MONUSCO" && c.Status == CaseStatus.UnderInvestigation
                && (investigator.Nationality == null || !c.Subjects.Any(s => s.Nationality == investigator.Nationality)))
            .OrderBy(c => c.Id).Take(PerRole).ToListAsync(ct);
        var withVictims = await db.Cases
            .Where(c => c.Mission!.Code == "MINUSCA" && c.Status != CaseStatus.Closed && c.Victims.Any()
                && (advocate.Nationality == null || !c.Subjects.Any(s => s.Nationality == advocate.Nationality)))
            .OrderBy(c => c.Id).Take(PerRole).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var chief = users["chief"].Id;
        foreach (var (cases, user, role) in new[] { (investigations, investigator, Roles.Investigator), (withVictims, advocate, Roles.VictimsAdvocate) })
        {
            foreach (var @case in cases)
            {
                db.CaseAssignments.Add(new CaseAssignment { CaseId = @case.Id, UserId = user.Id, Role = role, AssignedAt = now.AddDays(-1) });
                db.CaseEvents.Add(CaseEvent.Of(protector, CaseEventKind.Assigned, now.AddDays(-1), chief, TimelineLines.Assigned(user.DisplayName, role), @case.Id));
            }
        }
        await db.SaveChangesAsync(ct);
        return investigations.Count + withVictims.Count;
    }
}
