using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages.Missions;

public sealed class DetailModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    /// <summary>The mission's conduct chief opens sites and adds conduct officers from this page.</summary>
    public bool CanAdd => scope.Roles.Overlaps(Vigil.Core.Presence.PresenceRoles.Planners) && (scope.Global || scope.Missions.Contains(Mission.Summary.Code));

    /// <summary>Set after a conduct officer not posted yet was added (read once): the officer's code.</summary>
    public string? OfficerAdded { get; private set; }

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
        OfficerAdded = TempData[Officers.NewModel.AddedKey] as string;
        return Page();
    }
}
