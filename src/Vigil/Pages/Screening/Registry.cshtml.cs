using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Web.Access;
using Vigil.Web.Platform;
using Vigil.Web.Screening;

namespace Vigil.Pages.Screening;

[Authorize(Policy = Policies.ScreeningOfficers)]
// Read up to four times the upload limit, so that a file just over it is refused on the page by name (TooLarge).
[RequestSizeLimit(ScreeningSetup.MaxPageFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ScreeningSetup.MaxPageFormBytes)]
public sealed class RegistryModel(RegistryCommands registry, CallerScope scope) : ScreeningPageModel
{
    public RegistryPage Result { get; private set; } = new([], 0, 1, 50);
    public string? Name { get; private set; }
    public string? Finding { get; private set; }
    public string? Source { get; private set; }
    // The notices after a write travel in TempData (a cookie sealed by data protection, read once), not in the URL: a link
    // crafted with ?added=… showed an officer "Record … added." for a record nobody added. Only this officer's own post sets them.

    /// <summary>The record just added (the redirect after a hand entry); null when none.</summary>
    [TempData]
    public string? AddedRecord { get; set; }

    /// <summary>How many records an import just took in; null when the page was not reached from an import.</summary>
    [TempData]
    public int? ImportedCount { get; set; }

    /// <summary>How many dates of birth that import set aside as implausible (shown only when above zero).</summary>
    [TempData]
    public int? SetAsideCount { get; set; }

    public PageNotice? PageNotice { get; private set; }

    /// <summary>The record just withdrawn (the redirect after a withdrawal); null when none.</summary>
    [TempData]
    public string? WithdrawnRecord { get; set; }

    /// <summary>The Add form's refusal, above it, each message tied to its field.</summary>
    public FieldErrors AddErrors { get; } = new("add");

    /// <summary>The import form's refusal, above it, tied to the file input.</summary>
    public FieldErrors ImportErrors { get; } = new("import");

    /// <summary>What was typed into the Add form, shown again after an error so that nothing must be typed twice; null otherwise.</summary>
    public RegistryInput? Typed { get; private set; }

    /// <summary>A random key written into each blank Add form: the same form sent twice adds one record (see <see cref="RegistryCommands.AddAsync"/>).</summary>
    public string Key { get; private set; } = NewKey();

    private static string NewKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    // "page" is also Razor Pages' own route value (this page's path), which won: bind it from the query or every page shows page 1.
    // No name here: a name is searched by POST (OnPostSearchAsync) so that it never reaches a URL.
    public async Task<IActionResult> OnGetAsync(string? finding, string? source, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        await LoadAsync(null, finding, source, page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(string? name, string? finding, string? source, [FromForm(Name = "page")] string? page, CancellationToken ct)
    {
        await LoadAsync(name, finding, source, page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? recordId, string? fullName, string? aliases, string? dateOfBirth, string? nationality, string? idNumbers,
        string? finding, string? caseReference, [FromForm(Name = "Key")] string? key, CancellationToken ct)
    {
        // The key written into the blank form: a double click or a resent form adds one record, not two.
        var onceKey = key is { Length: 32 } k && k.All(char.IsAsciiHexDigit) ? k : null;
        if (onceKey is not null)
        {
            // Shown again with the form after an error, so that correcting and resending still counts as this form.
            Key = onceKey;
        }
        var input = new RegistryInput
        {
            RecordId = recordId,
            FullName = fullName,
            Aliases = aliases is null ? null : [aliases],
            DateOfBirth = dateOfBirth,
            Nationality = nationality,
            IdNumbers = idNumbers is null ? null : [idNumbers],
            Finding = finding,
            CaseReference = caseReference,
        };
        var result = await registry.AddAsync(scope, input, onceKey, ct);
        if (result.Error is null)
        {
            AddedRecord = result.Value!.RecordId;
            return LocalRedirect("/screening/registry");
        }
        Typed = input;
        Show(result.Error, AddErrors);
        await LoadAsync(null, null, null, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string? recordId, string? reason, CancellationToken ct)
    {
        var result = await registry.WithdrawAsync(scope, UserId, recordId ?? "", new RegistryWithdrawalInput { Reason = reason }, ct);
        if (result.Error is null)
        {
            WithdrawnRecord = result.Value!.RecordId;
            return LocalRedirect("/screening/registry");
        }
        Show(result.Error);
        await LoadAsync(null, null, null, null, ct);
        return Page();
    }

    /// <summary>True after a refused import: the import form opens again beside its error.</summary>
    public bool ImportRefused { get; private set; }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        ImportRefused = true;
        if (file is null || file.Length == 0)
        {
            Show(Core.Common.ValidationError.For("file", file is null ? "Choose a registry CSV file." : "The file chosen is empty."), ImportErrors);
        }
        else if (ScreeningSetup.TooLarge(file) is { } tooLarge)
        {
            Show(tooLarge, ImportErrors);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            var result = await registry.ImportAsync(scope, buffer, Path.GetFileName(file.FileName), ct);
            if (result.Error is null)
            {
                ImportedCount = result.Value!.Imported;
                SetAsideCount = result.Value.BirthDatesSetAside > 0 ? result.Value.BirthDatesSetAside : null;
                return LocalRedirect("/screening/registry");
            }
            Show(result.Error, ImportErrors);
        }
        await LoadAsync(null, null, null, null, ct);
        return Page();
    }

    /// <summary>The list, on the page asked for (read as text by ListPage: a page that is not a page number is named in a notice).</summary>
    private async Task LoadAsync(string? name, string? finding, string? source, string? page, CancellationToken ct)
    {
        Name = name;
        Finding = finding;
        Source = source;
        var requested = ListPage.Read(page);
        var result = await registry.ListAsync(scope, new RegistryFilter(name, finding, source, requested.Number), ct);
        if (result.Error is { } error)
        {
            Show(error);
            return;
        }
        Result = result.Value!;
        // The link to page 1 drops a name searched for: a name is never put in a URL.
        PageNotice = requested.Notice(Result.Total, Result.PageSize, Result.Items.Count,
            QueryHelpers.AddQueryString("/screening/registry", new Dictionary<string, string?> { ["finding"] = finding, ["source"] = source }));
    }
}
