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
public sealed class IndexModel(PublicReports reports, VigilDbContext db, IStringLocalizer<SharedResource> t, SubmissionQuota quota) : PageModel
{
    public IReadOnlyList<Mission> Missions { get; private set; } = [];
    /// <summary>The messages of a refused report, by field (tied to their controls on the page).</summary>
    public Vigil.Web.Platform.FieldErrors Errors { get; } = new();
    public string? Receipt { get; private set; }

    [BindProperty] public string? Narrative { get; set; }
    [BindProperty] public string? Mission { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? IncidentDate { get; set; }
    [BindProperty] public string? Involved { get; set; }
    [BindProperty] public string? Child { get; set; }
    [BindProperty] public string? Contact { get; set; }

    /// <summary>
    /// A random key written into each blank form and sent back with it: a double tap or a reload after "Send" is
    /// the same submission and gets the same receipt, instead of a second report whose receipt the reporter never sees.
    /// </summary>
    [BindProperty] public string? Key { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Key = NewKey();
        await LoadMissionsAsync(ct);
    }

    /// <summary>
    /// The date as a phone types it, in the form the API takes: digits of any script (Arabic-Indic ٢٠٢٦) as ASCII,
    /// "/", "." or a space as "-", and a month written month first (10/2026) turned round. A day-first full date stays
    /// as typed and is refused with the example: 03/04/2026 is a different day in different countries.
    /// </summary>
    public static string? TypedDate(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return typed;
        }
        var text = new System.Text.StringBuilder(typed.Length);
        foreach (var c in typed.Trim())
        {
            var digit = System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c);
            text.Append(digit >= 0 ? (char)('0' + digit) : c is '/' or '.' or ' ' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' ? '-' : c);
        }
        var date = text.ToString();
        return date.Length == 7 && date[2] == '-' && char.IsAsciiDigit(date[0]) && char.IsAsciiDigit(date[1]) ? $"{date[3..]}-{date[..2]}"
            : date.Length == 6 && date[1] == '-' && char.IsAsciiDigit(date[0]) ? $"{date[2..]}-0{date[0]}"
            : date;
    }

    private static string NewKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await reports.SubmitAsync(new PublicReportRequest
        {
            Narrative = Narrative,
            Mission = Mission,
            Location = Location,
            IncidentDate = TypedDate(IncidentDate),
            Involved = Involved,
            ChildInvolved = Child switch { "yes" => true, "no" => false, _ => null },
            Contact = Contact,
            Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        }, idempotencyKey: Key is { Length: 32 } key && key.All(char.IsAsciiHexDigit) ? "form:" + key : null, () => quota.TryAdmit(HttpContext), ct);
        if (result.IsSuccess)
        {
            Receipt = result.Value!.Receipt;
            return Page();
        }
        Key ??= NewKey();
        if (result.Error is TooManyReports)
        {
            // The text stays in the form: a shared connection (a camp, a carrier) can reach the limit.
            Errors.Add("", t["Many reports were sent from this connection in the last minutes. Wait a few minutes, then send again: your text is still here."]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = quota.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await LoadMissionsAsync(ct);
            return Page();
        }
        if (result.Error is ValidationError invalid)
        {
            foreach (var (field, messages) in invalid.FieldText)
            {
                Errors.Add(field, field switch
                {
                    "narrative" => t["Please describe what happened (up to 20,000 characters)."],
                    // A date that could not be read is not told it must be in the past.
                    "incidentDate" when messages.Any(m => m.Format.Contains("is not a date", StringComparison.Ordinal))
                        => t["Write the date like 2026-10 or 2026-10-14: this one could not be read as a date."],
                    "incidentDate" => t["The date must be a past date like 2026-10 or 2026-10-14."],
                    "mission" => t["Choose a mission from the list, or “I don't know”."],
                    // Each field by its name on the form, in the reporter's language: never by its token.
                    "location" => t["The place is at most {0} characters.", IntakeOptions.MaxLocation.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)],
                    "contact" => t["The way to contact you is at most {0} characters.", IntakeOptions.MaxContact.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)],
                    "involved" => t["Choose who was involved from the list, or “I don't know”."],
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
