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

    /// <summary>Contingents' departures not yet reached: after them, officers of their nationality may serve at the site.</summary>
    public IReadOnlyList<ContingentDeparture> ContingentDepartures { get; private set; } = [];
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

    /// <summary>
    /// What was just done (the redirect after a write; TempData, read once, so a link cannot claim it): the notice's
    /// format and its values, said in the page's language.
    /// </summary>
    [TempData]
    public string? Done { get; set; }

    /// <inheritdoc cref="Done"/>
    [TempData]
    public string? DoneValues { get; set; }

    /// <summary>The notice of <see cref="Done"/>, filled with its values; null when nothing was just done.</summary>
    public string? DoneNotice => Done is { } format && Notices.Contains(format)
        ? this.Words()[format, [.. (DoneValues ?? "").Split('\n')]].Value
        : null;

    private static readonly HashSet<string> Notices = new(StringComparer.Ordinal)
    {
        LeaveRecorded, LeaveCancelled, LastDayChanged, DepartureRecorded, ClosureRecorded, DepartureWithdrawn, ClosureWithdrawn,
    };

    private const string LeaveRecorded = "Leave recorded: {0}, {1} to {2}.";
    private const string LeaveCancelled = "Leave cancelled.";
    private const string LastDayChanged = "Last day of leave changed to {0}.";
    private const string DepartureRecorded = "Departure recorded: {0}, last day in the mission {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.";
    private const string ClosureRecorded = "Closure recorded: {0}, last day open {1}; {2} posting(s) end on it, {3} later one(s) removed. Plan again to cover them.";
    private const string DepartureWithdrawn = "Departure withdrawn: {0} stays in the mission.";
    private const string ClosureWithdrawn = "Closure withdrawn: {0} stays open.";

    [BindProperty]
    public NewLeaveForm Form { get; set; } = new();

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (FormValues.RefuseUnreadableDays(LeaveErrors, this.Words(), ("from", Form.From), ("to", Form.To)))
        {
            return await UnreadableAsync(ct);
        }
        var (from, to) = (FormValues.Day(Form.From), FormValues.Day(Form.To));
        var result = await leaves.AddAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, new NewLeave { Officer = Form.Officer, From = from, To = to }, ct);
        return await AfterAsync(result.Error, LeaveErrors, () => Said(LeaveRecorded, Form.Officer!.Trim().ToUpperInvariant(), Day(from), Day(to)), ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        await AfterAsync((await leaves.CancelAsync(scope, id, ct)).Error, RowErrors, () => Said(LeaveCancelled), ct);

    /// <summary>A row's own form: the leave's new last day (came back early, or extended).</summary>
    public async Task<IActionResult> OnPostLastDayAsync(int id, string? to, CancellationToken ct)
    {
        RefusedRow = id;
        if (FormValues.RefuseUnreadableDays(RowErrors, this.Words(), ("to", to)))
        {
            return await UnreadableAsync(ct);
        }
        var day = FormValues.Day(to);
        return await AfterAsync((await leaves.ChangeLastDayAsync(scope, id, new LeaveLastDay { To = day }, ct)).Error, RowErrors, () => Said(LastDayChanged, Day(day)), ct);
    }

    /// <summary>An officer leaves the mission, or a site closes: its last day (the forms below the leave).</summary>
    public async Task<IActionResult> OnPostDepartureAsync(string? code, string? lastDay, CancellationToken ct)
    {
        Refused = ("departure", code, lastDay);
        if (FormValues.RefuseUnreadableDays(DepartureErrors, this.Words(), ("lastDay", lastDay)))
        {
            return await UnreadableAsync(ct);
        }
        var result = await changes.RecordDepartureAsync(scope, code ?? "", new LastDayInput { LastDay = FormValues.Day(lastDay) }, ct);
        return await AfterAsync(result.Error, DepartureErrors, () => Changed(DepartureRecorded, result.Value!), ct);
    }

    public async Task<IActionResult> OnPostClosureAsync(string? code, string? lastDay, CancellationToken ct)
    {
        Refused = ("closure", code, lastDay);
        if (FormValues.RefuseUnreadableDays(ClosureErrors, this.Words(), ("lastDay", lastDay)))
        {
            return await UnreadableAsync(ct);
        }
        var result = await changes.CloseSiteAsync(scope, code ?? "", new LastDayInput { LastDay = FormValues.Day(lastDay) }, ct);
        return await AfterAsync(result.Error, ClosureErrors, () => Changed(ClosureRecorded, result.Value!), ct);
    }

    /// <summary>
    /// The departure or closure form just refused, with what was chosen: its message is shown with that form (at the foot
    /// of the page, where the chief is looking) and the choice is kept; null otherwise.
    /// </summary>
    public (string Form, string? Code, string? LastDay)? Refused { get; private set; }

    public async Task<IActionResult> OnPostWithdrawDepartureAsync(string code, CancellationToken ct)
    {
        var result = await changes.WithdrawDepartureAsync(scope, code, ct);
        return await AfterAsync(result.Error, RowErrors, () => Said(DepartureWithdrawn, result.Value!.Code), ct);
    }

    public async Task<IActionResult> OnPostReopenAsync(string code, CancellationToken ct)
    {
        var result = await changes.ReopenSiteAsync(scope, code, ct);
        return await AfterAsync(result.Error, RowErrors, () => Said(ClosureWithdrawn, result.Value!.Code), ct);
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private void Said(string format, params string[] values) => (Done, DoneValues) = (format, string.Join('\n', values));

    private void Changed(string format, MissionChangeView change) =>
        Said(format, change.Code, Day(change.LastDay), change.PostingsEnded.ToString(System.Globalization.CultureInfo.InvariantCulture),
            change.PostingsRemoved.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <param name="error">The use case's refusal (null: done).</param>
    /// <param name="form">The form the refusal is shown with.</param>
    /// <param name="done">Sets the notice the page shows after the redirect.</param>
    /// <param name="ct">Cancels loading the page.</param>
    private async Task<IActionResult> AfterAsync(Error? error, FieldErrors form, Action done, CancellationToken ct)
    {
        if (error is null)
        {
            done();
            return Redirect("/rotation/leave");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        // Refused: 400 (409, 403) as on the screening and case pages, the page shown again with the message.
        form.AddError(error, this.Words());
        Response.StatusCode = PageStatus.Of(error);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A form refused for a day typed unreadable (named by <see cref="FormValues.RefuseUnreadableDays"/>): 400, the page shown again.</summary>
    private async Task<IActionResult> UnreadableAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Leave = await leaves.ListAsync(scope, Mission, ct);
        Officers = await leaves.OfficersAsync(scope, Mission, ct);
        (Departures, Closures, ContingentDepartures) = await changes.ComingAsync(scope, ct);
        Sites = await changes.OpenSitesAsync(scope, ct);
    }
}

/// <summary>The new-leave form as typed: the days as text (yyyy-MM-dd), read by the page, which names one typed unreadable.</summary>
public sealed class NewLeaveForm
{
    public string? Officer { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
}
