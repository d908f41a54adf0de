using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Intake;
using Vigil.Core.Reference;
using Vigil.Web.Intake;

namespace Vigil.Pages.Report;

/// <summary>
/// The public reporting page: a plain HTML form that works without JavaScript and without cookies
/// (hence no antiforgery token: there is no session to forge). Nothing about the sender is stored.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(IntakeSetup.SubmitPolicy)]
public sealed class IndexModel(PublicReports reports, VigilDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<Mission> Missions { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? Receipt { get; private set; }

    [BindProperty] public string? Narrative { get; set; }
    [BindProperty] public string? Mission { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? IncidentDate { get; set; }
    [BindProperty] public string? Involved { get; set; }
    [BindProperty] public string? Child { get; set; }
    [BindProperty] public string? Contact { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadMissionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A receipt or a status must never be kept by a shared phone's browser cache or a proxy.
        Response.Headers.CacheControl = "no-store";
        var result = await reports.SubmitAsync(new PublicReportRequest
        {
            Narrative = Narrative,
            Mission = Mission,
            Location = Location,
            IncidentDate = IncidentDate,
            Involved = Involved,
            ChildInvolved = Child switch { "yes" => true, "no" => false, _ => null },
            Contact = Contact,
            Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        }, idempotencyKey: null, ct);
        if (result.IsSuccess)
        {
            Receipt = result.Value!.Receipt;
            return Page();
        }
        if (result.Error is ValidationError invalid)
        {
            foreach (var field in invalid.Fields.Keys)
            {
                Errors.Add(field switch
                {
                    "narrative" => t["Please describe what happened (up to 20,000 characters)."],
                    "incidentDate" => t["The date must be a past date like 2026-10 or 2026-10-14."],
                    "mission" => t["Choose a mission from the list, or “I don't know”."],
                    _ => t["Please check the field: {0}.", field],
                });
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadMissionsAsync(ct);
        return Page();
    }

    private async Task LoadMissionsAsync(CancellationToken ct) =>
        Missions = await db.Missions.AsNoTracking().Where(m => m.EndDate == null).OrderBy(m => m.Code).ToListAsync(ct);
}
