using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages.Missions;

public sealed class DetailModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    public MissionDetail Mission { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await overview.GetMissionAsync(scope, code, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }
        Mission = result.Value!;
        return Page();
    }
}
