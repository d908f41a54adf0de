using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Data;

namespace Vigil.Core.Intake;

/// <summary>
/// Reports that name no mission are for headquarters: an account with a global scope and an intake
/// role (<see cref="Roles.IntakeHandlers"/>). With no such active account they reach no inbox at all:
/// this counts them, so that the host can say so (health check, start-up warning).
/// </summary>
public static class HeadquartersIntake
{
    /// <summary>
    /// The number of reports waiting in intake (received, not yet triaged) without a mission, when no
    /// account that is not locked out at <paramref name="now"/> holds a global scope and an intake role;
    /// 0 when there is such an account or no such report.
    /// </summary>
    public static async Task<int> UnreachableReportsAsync(VigilDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = await db.Reports.CountAsync(r => r.MissionId == null && r.Status == ReportStatus.Received, ct);
        if (waiting == 0)
        {
            return 0;
        }
        var intakeRoleIds = db.Roles.Where(r => Roles.IntakeHandlers.Contains(r.Name!)).Select(r => r.Id);
        var reachable = await db.Users.AnyAsync(u => (u.LockoutEnd == null || u.LockoutEnd <= now)
            && db.UserScopes.Any(s => s.UserId == u.Id && s.Kind == ScopeKind.Global)
            && db.UserRoles.Any(ur => ur.UserId == u.Id && intakeRoleIds.Contains(ur.RoleId)), ct);
        return reachable ? 0 : waiting;
    }

    /// <summary>The warning for <paramref name="count"/> unreachable reports (a count only, no report content).</summary>
    public static string Describe(int count) =>
        $"{count} report(s) without a mission and no headquarters intake account: no active account with a global scope and a conduct officer or chief role can see them "
        + "(vigil users add --user NAME --role conduct-officer --scope global).";
}
