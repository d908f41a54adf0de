using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Common;

/// <summary>
/// A message stored for later reading (a notification), so that it is said in the reader's language when it is shown,
/// not in the language of whoever caused it. The values keep their kind (a date is still a date, a number a number, a
/// message a message) and nothing else: any other value is stored as its invariant text.
/// </summary>
public static class WordsJson
{
    public static string Write(Words words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return Node(words).ToJsonString();
    }

    /// <summary>The message, or null when <paramref name="json"/> is empty or not one this class wrote.</summary>
    public static Words? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) is JsonObject node ? Message(node) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonObject Node(Words words)
    {
        var values = new JsonArray();
        foreach (var value in words.Values)
        {
            values.Add(value switch
            {
                null => null,
                Words inner => new JsonObject { ["w"] = Node(inner) },
                Term term => new JsonObject { ["k"] = term.Key, ["s"] = term.Text },
                string text => new JsonObject { ["s"] = text },
                int or long or short or byte => new JsonObject { ["i"] = Convert.ToInt64(value, CultureInfo.InvariantCulture) },
                double or float or decimal => new JsonObject { ["n"] = Convert.ToDouble(value, CultureInfo.InvariantCulture) },
                DateOnly day => new JsonObject { ["d"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                DateTimeOffset at => new JsonObject { ["t"] = at.ToString("O", CultureInfo.InvariantCulture) },
                // Its clock fields as written (a UTC time shown with "UTC" after it), not shifted to another zone.
                DateTime at => new JsonObject { ["t"] = new DateTimeOffset(at.Ticks, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture) },
                _ => new JsonObject { ["s"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
            });
        }
        return new JsonObject { ["f"] = words.Format, ["v"] = values };
    }

    private static Words? Message(JsonObject node)
    {
        if (node["f"]?.GetValue<string>() is not { } format || node["v"] is not JsonArray values)
        {
            return null;
        }
        var read = new List<object?>(values.Count);
        foreach (var value in values)
        {
            read.Add(value switch
            {
                null => null,
                JsonObject o when o["w"] is JsonObject inner => Message(inner),
                JsonObject o when o["k"] is { } key && o["s"] is { } text => new Term(key.GetValue<string>(), text.GetValue<string>()),
                JsonObject o when o["s"] is { } text => text.GetValue<string>(),
                JsonObject o when o["i"] is { } number => number.GetValue<long>(),
                JsonObject o when o["n"] is { } number => number.GetValue<double>(),
                JsonObject o when o["d"] is { } day => DateOnly.ParseExact(day.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                JsonObject o when o["t"] is { } at => DateTimeOffset.ParseExact(at.GetValue<string>(), "O", CultureInfo.InvariantCulture),
                _ => throw new FormatException("A value of a stored message is of no known kind."),
            });
        }
        var words = Words.FromFormat(format, read);
        // A format whose holes its values do not fill would fail every page that shows it: no message then (the text shows).
        _ = words.ToString();
        return words;
    }
}
