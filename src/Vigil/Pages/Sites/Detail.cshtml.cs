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

    /// <summary>TempData key set by the form that opened the site: the page says so once.</summary>
    public const string OpenedKey = "SiteOpened";

    /// <summary>Set after the site was opened (read once).</summary>
    public bool Opened { get; private set; }

    /// <summary>Set after a conduct officer was added and posted here (read once): the code and the contingents of their nationality here.</summary>
    public (string Code, string Conflicts)? OfficerAdded { get; private set; }

    /// <summary>For the chief: the contingents that left, most recent first (at most <see cref="ContingentChanges.LeftShown"/>), and how many left in all.</summary>
    public IReadOnlyList<ContingentRecord> Left { get; private set; } = [];

    public int LeftTotal { get; private set; }

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
            (Left, LeftTotal) = await contingents.LeftAsync(scope, Site.Code, ct);
        }
        if (TempData[ContingentNotice.KindKey] is string kind && TempData[ContingentNotice.CodeKey] is string changed)
        {
            ContingentChange = (kind, changed, ContingentNotice.LastDay(TempData[ContingentNotice.DayKey]), TempData[ContingentNotice.EndedKey] as string ?? "",
                TempData[ContingentNotice.CreatedKey] as string ?? "");
        }
        Opened = TempData[OpenedKey] is true;
        if (TempData[Officers.NewModel.AddedKey] is string officer)
        {
            OfficerAdded = (officer, TempData[Officers.NewModel.ConflictsKey] as string ?? "");
        }
        return Page();
    }
}
