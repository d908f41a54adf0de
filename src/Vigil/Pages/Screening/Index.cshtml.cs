using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Web.Platform;

namespace Vigil.Pages.Screening;

public sealed class IndexModel(Adjudication queue, CallerScope scope) : ScreeningPageModel
{
    public CandidatePage Result { get; private set; } = new([], 0, 1, 50);
    public string Status { get; private set; } = "open";
    public string? Mission { get; private set; }
    public PageNotice? PageNotice { get; private set; }
    public bool IsOfficer => scope.IsInRole(Roles.ScreeningOfficer);

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    // Read as text (ListPage): a page that is not a page number is named in a notice, not silently page 1.
    public async Task<IActionResult> OnGetAsync(string? status, string? mission, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim().ToLowerInvariant();
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        var requested = ListPage.Read(page);
        var result = await queue.ListAsync(scope, new CandidateFilter(Status, Mission, requested.Number), ct);
        if (result.Error is { } error)
        {
            Show(error);
            return Page();
        }
        Result = result.Value!;
        PageNotice = requested.Notice(Result.Total, Result.PageSize, Result.Items.Count, PageLink(1));
        return Page();
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/screening", new Dictionary<string, string?>
    {
        ["status"] = Status,
        ["mission"] = Mission,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
