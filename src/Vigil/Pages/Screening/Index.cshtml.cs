using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Screening;

namespace Vigil.Pages.Screening;

public sealed class IndexModel(Adjudication queue, CallerScope scope) : ScreeningPageModel
{
    public CandidatePage Result { get; private set; } = new([], 0, 1, 50);
    public string Status { get; private set; } = "open";
    public string? Mission { get; private set; }
    public bool IsOfficer => scope.IsInRole(Roles.ScreeningOfficer);

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    public async Task<IActionResult> OnGetAsync(string? status, string? mission, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim().ToLowerInvariant();
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        var result = await queue.ListAsync(scope, new CandidateFilter(Status, Mission, Math.Max(1, page ?? 1)), ct);
        if (result.Error is { } error)
        {
            Show(error);
            return Page();
        }
        Result = result.Value!;
        return Page();
    }
}
