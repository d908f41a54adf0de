using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Personnel;

namespace Vigil.Pages.Personnel;

public sealed class IndexModel(PersonnelQueries queries, CallerScope scope) : PageModel
{
    public PersonnelPage Result { get; private set; } = null!;
    public string? Mission { get; private set; }

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    public async Task<IActionResult> OnGetAsync(string? mission, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        var result = await queries.ListAsync(scope, Mission, Math.Max(1, page ?? 1), 50, ct);
        if (!result.IsSuccess)
        {
            return BadRequest();
        }
        Result = result.Value!;
        return Page();
    }
}
