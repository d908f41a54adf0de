using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Audit;
using Vigil.Web.Platform;

namespace Vigil.Pages.Audit;

/// <summary>The auditor's page: filters, newest entries first, the chain's verification status and the latest checkpoint.</summary>
public sealed class IndexModel(AuditQueries queries, AuditVerifier verifier, AuditStatus status) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? AuditAction { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecordType { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecordId { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    // Text, read by ListPage: a page that is not a page number is named in a notice, not silently page 1.
    [BindProperty(SupportsGet = true, Name = "p")] public string? PageNumber { get; set; }

    public AuditPage Result { get; private set; } = new([], 0, 1, 50);
    public AuditSummary Summary { get; private set; } = new(0, 0, null, null);
    public string? Error { get; private set; }
    public PageNotice? PageNotice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Summary = await queries.SummaryAsync(status.Last, ct);
        if (!TryDate(From, out var from) || !TryDate(To, out var to))
        {
            Error = "from/to: YYYY-MM-DD";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var requested = ListPage.Read(PageNumber);
        var result = await queries.ListAsync(new AuditFilter(Actor, AuditAction, RecordType, RecordId, from, to?.AddDays(1), requested.Number, 50), ct);
        if (result.Error is { } error)
        {
            Error = error.Describe();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Result = result.Value!;
        PageNotice = requested.Notice(Result.Total, Result.PageSize, Result.Items.Count, PageLink(1));
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        status.Set(await verifier.VerifyAsync(ct: ct));
        return LocalRedirect("/audit");
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor,
        ["auditAction"] = AuditAction,
        ["recordType"] = RecordType,
        ["recordId"] = RecordId,
        ["from"] = From,
        ["to"] = To,
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();

    private static bool TryDate(string? text, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return false;
    }
}
