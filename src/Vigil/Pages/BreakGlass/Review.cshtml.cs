using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Governance;
using Vigil.Web.Platform;

namespace Vigil.Pages.BreakGlass;

/// <summary>The auditor's review queue: every approved break-glass request, with its uses, to mark reviewed or flag.</summary>
[Authorize(Roles = Roles.Auditor)]
public sealed class ReviewModel(BreakGlassService service, CallerScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public BreakGlassReview Status { get; set; } = BreakGlassReview.Pending;

    public IReadOnlyList<BreakGlassView> Items { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int id, BreakGlassReview outcome, string? note, CancellationToken ct)
    {
        var result = await service.ReviewAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, new BreakGlassReviewInput(outcome, note), ct);
        if (result.Error is null)
        {
            return LocalRedirect("/break-glass/review");
        }
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        Errors.AddRange(result.Error is ValidationError v ? this.Words().Fields(v).SelectMany(f => f.Value.Select(m => f.Key == "note" ? $"{this.Words().Label("Note")} {m}" : m)) : this.Words().Lines(result.Error));
        Response.StatusCode = result.Error is ConflictError ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Status = BreakGlassReview.Pending;
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await service.ReviewQueueAsync(scope, Status, ct);
        if (result.Error is not null)
        {
            return Forbid();
        }
        Items = result.Value!;
        return Page();
    }
}
