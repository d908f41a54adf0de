using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Vigil.Web.Platform;
using Vigil.Web.Presence;

namespace Vigil.Pages.Rotation;

public sealed class IndexModel(RotationRuns runs, RotationQueue queue, VigilDbContext db, CallerScope scope) : PageModel
{
    public IReadOnlyList<RotationRunSummary> Runs { get; private set; } = [];
    public IReadOnlyList<string> Missions { get; private set; } = [];
    public string? Mission { get; private set; }
    public bool CanPlan => scope.Roles.Overlaps(PresenceRoles.Planners);

    /// <summary>The planning form's errors, each tied to its control (WCAG 3.3.1).</summary>
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public NewRotationRunForm Form { get; set; } = new();

    /// <summary>The tenure and return bar used when left empty, for the months per period in the form (default 1).</summary>
    public RotationDefaults Defaults => runs.Defaults(Form.PeriodMonths);

    public async Task OnGetAsync(string? mission, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (FormValues.RefuseUnreadableDays(Errors, this.Words(), ("start", Form.Start)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var result = await runs.CreateAsync(scope, User.Identity?.Name ?? "", Form.ToRequest(), ct);
        if (result.Error is null)
        {
            queue.Notify();
            return Redirect($"/rotation/{result.Value!.Id}");
        }
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        Errors.AddError(result.Error, this.Words());
        Response.StatusCode = PageStatus.Of(result.Error);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Runs = await runs.ListAsync(scope, Mission, ct);
        Missions = await db.Missions.AsNoTracking().VisibleToMissionScope(scope).Where(m => m.EndDate == null).OrderBy(m => m.Code).Select(m => m.Code).ToListAsync(ct);
    }
}

/// <summary>The planning form: every field but the mission may be left empty for its default.</summary>
public sealed class NewRotationRunForm
{
    public string? Mission { get; set; }

    /// <summary>The horizon's first day as typed (yyyy-MM-dd; unreadable text is named with what was typed).</summary>
    public string? Start { get; set; }
    public int? Periods { get; set; }
    public int? PeriodMonths { get; set; }
    public int? MaxConsecutivePeriods { get; set; }
    public int? MinPeriodsBeforeReturn { get; set; }
    public int? FrozenPeriods { get; set; }
    public long? UncoveredWeight { get; set; }
    public long? LanguageGapWeight { get; set; }
    public long? MoveWeight { get; set; }
    public long? TravelKmWeight { get; set; }
    public int? TimeLimitSeconds { get; set; }
    public int? BasedOn { get; set; }

    public NewRotationRun ToRequest() => new()
    {
        Mission = Mission,
        Start = FormValues.Day(Start),
        Periods = Periods,
        PeriodMonths = PeriodMonths,
        MaxConsecutivePeriods = MaxConsecutivePeriods,
        MinPeriodsBeforeReturn = MinPeriodsBeforeReturn,
        FrozenPeriods = FrozenPeriods,
        UncoveredWeight = UncoveredWeight,
        LanguageGapWeight = LanguageGapWeight,
        MoveWeight = MoveWeight,
        TravelKmWeight = TravelKmWeight,
        TimeLimitSeconds = TimeLimitSeconds,
        BasedOn = BasedOn,
    };
}
