using Microsoft.EntityFrameworkCore;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Governance;
using Vigil.Core.Security;

namespace Vigil.Core.Demo;

/// <summary>
/// Two break-glass requests for the demo: the conduct officer asks to see the victims' identities on a
/// MINUSCA case (pending: the chief or the legal officer decides), and the investigator was let into
/// another MINUSCA case by the chief (approved: in the auditor's review queue). Synthetic text only.
/// </summary>
public sealed class DemoBreakGlass(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.BreakGlassRequests.AnyAsync(ct))
        {
            return 0;
        }
        var users = await db.Users.Where(u => u.UserName == "officer" || u.UserName == "chief" || u.UserName == "investigator")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var cases = await db.Cases.Where(c => c.Mission!.Code == "MINUSCA" && c.Status != CaseStatus.Closed && c.Victims.Any(v => v.IdentitySealed != null))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Reference, c.MissionId }).Take(2).ToListAsync(ct);
        if (users.Count < 3 || cases.Count < 2)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        db.BreakGlassRequests.AddRange(
            new BreakGlassRequest
            {
                Kind = BreakGlassKind.UnmaskVictim,
                RequesterUserId = users["officer"],
                MissionId = cases[0].MissionId,
                MissionCode = "MINUSCA",
                CaseId = cases[0].Id,
                CaseReference = cases[0].Reference,
                JustificationSealed = protector.Seal("(demo) The complainant may have filed a second report under another name; comparing identities to merge the cases.",
                    BreakGlassRequest.JustificationPurpose),
                RequestedAt = now.AddHours(-2),
                Status = BreakGlassStatus.Pending,
                Review = BreakGlassReview.NotDue,
            },
            new BreakGlassRequest
            {
                Kind = BreakGlassKind.CaseOverride,
                RequesterUserId = users["investigator"],
                MissionId = cases[1].MissionId,
                MissionCode = "MINUSCA",
                CaseId = cases[1].Id,
                CaseReference = cases[1].Reference,
                JustificationSealed = protector.Seal("(demo) Same unit alleged in a MONUSCO case I investigate; reading the MINUSCA file to compare patterns.",
                    BreakGlassRequest.JustificationPurpose),
                RequestedAt = now.AddHours(-5),
                Status = BreakGlassStatus.Approved,
                DecidedByUserId = users["chief"],
                DecidedAt = now.AddHours(-4),
                ExpiresAt = now.AddHours(20),
                Review = BreakGlassReview.Pending,
            });
        await db.SaveChangesAsync(ct);
        return 2;
    }
}
