using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Web.Platform;

namespace Vigil.Pages.Cases;

public sealed class DashboardModel(OverdueDashboard dashboard, Vigil.Core.Presence.Evaluations evaluations, Vigil.Core.Presence.Coverage coverage, CallerScope scope) : PageModel
{
    /// <summary>No role or grant of the caller opens a case (an analyst, say): the page says so rather than show bare zeros.</summary>
    public bool SeesNoCase => !Vigil.Core.Cases.CaseAccess.MaySeeSomeCase(scope);

    public Dashboard Data { get; private set; } = null!;

    /// <summary>Evaluations of officials past their period's end and grace days (conduct team only).</summary>
    public IReadOnlyList<Vigil.Core.Presence.OverdueEvaluation> OverdueEvaluations { get; private set; } = [];
    public string? Mission { get; private set; }

    /// <summary>
    /// Postings, today's and coming ones, where a contingent of the officer's nationality is or arrives (the coverage view's
    /// flags), for the conduct team as the overdue evaluations are: officer, nationality, site, mission, conflict.
    /// </summary>
    public IReadOnlyList<(string Officer, string Code, string Nationality, string SiteCode, string SiteName, string Mission, Vigil.Core.Presence.CoverageConflict Conflict)> Conflicts { get; private set; } = [];

    public FieldErrors Errors { get; } = new();

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        var result = await dashboard.GetAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier), Mission, ct);
        if (result.Error is { } error)
        {
            // A code no mission has (the only refusal here): said beside the filter, with empty tables under it, not
            // zeros read as "nothing overdue there". The field keeps what was typed.
            Mission = mission?.Trim();
            Errors.AddError(error, this.Words());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Data = new Dashboard([], [], []);
            return;
        }
        Data = result.Value!;
        OverdueEvaluations = await evaluations.OverdueAsync(scope, Mission, ct);
        if (scope.Roles.Overlaps(Vigil.Core.Presence.PresenceRoles.ConductTeam))
        {
            var view = await coverage.GetAsync(scope, Mission, false, OverdueEvaluations, ct);
            Conflicts = [
                .. view.Sites.SelectMany(s => s.Officers.Where(o => o.Conflict is not null).Select(o => (o.Name, o.Code, o.Nationality, s.Code, s.Name, s.MissionCode, o.Conflict!))),
                .. view.ComingPostings.Where(p => p.Conflict is not null)
                    .Select(p => (p.OfficerName, p.OfficerCode, p.Conflict!.Country, p.SiteCode, p.SiteName, p.MissionCode, p.Conflict!)),
            ];
        }
    }
}
