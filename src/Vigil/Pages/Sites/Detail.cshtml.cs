using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages.Sites;

public sealed class DetailModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    public SiteRow Site { get; private set; } = null!;

    /// <summary>Set by the correction form's redirect (TempData, read once): the page says the record was corrected.</summary>
    [TempData]
    public bool? Corrected { get; set; }

    /// <summary>The mission's conduct chief corrects the site's and its officers' records.</summary>
    public bool CanCorrect => scope.Roles.Overlaps(Vigil.Core.Presence.PresenceRoles.Planners) && (scope.Global || scope.Missions.Contains(Site.MissionCode));

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await overview.GetSiteAsync(scope, code, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }
        Site = result.Value!;
        return Page();
    }
}
