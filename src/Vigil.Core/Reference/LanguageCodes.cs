namespace Vigil.Core.Reference;

/// <summary>ISO 639 language codes as officers and sites carry them: two or three ASCII letters, lower case.</summary>
public static class LanguageCodes
{
    public static bool IsCode(string value) => value.Length is >= 2 and <= 3 && value.All(char.IsAsciiLetter);

    /// <summary>The codes trimmed, lower-cased and without repeats, or the first that is not a code.</summary>
    public static (List<string> Codes, string? Bad) Normalise(IEnumerable<string> items)
    {
        var trimmed = items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        var bad = trimmed.FirstOrDefault(i => !IsCode(i));
#pragma warning disable CA1308 // ISO 639 codes are lower case by definition.
        return (trimmed.Select(i => i.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(), bad);
#pragma warning restore CA1308
    }
}
