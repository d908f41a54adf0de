namespace Vigil.Core.Common;

/// <summary>
/// A value a user typed, as it may be quoted back in a message (a terminal, a web page): control characters
/// as '?', so that nothing typed can move a cursor or forge a line, and cut to a few characters, so that a pasted
/// page (which may hold a name) is not echoed whole.
/// </summary>
public static class QuotedValue
{
    /// <summary>
    /// <paramref name="text"/> with control characters as '?', cut to <paramref name="maxLength"/> characters
    /// (never between the two halves of a surrogate pair) and then marked with "…".
    /// </summary>
    public static string Shown(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var length = text.Length <= maxLength ? text.Length : char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        var shown = string.Create(length, text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return length < text.Length ? shown + "…" : shown;
    }
}
