using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Core.Import;

/// <summary>
/// Imports reference data (missions, sites, contingents, personnel, conduct officers) from CSV files,
/// all or nothing. Every file is read and every row checked before anything is written; when any row
/// has a fault, nothing is written and the faults are returned. Otherwise all rows are inserted in one
/// transaction. Rows may refer to rows of earlier kinds in the same import or in the database; a code
/// that already exists in the database is refused as a duplicate (import never updates). The formats
/// are documented in docs/import.md. What was added is in the audit log in the same transaction
/// (<see cref="ImportBatch.AuditEvents"/>): a line saying what the import added, then each record by its code, as
/// the application's additions record them; <paramref name="audit"/> must write through <paramref name="db"/>'s
/// audit interceptor.
/// </summary>
public sealed class ReferenceImporter(VigilDbContext db, IAuditTrail audit)
{
    /// <summary>How many errors a failed import lists; <see cref="ImportFailed.TotalErrors"/> counts them all.</summary>
    public const int MaxReportedErrors = 50;

    /// <summary>Codes per database lookup (<see cref="ImportBatch.LookupChunk"/>); tests make it small to cross chunk boundaries.</summary>
    internal int LookupChunk { get; init; } = ImportBatch.LookupChunk;

    /// <summary>
    /// Reads, checks and (when there is no fault) inserts <paramref name="files"/>, in dependency order
    /// (missions, sites, contingents, personnel, officers) whatever their order in the list; several
    /// files of one kind are read in list order. Bad input yields <see cref="ImportFailed"/>, never an
    /// exception.
    /// </summary>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ImportFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new ImportErrors(MaxReportedErrors);
        var batch = new ImportBatch(db, LookupChunk);
        var withoutRows = new List<string>();
        await batch.LoadExistingAsync(files.Select(f => f.Kind).ToHashSet(), ct);

        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            foreach (var file in files.Where(f => f.Kind == kind))
            {
                var content = await CsvTable.ReadAsync(file, ImportBatch.SchemaOf(kind), errors, ct);
                if (content.Complete && content.Rows.Count == 0)
                {
                    withoutRows.Add(file.Name);
                }
                await batch.AddRowsAsync(kind, content, ct);
            }
        }

        if (errors.Count > 0)
        {
            return new ImportFailed([.. errors.Kept], errors.Count);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            batch.AddNewEntities();
            await db.SaveChangesAsync(ct);
            // Appended with the rows when the transaction commits, or not at all.
            await audit.RecordAsync(batch.AuditEvents(), ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // The transaction rolled back; do not leave half an import tracked on the caller's context.
            db.ChangeTracker.Clear();
            throw;
        }
        return new ImportSucceeded(batch.Counts) { FilesWithoutRows = withoutRows };
    }
}
