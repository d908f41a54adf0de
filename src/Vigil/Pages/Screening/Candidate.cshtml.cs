using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Screening;

namespace Vigil.Pages.Screening;

public sealed class CandidateModel(Adjudication queue, CallerScope scope) : ScreeningPageModel
{
    public CandidateDetail? Candidate { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await queue.GetAsync(scope, id, ct);
        if (result.Error is not null)
        {
            return NotFound();
        }
        Candidate = result.Value;
        return Page();
    }

    /// <summary>The decision form's refusal, above it, each message tied to its field.</summary>
    public Web.Platform.FieldErrors DecisionErrors { get; } = new();

    /// <summary>The decision and note sent, shown again after an error; null otherwise.</summary>
    public string? TypedDecision { get; private set; }

    /// <inheritdoc cref="TypedDecision"/>
    public string? TypedNote { get; private set; }

    public async Task<IActionResult> OnPostAsync(int id, string? decision, string? note, CancellationToken ct)
    {
        var result = await queue.DecideAsync(scope, UserId, id, new DecisionInput { Decision = decision, Note = note }, ct);
        if (result.Error is null)
        {
            return LocalRedirect($"/screening/candidates/{id}");
        }
        var detail = await queue.GetAsync(scope, id, ct);
        if (detail.Error is not null)
        {
            return NotFound();
        }
        Candidate = detail.Value;
        // Shown again with the error: a note typed on a poor connection is not lost to a missing choice.
        (TypedDecision, TypedNote) = (decision, note);
        if (result.Error is Core.Common.ValidationError refused)
        {
            Show(ByTheFormsLabels(refused), DecisionErrors);
        }
        else
        {
            // Decided meanwhile, or withdrawn: the form is gone, so the message goes to the top of the page.
            Show(result.Error);
        }
        return Page();
    }

    /// <summary>
    /// The decision's message names the API's tokens (same-person, not-same-person); the page names the two choices by the
    /// form's own labels. The other fields' messages are kept.
    /// </summary>
    private static Core.Common.ValidationError ByTheFormsLabels(Core.Common.ValidationError error) =>
        !error.FieldText.ContainsKey("decision") ? error : new(error.FieldText.ToDictionary(f => f.Key,
            f => f.Key == "decision" ? [(Core.Common.Words)ChooseOne] : f.Value));

    /// <summary>The page's own words for a decision not chosen (a page string, translated in tools/strings/screening.py).</summary>
    internal const string ChooseOne = "Choose \u201cSame person\u201d or \u201cNot the same person\u201d.";
}
