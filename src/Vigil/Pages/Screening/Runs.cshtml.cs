using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Web.Access;
using Vigil.Web.Screening;

namespace Vigil.Pages.Screening;

[Authorize(Policy = Policies.ScreeningOfficers)]
// Read up to four times the upload limit, so that a file just over it is refused on the page by name (TooLarge).
[RequestSizeLimit(ScreeningSetup.MaxPageFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ScreeningSetup.MaxPageFormBytes)]
public sealed class RunsModel(ScreeningRuns runs, CallerScope scope) : ScreeningPageModel
{
    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];
    public RunSummary? Latest { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Runs = await runs.ListAsync(scope, ct);

    /// <summary>The roster form's refusal, above it, each message tied to its field.</summary>
    public Web.Platform.FieldErrors RosterErrors { get; } = new("roster");

    /// <summary>The one-person form's refusal, above it, each message tied to its field.</summary>
    public Web.Platform.FieldErrors PersonErrors { get; } = new("person");

    /// <summary>The kind and mission of a refused roster, shown again (form open) so that only the file is chosen again; null otherwise.</summary>
    public (string? Kind, string? Mission)? RosterTyped { get; private set; }

    public async Task<IActionResult> OnPostRosterAsync(IFormFile? file, string? kind, string? mission, CancellationToken ct)
    {
        // Kept only for a refusal (AfterAsync drops it after a run): the form then opens with what was chosen.
        RosterTyped = (kind, mission);
        var parsed = ScreeningRuns.ParseRosterKind(kind);
        if (parsed.Error is { } invalid)
        {
            return await AfterAsync(invalid, null, ct, RosterErrors);
        }
        if (file is null || file.Length == 0)
        {
            return await AfterAsync(Core.Common.ValidationError.For("file", file is null ? "Choose a roster CSV file." : "The file chosen is empty."), null, ct, RosterErrors);
        }
        if (ScreeningSetup.TooLarge(file) is { } tooLarge)
        {
            return await AfterAsync(tooLarge, null, ct, RosterErrors);
        }
        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var result = await runs.RunRosterAsync(scope, UserId, buffer, Path.GetFileName(file.FileName),
            parsed.Value, mission, ct);
        return await AfterAsync(result.Error, result.Value, ct, RosterErrors);
    }

    /// <summary>What was typed into the one-person form, shown again (form open) after an error; null otherwise.</summary>
    public PersonScreeningInput? Typed { get; private set; }

    public async Task<IActionResult> OnPostPersonAsync(string? fullName, string? aliases, string? dateOfBirth, string? nationality, string? idNumbers, string? mission, CancellationToken ct)
    {
        var input = new PersonScreeningInput
        {
            Mission = mission,
            FullName = fullName,
            Aliases = aliases is null ? null : [aliases],
            DateOfBirth = dateOfBirth,
            Nationality = nationality,
            IdNumbers = idNumbers is null ? null : [idNumbers],
        };
        var result = await runs.RunPersonAsync(scope, UserId, input, ct);
        Typed = result.Error is null ? null : input;
        return await AfterAsync(result.Error, result.Value, ct, PersonErrors);
    }

    public async Task<IActionResult> OnPostDeployedAsync(CancellationToken ct)
    {
        var result = await runs.RunDeployedAsync(scope, UserId, ct);
        return await AfterAsync(result.Error, result.Value, ct);
    }

    // form: the form whose refusal it is (null: the button that re-screens everyone, which has no field).
    private async Task<IActionResult> AfterAsync(Core.Common.Error? error, RunSummary? run, CancellationToken ct, Web.Platform.FieldErrors? form = null)
    {
        if (error is not null && form is not null)
        {
            Show(error, form);
        }
        else if (error is not null)
        {
            Show(error);
        }
        else
        {
            RosterTyped = null;
            // The answer shows this run's candidates, which are not kept with the run: a resend gets this page again.
            Web.Platform.FormKeys.Written(HttpContext);
        }
        Latest = run;
        Runs = await runs.ListAsync(scope, ct);
        return Page();
    }
}
