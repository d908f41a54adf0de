using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>The form and API body of a site the mission opens: the fields of a row of sites.csv (docs/import.md).</summary>
public sealed record NewSite
{
    /// <summary>Unique code, at most 40 characters, e.g. MINUSCA-BRI.</summary>
    public string? Code { get; init; }

    /// <summary>The mission's code.</summary>
    public string? Mission { get; init; }

    /// <summary>At most 200 characters, unique within the mission (whatever the case).</summary>
    public string? Name { get; init; }

    /// <summary>The kind's token: <c>mission-hq</c>, <c>sector-hq</c>, <c>team-site</c>, <c>cob</c> or <c>tob</c>.</summary>
    public string? Kind { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>ISO 639 codes of the languages spoken around the site, at least one.</summary>
    public IReadOnlyList<string>? Languages { get; init; }
}

/// <summary>The form and API body of a conduct officer joining the mission: the fields of a row of officers.csv (docs/import.md).</summary>
public sealed record NewOfficer
{
    /// <summary>Unique code, at most 20 characters, e.g. CDO-0042.</summary>
    public string? Code { get; init; }

    public string? FullName { get; init; }

    /// <summary>ISO 3166-1 alpha-3; the officer is never posted where a contingent of this nationality is.</summary>
    public string? Nationality { get; init; }

    /// <summary>UN grade, e.g. P-3.</summary>
    public string? Grade { get; init; }

    /// <summary>ISO 639 codes, at least one.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>The mission's code.</summary>
    public string? Mission { get; init; }

    /// <summary>Optional: a site of the mission where the officer is posted now (the posting starts on <see cref="PostedSince"/>).</summary>
    public string? CurrentSite { get; init; }

    /// <summary>Required with <see cref="CurrentSite"/>, refused without it: the first day of that posting.</summary>
    public DateOnly? PostedSince { get; init; }
}

/// <summary>The form and API body of a contingent's arrival at a site: the fields of a row of contingents.csv (docs/import.md).</summary>
public sealed record NewContingent
{
    /// <summary>Unique code, at most 60 characters, e.g. MINUSCA-BRI-RWA-INF-1.</summary>
    public string? Code { get; init; }

    /// <summary>The site's code; the site's mission is the contingent's.</summary>
    public string? Site { get; init; }

    /// <summary>ISO 3166-1 alpha-3 of the contributing country.</summary>
    public string? Country { get; init; }

    /// <summary>The category's token (<c>military-contingent</c>, <c>formed-police</c>, …).</summary>
    public string? Category { get; init; }

    /// <summary>Unit designation, at most 200 characters.</summary>
    public string? Unit { get; init; }

    /// <summary>Authorised strength, at least 1.</summary>
    public int? Strength { get; init; }

    /// <summary>Arrival day (first day deployed).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Optional: the last day, inclusive, not before <see cref="From"/>; empty while deployed.</summary>
    public DateOnly? To { get; init; }
}

/// <summary>
/// A conduct officer just added: the record, the posting it opened (if any) and the contingents of the officer's
/// nationality at that site from the posting's first day on (a conflict of interest: post the officer elsewhere).
/// </summary>
public sealed record OfficerAdded(OfficerRecord Officer, string? CurrentSite, DateOnly? PostedSince, IReadOnlyList<string> ConflictingContingents);

/// <summary>
/// Additions to a mission's reference records by its conduct chief in the application, as <c>vigil import</c> makes them
/// on the server (docs/import.md, with the same rules: <see cref="ReferenceRules"/>): a site that opens, a conduct officer
/// who joins (with the posting where they serve now), a contingent that arrives at a site. Every fault of a body is named
/// at once; a code already taken (in any case, as the application finds codes) is a conflict. The mission is the
/// caller's (another mission's chief finds none); only its conduct chief adds. Each addition is one transaction and is in
/// the audit log twice: the records created (the interceptor) and one entry by code naming the fields (not a person's
/// name). The coverage view and the next problem built read the new records; a plan built before is checked at approval
/// (<see cref="PlanRecheck"/>): an officer who joined is named, a contingent that makes a planned posting co-national too.
/// </summary>
public sealed class RecordAdditions(VigilDbContext db, TimeProvider clock, IAuditTrail audit)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The code of a mission of the caller's scope where the caller may add records (its conduct chief), or null.</summary>
    public async Task<string?> MissionForAdditionsAsync(CallerScope scope, string code, CancellationToken ct = default) =>
        scope.Roles.Overlaps(PresenceRoles.Planners)
            ? await db.Missions.AsNoTracking().VisibleToMissionScope(scope).WithCode(m => m.Code, code.Trim()).Select(m => m.Code).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>The sites of a mission of the caller's scope still open today (codes and names, for the officer form's choice).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> OpenSitesAsync(CallerScope scope, string mission, CancellationToken ct = default)
    {
        var today = Today;
        return (await Sites(scope).AsNoTracking().Where(s => s.Mission!.Code == mission && (s.ClosedOn == null || s.ClosedOn >= today)).OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Code, s.Name)).ToList();
    }

    public async Task<Result<SiteRecord>> OpenSiteAsync(CallerScope scope, NewSite request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, Words[]>();
        var found = await MissionAsync(scope, errors, request.Mission, "Only the conduct chief of the mission opens a site.", ct);
        if (found.Error is { } refused)
        {
            return refused;
        }
        var mission = found.Value;
        var code = RecordFields.Code(errors, request.Code, ReferenceRules.SiteCodeLength, "Give the site's code, e.g. MINUSCA-BRI.");
        var name = RecordFields.Text(errors, "name", request.Name, ReferenceRules.SiteNameLength, "Give the site's name.");
        var kind = RecordFields.Kind(errors, request.Kind);
        var position = RecordFields.Position(errors, request.Latitude, request.Longitude);
        var languages = RecordFields.Languages(errors, request.Languages, "Give at least one language spoken around the site (ISO 639, e.g. sg).");
        // A name taken is named with the other faults (and checked again under the lock, below); not when the code is taken
        // too: the same site sent twice is the conflict (409), not a name taken by itself.
        var codeTaken = code is not null && await db.Sites.AsNoTracking().WithCode(s => s.Code, code).AnyAsync(ct);
        if (!codeTaken && mission is not null && name is not null && await SiteNameTakenAsync(mission, name, ct) is { } named)
        {
            errors["name"] = [$"Mission {mission.Code} already has a site named '{named}'."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        // The mission's row locked first: a second site opened at the same moment waits, then sees this one's name and code.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Missions.Where(m => m.Id == mission!.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Code, m => m.Code), ct);
        // The code first: the same site sent twice is a conflict, not a name taken.
        if (await db.Sites.AsNoTracking().WithCode(s => s.Code, code!).Select(s => s.Code).FirstOrDefaultAsync(ct) is { } existing)
        {
            return new ConflictError($"A site with the code {existing} already exists.");
        }
        if (await SiteNameTakenAsync(mission!, name!, ct) is { } taken)
        {
            return ValidationError.For("name", $"Mission {mission!.Code} already has a site named '{taken}'.");
        }
        var site = new Site
        {
            Code = code!,
            MissionId = mission!.Id,
            Name = name!,
            Kind = kind!.Value,
            Latitude = position!.Value.Latitude,
            Longitude = position.Value.Longitude,
            Languages = languages!,
        };
        db.Sites.Add(site);
        if (await SaveAsync(() => db.Sites.AnyAsync(s => s.Code == site.Code, ct), $"A site with the code {site.Code} already exists.", ct) is { } duplicate)
        {
            return duplicate;
        }
        await audit.RecordAsync(new AuditEvent(AuditActions.Create, nameof(Site), site.Code, RecordAuditDetail.Site("opened", mission.Code, site)), ct);
        await transaction.CommitAsync(ct);
        return new SiteRecord(site.Code, mission.Code, site.Name, site.Kind, site.Latitude, site.Longitude, site.Languages);
    }

    public async Task<Result<OfficerAdded>> AddOfficerAsync(CallerScope scope, NewOfficer request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, Words[]>();
        var found = await MissionAsync(scope, errors, request.Mission, "Only the conduct chief of the mission adds a conduct officer.", ct);
        if (found.Error is { } refused)
        {
            return refused;
        }
        var mission = found.Value;
        var code = RecordFields.Code(errors, request.Code, ReferenceRules.OfficerCodeLength, "Give the officer's code, e.g. CDO-0042.");
        var name = RecordFields.Text(errors, "fullName", request.FullName, ReferenceRules.OfficerNameLength, "Give the officer's full name.");
        var nationality = RecordFields.Country(errors, "nationality", request.Nationality, "Give the officer's nationality (ISO 3166-1 alpha-3, e.g. GHA).");
        var grade = RecordFields.Text(errors, "grade", request.Grade, ReferenceRules.GradeLength, "Give the officer's grade, e.g. P-3.");
        var languages = RecordFields.Languages(errors, request.Languages, "Give at least one language the officer works in (ISO 639, e.g. fr).");
        var siteCode = request.CurrentSite?.Trim() is { Length: > 0 } typed ? typed : null;
        Site? site = null;
        if (siteCode is not null && mission is not null)
        {
            site = await db.Sites.AsNoTracking().Where(s => s.MissionId == mission.Id).WithCode(s => s.Code, siteCode).FirstOrDefaultAsync(ct);
            if (site is null)
            {
                errors["currentSite"] = [$"'{QuotedValue.Shown(siteCode, 40)}' is not a site of mission {mission.Code}."];
            }
        }
        if (siteCode is null && request.PostedSince is not null)
        {
            errors["postedSince"] = ["A posting's first day is given but no current site: choose the site, or leave the day empty."];
        }
        else if (siteCode is not null && request.PostedSince is null)
        {
            errors["postedSince"] = ["Give the first day of the officer's posting at the current site (yyyy-MM-dd)."];
        }
        else if (siteCode is not null && !RecordFields.Plausible(request.PostedSince!.Value, Today))
        {
            errors["postedSince"] = [$"'{request.PostedSince!.Value:yyyy-MM-dd}' is not a plausible day: give a date from 1948 to {RotationRuns.MaxYearsAhead} years ahead."];
        }
        else if (site?.ClosedOn is { } closed && request.PostedSince is { } start && start > closed)
        {
            errors["postedSince"] = [$"{site.Code} closed on {closed:yyyy-MM-dd}, before this day."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Missions.Where(m => m.Id == mission!.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Code, m => m.Code), ct);
        if (await db.ConductOfficers.AsNoTracking().WithCode(o => o.Code, code!).Select(o => o.Code).FirstOrDefaultAsync(ct) is { } existing)
        {
            return new ConflictError($"A conduct officer with the code {existing} already exists.");
        }
        var officer = new ConductOfficer
        {
            Code = code!,
            FullName = name!,
            Nationality = nationality!,
            Grade = grade!,
            Languages = languages!,
            MissionId = mission!.Id,
        };
        if (site is not null)
        {
            officer.Postings.Add(new Posting { SiteId = site.Id, From = request.PostedSince!.Value });
        }
        db.ConductOfficers.Add(officer);
        if (await SaveAsync(() => db.ConductOfficers.AnyAsync(o => o.Code == officer.Code, ct), $"A conduct officer with the code {officer.Code} already exists.", ct) is { } duplicate)
        {
            return duplicate;
        }
        // The rules' inputs, as a correction keeps them; not the name.
        await audit.RecordAsync(new AuditEvent(AuditActions.Create, nameof(ConductOfficer), officer.Code,
            RecordAuditDetail.Officer("added", mission.Code, officer, site?.Code, site is null ? null : request.PostedSince)), ct);
        await transaction.CommitAsync(ct);

        IReadOnlyList<string> conflicts = [];
        if (site is not null)
        {
            // Contingents of the officer's nationality at the site on some day of the posting (from the later of its start and today).
            var from = request.PostedSince!.Value > Today ? request.PostedSince.Value : Today;
            conflicts = await db.Contingents.AsNoTracking()
                .Where(c => c.SiteId == site.Id && c.ContributingCountry == officer.Nationality && (c.To == null || c.To >= from))
                .OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
        }
        return new OfficerAdded(new OfficerRecord(officer.Code, mission.Code, officer.FullName, officer.Nationality, officer.Grade, officer.Languages, null),
            site?.Code, site is null ? null : request.PostedSince, conflicts);
    }

    public async Task<Result<ContingentChanged>> RegisterContingentAsync(CallerScope scope, NewContingent request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, Words[]>();
        var siteCode = request.Site?.Trim();
        Site? site = null;
        if (string.IsNullOrEmpty(siteCode))
        {
            errors["site"] = ["Choose the site, e.g. MINUSCA-BRI."];
        }
        else
        {
            site = await Sites(scope).Include(s => s.Mission).WithCode(s => s.Code, siteCode).FirstOrDefaultAsync(ct);
            if (site is null)
            {
                return new NotFoundError($"No site '{siteCode}' in your missions.");
            }
            if (!scope.Roles.Overlaps(PresenceRoles.Planners))
            {
                return new ForbiddenError("Only the conduct chief of the mission registers a contingent's arrival.");
            }
            if (Ended(site.Mission!) is { } ended)
            {
                return ended;
            }
        }
        var code = RecordFields.Code(errors, request.Code, ReferenceRules.ContingentCodeLength, "Give the contingent's code, e.g. MINUSCA-BRI-RWA-INF-1.");
        var country = RecordFields.Country(errors, "country", request.Country, "Give the contributing country (ISO 3166-1 alpha-3, e.g. RWA).");
        var category = RecordFields.Category(errors, request.Category);
        var unit = RecordFields.Unit(errors, request.Unit);
        var strength = RecordFields.Strength(errors, request.Strength);
        var from = RecordFields.Arrival(errors, "from", request.From, Today);
        if (from is { } first && site?.ClosedOn is { } closed && first > closed)
        {
            errors["from"] = [$"{site.Code} closed on {closed:yyyy-MM-dd}, before this day."];
        }
        if (request.To is { } last)
        {
            if (!RecordFields.Plausible(last, Today))
            {
                errors["to"] = [$"'{last:yyyy-MM-dd}' is not a plausible day: give a date from 1948 to {RotationRuns.MaxYearsAhead} years ahead."];
            }
            else if (from is { } arrival && last < arrival)
            {
                errors["to"] = [$"'{last:yyyy-MM-dd}' is before the arrival day ({arrival:yyyy-MM-dd})."];
            }
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        // The site's row locked, as for a departure or a correction of a contingent there.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Sites.Where(s => s.Id == site!.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Code, s => s.Code), ct);
        if (await db.Contingents.AsNoTracking().WithCode(c => c.Code, code!).Select(c => c.Code).FirstOrDefaultAsync(ct) is { } existing)
        {
            return new ConflictError($"A contingent with the code {existing} already exists.");
        }
        var contingent = new Contingent
        {
            Code = code!,
            SiteId = site!.Id,
            ContributingCountry = country!,
            Category = category!.Value,
            UnitName = unit!,
            Strength = strength!.Value,
            From = from!.Value,
            To = request.To,
        };
        db.Contingents.Add(contingent);
        if (await SaveAsync(() => db.Contingents.AnyAsync(c => c.Code == contingent.Code, ct), $"A contingent with the code {contingent.Code} already exists.", ct) is { } duplicate)
        {
            return duplicate;
        }
        var record = new ContingentRecord(contingent.Code, site.Mission!.Code, site.Code, contingent.ContributingCountry, contingent.Category, contingent.UnitName,
            contingent.Strength, contingent.From, contingent.To);
        await audit.RecordAsync(new AuditEvent(AuditActions.Create, nameof(Contingent), contingent.Code, RecordAuditDetail.Contingent("arrival registered", site.Code, contingent)), ct);
        await transaction.CommitAsync(ct);

        var (_, created) = await ContingentChanges.ConflictsAsync(db, Today, site.Id, contingent.Id, null,
            new ContingentChanges.Span(contingent.ContributingCountry, contingent.From, contingent.To), ct);
        return new ContingentChanged(record, [], created);
    }

    /// <summary>The name of a site of <paramref name="mission"/> that is <paramref name="name"/> whatever the case, or null.</summary>
    private async Task<string?> SiteNameTakenAsync(Mission mission, string name, CancellationToken ct) =>
        (await db.Sites.AsNoTracking().Where(s => s.MissionId == mission.Id).Select(s => s.Name).ToListAsync(ct))
            .FirstOrDefault(n => ReferenceRules.SameSiteName(n, name));

    /// <summary>
    /// The mission a body names, in the caller's scope: a blank one is a field's fault (named with the others), one outside
    /// the scope is not found, and the caller must be a conduct chief (<paramref name="forbidden"/> otherwise).
    /// </summary>
    private async Task<Result<Mission?>> MissionAsync(CallerScope scope, Dictionary<string, Words[]> errors, string? typed, Words forbidden, CancellationToken ct)
    {
        var code = typed?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors["mission"] = ["Choose the mission, e.g. MINUSCA."];
            return (Mission?)null;
        }
        var mission = scope.Roles.Overlaps(PresenceRoles.ConductTeam)
            ? await db.Missions.AsNoTracking().VisibleToMissionScope(scope).WithCode(m => m.Code, code).FirstOrDefaultAsync(ct)
            : null;
        if (mission is null)
        {
            return new NotFoundError($"No mission {QuotedValue.Shown(code, 40)} in your scope.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError(forbidden);
        }
        if (Ended(mission) is { } ended)
        {
            return ended;
        }
        return mission;
    }

    /// <summary>A mission whose mandate ended before today takes no new site, officer or contingent: the record would be wrong.</summary>
    private ConflictError? Ended(Mission mission) =>
        mission.EndDate is { } end && end < Today ? new ConflictError($"Mission {mission.Code} ended on {end:yyyy-MM-dd}: nothing is added to it.") : null;

    /// <summary>
    /// Saves the tracked addition. Another mission's chief may have added the same code a moment before (the mission's lock
    /// does not cover theirs): the unique index refuses it, and that is said as the conflict it is, the change not kept.
    /// </summary>
    private async Task<ConflictError?> SaveAsync(Func<Task<bool>> taken, Words conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await db.Database.RollbackTransactionAsync(ct);
            if (await taken())
            {
                return new ConflictError(conflict);
            }
            throw;
        }
    }

    private IQueryable<Site> Sites(CallerScope scope) =>
        scope.Roles.Overlaps(PresenceRoles.ConductTeam) ? db.Sites.VisibleToMissionScope(scope) : db.Sites.Where(_ => false);
}
