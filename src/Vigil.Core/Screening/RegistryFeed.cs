using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Screening;

/// <summary>
/// Writes registry records from cases: called by the case use cases inside their own change, so a
/// finding and its registry record are saved together. Only identified subjects (a personnel
/// record) can be screened against; described-only subjects are not fed.
/// </summary>
public sealed class RegistryFeed(VigilDbContext db, TimeProvider clock)
{
    public async Task FeedAsync(int subjectId, string caseReference, RegistryFinding finding, CancellationToken ct = default)
    {
        var person = await db.CaseSubjects.Where(s => s.Id == subjectId && s.PersonId != null)
            .Select(s => s.Person!).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return;
        }
        var exists = await db.Registry.AnyAsync(r => r.PersonId == person.Id && r.CaseReference == caseReference && r.Finding == finding, ct)
            || db.Registry.Local.Any(r => r.PersonId == person.Id && r.CaseReference == caseReference && r.Finding == finding);
        if (exists)
        {
            return;
        }
        db.Registry.Add(new RegistryRecord
        {
            RecordId = "REG-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            FullName = person.FullName,
            Aliases = [.. person.Aliases],
            DateOfBirth = person.DateOfBirth,
            Nationality = person.Nationality,
            IdNumbers = [.. person.IdNumbers],
            Finding = finding,
            CaseReference = caseReference,
            PersonId = person.Id,
            Source = RegistrySource.Case,
            RecordedAt = clock.GetUtcNow(),
        });
        await RegistryChanges.MarkAsync(db, clock.GetUtcNow(), ct);
    }

    public static string Describe(RegistryFinding finding) => finding switch
    {
        RegistryFinding.Substantiated => "substantiated",
        RegistryFinding.Pending => "pending",
        RegistryFinding.Barred => "barred",
    };
}
