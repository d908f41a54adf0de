using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// The form and API body of a correction of a conduct officer's record: every field as it should read (a misspelt name,
/// a wrong nationality or grade, a language left out at import). A move to another site is not a correction: plan it.
/// </summary>
public sealed record OfficerCorrection
{
    public string? FullName { get; init; }

    /// <summary>ISO 3166-1 alpha-3; the officer is never posted where a contingent of this nationality is.</summary>
    public string? Nationality { get; init; }

    /// <summary>UN grade, e.g. P-3.</summary>
    public string? Grade { get; init; }

    /// <summary>ISO 639 codes, e.g. ["fr", "sg"].</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>
    /// Optional: the <see cref="OfficerRecord.Version"/> the correction was made from. Given (the form always gives it),
    /// a record changed since is refused rather than overwritten with what the form showed before.
    /// </summary>
    public string? Version { get; init; }
}

/// <summary>The form and API body of a correction of a site's record (name, kind, position, community languages).</summary>
public sealed record SiteCorrection
{
    public string? Name { get; init; }

    /// <summary>The kind's token (<c>mission-hq</c>, <c>sector-hq</c>, <c>team-site</c>, <c>cob</c>, <c>tob</c>), checked here so that a wrong one is named with the other faults.</summary>
    public string? Kind { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>ISO 639 codes of the languages spoken by the community around the site.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>Optional: the <see cref="SiteRecord.Version"/> the correction was made from (see <see cref="OfficerCorrection.Version"/>).</summary>
    public string? Version { get; init; }
}

/// <summary>A conduct officer's record as kept, for the correction form.</summary>
public sealed record OfficerRecord(string Code, string Mission, string FullName, string Nationality, string Grade, IReadOnlyList<string> Languages, DateOnly? LeftOn)
{
    /// <summary>A short digest of the corrected fields: a correction made from another version is refused.</summary>
    public string Version => RecordVersions.Of(FullName, Nationality, Grade, string.Join(",", Languages));
}

/// <summary>A site's record as kept, for the correction form.</summary>
public sealed record SiteRecord(string Code, string Mission, string Name, SiteKind Kind, double Latitude, double Longitude, IReadOnlyList<string> Languages)
{
    /// <summary>A short digest of the corrected fields (see <see cref="OfficerRecord.Version"/>).</summary>
    public string Version => RecordVersions.Of(Name, Kind.Token(), Latitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Longitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture), string.Join(",", Languages));
}

internal static class RecordVersions
{
    public static string Of(params string[] fields) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\u001f", fields))), 0, 8);
}

/// <summary>
/// What the officer's nationality now conflicts with, for someone to act on: contingents of that nationality at a site the
/// officer is posted at (today or later), and, when the nationality changed, evaluations the officer recorded of officials
/// of that nationality (they stay on record, they happened; the next one must come from another officer).
/// </summary>
public sealed record OfficerCorrected(string Code, IReadOnlyList<string> ConflictingContingents, int CoNationalEvaluations);

/// <summary>
/// Corrections of the reference records the planner reads, by the mission's conduct chief: an officer's name,
/// nationality, grade and languages; a site's name, kind, position and languages. Import only adds (docs/import.md), so
/// this is where a record imported wrong is put right. A correction made from an older version of the record is refused
/// (a form left open on a poor connection must not undo a colleague's correction). The audit log has the change entry
/// (the fields changed) and, for an officer, the rules' inputs with their values before and after (nationality, grade,
/// languages; not the name); a plan built before a correction is checked again at approval against the corrected records.
/// </summary>
public sealed class RecordCorrections(VigilDbContext db, TimeProvider clock, IAuditTrail audit)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<OfficerRecord?> FindOfficerAsync(CallerScope scope, string code, CancellationToken ct = default) =>
        await Officers(scope).AsNoTracking().WithCode(o => o.Code, code.Trim())
            .Select(o => new OfficerRecord(o.Code, o.Mission!.Code, o.FullName, o.Nationality, o.Grade, o.Languages, o.LeftOn))
            .FirstOrDefaultAsync(ct);

    public async Task<SiteRecord?> FindSiteAsync(CallerScope scope, string code, CancellationToken ct = default) =>
        await Sites(scope).AsNoTracking().WithCode(s => s.Code, code.Trim())
            .Select(s => new SiteRecord(s.Code, s.Mission!.Code, s.Name, s.Kind, s.Latitude, s.Longitude, s.Languages))
            .FirstOrDefaultAsync(ct);

    public async Task<Result<OfficerCorrected>> CorrectOfficerAsync(CallerScope scope, string code, OfficerCorrection request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var officer = await Officers(scope).WithCode(o => o.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            return new NotFoundError($"No conduct officer '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission corrects an officer's record.");
        }
        var errors = new Dictionary<string, Words[]>();
        var name = RecordFields.Text(errors, "fullName", request.FullName, ReferenceRules.OfficerNameLength, "Give the officer's full name.");
        var grade = RecordFields.Text(errors, "grade", request.Grade, ReferenceRules.GradeLength, "Give the officer's grade, e.g. P-3.");
        var nationality = RecordFields.Country(errors, "nationality", request.Nationality, "Give the officer's nationality (ISO 3166-1 alpha-3, e.g. GHA).");
        var languages = RecordFields.Languages(errors, request.Languages, "Give at least one language the officer works in (ISO 639, e.g. fr).");
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        // The officer's row locked first, as for leave and departures: an approval checking this officer waits.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConductOfficers.Where(o => o.Id == officer.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Code, o => o.Code), ct);
        await db.Entry(officer).ReloadAsync(ct);
        var before = new OfficerRecord(officer.Code, "", officer.FullName, officer.Nationality, officer.Grade, officer.Languages, officer.LeftOn);
        if (request.Version is { } version && !string.Equals(version.Trim(), before.Version, StringComparison.OrdinalIgnoreCase))
        {
            return new ConflictError($"{officer.Code}'s record was changed by someone else since this correction was opened: check what it says now and correct it again.");
        }
        officer.FullName = name!;
        officer.Grade = grade!;
        officer.Nationality = nationality!;
        officer.Languages = languages!;
        // An account linked to this officer took its nationality from the record: recusal and the evaluator rule read it.
        foreach (var account in await db.Users.Where(u => u.OfficerId == officer.Id).ToListAsync(ct))
        {
            account.Nationality = nationality;
        }
        await db.SaveChangesAsync(ct);
        // The change entry names the fields; the rules' inputs are kept with their values before and after, so that a
        // nationality changed to get round the conflict rule and changed back shows (the name, personal data, is not).
        var changed = new List<string>();
        if (before.Nationality != nationality)
        {
            changed.Add($"nationality {before.Nationality} -> {nationality}");
        }
        if (before.Grade != grade)
        {
            changed.Add($"grade {before.Grade} -> {grade}");
        }
        if (!before.Languages.SequenceEqual(languages!))
        {
            changed.Add($"languages {string.Join(",", before.Languages)} -> {string.Join(",", languages!)}");
        }
        if (changed.Count > 0)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(ConductOfficer), officer.Code, "corrected: " + string.Join("; ", changed)), ct);
        }
        await transaction.CommitAsync(ct);

        // Contingents of the corrected nationality at a site during what is left of a posting.
        var today = Today;
        var postings = await db.Postings.AsNoTracking().Where(p => p.OfficerId == officer.Id && (p.To == null || p.To >= today))
            .Select(p => new { p.SiteId, p.From, p.To }).ToListAsync(ct);
        var siteIds = postings.Select(p => p.SiteId).Distinct().ToList();
        var contingents = await db.Contingents.AsNoTracking()
            .Where(c => siteIds.Contains(c.SiteId) && c.ContributingCountry == nationality && (c.To == null || c.To >= today))
            .Select(c => new { c.SiteId, c.Code, c.From, c.To }).ToListAsync(ct);
        var conflicts = contingents
            .Where(c => postings.Any(p => p.SiteId == c.SiteId && (p.To is null || c.From <= p.To) && (c.To is null || c.To >= p.From)))
            .Select(c => c.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        // Only a changed nationality makes earlier evaluations co-national (unchanged, the evaluator rule already held).
        var coNational = before.Nationality == nationality ? 0
            : await db.OfficialEvaluations.CountAsync(e => e.EvaluatorId == officer.Id && e.Official!.Nationality == nationality, ct);
        return new OfficerCorrected(officer.Code, conflicts, coNational);
    }

    public async Task<Result<SiteRecord>> CorrectSiteAsync(CallerScope scope, string code, SiteCorrection request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = await Sites(scope).Include(s => s.Mission).WithCode(s => s.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return new NotFoundError($"No site '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission corrects a site's record.");
        }
        var errors = new Dictionary<string, Words[]>();
        var name = RecordFields.Text(errors, "name", request.Name, ReferenceRules.SiteNameLength, "Give the site's name.");
        var kind = RecordFields.Kind(errors, request.Kind);
        var position = RecordFields.Position(errors, request.Latitude, request.Longitude);
        var languages = RecordFields.Languages(errors, request.Languages, "Give at least one language spoken around the site (ISO 639, e.g. sg).");
        // Two sites of one mission with one name (whatever the case) would be told apart by nobody reading a plan.
        if (name is not null && (await db.Sites.AsNoTracking().Where(s => s.MissionId == site.MissionId && s.Id != site.Id).Select(s => s.Name).ToListAsync(ct))
                .FirstOrDefault(n => ReferenceRules.SameSiteName(n, name)) is { } taken)
        {
            errors["name"] = [$"Mission {site.Mission!.Code} already has a site named '{taken}'."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var current = new SiteRecord(site.Code, "", site.Name, site.Kind, site.Latitude, site.Longitude, site.Languages);
        if (request.Version is { } version && !string.Equals(version.Trim(), current.Version, StringComparison.OrdinalIgnoreCase))
        {
            return new ConflictError($"{site.Code}'s record was changed by someone else since this correction was opened: check what it says now and correct it again.");
        }
        site.Name = name!;
        site.Kind = kind!.Value;
        site.Latitude = position!.Value.Latitude;
        site.Longitude = position.Value.Longitude;
        site.Languages = languages!;
        await db.SaveChangesAsync(ct);
        return new SiteRecord(site.Code, site.Mission!.Code, site.Name, site.Kind, site.Latitude, site.Longitude, site.Languages);
    }

    private IQueryable<ConductOfficer> Officers(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.ConductOfficers.VisibleToMissionScope(scope) : db.ConductOfficers.Where(_ => false);

    private IQueryable<Site> Sites(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.Sites.VisibleToMissionScope(scope) : db.Sites.Where(_ => false);
}
