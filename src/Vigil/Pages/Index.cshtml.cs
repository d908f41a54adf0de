using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages;

public sealed class IndexModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    public IReadOnlyList<MissionDetail> Missions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Missions = await overview.ListAsync(scope, ct);
}
