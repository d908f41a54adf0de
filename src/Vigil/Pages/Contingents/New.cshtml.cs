using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Contingents;

/// <summary>The mission's conduct chief registers a contingent arriving at a site (what <c>vigil import</c> adds on the server).</summary>
public sealed class NewModel(RecordAdditions additions, RecordCorrections records, CallerScope scope) : PageModel
{
    /// <summary>The site's code as stored.</summary>
    public string Site { get; private set; } = "";

    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public NewContingentForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await records.FindSiteAsync(scope, site, ct) is not { } record)
        {
            return NotFound();
        }
        Site = record.Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string site, CancellationToken ct)
    {
        // A day the browser sent unreadable is named with what was typed, never read as "not given" (which would ask for
        // a day that was given, or record without an optional one).
        if (FormValues.RefuseUnreadableDays(Errors, this.Words(), ("from", Form.From), ("to", Form.To)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await RefusedAsync(site, ct);
        }
        var result = await additions.RegisterContingentAsync(scope, Form.ToRequest(site), ct);
        switch (result.Error)
        {
            case null:
                ContingentNotice.Set(TempData, ContingentNotice.Arrival, result.Value!);
                return Redirect($"/sites/{Uri.EscapeDataString(result.Value!.Contingent.Site)}");
            case NotFoundError:
            case ForbiddenError:
                return NotFound();
            case ValidationError v:
                Errors.Add(v, this.Words());
                break;
            case ConflictError conflict:
                Errors.Add("code", this.Words().Say(conflict.Text));
                break;
            case { } error:
                Errors.Add("", this.Words().Say(error.Text));
                break;
        }
        Response.StatusCode = PageStatus.Of(result.Error!);
        return await RefusedAsync(site, ct);
    }

    /// <summary>The form shown again with its errors (the status already set).</summary>
    private async Task<IActionResult> RefusedAsync(string site, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await records.FindSiteAsync(scope, site, ct) is not { } record)
        {
            return NotFound();
        }
        Site = record.Code;
        return Page();
    }
}

/// <summary>The form's fields as typed: the strength and the days as text, read here (an unreadable strength is "not given", which the use case names; an unreadable day the page names).</summary>
public sealed class NewContingentForm
{
    public string? Code { get; set; }
    public string? Country { get; set; }

    /// <summary>The category's token, e.g. military-contingent.</summary>
    public string? Category { get; set; }
    public string? Unit { get; set; }
    public string? Strength { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    public NewContingent ToRequest(string site) => new()
    {
        Code = Code,
        Site = site,
        Country = Country,
        Category = Category,
        Unit = Unit,
        Strength = FormValues.WholeNumber(Strength),
        From = FormValues.Day(From),
        To = FormValues.Day(To),
    };
}
