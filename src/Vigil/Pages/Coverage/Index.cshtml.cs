using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Presence;

namespace Vigil.Pages.Coverage;

public sealed class IndexModel(Core.Presence.Coverage coverage, CallerScope scope) : PageModel
{
    public CoverageView View { get; private set; } = null!;
    public string? Mission { get; private set; }
    public bool UncoveredOnly { get; private set; }

    /// <summary>Analysts and auditors see coverage without names: no coming postings either.</summary>
    public bool AggregatesOnly => PresenceRoles.AggregatesOnly(scope);

    public async Task OnGetAsync(string? mission, bool uncovered, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        UncoveredOnly = uncovered;
        View = await coverage.GetAsync(scope, Mission, uncovered, ct);
    }
}
