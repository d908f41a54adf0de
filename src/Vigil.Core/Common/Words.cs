using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vigil.Core.Common;

/// <summary>
/// A message kept as a composite format and its values, so that a page can say it in the reader's language (the format
/// is the resource key) while the API, the CLI and the audit keep the English text (<see cref="ToString"/>, invariant
/// culture). An interpolated string converts to it as written: <c>Words w = $"{code} already has leave";</c> keeps
/// "{0} already has leave" and the code. Plain text converts too, with no values.
/// </summary>
[InterpolatedStringHandler]
public sealed class Words : IEquatable<Words>
{
    private readonly StringBuilder format;
    private readonly List<object?> values;
    private string? built;

    /// <summary>Used by the compiler for an interpolated string.</summary>
    public Words(int literalLength, int formattedCount)
    {
        format = new StringBuilder(literalLength + 4 * formattedCount);
        values = new List<object?>(formattedCount);
    }

    private Words(string text)
    {
        format = new StringBuilder(Escape(text));
        values = [];
    }

    /// <summary>The composite format ("{0} already has leave from {1:yyyy-MM-dd}"): the resource key of the message.</summary>
    public string Format => built ??= format.ToString();

    /// <summary>The values of the format's holes, in order.</summary>
    public IReadOnlyList<object?> Values => values;

    public static implicit operator Words(string text) => new(text ?? "");

    /// <summary>Plain text as a message with no values.</summary>
    public static Words FromText(string text) => new(text);

    /// <summary>A message from its composite format (braces already escaped) and its values, as <see cref="WordsJson"/> reads one back.</summary>
    public static Words FromFormat(string format, IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(values);
        var words = new Words(format.Length, 0);
        words.format.Append(format);
        words.values.AddRange(values);
        return words;
    }

    /// <summary>Messages one after the other: each keeps its own format (a page says each in its language).</summary>
    public static Words Join(string separator, IEnumerable<Words> parts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(parts);
        var joined = new Words(0, 0);
        foreach (var part in parts)
        {
            if (joined.values.Count > 0)
            {
                joined.AppendLiteral(separator);
            }
            joined.AppendFormatted(part);
        }
        return joined;
    }

    public void AppendLiteral(string literal) => format.Append(Escape(literal));

    public void AppendFormatted<T>(T value) => Hole(value, null, null);

    public void AppendFormatted<T>(T value, string? format) => Hole(value, null, format);

    public void AppendFormatted<T>(T value, int alignment) => Hole(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format) => Hole(value, alignment, format);

    /// <summary>The English text, as an interpolated string would have written it in the invariant culture.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, [.. values]);

    public bool Equals(Words? other) => other is not null && Format == other.Format && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as Words);

    public override int GetHashCode() => HashCode.Combine(Format, ToString());

    private void Hole(object? value, int? alignment, string? holeFormat)
    {
        format.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment is { } a)
        {
            format.Append(',').Append(a.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(holeFormat))
        {
            format.Append(':').Append(Escape(holeFormat));
        }
        format.Append('}');
        values.Add(value);
        built = null;
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
