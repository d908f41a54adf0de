using System.Text.Json;

namespace Vigil.Core.Common;

/// <summary>Enums written as kebab-case tokens in files and forms (e.g. "team-site", "head-of-office").</summary>
public static class EnumTokens
{
    /// <summary>The value whose token is <paramref name="token"/>, ignoring case and surrounding spaces.</summary>
    public static bool TryParse<T>(string? token, Func<T, string> tokenOf, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(tokenOf);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(tokenOf(candidate), token?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Every token, comma-separated, for error messages.</summary>
    public static string All<T>(Func<T, string> tokenOf)
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(tokenOf));

    /// <summary>The value as the API writes it ("under-investigation"), for messages: users never see C# names.</summary>
    public static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The value as the API writes it, or "" for none.</summary>
    public static string Wire<T>(T? value)
        where T : struct, Enum => value is { } v ? Wire(v) : "";
}
