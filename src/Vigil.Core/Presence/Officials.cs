using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>The form and API body of a new official at a site.</summary>
public sealed record NewOfficial
{
    /// <summary>The site's code, e.g. MINUSCA-BRI.</summary>
    public string? Site { get; init; }

    public string? FullName { get; init; }

    /// <summary>E.g. "Battalion commander, RWABATT 2".</summary>
    public string? Title { get; init; }

    public OfficialRole? Role { get; init; }

    /// <summary>ISO 3166-1 alpha-3; no officer of this nationality evaluates the official.</summary>
    public string? Nationality { get; init; }

    /// <summary>First day in post.</summary>
    public DateOnly? From { get; init; }
}

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
public sealed class Officials(VigilDbContext db)
{
    public async Task<Result<int>> AddAsync(CallerScope scope, NewOfficial request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.Site?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return ValidationError.For("site", "Choose the site, e.g. MINUSCA-BRI.");
        }
        var site = await VisibleSites(scope).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (site is null)
        {
            return new NotFoundError($"No site '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission keeps the list of officials.");
        }
        var errors = new Dictionary<string, string[]>();
        var name = request.FullName?.Trim() ?? "";
        var title = request.Title?.Trim() ?? "";
        var nationality = request.Nationality?.Trim().ToUpperInvariant() ?? "";
        if (name.Length is 0 or > 300)
        {
            errors["fullName"] = [name.Length == 0 ? "Give the official's full name." : "The name is limited to 300 characters."];
        }
        if (title.Length is 0 or > 200)
        {
            errors["title"] = [title.Length == 0 ? "Give the title, e.g. Battalion commander, RWABATT 2." : "The title is limited to 200 characters."];
        }
        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            errors["role"] = [$"Choose one of: {OfficialRoles.AllTokens}."];
        }
        if (!Countries.IsKnown(nationality))
        {
            errors["nationality"] = [$"'{request.Nationality}' is not an ISO 3166-1 alpha-3 country code (e.g. RWA)."];
        }
        if (request.From is null)
        {
            errors["from"] = ["Give the first day in post (yyyy-MM-dd)."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var from = request.From!.Value;
        if (await db.Officials.AnyAsync(o => o.SiteId == site.Id && o.FullName == name && o.From == from, ct))
        {
            return new ConflictError($"This official is already listed at {site.Code} from {from:yyyy-MM-dd}.");
        }
        var official = new Official { SiteId = site.Id, FullName = name, Title = title, Role = request.Role!.Value, Nationality = nationality, From = from };
        db.Officials.Add(official);
        await db.SaveChangesAsync(ct);
        return official.Id;
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
