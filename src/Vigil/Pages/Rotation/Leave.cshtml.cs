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

    // Each form's refusal stands above that form, each message tied to its field (WCAG 3.3.1); a row's form (a leave's new
    // last day, a cancellation, a withdrawal) has its refusal above the tables, tied to the row's field.

    /// <summary>The new-leave form's refusal.</summary>
    public FieldErrors LeaveErrors { get; } = new("leave");

    /// <summary>The departure form's refusal.</summary>
    public FieldErrors DepartureErrors { get; } = new("departure");

    /// <summary>The closure form's refusal.</summary>
    public FieldErrors ClosureErrors { get; } = new("closure");

    /// <summary>The refusal of a row's form (a leave's last day, a cancellation, a withdrawal).</summary>
    public FieldErrors RowErrors { get; } = new("row");

    /// <summary>The leave whose row form was refused (its field is tied to <see cref="RowErrors"/>); null otherwise.</summary>
    public int? RefusedRow { get; private set; }

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
        return await AfterAsync(result.Error, LeaveErrors, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        await AfterAsync((await leaves.CancelAsync(scope, id, ct)).Error, RowErrors, ct);

    /// <summary>A row's own form: the leave's new last day (came back early, or extended).</summary>
    public async Task<IActionResult> OnPostLastDayAsync(int id, DateOnly? to, CancellationToken ct)
    {
        RefusedRow = id;
        return await AfterAsync((await leaves.ChangeLastDayAsync(scope, id, new LeaveLastDay { To = to }, ct)).Error, RowErrors, ct);
    }

    /// <summary>An officer leaves the mission, or a site closes: its last day (the forms below the leave).</summary>
    public async Task<IActionResult> OnPostDepartureAsync(string? code, DateOnly? lastDay, CancellationToken ct)
    {
        Refused = ("departure", code, lastDay);
        var result = await changes.RecordDepartureAsync(scope, code ?? "", new LastDayInput { LastDay = lastDay }, ct);
        return await AfterAsync(result.Error, DepartureErrors, ct);
    }

    public async Task<IActionResult> OnPostClosureAsync(string? code, DateOnly? lastDay, CancellationToken ct)
    {
        Refused = ("closure", code, lastDay);
        var result = await changes.CloseSiteAsync(scope, code ?? "", new LastDayInput { LastDay = lastDay }, ct);
        return await AfterAsync(result.Error, ClosureErrors, ct);
    }

    /// <summary>
    /// The departure or closure form just refused, with what was chosen: its message is shown with that form (at the foot
    /// of the page, where the chief is looking) and the choice is kept; null otherwise.
    /// </summary>
    public (string Form, string? Code, DateOnly? LastDay)? Refused { get; private set; }

    public async Task<IActionResult> OnPostWithdrawDepartureAsync(string code, CancellationToken ct)
    {
        var result = await changes.WithdrawDepartureAsync(scope, code, ct);
        return await AfterAsync(result.Error, RowErrors, ct);
    }

    public async Task<IActionResult> OnPostReopenAsync(string code, CancellationToken ct)
    {
        var result = await changes.ReopenSiteAsync(scope, code, ct);
        return await AfterAsync(result.Error, RowErrors, ct);
    }

    /// <param name="error">The use case's refusal (null: done).</param>
    /// <param name="form">The form the refusal is shown with.</param>
    /// <param name="ct">Cancels loading the page.</param>
    private async Task<IActionResult> AfterAsync(Error? error, FieldErrors form, CancellationToken ct)
    {
        if (error is null)
        {
            return Redirect("/rotation/leave");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        form.AddError(error, this.Words());
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
