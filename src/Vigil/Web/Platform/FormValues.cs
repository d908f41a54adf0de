using System.Globalization;
using Microsoft.Extensions.Localization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// Days and whole numbers typed in form fields. Unreadable text is "not given" to the use case, which names the field;
/// the page keeps the text to say what was typed (<see cref="UnreadableDay"/>).
/// </summary>
public static class FormValues
{
    /// <summary>A day typed as yyyy-MM-dd, or null.</summary>
    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The text typed when it is given but is not a day (yyyy-MM-dd); null otherwise.</summary>
    public static string? UnreadableDay(string? text) => text?.Trim() is { Length: > 0 } typed && Day(typed) is null ? typed : null;

    /// <summary>
    /// Names every day field typed but unreadable (<see cref="UnreadableDay"/>) under its own field, echoing what was typed
    /// ("'2026-13-01' is not a valid date (YYYY-MM-DD).", in the page's language; the form's summary names the field by its
    /// label), so that no form says "give the day" of a day it was given, nor records without an optional one. True when
    /// any was: the page refuses the form (400) without calling its use case.
    /// </summary>
    /// <param name="errors">The form's errors.</param>
    /// <param name="t">The page's words.</param>
    /// <param name="days">Each day field: its name as the use case reports it, and the text typed.</param>
    public static bool RefuseUnreadableDays(FieldErrors errors, IStringLocalizer t, params (string Field, string? Text)[] days)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(days);
        var refused = false;
        foreach (var (field, text) in days)
        {
            if (UnreadableDay(text) is { } typed)
            {
                errors.Add(field, t.Say($"'{QuotedValue.Shown(typed, 40)}' is not a valid date (YYYY-MM-DD)."));
                refused = true;
            }
        }
        return refused;
    }

    /// <summary>A whole number typed without sign or separators, or null.</summary>
    public static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
