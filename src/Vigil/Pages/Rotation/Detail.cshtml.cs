using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;
using Vigil.Web.Presence;

namespace Vigil.Pages.Rotation;

public sealed class DetailModel(RotationRuns runs, RotationQueue queue, CallerScope scope) : PageModel
{
    public RotationRunReview Review { get; private set; } = null!;
    public bool CanPlan => scope.Roles.Overlaps(PresenceRoles.Planners);
    public bool Confirming { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<RotationRunSummary> Compare { get; private set; } = [];

    public bool CanApprove => CanPlan && Review.Summary is { State: RotationRunState.Finished, ApprovedAt: null, PlanStatus: "OPTIMAL" or "FEASIBLE" };

    /// <summary>Whether the page reloads itself while the planner works (the user can turn it off: WCAG 2.2.1).</summary>
    public bool Following { get; private set; }

    private bool Working => Review.Summary.State is RotationRunState.Queued or RotationRunState.Running;

    public async Task<IActionResult> OnGetAsync(int id, bool confirm, bool follow = true, CancellationToken ct = default)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Confirming = confirm && CanApprove;
        Following = follow && Working;
        if (Following)
        {
            // No JavaScript: the browser reloads the page while the planner works. Every 5 s, not 2, for field
            // connections; the what-if form is hidden meanwhile, as a reload would lose what was typed in it.
            Response.Headers["Refresh"] = "5";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await runs.ApproveAsync(scope, User.Identity?.Name ?? "", id, ct)).Error, $"/rotation/{id}", ct);

    /// <summary>Cancels a run that is queued or running (the chief); a running run is stopped by its worker within seconds.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await runs.CancelAsync(scope, User.Identity?.Name ?? "", id, ct)).Error, $"/rotation/{id}?follow=false", ct);

    // An action on this run: back to the page, or the page again with the refusal above it.
    private async Task<IActionResult> AfterAsync(int id, Error? error, string done, CancellationToken ct)
    {
        if (error is NotFoundError)
        {
            return NotFound();
        }
        if (error is not null)
        {
            await LoadAsync(id, ct);
            Message = this.Words().Say(error.Text);
            Response.StatusCode = PageStatus.Of(error);
            return Page();
        }
        return Redirect(done);
    }

    public async Task<IActionResult> OnPostWhatIfAsync(int id, long? uncoveredWeight, long? languageGapWeight, long? moveWeight, long? travelKmWeight, CancellationToken ct)
    {
        var result = await runs.CreateAsync(scope, User.Identity?.Name ?? "", new NewRotationRun
        {
            BasedOn = id,
            UncoveredWeight = uncoveredWeight,
            LanguageGapWeight = languageGapWeight,
            MoveWeight = moveWeight,
            TravelKmWeight = travelKmWeight,
        }, ct);
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        if (result.Error is { } error)
        {
            await LoadAsync(id, ct);
            // The what-if form's fields are named, as the problem's weights are.
            Message = string.Join(" ", error is ValidationError v
                ? this.Words().Fields(v).Select(f => $"{Typography.Colon(Label(f.Key))} {string.Join(" ", f.Value)}")
                : this.Words().Lines(error));
            Response.StatusCode = PageStatus.Of(error);
            return Page();
        }
        queue.Notify();
        return Redirect($"/rotation/{result.Value!.Id}");
    }

    /// <summary>Runs the planner takes before this one, while it is queued.</summary>
    public int? Ahead { get; private set; }

    // The what-if form's fields by their labels on the form.
    private string Label(string field) => field switch
    {
        "uncoveredWeight" => T("Uncovered"),
        "languageGapWeight" => T("Language gap"),
        "moveWeight" => T("weight:move"),
        "travelKmWeight" => T("Travel (km)"),
        "timeLimitSeconds" => T("Time limit (s)"),
        _ => field,
    };

    private string T(string key) => this.Words()[key];

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var review = await runs.ReviewAsync(scope, id, ct);
        if (!review.IsSuccess)
        {
            return false;
        }
        Review = review.Value!;
        Ahead = Review.Summary.State == RotationRunState.Queued ? await runs.AheadAsync(id, ct) : null;
        // What-if: this run beside the runs of the same mission, horizon and rules, whose objectives compare (a
        // horizon of quarters beside one of months, or another tenure, is another problem).
        var s = Review.Summary;
        Compare = (await runs.ListAsync(scope, s.Mission, ct))
            .Where(r => r.HorizonStart == s.HorizonStart && r.Periods == s.Periods && r.PeriodMonths == s.PeriodMonths
                && r.MaxConsecutivePeriods == s.MaxConsecutivePeriods && r.MinPeriodsBeforeReturn == s.MinPeriodsBeforeReturn).ToList();
        return true;
    }
}
