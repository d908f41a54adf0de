namespace Vigil.Core.Import;

/// <summary>
/// One fault in the input. <see cref="Line"/> is the 1-based physical line in the file where the
/// offending row starts (the header is line 1; a quoted field that spans lines counts each of them);
/// 0 when the file could not be read at all. <see cref="Column"/> is the CSV column name, or null when
/// the fault concerns the whole row or file. <see cref="Value"/> is the offending value as written.
/// </summary>
public sealed record ImportError(string File, int Line, string? Column, string? Value, string Message)
{
    /// <summary>For example <c>sites.csv line 14, column latitude: '95.2' is not a latitude between -90 and 90</c>.</summary>
    public override string ToString() => (Line, Column) switch
    {
        (0, _) => $"{File}: {Message}",
        (_, null) => $"{File} line {Line}: {Message}",
        _ => $"{File} line {Line}, column {Column}: {Message}",
    };
}

/// <summary>How many rows of each kind were inserted.</summary>
public sealed record ImportCounts(int Missions, int Sites, int Contingents, int Personnel, int Officers, int Officials = 0)
{
    public int Total => Missions + Sites + Contingents + Personnel + Officers + Officials;

    public int this[ImportKind kind] => kind switch
    {
        ImportKind.Missions => Missions,
        ImportKind.Sites => Sites,
        ImportKind.Contingents => Contingents,
        ImportKind.Personnel => Personnel,
        ImportKind.Officers => Officers,
        ImportKind.Officials => Officials,
    };
}

/// <summary>The outcome of an import: either everything was written, or nothing was.</summary>
public abstract record ImportResult
{
    private protected ImportResult()
    {
    }
}

/// <summary>
/// Every row of every file was inserted, in one transaction. <see cref="FilesWithoutRows"/> names the files that held a
/// header and no data row (not an error, but rarely what was meant).
/// </summary>
public sealed record ImportSucceeded(ImportCounts Counts) : ImportResult
{
    public IReadOnlyList<string> FilesWithoutRows { get; init; } = [];
}

/// <summary>
/// The input had faults and nothing was written. <see cref="Errors"/> holds the first
/// <see cref="ReferenceImporter.MaxReportedErrors"/> in file and line order; <see cref="TotalErrors"/> counts them all.
/// </summary>
public sealed record ImportFailed(IReadOnlyList<ImportError> Errors, int TotalErrors) : ImportResult
{
    /// <summary>Errors found but not listed in <see cref="Errors"/>.</summary>
    public int Omitted => TotalErrors - Errors.Count;
}
