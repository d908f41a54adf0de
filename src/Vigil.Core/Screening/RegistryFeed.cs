using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Screening;

/// <summary>
/// Writes registry records from cases: called by the case use cases inside their own change, so a
/// finding and its registry record are saved together. Only identified subjects (a personnel
/// record) can be screened against; described-only subjects are not fed. A person has at most one
/// standing record per case, with the strongest finding the case gave (barred over substantiated over
/// pending), updated in place, so that one decision in the adjudication queue settles the pair; when
/// the case no longer supports it (a finding overturned), the record is withdrawn.
/// </summary>
public sealed class RegistryFeed(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    /// <summary>
    /// Records that the case gives <paramref name="finding"/> for the subject: a new record, or the standing record of
    /// this person and case raised to <paramref name="finding"/> when that is stronger (never lowered).
    /// </summary>
    public async Task FeedAsync(int subjectId, string caseReference, RegistryFinding finding, CancellationToken ct = default)
    {
        var person = await db.CaseSubjects.Where(s => s.Id == subjectId && s.PersonId != null)
            .Select(s => s.Person!).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var standing = await StandingAsync(person.Id, caseReference, ct);
        if (standing is not null)
        {
            if (Strength(finding) > Strength(standing.Finding))
            {
                // The same record, so the decisions taken on it still hold (its fingerprint does not include the finding).
                standing.Finding = finding;
                await RegistryChanges.MarkAsync(db, now, ct);
            }
            return;
        }
        db.Registry.Add(new RegistryRecord
        {
            RecordId = RegistryCommands.NewRecordId(),
            FullName = person.FullName,
            Aliases = [.. person.Aliases],
            DateOfBirth = person.DateOfBirth,
            Nationality = person.Nationality,
            IdNumbers = [.. person.IdNumbers],
            Finding = finding,
            CaseReference = caseReference,
            PersonId = person.Id,
            Source = RegistrySource.Case,
            RecordedAt = now,
        });
        await RegistryChanges.MarkAsync(db, now, ct);
    }

    /// <summary>
    /// Withdraws the standing record that the case fed for the subject, if any (the finding it rests on was overturned):
    /// kept for the audit trail, never screened again, its open candidates closed as withdrawn.
    /// </summary>
    public async Task WithdrawAsync(int subjectId, string caseReference, string reason, CancellationToken ct = default)
    {
        var personId = await db.CaseSubjects.Where(s => s.Id == subjectId).Select(s => s.PersonId).FirstOrDefaultAsync(ct);
        if (personId is null || await StandingAsync(personId.Value, caseReference, ct) is not { } standing)
        {
            return;
        }
        await RegistryWithdrawal.ApplyAsync(db, protector, standing, userId: null, reason, clock.GetUtcNow(), ct);
    }

    /// <summary>The record this case fed for this person that still stands (tracked), including one added in this change.</summary>
    private async Task<RegistryRecord?> StandingAsync(int personId, string caseReference, CancellationToken ct)
    {
        var found = db.Registry.Local.FirstOrDefault(r => r.PersonId == personId && r.CaseReference == caseReference && r.WithdrawnAt is null)
            ?? await db.Registry.FirstOrDefaultAsync(r => r.PersonId == personId && r.CaseReference == caseReference && r.WithdrawnAt == null, ct);
        // The query reads the database: a record withdrawn earlier in this change is tracked as withdrawn already.
        return found?.WithdrawnAt is null ? found : null;
    }

    /// <summary>How strong a finding is: barred (3) over substantiated (2) over pending (1).</summary>
    public static int Strength(RegistryFinding finding) => finding switch
    {
        RegistryFinding.Pending => 1,
        RegistryFinding.Substantiated => 2,
        RegistryFinding.Barred => 3,
    };

    /// <summary>The finding in a notice, said in the reader's language (its English words are the wire token's).</summary>
    public static Words Said(RegistryFinding finding) => finding switch
    {
        RegistryFinding.Substantiated => (Words)"substantiated",
        RegistryFinding.Pending => (Words)"pending",
        RegistryFinding.Barred => (Words)"barred",
    };

    public static string Describe(RegistryFinding finding) => finding switch
    {
        RegistryFinding.Substantiated => "substantiated",
        RegistryFinding.Pending => "pending",
        RegistryFinding.Barred => "barred",
    };
}

/// <summary>Withdrawing a registry record, by hand or from a case: the one place that does it.</summary>
internal static class RegistryWithdrawal
{
    /// <summary>
    /// Marks <paramref name="record"/> (tracked) withdrawn with who, when and why, closes its open candidates as withdrawn,
    /// and marks the registry changed. The caller saves.
    /// </summary>
    public static async Task ApplyAsync(VigilDbContext db, FieldProtector protector, RegistryRecord record, string? userId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        record.WithdrawnAt = now;
        record.WithdrawnByUserId = userId;
        record.WithdrawalReasonSealed = protector.Seal(reason, RegistryRecord.WithdrawalReasonPurpose);
        if (record.Id != 0)
        {
            var open = await db.ScreeningMatches.Where(m => m.RegistryRecordId == record.Id && m.Status == CandidateStatus.Open).ToListAsync(ct);
            foreach (var candidate in open)
            {
                candidate.Status = CandidateStatus.Withdrawn;
                candidate.DecidedAt = now;
                candidate.DecidedByUserId = userId;
            }
        }
        await RegistryChanges.MarkAsync(db, now, ct);
    }
}
