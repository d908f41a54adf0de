using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;

namespace Vigil.Pages.Notifications;

public sealed class IndexModel(Core.Cases.Notifications notifications, CallerScope scope, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifications.ListAsync(scope, UserId, unreadOnly: false, ct);

    public async Task<IActionResult> OnPostAsync(int? upTo, CancellationToken ct)
    {
        // The page names the newest notification it showed; without it (an old page) nothing newer than now is assumed seen.
        await notifications.MarkReadAsync(scope, UserId, clock.GetUtcNow(), upTo ?? 0, ct);
        return LocalRedirect("/notifications");
    }
}
