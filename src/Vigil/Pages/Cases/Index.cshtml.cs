using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Access;
using Vigil.Core.Cases;

namespace Vigil.Pages.Cases;

public sealed class IndexModel(CaseQueries cases, CallerScope scope) : PageModel
{
    public CasePage Result { get; private set; } = null!;
    public string? Mission { get; private set; }
    public CaseStatus? Status { get; private set; }
    public AllegationCategory? Category { get; private set; }
    public string? Nationality { get; private set; }
    public bool Overdue { get; private set; }
    public bool Child { get; private set; }

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    public async Task<IActionResult> OnGetAsync(string? mission, CaseStatus? status, AllegationCategory? category, string? nationality, bool? overdue, bool? child, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        (Mission, Status, Category, Nationality, Overdue, Child) = (mission, status, category, nationality, overdue == true, child == true);
        var result = await cases.ListAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier),
            new CaseFilter(mission, status, category, Overdue, Child, null, nationality, Math.Max(1, page ?? 1), 50), ct);
        if (!result.IsSuccess)
        {
            return BadRequest();
        }
        Result = result.Value!;
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
