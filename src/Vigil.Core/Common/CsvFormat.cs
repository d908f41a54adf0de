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
}
