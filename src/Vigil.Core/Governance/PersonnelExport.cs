using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Governance;

public sealed record ExportFile(string FileName, byte[] Content, int Rows);

/// <summary>
/// A mission's personnel as CSV (names, dates of birth, identity numbers): bulk personal data, so it
/// exists only through an approved <see cref="BreakGlassKind.PersonnelExport"/> request, for its
/// requester, while the grant lasts. Every download is recorded as a use.
/// </summary>
public sealed class PersonnelExport(VigilDbContext db, BreakGlassLedger ledger, TimeProvider clock, Audit.IAuditTrail audit)
{
    public static readonly string[] Columns =
        ["person_id", "full_name", "aliases", "date_of_birth", "nationality", "id_numbers", "category", "unit", "mission", "contingent", "site"];

    public async Task<Result<ExportFile>> ExportAsync(CallerScope scope, string userId, int requestId, CancellationToken ct = default)
    {
        var request = await db.BreakGlassRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == requestId && r.RequesterUserId == userId && r.Kind == BreakGlassKind.PersonnelExport, ct);
        if (request is null)
        {
            return new NotFoundError("No such export request of yours.");
        }
        var now = clock.GetUtcNow();
        if (!request.IsActiveAt(now))
        {
            return new GrantNotActive();
        }
        if (!scope.CanReadPersonnel || !(scope.Global || scope.OwnMissions.Contains(request.MissionCode)))
        {
            // The requester's scope changed since: the approval does not outlive it.
            return new NotFoundError("No such export request of yours.");
        }
        var people = await db.Personnel.AsNoTracking().Where(p => p.MissionId == request.MissionId).OrderBy(p => p.PersonNumber)
            .Select(p => new
            {
                p.PersonNumber,
                p.FullName,
                p.Aliases,
                p.DateOfBirth,
                p.Nationality,
                p.IdNumbers,
                p.Category,
                p.Unit,
                Contingent = p.Contingent == null ? null : p.Contingent.Code,
                Site = p.Contingent == null ? null : p.Contingent.Site!.Code,
            })
            .ToListAsync(ct);
        var csv = new StringBuilder();
        SpreadsheetSafe.AppendCsvRow(csv, Columns);
        foreach (var p in people)
        {
            SpreadsheetSafe.AppendCsvRow(csv, [p.PersonNumber, p.FullName, string.Join('|', p.Aliases), p.DateOfBirth?.ToString(), p.Nationality,
                string.Join('|', p.IdNumbers), Reference.PersonnelCategories.Token(p.Category), p.Unit, request.MissionCode, p.Contingent, p.Site]);
        }
        await ledger.RecordUseAsync(request.Id,
            string.Create(CultureInfo.InvariantCulture, $"personnel export downloaded ({people.Count} rows)"), ct);
        // The bulk read itself, with the request that allowed it as the reason.
        await audit.RecordAsync(new Audit.AuditEvent(Audit.AuditActions.Export, nameof(Reference.Mission), AuditWriterKey(request.MissionId),
            string.Create(CultureInfo.InvariantCulture, $"personnel ({people.Count} rows)"), BreakGlassRequest.AuditReason(request.Id)), ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return new ExportFile(string.Create(CultureInfo.InvariantCulture, $"personnel-{request.MissionCode.ToLowerInvariant()}-{now:yyyyMMdd-HHmm}.csv"), bytes, people.Count);
    }

    private static string AuditWriterKey(int id) => Audit.AuditWriter.FormatKey(id);
}
