using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Rotation;

/// <summary>Officers' leave: the conduct team sees it, the conduct chief records and cancels it; the next planning run uses it.</summary>
public sealed class LeaveModel(OfficerLeaves leaves, MissionChanges changes, CallerScope scope) : PageModel
{
    public IReadOnlyList<MissionChangeView> Departures { get; private set; } = [];
    public IReadOnlyList<MissionChangeView> Closures { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Sites { get; private set; } = [];

    public IReadOnlyList<LeaveView> Leave { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Officers { get; private set; } = [];
    public string? Mission { get; private set; }
    public bool CanRecord => scope.Roles.Overlaps(PresenceRoles.Planners);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public NewLeaveForm Form { get; set; } = new();

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await leaves.AddAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, new NewLeave { Officer = Form.Officer, From = Form.From, To = Form.To }, ct);
        return await AfterAsync(result.Error, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        await AfterAsync((await leaves.CancelAsync(scope, id, ct)).Error, ct);

    /// <summary>A row's own form: the leave's new last day (came back early, or extended).</summary>
    public async Task<IActionResult> OnPostLastDayAsync(int id, DateOnly? to, CancellationToken ct)
    {
        // The row's form has one field: its message goes above the table, not beside the new-leave form's "to".
        return await AfterAsync(General((await leaves.ChangeLastDayAsync(scope, id, new LeaveLastDay { To = to }, ct)).Error), ct);
    }

    /// <summary>An officer leaves the mission, or a site closes: its last day (the forms below the leave).</summary>
    public async Task<IActionResult> OnPostDepartureAsync(string? code, DateOnly? lastDay, CancellationToken ct)
    {
        Refused = ("departure", code, lastDay);
        return await AfterAsync(General((await changes.RecordDepartureAsync(scope, code ?? "", new LastDayInput { LastDay = lastDay }, ct)).Error), ct);
    }

    public async Task<IActionResult> OnPostClosureAsync(string? code, DateOnly? lastDay, CancellationToken ct)
    {
        Refused = ("closure", code, lastDay);
        return await AfterAsync(General((await changes.CloseSiteAsync(scope, code ?? "", new LastDayInput { LastDay = lastDay }, ct)).Error), ct);
    }

    /// <summary>
    /// The departure or closure form just refused, with what was chosen: its message is shown under that form (at the foot
    /// of the page, where the chief is looking) and the choice is kept; null otherwise.
    /// </summary>
    public (string Form, string? Code, DateOnly? LastDay)? Refused { get; private set; }

    public async Task<IActionResult> OnPostWithdrawDepartureAsync(string code, CancellationToken ct) =>
        await AfterAsync((await changes.WithdrawDepartureAsync(scope, code, ct)).Error, ct);

    public async Task<IActionResult> OnPostReopenAsync(string code, CancellationToken ct) =>
        await AfterAsync((await changes.ReopenSiteAsync(scope, code, ct)).Error, ct);

    // A small form's one field: its message goes above the table, not beside the new-leave form's fields.
    private static Error? General(Error? error) =>
        error is ValidationError v ? new ValidationError(new Dictionary<string, Words[]> { [""] = [.. v.FieldText.SelectMany(f => f.Value)] }) : error;

    private async Task<IActionResult> AfterAsync(Error? error, CancellationToken ct)
    {
        if (error is null)
        {
            return Redirect("/rotation/leave");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        Errors = this.Words().ByField(error);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Leave = await leaves.ListAsync(scope, Mission, ct);
        Officers = await leaves.OfficersAsync(scope, Mission, ct);
        (Departures, Closures) = await changes.ComingAsync(scope, ct);
        Sites = await changes.OpenSitesAsync(scope, ct);
    }
}

public sealed class NewLeaveForm
{
    public string? Officer { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}
