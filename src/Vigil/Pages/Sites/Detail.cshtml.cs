using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Pages.Contingents;

namespace Vigil.Pages.Sites;

public sealed class DetailModel(PresenceOverview overview, ContingentChanges contingents, CallerScope scope) : PageModel
{
    public SiteRow Site { get; private set; } = null!;

    /// <summary>Set by the correction form's redirect (TempData, read once): the page says the record was corrected.</summary>
    [TempData]
    public bool? Corrected { get; set; }

    /// <summary>Set by a contingent's departure or correction (TempData, read once): the change and the conflicts of interest it ends or creates.</summary>
    public (string Kind, string Code, string LastDay, string Ended, string Created)? ContingentChange { get; private set; }

    /// <summary>For the chief: contingents imported ahead of their arrival, to be corrected before they come.</summary>
    public IReadOnlyList<ContingentRecord> Arriving { get; private set; } = [];

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
        if (CanCorrect)
        {
            Arriving = await contingents.ArrivingAsync(scope, Site.Code, ct);
        }
        if (TempData[ContingentNotice.KindKey] is string kind && TempData[ContingentNotice.CodeKey] is string changed)
        {
            ContingentChange = (kind, changed, ContingentNotice.LastDay(TempData[ContingentNotice.DayKey]), TempData[ContingentNotice.EndedKey] as string ?? "",
                TempData[ContingentNotice.CreatedKey] as string ?? "");
        }
        return Page();
    }
}
