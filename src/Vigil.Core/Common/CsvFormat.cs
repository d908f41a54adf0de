using CsvHelper;

namespace Vigil.Core.Common;

/// <summary>
/// The one reading of our CSV contract (spec/screening.md, docs/import.md): RFC 4180, comma only
/// (CsvHelper would otherwise guess, and our '|' lists confuse it), physical line numbers for error
/// messages, malformed quoting reported rather than silently repaired, and values kept out of
/// exception messages because they are personal data.
/// </summary>
public static class CsvFormat
{
    public static CsvReaderOptions ReaderOptions(Action<CsvMalformedRecord> onMalformed) => CsvReaderOptions.Default with
    {
        Separator = ',',
        Mode = CsvMode.Rfc4180,
        DetectSeparatorHint = false,
        TrimWhitespace = false,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        OnMalformedRecord = onMalformed,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The message for text that is not valid UTF-8 (decoded as U+FFFD), in a header or a row.</summary>
    public const string NotUtf8 = "the text is not valid UTF-8 (save the file as CSV UTF-8)";

    /// <summary>The message for a value holding U+0000: PostgreSQL's text cannot store it, and no name or date has one.</summary>
    public const string HoldsNul = "the value holds a NUL character (U+0000); save the file as plain UTF-8 text";

    /// <summary>The index of the first field holding U+0000, or -1.</summary>
    public static int FirstNul(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Contains('\0', StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The index of the first header cell that was not valid UTF-8 (it holds U+FFFD), or -1.</summary>
    public static int FirstGarbled(IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Contains('\uFFFD', StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// What a header row held, for a message about a missing column: the known columns by name, the others only
    /// counted. An unknown cell is not quoted back: a file without its header row has a person's data in line 1.
    /// </summary>
    public static string DescribeHeader(IEnumerable<string> header, Func<string, bool> isKnown)
    {
        var cells = header.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        var known = cells.Where(isKnown).ToList();
        var others = cells.Count - known.Count;
        return known.Count == 0
            ? $"no known column in the header row ({others} unknown, not shown): is the first line the header row?"
            : $"found: {string.Join(", ", known)}{(others == 0 ? "" : $"; {others} unknown, not shown")}";
    }
}
