using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Web.Platform;

namespace Vigil.Pages.Contingents;

/// <summary>The mission's conduct chief corrects a contingent's record imported wrong (import only adds).</summary>
public sealed class CorrectModel(ContingentChanges changes, CallerScope scope) : PageModel
{
    public ContingentRecord Record { get; private set; } = null!;

    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public ContingentCorrectionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await changes.FindAsync(scope, code, ct) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        Form = ContingentCorrectionForm.Of(record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        // An arrival day the browser sent unreadable is named with what was typed, not asked for as if not given.
        if (FormValues.RefuseUnreadableDays(Errors, this.Words(), ("from", Form.From)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            if (await changes.FindAsync(scope, code, ct) is not { } record)
            {
                return NotFound();
            }
            Record = record;
            return Page();
        }
        var result = await changes.CorrectAsync(scope, code, Form.ToCorrection(), ct);
        switch (result.Error)
        {
            case null:
                ContingentNotice.Set(TempData, ContingentNotice.Corrected, result.Value!);
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
        if (result.Error is ConflictError)
        {
            // Changed by someone else meanwhile: the form shows the record as it is now, to be corrected again.
            Form = ContingentCorrectionForm.Of(Record);
        }
        return Page();
    }
}

/// <summary>The form's fields as typed: the strength and the arrival day as text, read here (unreadable is "not given", which the use case names).</summary>
public sealed class ContingentCorrectionForm
{
    public string? Country { get; set; }

    /// <summary>The category's token, e.g. military-contingent.</summary>
    public string? Category { get; set; }
    public string? Unit { get; set; }
    public string? Strength { get; set; }
    public string? From { get; set; }

    /// <summary>The record's version when the form was filled in (hidden).</summary>
    public string? Version { get; set; }

    public static ContingentCorrectionForm Of(ContingentRecord record) => new()
    {
        Country = record.Country,
        Category = record.Category.Token(),
        Unit = record.Unit,
        Strength = record.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        From = record.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Version = record.Version,
    };

    public ContingentCorrection ToCorrection() => new()
    {
        Country = Country,
        Category = Category,
        Unit = Unit,
        Strength = FormValues.WholeNumber(Strength),
        From = FormValues.Day(From),
        Version = Version,
    };
}
