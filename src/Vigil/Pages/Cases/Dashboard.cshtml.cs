using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;

namespace Vigil.Pages.Cases;

public sealed class DashboardModel(OverdueDashboard dashboard, CallerScope scope) : PageModel
{
    public Dashboard Data { get; private set; } = null!;
    public string? Mission { get; private set; }

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        Data = await dashboard.GetAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier), Mission, ct);
    }
}
