using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Web.Platform;

namespace Vigil.Pages.Cases;

public sealed class IndexModel(CaseQueries cases, CallerScope scope) : PageModel
{
    /// <summary>No role or grant of the caller opens a case (an analyst, say): the page says so rather than show bare zeros.</summary>
    public bool SeesNoCase => !Vigil.Core.Cases.CaseAccess.MaySeeSomeCase(scope);

    public CasePage Result { get; private set; } = null!;
    public string? Mission { get; private set; }
    public CaseStatus? Status { get; private set; }
    public AllegationCategory? Category { get; private set; }
    public string? Nationality { get; private set; }
    public bool Overdue { get; private set; }
    public bool Child { get; private set; }
    public PageNotice? PageNotice { get; private set; }
    public FieldErrors Errors { get; } = new();

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    // Read as text (ListPage): a page that is not a page number is named in a notice, not silently page 1.
    public async Task<IActionResult> OnGetAsync(string? mission, CaseStatus? status, AllegationCategory? category, string? nationality, bool? overdue, bool? child, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        (Mission, Status, Category, Nationality, Overdue, Child) = (mission, status, category, nationality, overdue == true, child == true);
        var requested = ListPage.Read(page);
        var result = await cases.ListAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier),
            new CaseFilter(mission, status, category, Overdue, Child, null, nationality, requested.Number, 50), ct);
        if (result.Error is ValidationError invalid)
        {
            // Said beside the filter it is about (an unknown mission code), with an empty list under it.
            Errors.Add(invalid, this.Words());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Result = new CasePage([], 0, 1, 50);
            return Page();
        }
        if (!result.IsSuccess)
        {
            return BadRequest();
        }
        Result = result.Value!;
        PageNotice = requested.Notice(Result.Total, Result.PageSize, Result.Items.Count, PageLink(1));
        return Page();
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/cases", new Dictionary<string, string?>
    {
        ["mission"] = Mission,
        ["status"] = Status?.ToString(),
        ["category"] = Category?.ToString(),
        ["nationality"] = Nationality,
        ["overdue"] = Overdue ? "true" : null,
        ["child"] = Child ? "true" : null,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
