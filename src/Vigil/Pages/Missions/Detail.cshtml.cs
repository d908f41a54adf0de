using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages.Missions;

public sealed class DetailModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    public MissionDetail Mission { get; private set; } = null!;

    /// <summary>Set when the mission is not found or outside the caller's scope (the same page either way, 404).</summary>
    public string? Missing { get; private set; }
    public bool MayAskForMission => Vigil.Core.Governance.BreakGlassRules.MayRequest(scope, Vigil.Core.Governance.BreakGlassKind.MissionOverride);
    public bool MayAskForExport => Vigil.Core.Governance.BreakGlassRules.MayRequest(scope, Vigil.Core.Governance.BreakGlassKind.PersonnelExport)
        && (scope.Global || scope.OwnMissions.Contains(Mission.Summary.Code));

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await overview.GetMissionAsync(scope, code, ct);
        if (!result.IsSuccess)
        {
            Missing = code;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Mission = result.Value!;
        return Page();
    }
}
