using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Platform;

namespace Vigil.Pages.Evaluations;

public sealed class IndexModel(Core.Presence.Evaluations evaluations, Core.Presence.Officials officials, CallerScope scope, TimeProvider clock) : PageModel
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The conduct chief keeps the list of officials (adds arrivals, ends appointments).</summary>
    public bool CanManage => scope.Roles.Overlaps(PresenceRoles.Planners);
    public IReadOnlyList<(string Code, string Name)> Sites { get; private set; } = [];

    [BindProperty]
    public OfficialForm NewOfficial { get; set; } = new();

    public IReadOnlyList<OfficialRow> Officials { get; private set; } = [];
    public IReadOnlyList<EvaluationView> History { get; private set; } = [];
    public string? Mission { get; private set; }
    public int? Official { get; private set; }
    // Each form's refusal stands above that form, each message tied to its field (WCAG 3.3.1).

    /// <summary>The evaluation form's refusal.</summary>
    public FieldErrors EvaluationErrors { get; } = new("evaluation");

    /// <summary>The new-official form's refusal.</summary>
    public FieldErrors OfficialErrors { get; } = new("official");

    /// <summary>The refusal of an official's row form (end of appointment), above the table.</summary>
    public FieldErrors EndErrors { get; } = new("end");

    /// <summary>The official whose end of appointment was refused (its field is tied to <see cref="EndErrors"/>); null otherwise.</summary>
    public int? RefusedEnd { get; private set; }

    /// <summary>The last day sent in the refused end of appointment, shown again in its row.</summary>
    public string? RefusedEndDay { get; private set; }

    /// <summary>The correction form's refusal.</summary>
    public FieldErrors CorrectionErrors { get; } = new("correction");
    public string? Saved { get; private set; }

    [BindProperty]
    public EvaluationForm Form { get; set; } = new();

    /// <summary>The chosen official's record, for the correction form (conduct chief).</summary>
    [BindProperty]
    public OfficialForm Correction { get; set; } = new();

    public OfficialDetails? Details { get; private set; }

    /// <summary>Evaluations the last correction's nationality makes co-national (shown once, after the correction).</summary>
    public int? CoNationalEvaluations { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? mission, int? official, CancellationToken ct)
    {
        Mission = string.IsNullOrWhiteSpace(mission) ? null : mission.Trim().ToUpperInvariant();
        Official = official;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (FormValues.RefuseUnreadableDays(EvaluationErrors, this.Words(), ("period", Form.Period)))
        {
            Official = Form.OfficialId;
            return await RefusedDayAsync(ct);
        }
        var result = await evaluations.RecordAsync(scope, User.Identity?.Name ?? "", Form.ToRequest(), ct);
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        Official = Form.OfficialId;
        if (result.Error is { } error)
        {
            EvaluationErrors.AddError(error, this.Words());
            Response.StatusCode = PageStatus.Of(error);
        }
        else
        {
            Saved = result.Value!.PeriodStart.ToString("yyyy-MM-dd");
            Form = new();
            Web.Platform.FormKeys.Written(HttpContext);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddOfficialAsync(CancellationToken ct) =>
        await AfterChangeAsync((await officials.AddAsync(scope, NewOfficial.ToRequest(), ct)).Error, OfficialErrors, ct);

    public async Task<IActionResult> OnPostEndOfficialAsync(int id, string? to, CancellationToken ct)
    {
        RefusedEnd = id;
        RefusedEndDay = to;
        if (FormValues.RefuseUnreadableDays(EndErrors, this.Words(), ("to", to)))
        {
            return await RefusedDayAsync(ct);
        }
        return await AfterChangeAsync((await officials.EndAsync(scope, id, new OfficialEnd { To = FormValues.Day(to) }, ct)).Error, EndErrors, ct);
    }

    public async Task<IActionResult> OnPostCorrectOfficialAsync(int id, CancellationToken ct)
    {
        var result = await officials.CorrectAsync(scope, id, Correction.ToCorrection(), ct);
        if (result.Error is NotFoundError)
        {
            return NotFound();
        }
        Official = id;
        if (result.Error is { } error)
        {
            CorrectionErrors.AddError(error, this.Words());
            Response.StatusCode = PageStatus.Of(error);
        }
        else
        {
            CoNationalEvaluations = result.Value!.CoNationalEvaluations;
            Correction = new();
            Web.Platform.FormKeys.Written(HttpContext);
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A form refused for a day typed unreadable (named by <see cref="FormValues.RefuseUnreadableDays"/>): 400, the page shown again.</summary>
    private async Task<IActionResult> RefusedDayAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> AfterChangeAsync(Error? error, FieldErrors form, CancellationToken ct)
    {
        if (error is null)
        {
            return Redirect("/evaluations");
        }
        if (error is NotFoundError)
        {
            return NotFound();
        }
        form.AddError(error, this.Words());
        Response.StatusCode = PageStatus.Of(error);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Officials = await evaluations.ListAsync(scope, Mission, null, ct);
        if (CanManage)
        {
            Sites = await officials.SitesAsync(scope, Mission, ct);
        }
        if (Official is { } id)
        {
            var history = await evaluations.HistoryAsync(scope, id, ct);
            if (!history.IsSuccess)
            {
                return false;
            }
            History = history.Value!;
            Form.OfficialId = Form.OfficialId == 0 ? id : Form.OfficialId;
            // Opened from an overdue official: the form is for the period that is overdue, not today's.
            if (string.IsNullOrWhiteSpace(Form.Period) && Form.OfficialId == id && Officials.FirstOrDefault(o => o.Id == id)?.MissingPeriod is { } overdue)
            {
                Form.Period = overdue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            }
            if (CanManage && await officials.FindAsync(scope, id, ct) is { } details)
            {
                Details = details;
                if (Correction.FullName is null)
                {
                    // First showing (or after a correction): the form starts from the record as kept.
                    Correction = new OfficialForm { FullName = details.FullName, Title = details.Title, Role = details.Role.Token(), Nationality = details.Nationality, From = details.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
                }
            }
        }
        return true;
    }
}

public sealed class EvaluationForm
{
    public int OfficialId { get; set; }
    public string? Evaluator { get; set; }

    /// <summary>A day in the evaluated period as typed (yyyy-MM-dd; empty for today; unreadable text is named with what was typed).</summary>
    public string? Period { get; set; }
    public bool OffLimitsEnforced { get; set; }
    public bool CurfewEnforced { get; set; }
    public int TrainingCoveragePercent { get; set; }
    public bool WelfareAdequate { get; set; }
    public int CommunityComplaints { get; set; }
    public string? Findings { get; set; }
    public string? Recommendations { get; set; }

    /// <summary>No default: the form's first option is empty, and an evaluation sent without a rating is refused.</summary>
    public EvaluationRating? Rating { get; set; }

    public NewEvaluation ToRequest() => new()
    {
        OfficialId = OfficialId == 0 ? null : OfficialId,
        Evaluator = Evaluator ?? "",
        Period = FormValues.Day(Period),
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

public sealed class OfficialForm
{
    public string? Site { get; set; }
    public string? FullName { get; set; }
    public string? Title { get; set; }

    /// <summary>
    /// The role's token (commander, head-of-office). No default: the form's first option is empty, and an official added
    /// without a role is refused. Text, so that a role the form does not offer is a field error beside the others.
    /// </summary>
    public string? Role { get; set; }
    public string? Nationality { get; set; }

    /// <summary>
    /// The first day in post as typed: the use case reads it (yyyy-MM-dd) and names an unreadable one, with what was typed,
    /// beside the form's other errors (Officials), as <see cref="FormValues.RefuseUnreadableDays"/> words it.
    /// </summary>
    public string? From { get; set; }

    public NewOfficial ToRequest() => new() { Site = Site, FullName = FullName, Title = Title, Role = Role, Nationality = Nationality, From = From };

    public OfficialCorrection ToCorrection() => new() { FullName = FullName, Title = Title, Role = Role, Nationality = Nationality, From = From };
}
