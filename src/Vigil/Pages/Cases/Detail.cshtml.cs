using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Reference;
using Vigil.Web.Platform;

namespace Vigil.Pages.Cases;

// Evidence uploads may be larger than the 1 MiB limit for everything else (signed-in staff on their own cases only).
[RequestSizeLimit(CaseEvidence.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CaseEvidence.MaxBytes + 64 * 1024)]
public sealed class DetailModel(CaseQueries cases, CaseCommands commands, CaseEvidence evidence, CaseAssistance assistance, CaseAccess access, CallerScope scope, TimeProvider clock) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    /// <summary>
    /// The form refused, by its handler's name ("Finding", "Note"…): its errors stand above it, each tied to its control
    /// (WCAG 3.3.1), and its fields show what was typed; null when no form was refused.
    /// </summary>
    public string? Refused { get; private set; }

    // Each form's errors, named by the form (ids error-finding-issuedOn, error-note-date): two forms' fields of one
    // name (the finding's and the action's subject) are told apart.
    private readonly Dictionary<string, FieldErrors> errors = new(StringComparer.Ordinal);

    /// <summary>Null when the caller may not handle evidence.</summary>
    public IReadOnlyList<EvidenceView>? Evidence { get; private set; }

    /// <summary>Null when the caller may not see the assistance track.</summary>
    public IReadOnlyList<ReferralView>? Assistance { get; private set; }
    public bool CanManage => CaseAccess.MayManage(scope);

    /// <summary>
    /// The investigator assigned to the case, who records findings and moves it to findings issued (CaseCommands):
    /// offered those two forms, not the conduct team's others.
    /// </summary>
    public bool ActsAsInvestigator { get; private set; }

    /// <summary>The victims' rights advocate assigned to the case, who records victims (CaseCommands.AddVictimAsync).</summary>
    public bool ActsAsAdvocate { get; private set; }

    /// <summary>Closures and changes of finding are approved by a conduct chief: nobody else is offered the buttons.</summary>
    public bool IsChief => scope.IsInRole(Vigil.Core.Access.Roles.ConductChief);

    /// <summary>Set when the case is not found or outside the caller's scope (the same page either way, 404).</summary>
    public string? Missing { get; private set; }
    public bool MayAskToUnmask => Vigil.Core.Governance.BreakGlassRules.MayRequest(scope, Vigil.Core.Governance.BreakGlassKind.UnmaskVictim);
    public bool MayAskForCase => Vigil.Core.Governance.BreakGlassRules.MayRequest(scope, Vigil.Core.Governance.BreakGlassKind.CaseOverride);
    public DateTime Today => clock.GetUtcNow().UtcDateTime;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The errors of the form posting to <paramref name="form"/> (its handler's name); empty but for the form refused.</summary>
    public FieldErrors ErrorsOf(string form)
    {
        if (!errors.TryGetValue(form, out var found))
        {
            found = new FieldErrors(form.ToLowerInvariant());
            errors[form] = found;
        }
        return found;
    }

    /// <summary>
    /// What was sent in <paramref name="field"/> when <paramref name="form"/> is the form refused, so that nothing typed is
    /// lost; <paramref name="otherwise"/> (the form's usual value) for the other forms and on a first showing. A value
    /// holding a line break or another control character is not shown again (the field is empty): a one-line field would
    /// show it altered, and its refusal does not echo it either.
    /// </summary>
    public string? Typed(string form, string field, string? otherwise = null)
    {
        if (form != Refused || !Request.HasFormContentType || !Request.Form.TryGetValue(field, out var sent))
        {
            return otherwise;
        }
        var text = sent.ToString();
        return NameText.ControlIn(text) is null ? text : null;
    }

    public Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => LoadAsync(reference, ct);

    public async Task<IActionResult> OnPostTransitionAsync(string reference, CaseStatus to, string? reason, CancellationToken ct) =>
        await AfterAsync("Transition", reference, (await commands.TransitionAsync(scope, UserId, reference, new TransitionRequest(to, reason), ct)).Error, ct);

    public async Task<IActionResult> OnPostSubjectAsync(string reference, string? personNumber, PersonnelCategory? category, string? nationality, string? unit, string? description, CancellationToken ct) =>
        await AfterAsync("Subject", reference, (await commands.AddSubjectAsync(scope, UserId, reference, new SubjectRequest(personNumber, category, nationality, unit, description), ct)).Error, ct);

    public async Task<IActionResult> OnPostVictimAsync(string reference, AgeGroup ageGroup, Sex sex, int count, string? identity, PaternityStatus paternity, CancellationToken ct) =>
        await AfterAsync("Victim", reference, (await commands.AddVictimAsync(scope, UserId, reference, new VictimRequest(ageGroup, sex, count, identity, paternity), ct)).Error, ct);

    public async Task<IActionResult> OnPostNoteAsync(string reference, NoteDirection direction, NoteKind kind, string? country, DateOnly date, string? noteReference, CancellationToken ct) =>
        await AfterAsync("Note", reference, (await commands.RecordNoteAsync(scope, UserId, reference, new NoteRequest(direction, kind, country, date, noteReference, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostFindingAsync(string reference, int subjectId, FindingOutcome outcome, InvestigatingBody by, DateOnly issuedOn, CancellationToken ct) =>
        await AfterAsync("Finding", reference, (await commands.RecordFindingAsync(scope, UserId, reference, new FindingRequest(subjectId, outcome, by, issuedOn), ct)).Error, ct);

    public async Task<IActionResult> OnPostApproveFindingAsync(string reference, int findingId, CancellationToken ct) =>
        await AfterAsync("ApproveFinding", reference, (await commands.ApproveFindingChangeAsync(scope, UserId, reference, findingId, ct)).Error, ct);

    public async Task<IActionResult> OnPostActionAsync(string reference, int subjectId, ActionKind kind, ActionTaker by, DateOnly takenOn, CancellationToken ct) =>
        await AfterAsync("Action", reference, (await commands.RecordActionAsync(scope, UserId, reference, new ActionRequest(subjectId, kind, by, takenOn, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostClosureAsync(string reference, ClosureReason closureReason, string? justification, CancellationToken ct) =>
        await AfterAsync("Closure", reference, (await commands.RequestClosureAsync(scope, UserId, reference, new ClosureRequestInput(closureReason, justification), ct)).Error, ct);

    // The page names the request it showed, so a request that lapsed and was replaced meanwhile is not decided unseen.
    public async Task<IActionResult> OnPostDecideClosureAsync(string reference, bool approve, int request, CancellationToken ct) =>
        await AfterAsync("DecideClosure", reference, (await commands.DecideClosureAsync(scope, UserId, reference, new ClosureDecisionInput(approve, null, request), ct)).Error, ct);

    public async Task<IActionResult> OnPostEvidenceAsync(string reference, IFormFile? file, string? description, CancellationToken ct)
    {
        if (file is null)
        {
            return await AfterAsync("Evidence", reference, ValidationError.For("file", "Choose a file."), ct);
        }
        await using var stream = file.OpenReadStream();
        return await AfterAsync("Evidence", reference, (await evidence.AddAsync(scope, UserId, reference, file.FileName, stream, description, ct)).Error, ct);
    }

    public async Task<IActionResult> OnPostReferAsync(string reference, int victimId, AssistanceKind kind, string? provider, string? note, CancellationToken ct) =>
        await AfterAsync("Refer", reference, (await assistance.ReferAsync(scope, UserId, reference,
            new ReferralRequest(victimId, kind, provider, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), note), ct)).Error, ct);

    // A recusal (conflict of interest) is a 409 that names the reason; it is also on the timeline.
    public async Task<IActionResult> OnPostAssignAsync(string reference, string? userName, string? role, CancellationToken ct) =>
        await AfterAsync("Assign", reference, (await commands.AssignAsync(scope, UserId, reference, new AssignRequest(userName, role), ct)).Error, ct);

    public async Task<IActionResult> OnPostUnassignAsync(string reference, string? userName, string? reason, CancellationToken ct) =>
        await AfterAsync("Unassign", reference, (await commands.UnassignAsync(scope, UserId, reference, new UnassignRequest(userName, reason), ct)).Error, ct);

    /// <summary>After a form's post: the case again, or the page with the refusal above that form (<paramref name="form"/>, its handler).</summary>
    private async Task<IActionResult> AfterAsync(string form, string reference, Error? error, CancellationToken ct)
    {
        if (error is null)
        {
            return LocalRedirect($"/cases/{reference}");
        }
        if (error is NotFoundError && (await cases.GetAsync(scope, UserId, reference, ct)).Error is not null)
        {
            return NotFound();
        }
        Refused = form;
        ErrorsOf(form).AddError(error, this.Words());
        Response.StatusCode = PageStatus.Of(error);
        return await LoadAsync(reference, ct);
    }

    private async Task<IActionResult> LoadAsync(string reference, CancellationToken ct)
    {
        var result = await cases.GetAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier), reference, ct);
        if (!result.IsSuccess)
        {
            // Not found and out of scope look alike; the page offers a break-glass request to those who may ask.
            Missing = reference;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Case = result.Value!;
        Evidence = (await evidence.ListAsync(scope, UserId, reference, ct)).Value;
        Assistance = (await assistance.ListAsync(scope, UserId, reference, ct)).Value;
        ActsAsInvestigator = !CanManage && await access.ActsOnAsync(scope, UserId, reference, Vigil.Core.Access.Roles.Investigator, ct);
        ActsAsAdvocate = !CanManage && await access.ActsOnAsync(scope, UserId, reference, Vigil.Core.Access.Roles.VictimsAdvocate, ct);
        return Page();
    }
}
