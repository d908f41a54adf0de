using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Governance;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Pages.BreakGlass;

/// <summary>The caller's requests (with exports to download while granted) and, for approvers, the requests to decide.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(BreakGlassService service, CallerScope scope) : PageModel
{
    public IReadOnlyList<BreakGlassView> Mine { get; private set; } = [];
    public IReadOnlyList<BreakGlassView> ToDecide { get; private set; } = [];
    public bool IsApprover => BreakGlassRules.IsApprover(scope);
    public bool IsAuditor => scope.IsInRole(Roles.Auditor);
    public List<string> Errors { get; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(int id, bool approve, string? reason, CancellationToken ct) =>
        await AfterAsync((await service.DecideAsync(scope, UserId, id, new BreakGlassDecisionInput(approve, reason), ct)).Error, ct);

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct) =>
        await AfterAsync((await service.EndAsync(scope, UserId, id, ct)).Error, ct);

    private async Task<IActionResult> AfterAsync(Error? error, CancellationToken ct)
    {
        if (error is null)
        {
            return LocalRedirect("/break-glass");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        Errors.AddRange(error is ValidationError v ? this.Words().Fields(v).SelectMany(f => f.Value.Select(m => f.Key == "reason" ? $"{this.Words().Label("Reason for refusing")} {m}" : m)) : this.Words().Lines(error));
        Response.StatusCode = error switch
        {
            ForbiddenError => StatusCodes.Status403Forbidden,
            ConflictError => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Mine = await service.MineAsync(UserId, ct);
        ToDecide = await service.ToDecideAsync(scope, UserId, ct);
    }
}
