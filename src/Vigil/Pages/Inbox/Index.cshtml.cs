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

    /// <summary>A report's age in hours under two days, in days after, with the unit in the page's language.</summary>
    public static string Age(Microsoft.Extensions.Localization.IStringLocalizer t, TimeSpan age) => age.TotalHours < 48
        ? t["{0} h", (int)age.TotalHours]
        : t["{0} d", (int)age.TotalDays];
}
