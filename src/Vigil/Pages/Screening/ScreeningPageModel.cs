using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Common;
using Vigil.Web.Platform;

namespace Vigil.Pages.Screening;

/// <summary>Screening pages: their errors, shown with the status each maps to. (Never cached: see SecurityHeaders.)</summary>
public abstract class ScreeningPageModel : PageModel
{
    public List<string> Errors { get; } = [];

    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>Shows a use case's error on the page with the status it maps to.</summary>
    protected void Show(Error error)
    {
        Errors.AddRange(this.Words().Lines(error));
        Response.StatusCode = error switch
        {
            ValidationError => StatusCodes.Status400BadRequest,
            ForbiddenError => StatusCodes.Status403Forbidden,
            ConflictError => StatusCodes.Status409Conflict,
            NotFoundError => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
    }
}
