using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// The fields of an official's record, as the conduct chief gives them: the API body of a correction
/// (a misspelt name, a wrong nationality) and the base of <see cref="NewOfficial"/>. A move to another
/// site is not a correction: end the appointment and add the official there.
/// </summary>
public record OfficialCorrection
{
    public string? FullName { get; init; }

    /// <summary>E.g. "Battalion commander, RWABATT 2".</summary>
    public string? Title { get; init; }

    /// <summary>
    /// <c>commander</c> or <c>head-of-office</c> (case ignored). Text, not the enum: a role the API does not know is a
    /// field error reported with the form's others, not a body refused before they are looked at.
    /// </summary>
    public string? Role { get; init; }

    /// <summary>ISO 3166-1 alpha-3; no officer of this nationality evaluates the official.</summary>
    public string? Nationality { get; init; }

    /// <summary>
    /// First day in post, <c>YYYY-MM-DD</c>. Text, not a date: a malformed day (<c>2027-02-30</c>) is a field error reported
    /// with the form's others, not a body refused before they are looked at.
    /// </summary>
    public string? From { get; init; }
}

/// <summary>The form and API body of a new official at a site: the record's fields and the site.</summary>
public sealed record NewOfficial : OfficialCorrection
{
    /// <summary>The site's code, e.g. MINUSCA-BRI.</summary>
    public string? Site { get; init; }
}

/// <summary>An official's record as kept, for the correction form.</summary>
public sealed record OfficialDetails(int Id, string SiteCode, string FullName, string Title, OfficialRole Role, string Nationality, DateOnly From, DateOnly? To);

/// <summary>
/// What a correction changed that someone must act on: evaluations already recorded by an officer of
/// the corrected nationality were made by a co-national, which the reform forbids. They stay on record
/// (they happened); the next evaluation must come from another officer.
/// </summary>
public sealed record OfficialCorrected(int CoNationalEvaluations);

/// <summary>The API body that ends an official's appointment.</summary>
public sealed record OfficialEnd
{
    /// <summary>Last day in post.</summary>
    public DateOnly? To { get; init; }
}

/// <summary>
/// Keeps the list of officials (commanders, heads of office) at sites: the conduct chief of the mission
/// adds one on arrival and ends the appointment on departure. Ended officials stay on record with their
/// evaluations; changes are audited like any other (the audit interceptor).
/// </summary>
public sealed class Officials(VigilDbContext db, TimeProvider clock, IOptions<PresenceOptions> options)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    private readonly PresenceOptions settings = options.Value;

    public async Task<Result<int>> AddAsync(CallerScope scope, NewOfficial request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.Site?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return ValidationError.For("site", "Choose the site, e.g. MINUSCA-BRI.");
        }
        // The code as typed (minusca-bir) finds the site too.
        var site = await VisibleSites(scope).WithCode(s => s.Code, code).FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return new NotFoundError($"No site '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission keeps the list of officials.");
        }
        var (errors, name, title, role, nationality, given) = Validate(request);
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var from = given!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockSiteAsync(site.Id, ct);
        if (await db.Officials.AnyAsync(o => o.SiteId == site.Id && o.FullName == name && o.From == from, ct))
        {
            return new ConflictError($"This official is already listed at {site.Code} from {from:yyyy-MM-dd}.");
        }
        var official = new Official { SiteId = site.Id, FullName = name, Title = title, Role = role, Nationality = nationality, From = from };
        db.Officials.Add(official);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return official.Id;
    }

    /// <summary>
    /// Locks the site's row until the transaction ends, before looking for the same official: two requests at once
    /// (a double submit) both found none and both recorded. The second now waits, then finds the first (409).
    /// </summary>
    private Task<int> LockSiteAsync(int siteId, CancellationToken ct) =>
        db.Sites.Where(s => s.Id == siteId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Code, s => s.Code), ct);

    /// <summary>The fields an added or corrected official must have; names, titles and codes trimmed.</summary>
    private (Dictionary<string, Words[]> Errors, string Name, string Title, OfficialRole Role, string Nationality, DateOnly? From) Validate(OfficialCorrection request)
    {
        var errors = new Dictionary<string, Words[]>();
        var name = request.FullName?.Trim() ?? "";
        var title = request.Title?.Trim() ?? "";
        var nationality = request.Nationality?.Trim().ToUpperInvariant() ?? "";
        if (name.Length is 0 or > 300)
        {
            errors["fullName"] = [name.Length == 0 ? "Give the official's full name." : "The name is limited to 300 characters."];
        }
        else if (NameText.ControlIn(name) is { } control)
        {
            errors["fullName"] = [NameText.OneLine(control)];
        }
        if (title.Length is 0 or > 200)
        {
            errors["title"] = [title.Length == 0 ? "Give the title, e.g. Battalion commander, RWABATT 2." : "The title is limited to 200 characters."];
        }
        else if (NameText.NotOneLine(title, "title") is { } titleControl)
        {
            errors["title"] = [titleControl];
        }
        if (!OfficialRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [string.IsNullOrWhiteSpace(request.Role)
                ? (Words)$"Choose one of: {OfficialRoles.AllLabels}."
                : (Words)$"'{QuotedValue.Shown(request.Role.Trim(), 40)}' is not a role: choose one of: {OfficialRoles.AllLabels}."];
        }
        if (!Countries.IsKnown(nationality))
        {
            errors["nationality"] = [$"'{request.Nationality}' is not an ISO 3166-1 alpha-3 country code (e.g. RWA)."];
        }
        var fromText = request.From?.Trim();
        DateOnly? from = null;
        if (string.IsNullOrEmpty(fromText))
        {
            errors["from"] = ["Give the first day in post (yyyy-MM-dd)."];
        }
        else if (fromText.Length != 10 || !DateOnly.TryParseExact(fromText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            // As JSON dates are refused elsewhere (JsonDates): the value quoted, it is a date.
            errors["from"] = [$"'{QuotedValue.Shown(fromText, 40)}' is not a valid date (YYYY-MM-DD)."];
        }
        else if (parsed < Cases.RecordDates.Earliest || parsed > Today.AddYears(RotationRuns.MaxYearsAhead))
        {
            // Year 1 or 9999 is a slip of the keyboard, and the end of such a period overflows a date.
            errors["from"] = [$"'{parsed:yyyy-MM-dd}' is not a plausible first day in post: give a date from 1948 to {RotationRuns.MaxYearsAhead} years ahead."];
        }
        else
        {
            from = parsed;
        }
        return (errors, name, title, role, nationality, from);
    }

    /// <summary>An official's record, for the correction form (the conduct team of the mission).</summary>
    public async Task<OfficialDetails?> FindAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var sites = VisibleSites(scope).Select(s => s.Id);
        return await db.Officials.AsNoTracking()
            .Where(o => o.Id == id && sites.Contains(o.SiteId))
            .Select(o => new OfficialDetails(o.Id, o.Site!.Code, o.FullName, o.Title, o.Role, o.Nationality, o.From, o.To))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Corrects an official's name, title, role, nationality or first day (conduct chief). The change is
    /// audited with the values before and after; the result counts the evaluations that the corrected
    /// nationality makes co-national ones.
    /// </summary>
    public async Task<Result<OfficialCorrected>> CorrectAsync(CallerScope scope, int id, OfficialCorrection request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sites = VisibleSites(scope).Select(s => s.Id);
        var official = await db.Officials.Include(o => o.Site).FirstOrDefaultAsync(o => o.Id == id && sites.Contains(o.SiteId), ct);
        if (official is null)
        {
            return new NotFoundError("No such official in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission keeps the list of officials.");
        }
        var (errors, name, title, role, nationality, given) = Validate(request);
        if (given is { } first && official.To is { } last && first > last)
        {
            errors["from"] = [$"The first day ({first:yyyy-MM-dd}) is after the last day in post ({last:yyyy-MM-dd})."];
        }
        if (given is { } newFirst && !errors.ContainsKey("from")
            && await db.OfficialEvaluations.Where(e => e.OfficialId == id).OrderBy(e => e.PeriodStart).Select(e => (DateOnly?)e.PeriodStart).FirstOrDefaultAsync(ct) is { } firstEvaluated
            && newFirst > EvaluationPeriods.EndOf(firstEvaluated, settings.EvaluationPeriodMonths))
        {
            // Evaluations already recorded prove the official was in post then: moving the first day past them would
            // hide them from the list and the overdue count.
            errors["from"] = [$"The official was evaluated for the period starting {firstEvaluated:yyyy-MM-dd}: the first day cannot be after it."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var from = given!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockSiteAsync(official.SiteId, ct);
        if (await db.Officials.AnyAsync(o => o.Id != id && o.SiteId == official.SiteId && o.FullName == name && o.From == from, ct))
        {
            return new ConflictError($"Another record already lists this official at {official.Site!.Code} from {from:yyyy-MM-dd}.");
        }
        official.FullName = name;
        official.Title = title;
        official.Role = role;
        official.Nationality = nationality;
        official.From = from;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var coNational = await db.OfficialEvaluations.CountAsync(e => e.OfficialId == id && e.Evaluator!.Nationality == nationality, ct);
        return new OfficialCorrected(coNational);
    }

    /// <summary>Ends an appointment on <see cref="OfficialEnd.To"/> (the last day in post).</summary>
    public async Task<Result<bool>> EndAsync(CallerScope scope, int id, OfficialEnd request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sites = VisibleSites(scope).Select(s => s.Id);
        var official = await db.Officials.FirstOrDefaultAsync(o => o.Id == id && sites.Contains(o.SiteId), ct);
        if (official is null)
        {
            return new NotFoundError("No such official in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission keeps the list of officials.");
        }
        if (request.To is not { } to)
        {
            return ValidationError.For("to", "Give the last day in post (yyyy-MM-dd).");
        }
        if (to < official.From)
        {
            return ValidationError.For("to", $"The last day ({to:yyyy-MM-dd}) is before the first day in post ({official.From:yyyy-MM-dd}).");
        }
        if (official.To is { } ended)
        {
            return new ConflictError($"This appointment already ended on {ended:yyyy-MM-dd}.");
        }
        if (to > Today.AddYears(RotationRuns.MaxYearsAhead))
        {
            return ValidationError.For("to", $"'{to:yyyy-MM-dd}' is more than {RotationRuns.MaxYearsAhead} years ahead: give the planned last day in post.");
        }
        if (await db.OfficialEvaluations.Where(e => e.OfficialId == id).OrderByDescending(e => e.PeriodStart).Select(e => (DateOnly?)e.PeriodStart).FirstOrDefaultAsync(ct) is { } lastEvaluated
            && to < lastEvaluated)
        {
            return ValidationError.For("to", $"The official was evaluated for the period starting {lastEvaluated:yyyy-MM-dd}: the last day cannot be before it.");
        }
        official.To = to;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The sites whose officials the caller may list (the conduct team of the mission).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> SitesAsync(CallerScope scope, string? mission = null, CancellationToken ct = default)
    {
        var query = VisibleSites(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            query = query.Where(s => s.Mission!.Code == code);
        }
        return (await query.OrderBy(s => s.Code).Select(s => new { s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Code, s.Name)).ToList();
    }

    private IQueryable<Site> VisibleSites(CallerScope scope) => scope.Roles.Overlaps(PresenceRoles.ConductTeam)
        ? db.Sites.VisibleToMissionScope(scope)
        : db.Sites.Where(_ => false);
}
