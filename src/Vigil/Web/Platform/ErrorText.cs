using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// A use case's refusal in the page's language: each message's format is its resource key, filled with its values in the
/// page's culture. A message with no translation is shown in English, as the API gives it; nothing is dropped.
/// </summary>
public static class ErrorText
{
    /// <summary>One message in the language of <paramref name="t"/>.</summary>
    public static string Say(this IStringLocalizer t, Words words)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(words);
        return t[words.Format, Values(t, words)];
    }

    /// <summary>
    /// One message in the language of <paramref name="t"/>, worded for a page under its format prefixed with
    /// <paramref name="keyPrefix"/> (the case timeline's "timeline:": a page says "Moved from Under assessment to …" where
    /// the API's line reads "under-assessment → …"); a message with no such wording is said as <see cref="Say(IStringLocalizer, Words)"/> says it.
    /// </summary>
    public static string Say(this IStringLocalizer t, Words words, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(words);
        var values = Values(t, words);
        return t[keyPrefix + words.Format, values] is { ResourceNotFound: false } worded ? worded.Value : t[words.Format, values];
    }

    // A value that is itself a message (a list of changes) is said in the same language, a term by its label.
    private static object[] Values(IStringLocalizer t, Words words) => [.. words.Values.Select(v => v switch
    {
        Words inner => t.Say(inner),
        Term term => t[term.Key] is { ResourceNotFound: false } label ? label.Value : term.Text,
        _ => v ?? "",
    })];

    /// <summary>Each field's messages in the language of <paramref name="t"/>.</summary>
    public static Dictionary<string, string[]> Fields(this IStringLocalizer t, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.FieldText.ToDictionary(f => f.Key, f => f.Value.Select(w => t.Say(w)).ToArray());
    }

    /// <summary>The messages of an error, one line each (a validation error's by field, in order).</summary>
    public static IEnumerable<string> Lines(this IStringLocalizer t, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ValidationError v ? v.FieldText.SelectMany(f => f.Value).Select(w => t.Say(w)) : [t.Say(error.Text)];
    }

    /// <summary>The errors by field ("" for the page as a whole) in the page's language.</summary>
    public static Dictionary<string, string[]> ByField(this IStringLocalizer t, Error error) =>
        error is ValidationError v ? t.Fields(v) : new Dictionary<string, string[]> { [""] = [t.Say(error.Text)] };

    /// <summary>The shared localiser in the request's culture, for page models.</summary>
    public static IStringLocalizer Words(this PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
    }
}
