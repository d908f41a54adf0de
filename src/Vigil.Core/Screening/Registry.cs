using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;
using Vigil.Matching;

namespace Vigil.Core.Screening;

public sealed record RegistryRecordView(
    string RecordId, string FullName, IReadOnlyList<string> Aliases, string? DateOfBirth, string? Nationality,
    IReadOnlyList<string> IdNumbers, string Finding, string? CaseReference, string Source, DateTimeOffset RecordedAt)
{
    /// <summary>The withdrawal, when the record was withdrawn (it is then never screened); null while it stands.</summary>
    public RegistryWithdrawalView? Withdrawn { get; init; }
}

/// <summary>A registry record's withdrawal: when, by whom (the account name; null when a case change withdrew it), and why.</summary>
public sealed record RegistryWithdrawalView(DateTimeOffset At, string? By, string Reason);

/// <summary>Why a screening officer withdraws a registry record (required, at most 2,000 characters).</summary>
public sealed record RegistryWithdrawalInput
{
    public string? Reason { get; init; }
}

public sealed record RegistryFilter(string? Name, string? Finding, string? Source, int Page = 1, int PageSize = 50);

/// <summary>A registry search as a JSON body, so that a searched name never travels in a URL. Every field is optional.</summary>
public sealed record RegistrySearch
{
    /// <summary>Part of a full name (case-insensitive), or an exact record id.</summary>
    public string? Name { get; init; }
    public string? Finding { get; init; }
    public string? Source { get; init; }
    /// <summary>1-based; default 1.</summary>
    public int? Page { get; init; }
    /// <summary>1 to 200; default 50.</summary>
    public int? PageSize { get; init; }
}

public sealed record RegistryPage(IReadOnlyList<RegistryRecordView> Items, int Total, int Page, int PageSize);

/// <summary>A registry record entered by hand. Lists may also be given as one string separated by <c>|</c>.</summary>
public sealed record RegistryInput
{
    /// <summary>Optional: generated (REG-…) when empty.</summary>
    public string? RecordId { get; init; }
    public string? FullName { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Nationality { get; init; }
    public IReadOnlyList<string>? IdNumbers { get; init; }

    /// <summary>substantiated, pending or barred.</summary>
    public string? Finding { get; init; }
    public string? CaseReference { get; init; }
}

/// <summary>An import's result: rows added, the registry's size after, and how many dates of birth screening sets aside (not plausible today: placeholders, slipped years).</summary>
public sealed record RegistryImported(int Imported, int Total, int BirthDatesSetAside);

/// <summary>Marks the registry as changed, so that the scheduler re-screens everyone deployed.</summary>
public static class RegistryChanges
{
    /// <summary>Tracked, so the mark is saved with the caller's change and in its transaction.</summary>
    public static async Task MarkAsync(VigilDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var schedule = await db.ScreeningSchedules.FindAsync([ScreeningSchedule.SingletonId], ct);
        if (schedule is not null)
        {
            schedule.RegistryChangedAt = now;
        }
    }
}

/// <summary>What a screening officer does with the registry of prior misconduct: read, add, import.</summary>
public sealed class RegistryCommands(VigilDbContext db, TimeProvider clock, IAuditTrail audit, FieldProtector protector)
{
    public const int MaxImportRows = 20_000;

    private static readonly ForbiddenError NotScreening = new("Only screening officers read and change the registry.");

    public static string Token(RegistryFinding finding) => RegistryFeed.Describe(finding);

    /// <summary>
    /// A finding in a refusal: its token in the API's English, on a page the label its form shows: the Add form's
    /// (<c>registry-finding:barred</c>) or, for the list's filter, <c>registry:barred</c>.
    /// </summary>
    private static Term FindingTerm(RegistryFinding finding, string labels = "registry-finding") => new($"{labels}:{Token(finding)}", Token(finding));

    /// <summary>A source in a refusal of the list's filter: its token in the API's English, on a page the filter's label.</summary>
    private static Term SourceTerm(RegistrySource source) => new($"source:{Token(source)}", Token(source));

    public static string Token(RegistrySource source) => source switch
    {
        RegistrySource.Case => "case",
        RegistrySource.Manual => "manual",
        RegistrySource.Import => "import",
    };

    public static bool TryParseFinding(string? text, out RegistryFinding finding)
    {
        finding = default;
        foreach (var value in Enum.GetValues<RegistryFinding>())
        {
            if (string.Equals(text?.Trim(), Token(value), StringComparison.OrdinalIgnoreCase))
            {
                finding = value;
                return true;
            }
        }
        return false;
    }

    public static bool TryParseSource(string? text, out RegistrySource source)
    {
        source = default;
        foreach (var value in Enum.GetValues<RegistrySource>())
        {
            if (string.Equals(text?.Trim(), Token(value), StringComparison.OrdinalIgnoreCase))
            {
                source = value;
                return true;
            }
        }
        return false;
    }

    /// <summary>The record as shown; <paramref name="withdrawn"/> from <see cref="WithdrawalOf"/> when it was withdrawn.</summary>
    public static RegistryRecordView ToView(RegistryRecord r, RegistryWithdrawalView? withdrawn = null) => new(r.RecordId, r.FullName, r.Aliases, r.DateOfBirth?.ToString(), r.Nationality,
        r.IdNumbers, Token(r.Finding), r.CaseReference, Token(r.Source), r.RecordedAt)
    { Withdrawn = withdrawn };

    /// <summary>
    /// The withdrawal of <paramref name="r"/> as shown, or null while it stands. A record withdrawn with no reason was merged
    /// by the upgrade to one record per person and case (the migration cannot seal a reason).
    /// </summary>
    public static RegistryWithdrawalView? WithdrawalOf(RegistryRecord r, FieldProtector protector, string? byUserName) =>
        r.WithdrawnAt is { } at
            ? new RegistryWithdrawalView(at, byUserName, protector.UnsealOptional(r.WithdrawalReasonSealed, RegistryRecord.WithdrawalReasonPurpose)
                ?? "Merged into the standing record of the same person and case, which has the stronger finding (one record per person and case).")
            : null;

    /// <summary>The views of <paramref name="records"/>, with the account names of whoever withdrew them (one query).</summary>
    internal static async Task<List<RegistryRecordView>> ViewsAsync(VigilDbContext db, FieldProtector protector, IReadOnlyList<RegistryRecord> records, CancellationToken ct)
    {
        var userIds = records.Where(r => r.WithdrawnByUserId is not null).Select(r => r.WithdrawnByUserId!).Distinct(StringComparer.Ordinal).ToList();
        var names = userIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        return [.. records.Select(r => ToView(r, WithdrawalOf(r, protector, r.WithdrawnByUserId is { } by ? names.GetValueOrDefault(by, "?") : null)))];
    }

    public async Task<Result<RegistryPage>> ListAsync(CallerScope scope, RegistryFilter filter, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        if (Paging.Check(filter.Page, filter.PageSize) is { } paging)
        {
            return paging;
        }
        var query = db.Registry.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Finding))
        {
            if (!TryParseFinding(filter.Finding, out var finding))
            {
                return ValidationError.For("finding", $"finding '{filter.Finding}' is not {FindingTerm(RegistryFinding.Substantiated, "registry")}, {FindingTerm(RegistryFinding.Pending, "registry")} or {FindingTerm(RegistryFinding.Barred, "registry")}.");
            }
            query = query.Where(r => r.Finding == finding);
        }
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            if (!TryParseSource(filter.Source, out var source))
            {
                return ValidationError.For("source", $"source '{filter.Source}' is not {SourceTerm(RegistrySource.Case)}, {SourceTerm(RegistrySource.Manual)} or {SourceTerm(RegistrySource.Import)}.");
            }
            query = query.Where(r => r.Source == source);
        }
        int total;
        List<RegistryRecord> rows;
        if (string.IsNullOrWhiteSpace(filter.Name))
        {
            total = await query.CountAsync(ct);
            rows = await query.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.RecordId)
                .Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize).ToListAsync(ct);
        }
        else
        {
            // A name is searched as screening reads names (any script, accents, word order, aliases, spellings: Nunez finds
            // Núñez, "sidorov ivan" finds Иван Сидоров), in memory: a registry is thousands of records, not millions.
            var names = await query.Select(r => new { r.Id, r.RecordId, r.FullName, r.Aliases, r.RecordedAt }).ToListAsync(ct);
            var search = new NameSearch(filter.Name);
            var matched = names.Where(r => search.Finds(r.RecordId, [r.FullName, .. r.Aliases])).ToList();
            total = matched.Count;
            var hits = matched.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.RecordId, StringComparer.Ordinal)
                .Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize).Select(r => r.Id).ToList();
            var byId = await db.Registry.AsNoTracking().Where(r => hits.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            rows = [.. hits.Select(h => byId[h])];
        }
        // The list shows each record whole (names, date of birth, identifiers, finding): a read of each, like its own page.
        await audit.RecordReadsAsync(nameof(RegistryRecord), rows.Select(r => (object)r.Id), "in the registry list", ct);
        return new RegistryPage(await ViewsAsync(db, protector, rows, ct), total, filter.Page, filter.PageSize);
    }

    public async Task<Result<RegistryRecordView>> GetAsync(CallerScope scope, string recordId, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        // R-001 and r-001 are one record (RecordKey): a URL typed by hand in another case finds it.
        var key = RegistryRecord.KeyOf(recordId);
        var record = await db.Registry.AsNoTracking().FirstOrDefaultAsync(r => r.RecordKey == key, ct);
        if (record is null)
        {
            return new NotFoundError();
        }
        await audit.RecordReadAsync(nameof(RegistryRecord), record.Id, ct: ct);
        return (await ViewsAsync(db, protector, [record], ct))[0];
    }

    /// <summary>
    /// Withdraws a registry record by hand (wrongly entered, or its finding overturned elsewhere), with a reason: it is kept
    /// for the audit trail, marked withdrawn with who, when and why, and never screened again; its open candidates leave
    /// the queue (closed as withdrawn). Screening officers only; a record already withdrawn is a conflict.
    /// </summary>
    public async Task<Result<RegistryRecordView>> WithdrawAsync(CallerScope scope, string userId, string recordId, RegistryWithdrawalInput input, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return ValidationError.For("reason", "reason is required: say why the record is withdrawn.");
        }
        if (reason.Length > 2000)
        {
            return ValidationError.For("reason", "reason is longer than 2000 characters.");
        }
        var key = RegistryRecord.KeyOf(recordId);
        var record = await db.Registry.FirstOrDefaultAsync(r => r.RecordKey == key, ct);
        if (record is null)
        {
            return new NotFoundError();
        }
        if (record.WithdrawnAt is not null)
        {
            return new ConflictError($"Record {Short(record.RecordId)} was already withdrawn.");
        }
        await RegistryWithdrawal.ApplyAsync(db, protector, record, userId, reason, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db, protector, [record], ct))[0];
    }

    /// <summary>
    /// Adds a record typed by hand. With <paramref name="onceKey"/> (the one-time key written into each blank form) and no
    /// record id typed, the record id is derived from the key: the same form sent twice (a double click, a reload) adds one
    /// record and answers the second time with it; the key reused for other values is a conflict.
    /// </summary>
    public async Task<Result<RegistryRecordView>> AddAsync(CallerScope scope, RegistryInput input, string? onceKey = null, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        var errors = new Dictionary<string, Words[]>();
        void Fail(string field, Words message) => errors[field] = [message];

        var recordId = input.RecordId?.Trim();
        var fromOnceKey = false;
        if (string.IsNullOrEmpty(recordId))
        {
            fromOnceKey = onceKey is not null;
            recordId = onceKey is null ? NewRecordId() : OnceRecordId(onceKey);
        }
        else if (recordId.Length > 40)
        {
            Fail("recordId", "recordId is longer than 40 characters.");
        }
        else if (!IsSafeRecordId(recordId))
        {
            // It names the record in URLs (GET registry/{recordId}): a slash, '?' or '#' would make it unreachable.
            Fail("recordId", $"recordId '{Short(recordId)}' may hold only letters A-Z and a-z, digits, '.', '_' and '-'.");
        }
        else if (await db.Registry.Where(r => r.RecordKey == RegistryRecord.KeyOf(recordId)).Select(r => r.RecordId).FirstOrDefaultAsync(ct) is { } taken)
        {
            // Unique without regard to case: r-001 beside R-001 would be one record to anyone reading or typing it.
            Fail("recordId", string.Equals(taken, recordId, StringComparison.Ordinal)
                ? (Words)$"recordId '{recordId}' already exists in the registry."
                : (Words)$"recordId '{recordId}' is record {taken}, already in the registry: record ids are compared without regard to case.");
        }
        var fullName = input.FullName?.Trim() ?? "";
        if (fullName.Length == 0)
        {
            Fail("fullName", "fullName is required.");
        }
        else if (fullName.Length > 300)
        {
            Fail("fullName", "fullName is longer than 300 characters.");
        }
        else if (NameText.ControlIn(fullName) is { } control)
        {
            Fail("fullName", NameText.OneLine(control));
        }
        else if (PersonName.Parse(fullName).Parts.IsEmpty)
        {
            Fail("fullName", "fullName holds no letter.");
        }
        PartialDate? birth = null;
        if (!string.IsNullOrWhiteSpace(input.DateOfBirth))
        {
            if (PartialDate.TryParse(input.DateOfBirth, out var parsed))
            {
                birth = parsed;
                // Typed by hand, a placeholder (1900-01-01) or a slipped year is refused: screening would set it aside.
                if (!CandidateScorer.IsPlausibleBirthYear(parsed.Year, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), onRecord: true))
                {
                    Fail("dateOfBirth",
                        $"dateOfBirth makes the person younger than {CandidateScorer.YoungestAge} or older than {CandidateScorer.OldestRecordAge} today, so screening would set it aside; leave it empty when it is not known.");
                }
            }
            else
            {
                Fail("dateOfBirth", "dateOfBirth is not a date written YYYY-MM-DD, YYYY-MM or YYYY."); // never echo a date of birth
            }
        }
        var nationality = string.IsNullOrWhiteSpace(input.Nationality) ? null : input.Nationality.Trim().ToUpperInvariant();
        if (nationality is not null && !Countries.IsKnown(nationality))
        {
            Fail("nationality", $"nationality '{nationality}' is not an ISO 3166-1 alpha-3 country code (such as SEN).");
        }
        if (!TryParseFinding(input.Finding, out var finding))
        {
            Fail("finding", string.IsNullOrWhiteSpace(input.Finding)
                ? (Words)$"finding is required: {FindingTerm(RegistryFinding.Substantiated)}, {FindingTerm(RegistryFinding.Pending)} or {FindingTerm(RegistryFinding.Barred)}."
                : (Words)$"finding '{input.Finding.Trim()}' is not {FindingTerm(RegistryFinding.Substantiated)}, {FindingTerm(RegistryFinding.Pending)} or {FindingTerm(RegistryFinding.Barred)}.");
        }
        var caseReference = string.IsNullOrWhiteSpace(input.CaseReference) ? null : input.CaseReference.Trim();
        if (caseReference?.Length > 40)
        {
            Fail("caseReference", "caseReference is longer than 40 characters.");
        }
        else if (NameText.NotOneLine(caseReference, "case reference") is { } referenceControl)
        {
            Fail("caseReference", referenceControl);
        }
        var aliases = Clean(input.Aliases);
        var ids = Clean(input.IdNumbers);
        // The same bounds as a registry file's (ScreeningFiles).
        if (aliases.Any(a => a.Length > 300))
        {
            Fail("aliases", "an alias is longer than 300 characters.");
        }
        else if (aliases.Count > 50)
        {
            Fail("aliases", "at most 50 aliases.");
        }
        else if (aliases.Select(NameText.ControlIn).FirstOrDefault(c => c is not null) is { } aliasControl)
        {
            // A line break separates aliases; another control character inside one is refused as in the name.
            Fail("aliases", NameText.OneLine(aliasControl));
        }
        if (ids.Any(a => a.Length > 100))
        {
            Fail("idNumbers", "an identifier is longer than 100 characters.");
        }
        else if (ids.Count > 20)
        {
            Fail("idNumbers", "at most 20 identifiers.");
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        if (fromOnceKey && await OnceReplayAsync(recordId, fullName, aliases, birth, nationality, ids, finding, caseReference, ct) is { } replay)
        {
            return replay;
        }
        var now = clock.GetUtcNow();
        var record = new RegistryRecord
        {
            RecordId = recordId!,
            FullName = fullName,
            Aliases = aliases,
            DateOfBirth = birth,
            Nationality = nationality,
            IdNumbers = ids,
            Finding = finding,
            CaseReference = caseReference,
            Source = RegistrySource.Manual,
            RecordedAt = now,
        };
        db.Registry.Add(record);
        await RegistryChanges.MarkAsync(db, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (fromOnceKey && await OnceReplayAsync(recordId, fullName, aliases, birth, nationality, ids, finding, caseReference, ct) is { } raced)
            {
                return raced;
            }
            if (await db.Registry.AnyAsync(r => r.RecordKey == record.RecordKey, ct))
            {
                return new ConflictError($"recordId '{Short(record.RecordId)}' was added to the registry meanwhile.");
            }
            throw;
        }
        return ToView(record);
    }

    /// <summary>
    /// When the record of a one-time key is there already: the same values are the same form sent again (its record is the
    /// answer), other values a conflict; null when the key was not used yet.
    /// </summary>
    private async Task<Result<RegistryRecordView>?> OnceReplayAsync(string recordId, string fullName, List<string> aliases, PartialDate? birth, string? nationality,
        List<string> ids, RegistryFinding finding, string? caseReference, CancellationToken ct)
    {
        var key = RegistryRecord.KeyOf(recordId);
        var earlier = await db.Registry.AsNoTracking().FirstOrDefaultAsync(r => r.RecordKey == key, ct);
        if (earlier is null)
        {
            return null;
        }
        return Fingerprint(earlier) == Fingerprint(fullName, aliases, birth, nationality, ids) && earlier.Finding == finding && earlier.CaseReference == caseReference
            ? (await ViewsAsync(db, protector, [earlier], ct))[0]
            : new ConflictError($"This form was already used to add record {earlier.RecordId}; open the form again to add another record.");
    }

    /// <summary>The record id of a one-time form key: a digest, so the key cannot be read back from it.</summary>
    internal static string OnceRecordId(string onceKey) =>
        "REG-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("registry-form:" + onceKey)))[..12];

    /// <summary>Whether a record id holds only the characters a URL path carries as they are: A-Z, a-z, 0-9, '.', '_', '-'.</summary>
    public static bool IsSafeRecordId(string recordId) =>
        recordId.Length > 0 && recordId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && recordId is not ("." or "..");

    /// <summary>
    /// Imports a registry CSV (spec/screening.md) all or nothing: the first fault, with its line,
    /// column and value, rejects the whole file. The app also needs a finding on every row, and a
    /// record_id not yet in the registry.
    /// </summary>
    public async Task<Result<RegistryImported>> ImportAsync(CallerScope scope, Stream csv, string fileName, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        var read = await ScreeningFiles.ReadRegistryAsync(csv, fileName, ct);
        if (read.Error is { } error)
        {
            return ValidationError.For("file", error.Text);
        }
        var rows = read.Rows!;
        if (rows.Count == 0)
        {
            return ValidationError.For("file", $"{fileName}: the file holds no record.");
        }
        if (rows.Count > MaxImportRows)
        {
            return ValidationError.For("file", $"{fileName}: {rows.Count} records; import at most {MaxImportRows} at a time.");
        }
        Words At(RegistryEntry row, int column, Words message) => $"{fileName}: line {row.Line}, column {Math.Max(1, column)}: {message}";
        foreach (var row in rows)
        {
            // (An empty finding, or none in the header, the file reader refuses already: spec/screening.md has no "or empty".)
            if (row.Subject.Id.Length > 40)
            {
                return ValidationError.For("file", At(row, row.RecordIdColumn, $"record_id '{Short(row.Subject.Id)}' is longer than 40 characters"));
            }
            if (!IsSafeRecordId(row.Subject.Id))
            {
                // The id names the record in URLs (GET registry/{recordId}): a slash, '?' or '#' would make it unreachable.
                return ValidationError.For("file", At(row, row.RecordIdColumn,
                    $"record_id '{Short(row.Subject.Id)}' may hold only letters A-Z and a-z, digits, '.', '_' and '-'"));
            }
            if (RawName(row).Length > 300)
            {
                return ValidationError.For("file", At(row, row.FullNameColumn, "full_name is longer than 300 characters"));
            }
            if ((row.CaseReference?.Length ?? 0) > 40)
            {
                return ValidationError.For("file", At(row, row.CaseReferenceColumn, "case_reference is longer than 40 characters"));
            }
            // Records are compared by nationality, and the registry keeps only codes hand entry would accept.
            if (row.RawNationality.Length > 0 && !Countries.IsKnown(row.RawNationality.ToUpperInvariant()))
            {
                return ValidationError.For("file", At(row, row.NationalityColumn,
                    $"nationality '{Short(row.RawNationality)}' is not an ISO 3166-1 alpha-3 country code (such as SEN)"));
            }
        }
        // Record ids are unique without regard to case (RegistryRecord.RecordKey): within the file (the reader compares them
        // as written, as `vigil screen` does) and against the registry.
        var firstOfKey = new Dictionary<string, RegistryEntry>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!firstOfKey.TryAdd(RegistryRecord.KeyOf(row.Subject.Id), row))
            {
                var first = firstOfKey[RegistryRecord.KeyOf(row.Subject.Id)];
                return ValidationError.For("file", At(row, row.RecordIdColumn,
                    $"record_id '{Short(row.Subject.Id)}' is the record_id of line {first.Line} ('{Short(first.Subject.Id)}'): record ids are compared without regard to case"));
            }
        }
        var keys = firstOfKey.Keys.ToList();
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var found in await db.Registry.Where(r => chunk.Contains(r.RecordKey)).Select(r => new { r.RecordKey, r.RecordId }).ToListAsync(ct))
            {
                existing[found.RecordKey] = found.RecordId;
            }
        }
        if (rows.FirstOrDefault(r => existing.ContainsKey(RegistryRecord.KeyOf(r.Subject.Id))) is { } duplicate)
        {
            var taken = existing[RegistryRecord.KeyOf(duplicate.Subject.Id)];
            return ValidationError.For("file", At(duplicate, duplicate.RecordIdColumn, string.Equals(taken, duplicate.Subject.Id, StringComparison.Ordinal)
                ? (Words)$"record_id '{Short(duplicate.Subject.Id)}' already exists in the registry"
                : (Words)$"record_id '{Short(duplicate.Subject.Id)}' is record {taken}, already in the registry: record ids are compared without regard to case"));
        }
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            var s = row.Subject;
            db.Registry.Add(new RegistryRecord
            {
                RecordId = s.Id,
                FullName = RawName(row),
                Aliases = [.. row.RawAliases],
                DateOfBirth = s.BirthDate is { } b ? new PartialDate(b.Year, b.Month, b.Day) : null,
                Nationality = s.Nationality,
                IdNumbers = [.. row.RawIdNumbers],
                Finding = row.Finding,
                CaseReference = row.CaseReference,
                Source = RegistrySource.Import,
                RecordedAt = now,
            });
        }
        await RegistryChanges.MarkAsync(db, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import or a hand-added record took one of these ids since they were checked above.
            db.ChangeTracker.Clear();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in keys.Chunk(500))
            {
                taken.UnionWith(await db.Registry.Where(r => chunk.Contains(r.RecordKey)).Select(r => r.RecordKey).ToListAsync(ct));
            }
            if (rows.FirstOrDefault(r => taken.Contains(RegistryRecord.KeyOf(r.Subject.Id))) is { } raced)
            {
                return new ConflictError(At(raced, raced.RecordIdColumn, $"record_id '{Short(raced.Subject.Id)}' was added to the registry while this file was being imported; nothing was imported"));
            }
            throw;
        }
        // Legacy files carry placeholders (1900-01-01) for unknown dates: kept as written, counted so the officer knows.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var setAside = rows.Count(r => r.Subject.BirthDate is { } b && !CandidateScorer.IsPlausibleBirthYear(b.Year, today, onRecord: true));
        return new RegistryImported(rows.Count, await db.Registry.CountAsync(ct), setAside);
    }

    private static string RawName(RegistryEntry row) => row.RawFullName ?? row.Subject.Id;

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        [.. (values ?? []).SelectMany(v => (v ?? "").Split(['|', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];

    internal static string NewRecordId() => "REG-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    /// <summary>A short, stable digest of what the engine compares of a person or record: changes when any of it changes.</summary>
    public static string Fingerprint(string fullName, IEnumerable<string> aliases, PartialDate? birth, string? nationality, IEnumerable<string> ids)
    {
        var text = string.Join('\u001f', fullName.Trim(), string.Join('\u001e', aliases), birth?.ToString() ?? "", nationality ?? "", string.Join('\u001e', ids));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string Fingerprint(RegistryRecord r) => Fingerprint(r.FullName, r.Aliases, r.DateOfBirth, r.Nationality, r.IdNumbers);

    /// <summary>
    /// The fingerprint of a person screened, in a canonical form: names in Unicode normal form KC (a letter and its accent
    /// typed apart or as one character are one letter), in lower case, with runs of spaces read as one; identifiers in
    /// the engine's normal form (<see cref="Identifiers.Normalize"/>), nationality in capitals. The same person reaches a
    /// run by a roster file, the personnel list or a typed form, each writing these a little differently; only a change
    /// the engine would see raises a dismissed pair again (the engine folds case and normalisation too). (Records keep
    /// <see cref="Fingerprint(RegistryRecord)"/>: they always come from the registry as stored.)
    /// </summary>
    public static string SubjectFingerprint(string fullName, IEnumerable<string> aliases, PartialDate? birth, string? nationality, IEnumerable<string> ids) =>
        Fingerprint(FoldName(fullName), aliases.Select(FoldName), birth, nationality?.Trim().ToUpperInvariant(),
            ids.Select(Identifiers.Normalize).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal));

    private static string FoldName(string text)
    {
        string normal;
        try
        {
            normal = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Half a surrogate pair (invalid UTF-16, from a JSON escape) cannot be normalised: compared as written.
            normal = text;
        }
        return string.Join(' ', normal.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The engine's view of a record; null when its name holds no letter (nothing to compare).</summary>
    public static ScreeningSubject? ToSubject(string id, string fullName, IEnumerable<string> aliases, PartialDate? birth, string? nationality, IEnumerable<string> ids)
    {
        if (PersonName.Parse(fullName).Parts.IsEmpty)
        {
            return null;
        }
        var country = nationality is { Length: 3 } n && n.All(char.IsAsciiLetter) ? n : null;
        return new ScreeningSubject(id, fullName, aliases, birth is { } b ? new BirthDate(b.Year, b.Month, b.Day) : null, country, ids);
    }
}

/// <summary>
/// A name typed to search the registry: a record is found by its id, by a name or alias that holds the text as typed
/// (case folded), or by one that has, for every word typed, a word screening would take for it (0.85 or more).
/// </summary>
internal sealed class NameSearch(string text)
{
    private const double WordSimilarity = 0.85;

    private readonly string _id = text.Trim();
    private readonly string _folded = text.Trim().ToUpperInvariant();
    private readonly System.Collections.Immutable.ImmutableArray<NamePart> _words = PersonName.Parse(text).Parts;

    public bool Finds(string recordId, IEnumerable<string> names) =>
        string.Equals(recordId, _id, StringComparison.OrdinalIgnoreCase) || names.Any(n => n.ToUpperInvariant().Contains(_folded, StringComparison.Ordinal) || HasEveryWord(n));

    private bool HasEveryWord(string name)
    {
        if (_words.IsEmpty)
        {
            return false;
        }
        var parts = PersonName.Parse(name).Parts;
        return _words.All(w => parts.Any(p => NameComparer.PartSimilarity(w, p) >= WordSimilarity));
    }
}
