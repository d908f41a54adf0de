using CsvHelper;
using Vigil.Core.Common;

namespace Vigil.Core.Import;

/// <summary>The columns of one kind of file. Required columns must be in the header; optional ones may be left out.</summary>
internal sealed record CsvSchema(IReadOnlyList<string> Required, IReadOnlyList<string> Optional);

/// <summary>
/// The rows read from a file. <see cref="Complete"/> is false when part of the file could not be read
/// (it could not be opened, is empty, or a quote was never closed): rows may then be missing, and
/// references to them must not be reported as unknown.
/// </summary>
internal sealed record CsvContent(IReadOnlyList<CsvRow> Rows, bool Complete);

/// <summary>
/// Reads one CSV file (UTF-8, RFC 4180, header row, byte-order mark accepted) into rows that know
/// their physical line. Columns are found by header name, in any order, ignoring case; unknown
/// columns are ignored. Faults of the file itself (cannot be opened, not UTF-8, unterminated quote,
/// missing or repeated column, wrong number of fields) are recorded as errors, not thrown.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    private CsvTable(string fileName, ImportErrors errors)
    {
        FileName = fileName;
        Errors = errors;
    }

    public string FileName { get; }

    public ImportErrors Errors { get; }

    /// <summary>The field index of a column, or null when the header does not have it.</summary>
    public int? IndexOf(string column) => _columns.TryGetValue(column, out var i) ? i : null;

    public static async Task<CsvContent> ReadAsync(ImportFile file, CsvSchema schema, ImportErrors errors, CancellationToken ct)
    {
        var table = new CsvTable(file.Name, errors);
        errors.FileRead(file.Name);
        Stream stream;
        bool owned;
        try
        {
            (stream, owned) = file.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ImportError(file.Name, 0, null, null, $"the file cannot be read: {e.Message}"));
            return new CsvContent([], Complete: false);
        }
        try
        {
            if (!stream.CanSeek)
            {
                // Peeking at the byte-order mark needs to go back to the start.
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, ct);
                copy.Position = 0;
                if (owned)
                {
                    await stream.DisposeAsync();
                }
                (stream, owned) = (copy, true);
            }
            if (await OtherUnicodeEncodingAsync(stream, ct) is { } encoding)
            {
                // The reader would decode it by its byte-order mark; the contract is UTF-8 only.
                errors.Add(new ImportError(file.Name, 0, null, null, $"the file is {encoding}, not UTF-8 (save the file as CSV UTF-8)"));
                return new CsvContent([], Complete: false);
            }
            return await table.ReadRowsAsync(stream, owned, schema, ct);
        }
        finally
        {
            if (owned)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>"UTF-16" or "UTF-32" when the stream starts with that encoding's byte-order mark, else null; the position is kept.</summary>
    private static async Task<string?> OtherUnicodeEncodingAsync(Stream stream, CancellationToken ct)
    {
        var start = stream.Position;
        var head = new byte[4];
        var read = 0;
        while (read < head.Length && await stream.ReadAsync(head.AsMemory(read), ct) is var n and > 0)
        {
            read += n;
        }
        stream.Position = start;
        return head.AsSpan(0, read) switch
        {
            [0xFF, 0xFE, 0x00, 0x00] or [0x00, 0x00, 0xFE, 0xFF] => "UTF-32",
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => "UTF-16",
            _ => null,
        };
    }

    private async Task<CsvContent> ReadRowsAsync(Stream stream, bool owned, CsvSchema schema, CancellationToken ct)
    {
        var rows = new List<CsvRow>();
        var complete = true;
        var malformed = new List<CsvMalformedRecord>();
        var options = CsvFormat.ReaderOptions(malformed.Add);
        await using var reader = CsvReader.Create(stream, options, leaveOpen: !owned);
        try
        {
            await reader.ReadHeaderAsync(ct);
            var header = reader.Headers.ToArray();
            if (header.Length == 0)
            {
                // Line 0: there is no line at all (docs/import.md: a file that cannot be read at all).
                Errors.Add(new ImportError(FileName, 0, null, null,
                    $"the file is empty; expected a header row with the columns {string.Join(", ", schema.Required)}"));
                return new CsvContent(rows, Complete: false);
            }
            if (malformed.Count > 0)
            {
                Errors.Add(new ImportError(FileName, 1, null, null, $"the header row is not valid CSV: {Describe(malformed[0].Reason)}"));
                return new CsvContent(rows, Complete: false);
            }
            if (CsvFormat.FirstGarbled(header) >= 0)
            {
                // Named by position: the cell as decoded is replacement characters, not what the file holds.
                Errors.Add(new ImportError(FileName, 1, null, null, $"the header row is not valid UTF-8 in column {CsvFormat.FirstGarbled(header) + 1} (save the file as CSV UTF-8)"));
                return new CsvContent(rows, Complete: false);
            }
            ReadHeader(header, schema);
            while (await reader.ReadAsync(ct))
            {
                var line = (int)reader.LineNumber;
                if (malformed.Count > 0)
                {
                    // Recovered by the parser, but its fields cannot be trusted: report and skip the row.
                    Errors.Add(new ImportError(FileName, (int)malformed[0].LineNumber, null, null, $"malformed CSV: {Describe(malformed[0].Reason)}"));
                    complete &= malformed[0].Reason != CsvMalformedReason.UnterminatedQuote;
                    malformed.Clear();
                    continue;
                }
                var record = new string[reader.FieldCount];
                for (var i = 0; i < record.Length; i++)
                {
                    record[i] = reader.GetString(i);
                }
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (record.Length != header.Length)
                {
                    Errors.Add(new ImportError(FileName, line, null, null,
                        $"the row has {record.Length} fields but the header has {header.Length} (a value holding a comma must be in double quotes)"));
                    continue;
                }
                var garbled = Array.FindIndex(record, f => f.Contains('\uFFFD', StringComparison.Ordinal));
                if (garbled >= 0)
                {
                    Errors.Add(new ImportError(FileName, line, header[garbled].Trim(), record[garbled], NotUtf8));
                    continue;
                }
                var nul = CsvFormat.FirstNul(record);
                if (nul >= 0)
                {
                    Errors.Add(new ImportError(FileName, line, header[nul].Trim(), null, CsvFormat.HoldsNul));
                    continue;
                }
                rows.Add(new CsvRow(this, line, record));
            }
        }
        catch (CsvFormatException e)
        {
            // For instance a record too large to buffer. The message holds no value (see above).
            Errors.Add(new ImportError(FileName, (int)Math.Max(1, e.LineNumber), null, null, $"malformed CSV: {e.Message}"));
            return new CsvContent(rows, Complete: false);
        }
        return new CsvContent(rows, complete);
    }

    private const string NotUtf8 = CsvFormat.NotUtf8;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (a double quote is missing); nothing after this line was read",
        CsvMalformedReason.StrayQuote => "a double quote inside a value that does not start with one (quote the whole value and double the inner quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing double quote of a value (double a quote that belongs to the value)",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted value",
        CsvMalformedReason.FieldCountMismatch => "the row does not have as many fields as the header",
        CsvMalformedReason.TrailingEscape => "the file ends with an escape character",
        _ => reason.ToString(),
    };

    private void ReadHeader(string[] header, CsvSchema schema)
    {
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }
            if (!_columns.TryAdd(name, i) && IsKnown(name, schema))
            {
                Errors.Add(new ImportError(FileName, 1, name, name, $"the column '{name}' appears more than once in the header"));
            }
        }
        foreach (var column in schema.Required.Where(c => !_columns.ContainsKey(c)))
        {
            // Rows are still read: their other columns are checked and their codes can be referred to.
            Errors.Add(new ImportError(FileName, 1, column, null,
                $"the required column '{column}' is missing from the header ({CsvFormat.DescribeHeader(header, name => IsKnown(name, schema))})"));
        }
    }

    private static bool IsKnown(string name, CsvSchema schema) =>
        schema.Required.Contains(name, StringComparer.OrdinalIgnoreCase) || schema.Optional.Contains(name, StringComparer.OrdinalIgnoreCase);
}
