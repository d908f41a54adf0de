using System.Collections.Frozen;

namespace Vigil.Core.Reference;

/// <summary>
/// ISO 639 language codes as officers and sites carry them: a code of ISO 639-1 (two letters), 639-2 or 639-3 (three),
/// lower case. The list (<see cref="LanguageCodeList"/>) is checked, not only the shape: <c>xyz</c> or <c>zz</c> is two or
/// three letters but names no language, and a plan matching officers to sites by language would match nothing on it.
/// </summary>
public static class LanguageCodes
{
    private static readonly FrozenSet<string> Known =
        $"{LanguageCodeList.TwoLetter} {LanguageCodeList.ThreeLetter}".Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for an ISO 639 code, in any case (<c>fr</c>, <c>SAG</c>, <c>nus</c>); false for anything else.</summary>
    public static bool IsCode(string value) => value is { Length: 2 or 3 } && value.All(char.IsAsciiLetter) && Known.Contains(value);

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
