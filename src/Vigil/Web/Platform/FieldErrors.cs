using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// A form's error messages by field (the API's field name, e.g. <c>narrative</c>; an empty name for the form as a whole),
/// so that each message is tied to its control (WCAG 3.3.1, 1.3.1): the summary above the form
/// (<c>Shared/_FieldErrors</c>) gives each field's messages an id and names the field by its visible label, and
/// <see cref="FieldErrorTagHelper"/> marks the control <c>aria-invalid</c> and points its <c>aria-describedby</c> there.
/// A page with several forms gives each its own, named (<paramref name="form"/>), so that two forms' fields of one name
/// (a mission in each) have distinct ids and each summary stands above its own form.
/// </summary>
/// <param name="form">The form's name in the ids (null: the page has one form; ids are <c>error-FIELD</c>).</param>
public sealed class FieldErrors(string? form = null)
{
    private readonly List<(string Field, string Message)> items = [];

    /// <summary>The visible label of each field, set by the view (the summary names fields by them).</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many messages there are.</summary>
    public int Count => items.Count;

    /// <summary>Adds a message about <paramref name="field"/> ("" for the whole form).</summary>
    public void Add(string field, string message) => items.Add((field, message));

    /// <summary>Adds every message of a use case's validation error, by field, in the language of <paramref name="t"/>.</summary>
    public void Add(ValidationError error, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (field, messages) in t.Fields(error))
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    /// <summary>Adds a use case's error: a validation error's messages by field, any other as the whole form's.</summary>
    public void AddError(Error error, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(t);
        if (error is ValidationError v)
        {
            Add(v, t);
        }
        else
        {
            Add("", t.Say(error.Text));
        }
    }

    /// <summary>True when <paramref name="field"/> has a message.</summary>
    public bool Has(string field) => items.Any(i => string.Equals(i.Field, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>The fields with messages (the whole form's, "", first), each with its messages, in the order added.</summary>
    public IReadOnlyList<(string Field, IReadOnlyList<string> Messages)> ByField() =>
        [.. items.GroupBy(i => i.Field, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(i => i.Message)]))];

    /// <summary>The id of the summary line about <paramref name="field"/> on a page with one form: what its control's <c>aria-describedby</c> names.</summary>
    public static string IdOf(string field) => "error-" + field;

    /// <summary>The id of the summary line about <paramref name="field"/> in this form.</summary>
    public string IdFor(string field) => form is null ? IdOf(field) : $"error-{form}-{field}";
}

/// <summary>
/// <c>&lt;input errors-for="narrative" errors="Model.FieldErrors"&gt;</c> (also on <c>select</c> and <c>textarea</c>): when the
/// field has a message, the control gets <c>aria-invalid="true"</c> and its <c>aria-describedby</c> names the message.
/// Nothing changes in how the page looks.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute, TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "errors-for";

    /// <summary>The field's name as the use case reports it.</summary>
    [HtmlAttributeName(ForAttribute)]
    public string Field { get; set; } = "";

    /// <summary>The page's errors (null: none).</summary>
    [HtmlAttributeName("errors")]
    public FieldErrors? Errors { get; set; }

    /// <summary>After the framework's own tag helpers (asp-for), which may set the attributes this one extends.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Errors is null || !Errors.Has(Field))
        {
            return;
        }
        output.Attributes.SetAttribute("aria-invalid", "true");
        var id = Errors.IdFor(Field);
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) && existing.Value?.ToString() is { Length: > 0 } before
            ? $"{before} {id}"
            : id;
        output.Attributes.SetAttribute("aria-describedby", described);
    }
}
