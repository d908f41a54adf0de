using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// Dates in JSON bodies, read exactly as System.Text.Json reads them (<c>YYYY-MM-DD</c>, nothing else) but refused with
/// a message of their own: <c>"lastDay": "2027-02-30"</c> was "not valid JSON, or the value has the wrong type", which
/// sends a client looking for a syntax error. The error handler names the field (JSON path) and the value given: a date
/// typed into a date field, never another field's value. Written as before (<c>YYYY-MM-DD</c>).
/// </summary>
public static class JsonDates
{
    /// <summary>The longest value quoted back; a longer one is cut, with "…".</summary>
    private const int MaxShown = 40;

    private static readonly System.Buffers.SearchValues<char> DateCharacters = System.Buffers.SearchValues.Create("0123456789-");

    /// <summary>The problem's message for <paramref name="error"/>: the value quoted when it was a JSON string.</summary>
    public static string Message(InvalidDateException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Value is { } value
            ? $"'{QuotedValue.Shown(value, MaxShown)}' is not a valid date (YYYY-MM-DD)."
            : "This is not a valid date (YYYY-MM-DD): send it as a string.";
    }

    /// <summary>Every <see cref="DateOnly"/> (and, through it, <c>DateOnly?</c>) of a request or an answer.</summary>
    public sealed class DateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidDateException(null);
            }
            var text = reader.GetString()!;
            // Exactly ten characters, ASCII digits: what the built-in converter accepted (no time, no spaces, no other digits).
            return text.Length == 10 && text.AsSpan().IndexOfAnyExcept(DateCharacters) < 0
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : NulGuard.Holds(text) ? throw new NulGuard.NulException() : throw new InvalidDateException(text);
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Thrown by <see cref="DateOnlyConverter"/>; System.Text.Json fills in the path of the field.</summary>
    /// <param name="value">The string given, or null when the JSON value was not a string.</param>
    public sealed class InvalidDateException(string? value) : JsonException("This is not a valid date (YYYY-MM-DD).")
    {
        public string? Value { get; } = value;
    }
}
