using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Personnel;

public sealed record PersonRow(
    string PersonNumber, string FullName, string Nationality, PersonnelCategory Category, string? Unit, string MissionCode);

public sealed record PersonDetail(
    string PersonNumber, string FullName, IReadOnlyList<string> Aliases, string? DateOfBirth, string Nationality,
    IReadOnlyList<string> IdNumbers, PersonnelCategory Category, string? Unit, string MissionCode,
    string? ContingentCode, string? SiteCode);

public sealed record PersonnelPage(IReadOnlyList<PersonRow> Items, int Total, int Page, int PageSize);

/// <summary>Personnel lists and records, filtered by scope inside the query.</summary>
public sealed class PersonnelQueries(VigilDbContext db, IAuditTrail audit)
{
    public async Task<Result<PersonnelPage>> ListAsync(CallerScope scope, string? missionCode, int page, int pageSize, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } paging)
        {
            return paging;
        }
        var query = db.Personnel.AsNoTracking().VisibleTo(scope);
        if (!string.IsNullOrWhiteSpace(missionCode))
        {
            var code = missionCode.Trim().ToUpperInvariant();
            query = query.Where(p => p.Mission!.Code == code);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.PersonNumber)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(p => new { p.Id, Row = new PersonRow(p.PersonNumber, p.FullName, p.Nationality, p.Category, p.Unit, p.Mission!.Code) })
            .ToListAsync(ct);
        // The list shows each person's name, nationality and unit: who looked at whom is on the record, as for a
        // person's own page (keyed by row id, not by the person number a name could be looked up by).
        await audit.RecordReadsAsync(nameof(Person), rows.Select(r => (object)r.Id), "in the personnel list", ct);
        return new PersonnelPage([.. rows.Select(r => r.Row)], total, page, pageSize);
    }

    public async Task<Result<PersonDetail>> GetAsync(CallerScope scope, string personNumber, CancellationToken ct = default)
    {
        var person = await db.Personnel.AsNoTracking().VisibleTo(scope)
            .Where(p => p.PersonNumber == personNumber)
            .Select(p => new
            {
                p.Id,
                p.PersonNumber,
                p.FullName,
                p.Aliases,
                p.DateOfBirth,
                p.Nationality,
                p.IdNumbers,
                p.Category,
                p.Unit,
                MissionCode = p.Mission!.Code,
                ContingentCode = p.Contingent == null ? null : p.Contingent.Code,
                SiteCode = p.Contingent == null ? null : p.Contingent.Site!.Code,
            })
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return new NotFoundError("No such person in your scope.");
        }
        await audit.RecordReadAsync(nameof(Person), person.Id, ct: ct);
        return new PersonDetail(person.PersonNumber, person.FullName, person.Aliases, person.DateOfBirth?.ToString(),
            person.Nationality, person.IdNumbers, person.Category, person.Unit, person.MissionCode, person.ContingentCode, person.SiteCode);
    }
}
