namespace Vigil.Web.Platform;

/// <summary>
/// An enum value in a query string, read as the API writes it in JSON (<c>under-investigation</c>) or by its name
/// (<c>UnderInvestigation</c>); a number or an unknown word fails binding, which answers 400 naming the parameter.
/// </summary>
#pragma warning disable CA1000 // minimal APIs bind a query value through the type's static TryParse
public readonly record struct QueryEnum<T>(T Value) : IParsable<QueryEnum<T>> where T : struct, Enum
{
    public static bool TryParse(string? s, IFormatProvider? provider, out QueryEnum<T> result)
    {
        var name = s?.Trim().Replace("-", "", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(name) && name.All(char.IsAsciiLetter) && Enum.TryParse<T>(name, ignoreCase: true, out var value))
        {
            result = new QueryEnum<T>(value);
            return true;
        }
        result = default;
        return false;
    }

    public static QueryEnum<T> Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"Not a {typeof(T).Name}.");
}
#pragma warning restore CA1000
