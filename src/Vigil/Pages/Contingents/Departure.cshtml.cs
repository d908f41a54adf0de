using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Contingents;

/// <summary>The mission's conduct chief records a contingent's last day at its site, or withdraws one not yet reached.</summary>
public sealed class DepartureModel(ContingentChanges changes, CallerScope scope, TimeProvider clock) : PageModel
{
    public ContingentRecord Record { get; private set; } = null!;

    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    /// <summary>The last day as typed (yyyy-MM-dd; unreadable text is named with what was typed, an empty one the use case names).</summary>
    [BindProperty]
    public string? LastDay { get; set; }

    /// <summary>A departure not yet reached may be withdrawn; one already past stays on record.</summary>
    public bool CanWithdraw => Record.LastDay is { } day && day >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await changes.FindAsync(scope, code, ct) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        LastDay = record.LastDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (FormValues.RefuseUnreadableDays(Errors, this.Words(), ("lastDay", LastDay)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await changes.FindAsync(scope, code, ct) is not { } record)
            {
                return NotFound();
            }
            Record = record;
            return Page();
        }
        return await AfterAsync(code, await changes.RecordDepartureAsync(scope, code, new LastDayInput { LastDay = FormValues.Day(LastDay) }, ct), ContingentNotice.Departure, ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string code, CancellationToken ct) =>
        await AfterAsync(code, await changes.WithdrawDepartureAsync(scope, code, ct), ContingentNotice.Withdrawn, ct);

    private async Task<IActionResult> AfterAsync(string code, Result<ContingentChanged> result, string kind, CancellationToken ct)
    {
        switch (result.Error)
        {
            case null:
                ContingentNotice.Set(TempData, kind, result.Value!);
                return Redirect($"/sites/{Uri.EscapeDataString(result.Value!.Contingent.Site)}");
            case NotFoundError:
            case ForbiddenError:
                return NotFound();
            case ValidationError v:
                Errors.Add(v, this.Words());
                break;
            case { } error:
                Errors.Add("", this.Words().Say(error.Text));
                break;
        }
        Response.StatusCode = PageStatus.Of(result.Error!);
        Record = (await changes.FindAsync(scope, code, ct))!;
        return Page();
    }
}

/// <summary>
/// What the site page says once after a contingent's change (TempData, read once): which change, and the conduct officers
/// whose conflict of interest it ends or creates, so the chief knows whom to re-plan.
/// </summary>
public static class ContingentNotice
{
    public const string Departure = "departure";
    public const string Withdrawn = "withdrawn";
    public const string Corrected = "corrected";
    public const string Arrival = "arrival";

    public const string KindKey = "ContingentChange";
    public const string CodeKey = "ContingentCode";
    public const string DayKey = "ContingentLastDay";
    public const string EndedKey = "ConflictsEnded";
    public const string CreatedKey = "ConflictsCreated";

    /// <summary>The last day stored by <see cref="Set"/>, as the page shows it (empty when none).</summary>
    public static string LastDay(object? stored) =>
        stored is int day ? DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static void Set(Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary tempData, string kind, ContingentChanged changed)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(changed);
        tempData[KindKey] = kind;
        tempData[CodeKey] = changed.Contingent.Code;
        // As a day number: TempData reads a string that looks like a date back as a DateTime.
        tempData[DayKey] = changed.Contingent.LastDay?.DayNumber;
        tempData[EndedKey] = string.Join(", ", changed.ConflictsEnded);
        tempData[CreatedKey] = string.Join(", ", changed.ConflictsCreated);
    }
}
