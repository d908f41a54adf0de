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

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await notifications.MarkReadAsync(scope, UserId, clock.GetUtcNow(), ct);
        return LocalRedirect("/notifications");
    }
}
