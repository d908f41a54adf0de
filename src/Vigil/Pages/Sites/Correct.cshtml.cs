using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Web.Platform;

namespace Vigil.Pages.Sites;

/// <summary>The mission's conduct chief corrects a site's record imported wrong (import only adds).</summary>
public sealed class CorrectModel(RecordCorrections corrections, CallerScope scope) : PageModel
{
    public SiteRecord Record { get; private set; } = null!;
    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public SiteCorrectionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await corrections.FindSiteAsync(scope, code, ct) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        Form = SiteCorrectionForm.Of(record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var result = await corrections.CorrectSiteAsync(scope, code, Form.ToCorrection(), ct);
        switch (result.Error)
        {
            case null:
                TempData[nameof(DetailModel.Corrected)] = true;
                return Redirect($"/sites/{Uri.EscapeDataString(result.Value!.Code)}");
            case NotFoundError:
            case ForbiddenError:
                return NotFound();
        }
        AddErrors(result.Error);
        Response.StatusCode = PageStatus.Of(result.Error);
        Record = (await corrections.FindSiteAsync(scope, code, ct))!;
        if (result.Error is ConflictError)
        {
            // Changed by someone else meanwhile: the form shows the record as it is now, to be corrected again.
            Form = SiteCorrectionForm.Of(Record);
        }
        return Page();
    }

    private void AddErrors(Error error)
    {
        if (error is ValidationError v)
        {
            Errors.Add(v, this.Words());
        }
        else
        {
            Errors.Add("", this.Words().Say(error.Text));
        }
    }
}

/// <summary>The form's fields as typed: numbers with a decimal point whatever the page's language, languages comma-separated.</summary>
public sealed class SiteCorrectionForm
{
    public string? Name { get; set; }
    /// <summary>The kind's token, e.g. team-site.</summary>
    public string? Kind { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Languages { get; set; }

    /// <summary>The record's version when the form was filled in (hidden).</summary>
    public string? Version { get; set; }

    public static SiteCorrectionForm Of(SiteRecord record) => new()
    {
        Name = record.Name,
        Kind = record.Kind.Token(),
        Latitude = record.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Longitude = record.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Languages = string.Join(", ", record.Languages),
        Version = record.Version,
    };

    public SiteCorrection ToCorrection() => new()
    {
        Version = Version,
        Name = Name,
        Kind = Kind,
        Latitude = Degrees(Latitude),
        Longitude = Degrees(Longitude),
        Languages = FormLists.Split(Languages),
    };

    // A comma typed as the decimal point (as French writes it) is read as one; anything else unreadable is "not given",
    // which the use case refuses naming the field.
    internal static double? Degrees(string? text) =>
        double.TryParse(text?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
