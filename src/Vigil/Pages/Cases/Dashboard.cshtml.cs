using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;

namespace Vigil.Pages.Cases;

public sealed class DashboardModel(OverdueDashboard dashboard, Vigil.Core.Presence.Evaluations evaluations, Vigil.Core.Presence.Coverage coverage, CallerScope scope) : PageModel
{
    public Dashboard Data { get; private set; } = null!;

    /// <summary>Evaluations of officials past their period's end and grace days (conduct team only).</summary>
    public IReadOnlyList<Vigil.Core.Presence.OverdueEvaluation> OverdueEvaluations { get; private set; } = [];
    public string? Mission { get; private set; }

    /// <summary>Officers posted where a contingent of their nationality is or arrives (the coverage view's flag), by site.</summary>
    public IReadOnlyList<(Vigil.Core.Presence.CoverageSite Site, Vigil.Core.Presence.CoverageOfficer Officer)> Conflicts { get; private set; } = [];

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        Data = await dashboard.GetAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier), Mission, ct);
        OverdueEvaluations = await evaluations.OverdueAsync(scope, Mission, ct);
        Conflicts = (await coverage.GetAsync(scope, Mission, ct: ct)).Sites
            .SelectMany(s => s.Officers.Where(o => o.Conflict is not null).Select(o => (s, o))).ToList();
    }
}
