using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Officers;

/// <summary>The mission's conduct chief adds a conduct officer who joins it (what <c>vigil import</c> adds on the server).</summary>
public sealed class NewModel(RecordAdditions additions, CallerScope scope) : PageModel
{
    /// <summary>TempData keys of the notice the next page says once: the officer's code and the conflicting contingents.</summary>
    public const string AddedKey = "OfficerAdded";
    public const string ConflictsKey = "OfficerConflicts";

    /// <summary>The mission's code as stored.</summary>
    public string Mission { get; private set; } = "";

    /// <summary>The mission's open sites, where the officer may be posted now.</summary>
    public IReadOnlyList<(string Code, string Name)> Sites { get; private set; } = [];

    /// <summary>The form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public NewOfficerForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string mission, CancellationToken ct)
    {
        if (await additions.MissionForAdditionsAsync(scope, mission, ct) is not { } code)
        {
            return NotFound();
        }
        Mission = code;
        Sites = await additions.OpenSitesAsync(scope, code, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string mission, CancellationToken ct)
    {
        // An optional day the browser sent unreadable is named with what was typed, never read as "not given" (which would record without it).
        if (FormValues.RefuseUnreadableDays(Errors, this.Words(), ("postedSince", Form.PostedSince)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await RefusedAsync(mission, ct);
        }
        var result = await additions.AddOfficerAsync(scope, Form.ToRequest(mission), ct);
        switch (result.Error)
        {
            case null:
                var added = result.Value!;
                TempData[AddedKey] = added.Officer.Code;
                TempData[ConflictsKey] = string.Join(", ", added.ConflictingContingents);
                return Redirect(added.CurrentSite is { } site ? $"/sites/{Uri.EscapeDataString(site)}" : $"/missions/{Uri.EscapeDataString(added.Officer.Mission)}");
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
        return await RefusedAsync(mission, ct);
    }

    /// <summary>The form shown again with its errors (the status already set).</summary>
    private async Task<IActionResult> RefusedAsync(string mission, CancellationToken ct)
    {
        if (await additions.MissionForAdditionsAsync(scope, mission, ct) is not { } code)
        {
            return NotFound();
        }
        Mission = code;
        Sites = await additions.OpenSitesAsync(scope, code, ct);
        return Page();
    }
}

/// <summary>The form's fields as typed: languages comma-separated, the posting's first day as text (unreadable is "not given", which the use case names).</summary>
public sealed class NewOfficerForm
{
    public string? Code { get; set; }
    public string? FullName { get; set; }
    public string? Nationality { get; set; }
    public string? Grade { get; set; }
    public string? Languages { get; set; }

    /// <summary>A site's code, or empty when the officer is not posted yet.</summary>
    public string? CurrentSite { get; set; }
    public string? PostedSince { get; set; }

    public NewOfficer ToRequest(string mission) => new()
    {
        Code = Code,
        FullName = FullName,
        Nationality = Nationality,
        Grade = Grade,
        Languages = FormLists.Split(Languages),
        Mission = mission,
        CurrentSite = CurrentSite,
        PostedSince = FormValues.Day(PostedSince),
    };
}
