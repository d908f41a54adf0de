using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Cases;

/// <summary>A notification as its reader sees it.</summary>
/// <param name="Id">Its number (the page marks as read up to the newest it showed).</param>
/// <param name="Text">The notice in English (the API's).</param>
/// <param name="CaseReference">The case it is about, if any.</param>
/// <param name="CreatedAt">When it was raised.</param>
/// <param name="Read">Whether someone it is addressed to has marked it read.</param>
/// <param name="ReportReference">The report it is about, if any.</param>
/// <param name="Notice">The same notice as a message, for a page to say in its reader's language (not in the API's answer).</param>
public sealed record NotificationView(int Id, string Text, string? CaseReference, DateTimeOffset CreatedAt, bool Read, string? ReportReference = null,
    [property: JsonIgnore] Words? Notice = null);

/// <summary>
/// Reminders, escalations and approval requests for the caller: those addressed to them, and those
/// addressed to one of their roles in one of their missions (or to headquarters, for global scope).
/// </summary>
public sealed class Notifications(VigilDbContext db, IAuditTrail audit)
{
    private IQueryable<Notification> For(CallerScope scope, string userId)
    {
        var roles = scope.Roles.ToList();
        var missionCodes = scope.Missions.ToList();
        var missionIds = db.Missions.Where(m => missionCodes.Contains(m.Code)).Select(m => m.Id);
        var global = scope.Global;
        return db.Notifications.Where(n => n.UserId == userId
            || (n.UserId == null && n.Role != null && roles.Contains(n.Role)
                && (global ? n.MissionId == null : n.MissionId != null && missionIds.Contains(n.MissionId.Value))));
    }

    public async Task<IReadOnlyList<NotificationView>> ListAsync(CallerScope scope, string userId, bool unreadOnly, CancellationToken ct = default)
    {
        var query = For(scope, userId).AsNoTracking();
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200)
            .Select(n => new
            {
                View = new NotificationView(n.Id, n.Text, db.Cases.Where(c => c.Id == n.CaseId).Select(c => c.Reference).FirstOrDefault(), n.CreatedAt, n.ReadAt != null,
                    db.Reports.Where(r => r.Id == n.ReportId).Select(r => r.Reference).FirstOrDefault(), null),
                n.Message,
            })
            .ToListAsync(ct);
        // Notices written before their message was kept are said as their English text.
        return [.. rows.Select(r => r.View with { Notice = WordsJson.Read(r.Message) ?? Words.FromText(r.View.Text) })];
    }

    /// <summary>
    /// Marks as read what the caller can see, up to the newest notification the caller was shown (<paramref name="upTo"/>,
    /// its id): one that arrived after the page was loaded stays unread. A role notice read by one member of the team is
    /// read for the team.
    /// </summary>
    public async Task<int> MarkReadAsync(CallerScope scope, string userId, DateTimeOffset now, int? upTo = null, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var count = await For(scope, userId).Where(n => n.ReadAt == null && (upTo == null || n.Id <= upTo)).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        if (count > 0)
        {
            // A bulk statement bypasses change tracking: one entry for the batch.
            await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(Notification), null, $"ReadAt ({count} read by the actor)"), ct);
        }
        await transaction.CommitAsync(ct);
        return count;
    }
}
