using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Governance;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Pages.BreakGlass;

/// <summary>The request form, reached from a case or mission page where access is missing (prefilled by the link).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(BreakGlassService service, CallerScope scope, IOptions<BreakGlassOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public BreakGlassKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "case")]
    public string? CaseReference { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Mission { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    public int MinLength => options.Value.MinJustificationLength;
    public double Hours => options.Value.GrantDuration.TotalHours;
    public IReadOnlyList<BreakGlassKind> Kinds => [.. Enum.GetValues<BreakGlassKind>().Where(k => BreakGlassRules.MayRequest(scope, k))];
    /// <summary>The messages of a refused request, by field (tied to their controls on the page).</summary>
    public Vigil.Web.Platform.FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await service.RequestAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, new BreakGlassInput(Kind, CaseReference, Mission, Justification), ct);
        if (result.Error is null)
        {
            return LocalRedirect("/break-glass");
        }
        if (result.Error is ValidationError v)
        {
            Errors.Add(v, this.Words());
        }
        else
        {
            Errors.Add("", this.Words().Say(result.Error.Text));
        }
        Response.StatusCode = result.Error switch
        {
            ValidationError => StatusCodes.Status400BadRequest,
            ForbiddenError => StatusCodes.Status403Forbidden,
            NotFoundError => StatusCodes.Status404NotFound,
            ConflictError => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }
}
