using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Reference;

namespace Vigil.Pages.Sites;

public sealed class DetailModel(PresenceOverview overview, CallerScope scope) : PageModel
{
    public SiteRow Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await overview.GetSiteAsync(scope, code, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }
        Site = result.Value!;
        return Page();
    }
}
