using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;

namespace Vigil.Pages.Evaluations;

public sealed class IndexModel(Core.Presence.Evaluations evaluations, CallerScope scope) : PageModel
{
    public IReadOnlyList<OfficialRow> Officials { get; private set; } = [];
    public IReadOnlyList<EvaluationView> History { get; private set; } = [];
    public string? Mission { get; private set; }
    public int? Official { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Saved { get; private set; }

    [BindProperty]
    public EvaluationForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? mission, int? official, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        Official = official;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await evaluations.RecordAsync(scope, User.Identity?.Name ?? "", Form.ToRequest(), ct);
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        Official = Form.OfficialId;
        if (result.Error is { } error)
        {
            Errors = error is ValidationError v ? v.Fields : new Dictionary<string, string[]> { [""] = [error.Message] };
        }
        else
        {
            Saved = result.Value!.PeriodStart.ToString("yyyy-MM-dd");
            Form = new();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Officials = await evaluations.ListAsync(scope, Mission, null, ct);
        if (Official is { } id)
        {
            var history = await evaluations.HistoryAsync(scope, id, ct);
            if (!history.IsSuccess)
            {
                return false;
            }
            History = history.Value!;
            Form.OfficialId = Form.OfficialId == 0 ? id : Form.OfficialId;
        }
        return true;
    }
}

public sealed class EvaluationForm
{
    public int OfficialId { get; set; }
    public string? Evaluator { get; set; }
    public DateOnly? Period { get; set; }
    public bool OffLimitsEnforced { get; set; }
    public bool CurfewEnforced { get; set; }
    public int TrainingCoveragePercent { get; set; }
    public bool WelfareAdequate { get; set; }
    public int CommunityComplaints { get; set; }
    public string? Findings { get; set; }
    public string? Recommendations { get; set; }
    public EvaluationRating Rating { get; set; }

    public NewEvaluation ToRequest() => new()
    {
        OfficialId = OfficialId,
        Evaluator = Evaluator ?? "",
        Period = Period,
        OffLimitsEnforced = OffLimitsEnforced,
        CurfewEnforced = CurfewEnforced,
        TrainingCoveragePercent = TrainingCoveragePercent,
        WelfareAdequate = WelfareAdequate,
        CommunityComplaints = CommunityComplaints,
        Findings = Findings,
        Recommendations = Recommendations,
        Rating = Rating,
    };
}
