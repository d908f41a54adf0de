using System.Globalization;

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

    /// <summary>A whole number typed without sign or separators, or null.</summary>
    public static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
