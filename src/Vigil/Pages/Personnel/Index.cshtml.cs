using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Web.Platform;

namespace Vigil.Pages.Personnel;

public sealed class IndexModel(PersonnelQueries queries, CallerScope scope) : PageModel
{
    public PersonnelPage Result { get; private set; } = null!;
    public string? Mission { get; private set; }
    public PageNotice? PageNotice { get; private set; }

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    // Read as text (ListPage): a page that is not a page number is named in a notice, not silently page 1.
    public async Task<IActionResult> OnGetAsync(string? mission, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        var requested = ListPage.Read(page);
        var result = await queries.ListAsync(scope, Mission, requested.Number, 50, ct);
        if (!result.IsSuccess)
        {
            return BadRequest();
        }
        Result = result.Value!;
        PageNotice = requested.Notice(Result.Total, Result.PageSize, Result.Items.Count, PageLink(1));
        return Page();
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/personnel", new Dictionary<string, string?>
    {
        ["mission"] = Mission,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
