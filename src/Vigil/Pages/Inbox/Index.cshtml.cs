using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Intake;

namespace Vigil.Pages.Inbox;

public sealed class IndexModel(StaffReports reports, CallerScope scope) : PageModel
{
    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public string? Mission { get; private set; }
    public string? StatusText { get; private set; }
    public bool OverdueOnly { get; private set; }
    public bool UnansweredOnly { get; private set; }

    public async Task OnGetAsync(string? mission, string? status, bool? overdue, bool? unanswered, CancellationToken ct)
    {
        Mission = mission;
        StatusText = status;
        OverdueOnly = overdue == true;
        UnansweredOnly = unanswered == true;
        Rows = await reports.InboxAsync(scope, new InboxFilter(mission, status == "all" ? null : ReportStatus.Received, OverdueOnly, UnansweredOnly), ct);
    }

    public static string Age(TimeSpan age) => age.TotalHours < 48
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d");
}
