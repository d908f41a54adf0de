using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Sites;

/// <summary>The mission's conduct chief opens a site (what <c>vigil import</c> adds on the server).</summary>
public sealed class NewModel(RecordAdditions additions, CallerScope scope) : PageModel
{
    /// <summary>The mission's code as stored.</summary>
    public string Mission { get; private set; } = "";

    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public NewSiteForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string mission, CancellationToken ct)
    {
        if (await additions.MissionForAdditionsAsync(scope, mission, ct) is not { } code)
        {
            return NotFound();
        }
        Mission = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string mission, CancellationToken ct)
    {
        var result = await additions.OpenSiteAsync(scope, Form.ToRequest(mission), ct);
        switch (result.Error)
        {
            case null:
                TempData[DetailModel.OpenedKey] = true;
                return Redirect($"/sites/{Uri.EscapeDataString(result.Value!.Code)}");
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
        Mission = await additions.MissionForAdditionsAsync(scope, mission, ct) ?? mission;
        return Page();
    }
}

/// <summary>The form's fields as typed: numbers with a decimal point whatever the page's language, languages comma-separated.</summary>
public sealed class NewSiteForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }

    /// <summary>The kind's token, e.g. team-site.</summary>
    public string? Kind { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Languages { get; set; }

    public NewSite ToRequest(string mission) => new()
    {
        Code = Code,
        Mission = mission,
        Name = Name,
        Kind = Kind,
        Latitude = SiteCorrectionForm.Degrees(Latitude),
        Longitude = SiteCorrectionForm.Degrees(Longitude),
        Languages = FormLists.Split(Languages),
    };
}
