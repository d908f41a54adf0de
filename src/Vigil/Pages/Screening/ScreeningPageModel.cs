using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Common;
using Vigil.Web.Platform;

namespace Vigil.Pages.Screening;

/// <summary>Screening pages: their errors, shown with the status each maps to. (Never cached: see SecurityHeaders.)</summary>
public abstract class ScreeningPageModel : PageModel
{
    /// <summary>Errors not about a form (a list that cannot be shown, a run started by a button alone).</summary>
    public List<string> Errors { get; } = [];

    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>Shows a use case's error on the page with the status it maps to.</summary>
    protected void Show(Error error)
    {
        Errors.AddRange(this.Words().Lines(error));
        Response.StatusCode = PageStatus.Of(error);
    }

    /// <summary>Shows a form's refusal above that form, each message tied to its field, with the status it maps to.</summary>
    protected void Show(Error error, FieldErrors form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.AddError(error, this.Words());
        Response.StatusCode = PageStatus.Of(error);
    }
}
