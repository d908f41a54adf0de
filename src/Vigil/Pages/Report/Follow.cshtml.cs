using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Core.Intake;
using Vigil.Web.Intake;

namespace Vigil.Pages.Report;

/// <summary>
/// Following a report with its receipt. The receipt travels only in POST bodies (never in a URL)
/// and is kept in the page's hidden field, so no cookie is needed.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(IntakeSetup.ReceiptPolicy)]
public sealed class FollowModel(PublicReports reports) : PageModel
{
    [BindProperty] public string? Receipt { get; set; }
    [BindProperty] public string? Text { get; set; }

    public PublicStatus? Status { get; private set; }
    public bool Unknown { get; private set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>True when the reply was refused as blank or too long: the page says so and keeps the text.</summary>
    public bool ReplyRefused { get; private set; }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        var sent = await reports.AddMessageAsync(Receipt, Text, ct);
        Sent = sent.IsSuccess;
        // A refused reply once vanished with a 200: the reporter believed it sent.
        ReplyRefused = sent.Error is Core.Common.ValidationError;
        if (Sent)
        {
            Text = null;
        }
        var page = await ShowAsync(ct);
        // Refused (blank, too long): 400 as every refused form, with the text kept in the box to correct.
        if (ReplyRefused && Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var result = await reports.GetStatusAsync(Receipt, ct);
        if (!result.IsSuccess)
        {
            Unknown = true;
            Receipt = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Status = result.Value;
        ReceiptCode.TryNormalize(Receipt, out var normalized);
        Receipt = normalized;
        return Page();
    }
}
