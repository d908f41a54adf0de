using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Intake;
using Vigil.Web.Platform;

namespace Vigil.Pages.Reports;

public sealed class NewModel(StaffReports reports, CallerScope scope) : PageModel, Vigil.Web.Platform.IReportsBindingErrors
{
    [BindProperty] public StaffReportRequest Input { get; set; } = new();
    [BindProperty] public bool Consent { get; set; }
    [BindProperty] public string? Child { get; set; }

    /// <summary>A random key written into each blank form (see <see cref="StaffReports.RecordAsync"/>).</summary>
    [BindProperty] public string? Key { get; set; }

    /// <summary>The messages of a refused post, by field (tied to their controls on the page).</summary>
    public Vigil.Web.Platform.FieldErrors Errors { get; } = new();
    public string? DefaultMission => scope.Missions.Count == 1 ? scope.Missions.First() : null;

    public void OnGet() => Key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A value no field of the form sends (Consent=1.5, an unknown channel): say which, instead of recording a default.
            foreach (var invalid in ModelState.Where(e => e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid))
            {
                Errors.Add(FieldOf(invalid.Key), "not a value this form offers");
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var request = Input with { ConsentToShare = Consent, ChildInvolved = Child switch { "yes" => true, "no" => false, _ => null } };
        // The key written into the blank form: a second click or a resent form records one report, not two.
        var result = await reports.RecordAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, request,
            Key is { Length: 32 } key && key.All(char.IsAsciiHexDigit) ? "form:" + key : null, ct);
        if (result.IsSuccess)
        {
            return LocalRedirect($"/reports/{result.Value}");
        }
        if (result.Error is ValidationError v)
        {
            Errors.Add(v, this.Words());
        }
        else
        {
            Errors.Add("", this.Words().Say(result.Error!.Text));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>"Input.IncidentDate" → "incidentDate", "Consent" → "consent": the use case's name for a bound property.</summary>
    private static string FieldOf(string key)
    {
        var name = key.StartsWith("Input.", StringComparison.Ordinal) ? key["Input.".Length..] : key;
        return name.Length == 0 ? "" : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
