using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Officers;

/// <summary>The mission's conduct chief corrects a conduct officer's record imported wrong (import only adds).</summary>
public sealed partial class CorrectModel(RecordCorrections corrections, CallerScope scope) : PageModel
{
    public OfficerRecord Record { get; private set; } = null!;
    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    /// <summary>After a correction: what the corrected nationality now conflicts with.</summary>
    public OfficerCorrected? Corrected { get; private set; }

    [BindProperty]
    public OfficerCorrectionForm Form { get; set; } = new();

    /// <summary>The site page the form was opened from (its way back), when its code looks like one.</summary>
    [BindProperty(SupportsGet = true, Name = "site")]
    public string? Site { get => site; set => site = value is not null && SiteCode().IsMatch(value) ? value : null; }
    private string? site;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex SiteCode();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.Planners) || await corrections.FindOfficerAsync(scope, code, ct) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        Form = OfficerCorrectionForm.Of(record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var result = await corrections.CorrectOfficerAsync(scope, code, Form.ToCorrection(), ct);
        if (result.Error is NotFoundError or ForbiddenError)
        {
            return NotFound();
        }
        Record = (await corrections.FindOfficerAsync(scope, code, ct))!;
        if (result.Error is { } error)
        {
            AddErrors(error);
            Response.StatusCode = PageStatus.Of(error);
            if (error is ConflictError)
            {
                // Changed by someone else meanwhile: the form shows the record as it is now, to be corrected again.
                Form = OfficerCorrectionForm.Of(Record);
            }
            return Page();
        }
        Corrected = result.Value;
        Form = OfficerCorrectionForm.Of(Record);
        FormKeys.Written(HttpContext);
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

/// <summary>The form's fields as typed: languages comma-separated.</summary>
public sealed class OfficerCorrectionForm
{
    public string? FullName { get; set; }
    public string? Nationality { get; set; }
    public string? Grade { get; set; }
    public string? Languages { get; set; }

    /// <summary>The record's version when the form was filled in (hidden).</summary>
    public string? Version { get; set; }

    public static OfficerCorrectionForm Of(OfficerRecord record) => new()
    {
        Version = record.Version,
        FullName = record.FullName,
        Nationality = record.Nationality,
        Grade = record.Grade,
        Languages = string.Join(", ", record.Languages),
    };

    public OfficerCorrection ToCorrection() => new() { FullName = FullName, Nationality = Nationality, Grade = Grade, Languages = FormLists.Split(Languages), Version = Version };
}
