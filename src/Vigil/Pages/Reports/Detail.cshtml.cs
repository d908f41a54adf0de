using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Intake;
using Vigil.Web.Platform;

namespace Vigil.Pages.Reports;

public sealed class DetailModel(StaffReports reports, CallerScope scope) : PageModel
{
    public ReportView Report { get; private set; } = null!;
    public IReadOnlyList<CaseCandidate> Candidates { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => LoadAsync(reference, ct);

    public async Task<IActionResult> OnPostReplyAsync(string reference, string? text, CancellationToken ct)
    {
        var result = await reports.ReplyAsync(scope, UserId, reference, text, ct);
        return await AfterAsync(reference, result.Error, ct);
    }

    public async Task<IActionResult> OnPostLinkAsync(string reference, string? caseReference, string? reason, CancellationToken ct)
    {
        var result = await reports.TriageAsync(scope, UserId, reference, new TriageRequest { Action = TriageAction.Link, CaseReference = caseReference, Reason = reason }, ct);
        return await AfterAsync(reference, result.Error, ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(string reference, string? mission, AllegationCategory category, AllegationType type,
        MisconductLevel? level, string? reason, CancellationToken ct)
    {
        var result = await reports.TriageAsync(scope, UserId, reference,
            new TriageRequest { Action = TriageAction.OpenCase, Mission = mission, Category = category, Type = type, Level = level, Reason = reason }, ct);
        return await AfterAsync(reference, result.Error, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(string reference, CloseReason closeReason, string? reason, CancellationToken ct)
    {
        var result = await reports.TriageAsync(scope, UserId, reference, new TriageRequest { Action = TriageAction.Close, CloseReason = closeReason, Reason = reason }, ct);
        return await AfterAsync(reference, result.Error, ct);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<IActionResult> AfterAsync(string reference, Error? error, CancellationToken ct)
    {
        if (error is null)
        {
            // Post/redirect/get: a reload does not repeat the action.
            return LocalRedirect($"/reports/{reference}");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        Errors.AddRange(this.Words().Lines(error));
        Response.StatusCode = error is ConflictError ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return await LoadAsync(reference, ct);
    }

    private async Task<IActionResult> LoadAsync(string reference, CancellationToken ct)
    {
        var result = await reports.GetAsync(scope, reference, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }
        Report = result.Value!;
        if (Report.Status == ReportStatus.Received)
        {
            Candidates = (await reports.CandidatesAsync(scope, reference, ct)).Value ?? [];
        }
        return Page();
    }
}
