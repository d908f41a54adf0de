using System.Collections.Frozen;
using CsvHelper;
using Vigil.Core.Common;
using Vigil.Core.Reference;
using Vigil.Matching;

namespace Vigil.Core.Screening;

/// <summary>
/// The first fault of an input file: where it is (1-based line and column) and what is wrong. Line and column are 0 when
/// the fault is the file itself (it does not exist, or cannot be read): there is no line to point at.
/// </summary>
public sealed record ScreeningInputError(string File, long Line, int Column, Words Message)
{
    public override string ToString() => Text.ToString();

    /// <summary>The position and the message as a format and values: English for the CLI and the API, the page's language on a page.</summary>
    public Words Text => Line == 0
        ? (Words)$"{File}: {Message}"
        : (Words)$"{File}: line {Line}, column {Column}: {Message}";
}

/// <summary>What the registry says of a record (spec/screening.md).</summary>
public enum RegistryFinding
{
    Substantiated,
    Pending,
    Barred,
}

/// <summary>A registry row: the subject to match and what the registry says of it.</summary>
public sealed record RegistryEntry(ScreeningSubject Subject, RegistryFinding Finding, string? CaseReference)
{
    /// <summary>The 1-based line of the file the row starts on (0 when not read from a file).</summary>
    public long Line { get; init; }

    /// <summary>The 1-based column of <c>record_id</c> in the file (0 when not read from a file).</summary>
    public int RecordIdColumn { get; init; }

    /// <summary>The 1-based column of <c>full_name</c> in the file (0 when not read from a file).</summary>
    public int FullNameColumn { get; init; }

    /// <summary>The 1-based columns of <c>case_reference</c> and <c>nationality</c> (0 when the file has none), for the app's own checks.</summary>
    public int CaseReferenceColumn { get; init; }

    /// <inheritdoc cref="CaseReferenceColumn"/>
    public int NationalityColumn { get; init; }

    /// <summary>nationality as written in the file (trimmed).</summary>
    public string RawNationality { get; init; } = "";

    /// <summary>full_name as written in the file (trimmed), for storing the record.</summary>
    public string? RawFullName { get; init; }

    /// <summary>aliases as written in the file, split on <c>|</c>.</summary>
    public IReadOnlyList<string> RawAliases { get; init; } = [];

    /// <summary>id_numbers as written in the file, split on <c>|</c>.</summary>
    public IReadOnlyList<string> RawIdNumbers { get; init; } = [];
}

/// <summary>A roster row: the subject to screen and where the person serves.</summary>
public sealed record RosterEntry(ScreeningSubject Subject, string? Category, string? Unit);

/// <summary>The rows of a file, or the first fault that stopped reading it.</summary>
public sealed record ScreeningRead<T>(IReadOnlyList<T>? Rows, ScreeningInputError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Reads registry and roster files and writes match files exactly as spec/screening.md says: UTF-8
/// CSV (RFC 4180) with a header row, a byte-order mark accepted on input and never written, columns
/// found by name in any order (case ignored), unknown columns ignored. Reading stops at the first
/// fault and reports its file, line and column.
/// </summary>
public static class ScreeningFiles
{
    public static readonly IReadOnlyList<string> MatchColumns = ["person_id", "record_id", "score", "reasons"];

    private static readonly FrozenSet<string> Categories = FrozenSet.Create(StringComparer.Ordinal,
        "military-contingent", "formed-police", "individual-police", "military-expert", "civilian", "volunteer", "contractor");

    public static async Task<ScreeningRead<RegistryEntry>> ReadRegistryAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var stream = OpenOrNull(path, out var openError);
        return stream is null
            ? new ScreeningRead<RegistryEntry>(null, new ScreeningInputError(path, 0, 0, openError!))
            : await ReadRegistryAsync(stream, path, ct);
    }

    public static async Task<ScreeningRead<RosterEntry>> ReadRosterAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var stream = OpenOrNull(path, out var openError);
        return stream is null
            ? new ScreeningRead<RosterEntry>(null, new ScreeningInputError(path, 0, 0, openError!))
            : await ReadRosterAsync(stream, path, ct);
    }

    public static Task<ScreeningRead<RegistryEntry>> ReadRegistryAsync(Stream stream, string fileName, CancellationToken ct) =>
        ReadAsync(stream, fileName, "record_id", ["record_id", "full_name", "aliases", "date_of_birth", "nationality", "id_numbers", "finding", "case_reference"], ["finding"],
            row =>
            {
                // spec/screening.md: one of three values, with no "or empty" (unlike date_of_birth and nationality).
                var subject = row.Subject("record_id", withAliases: true);
                var finding = row.Optional("finding");
                var parsed = finding.ToLowerInvariant() switch
                {
                    "substantiated" => RegistryFinding.Substantiated,
                    "pending" => RegistryFinding.Pending,
                    "barred" => RegistryFinding.Barred,
                    "" => throw row.Fault("finding", "finding is empty; the registry needs substantiated, pending or barred on every row"),
                    _ => throw row.Fault("finding", $"finding '{finding}' is not substantiated, pending or barred"),
                };
                var caseReference = row.Optional("case_reference");
                return new RegistryEntry(subject, parsed, caseReference.Length > 0 ? caseReference : null)
                {
                    Line = row.Line,
                    RecordIdColumn = row.ColumnOf("record_id"),
                    FullNameColumn = row.ColumnOf("full_name"),
                    CaseReferenceColumn = row.ColumnOf("case_reference"),
                    NationalityColumn = row.ColumnOf("nationality"),
                    RawNationality = row.Optional("nationality"),
                    RawFullName = row.Optional("full_name"),
                    RawAliases = row.List("aliases"),
                    RawIdNumbers = row.List("id_numbers"),
                };
            },
            e => e.Subject.Id, ct);

    public static Task<ScreeningRead<RosterEntry>> ReadRosterAsync(Stream stream, string fileName, CancellationToken ct) =>
        ReadAsync(stream, fileName, "person_id", ["person_id", "full_name", "date_of_birth", "nationality", "id_numbers", "category", "unit"], [],
            row =>
            {
                var category = row.Optional("category").ToLowerInvariant();
                if (category.Length > 0 && !Categories.Contains(category))
                {
                    throw row.Fault("category", $"category '{category}' is not one of {string.Join(", ", Categories.Order(StringComparer.Ordinal))}");
                }
                var unit = row.Optional("unit");
                if (unit.Length > MaxUnitLength)
                {
                    // The value is not echoed: a unit may be named after its commander.
                    throw row.Fault("unit", $"unit is longer than {MaxUnitLength} characters");
                }
                return new RosterEntry(row.Subject("person_id", withAliases: false), category.Length > 0 ? category : null, unit.Length > 0 ? unit : null);
            },
            e => e.Subject.Id, ct);

    /// <summary>
    /// Writes the matches (in the order given) to <paramref name="path"/>, all or nothing: the rows go
    /// to a temporary file beside it, which replaces the destination only once complete. On Unix the
    /// file is readable by its owner only (0600).
    /// </summary>
    public static async Task WriteMatchesAsync(string path, IEnumerable<ScreeningCandidate> matches, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(matches);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Owner-only (0600) from creation, as the key file and the SQLite database: the reasons name
            // people, and the rename keeps the mode. Windows has no such mode (ACLs of the directory apply).
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 16,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using (var stream = new FileStream(temporary, options))
            {
                await WriteMatchesAsync(stream, matches, ct);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the header and one row per match: UTF-8 without a byte-order mark, RFC 4180, CRLF.</summary>
    public static async Task WriteMatchesAsync(Stream stream, IEnumerable<ScreeningCandidate> matches, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matches);
        var options = CsvWriterOptions.Default with
        {
            Separator = ',',
            Mode = CsvMode.Rfc4180,
            WriteByteOrderMark = false,
            Injection = CsvInjection.None,
        };
        await using var writer = CsvWriter.Create(stream, options, leaveOpen: true);
        writer.WriteHeader(MatchColumns.ToArray());
        foreach (var match in matches)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteRecordAsync([match.PersonId, match.RecordId, CandidateScorer.Format(match.Score), match.Reasons], ct);
        }
        await writer.FlushAsync(ct);
    }

    private static FileStream? OpenOrNull(string path, out Words? error)
    {
        try
        {
            error = null;
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : (Words)$"the file cannot be read ({e.GetType().Name})";
            return null;
        }
    }

    private static async Task<ScreeningRead<T>> ReadAsync<T>(
        Stream stream, string fileName, string idColumn, string[] known, string[] alsoRequired, Func<Row, T> map, Func<T, string> id, CancellationToken ct)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = CsvFormat.ReaderOptions(malformed.Add);
        ScreeningRead<T> Fail(long line, int column, Words message) => new(null, new ScreeningInputError(fileName, Math.Max(1, line), Math.Max(1, column), message));
        try
        {
            await using var reader = CsvReader.Create(stream, options, leaveOpen: true);
            await reader.ReadHeaderAsync(ct);
            var header = reader.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
            {
                return Fail(1, 1, $"the file is empty; expected a header row with the columns {string.Join(",", known.Take(2))}");
            }
            if (malformed.Count > 0)
            {
                return Fail(malformed[0].LineNumber, FaultColumn(malformed[0].RawRecord), $"the header row is not valid CSV: {Describe(malformed[0].Reason)}");
            }
            if (CsvFormat.FirstGarbled(header) is var garbledColumn and >= 0)
            {
                // Not quoted back: as decoded it is replacement characters, not what the file holds.
                return Fail(1, garbledColumn + 1, "the header row is not valid UTF-8 (save the file as CSV UTF-8)");
            }
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length > 0 && !columns.TryAdd(header[i], i) && known.Contains(header[i], StringComparer.OrdinalIgnoreCase))
                {
                    return Fail(1, i + 1, $"the column '{header[i]}' appears more than once in the header");
                }
            }
            foreach (var required in new[] { idColumn, "full_name" }.Concat(alsoRequired))
            {
                if (!columns.ContainsKey(required))
                {
                    // At the header's last column (where the header ends): a column past it, which the file does not
                    // have, read as a pointer to nothing. The message names the column missing.
                    return Fail(1, header.Length, $"the required column '{required}' is missing from the header ({CsvFormat.DescribeHeader(header, h => known.Contains(h, StringComparer.OrdinalIgnoreCase))})");
                }
            }
            // Rows are tokenised and shape-checked in file order, then mapped (names parsed: most of the
            // cost) on all cores, then checked for faults and duplicate ids in file order again, so the
            // fault reported is still the first one in the file.
            var raw = new List<(string[] Fields, long Line)>();
            ScreeningRead<T>? shapeFault = null;
            while (shapeFault is null && await reader.ReadAsync(ct))
            {
                if (malformed.Count > 0)
                {
                    break;
                }
                var line = reader.LineNumber;
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (fields.Length != header.Length)
                {
                    shapeFault = Fail(line, Math.Min(fields.Length, header.Length) + 1,
                        $"the row has {fields.Length} fields but the header has {header.Length} (a value holding a comma must be in double quotes)");
                    break;
                }
                var garbled = Array.FindIndex(fields, f => f.Contains('\uFFFD', StringComparison.Ordinal));
                if (garbled >= 0)
                {
                    shapeFault = Fail(line, garbled + 1, CsvFormat.NotUtf8);
                    break;
                }
                var nul = CsvFormat.FirstNul(fields);
                if (nul >= 0)
                {
                    shapeFault = Fail(line, nul + 1, CsvFormat.HoldsNul);
                    break;
                }
                raw.Add((fields, line));
            }
            if (shapeFault is null && malformed.Count > 0)
            {
                shapeFault = Fail(malformed[0].LineNumber, FaultColumn(malformed[0].RawRecord), $"malformed CSV: {Describe(malformed[0].Reason)}");
            }

            var mapped = new T[raw.Count];
            var faults = new RowFault?[raw.Count];
            Parallel.For(0, raw.Count, new ParallelOptions { CancellationToken = ct }, (i, state) =>
            {
                try
                {
                    mapped[i] = map(new Row(raw[i].Fields, columns, idColumn, raw[i].Line));
                }
                catch (RowFault fault)
                {
                    faults[i] = fault;
                    // Rows before this one still finish, so the first fault in the file is known.
                    state.Break();
                }
            });
            var rows = new List<T>(raw.Count);
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < raw.Count; i++)
            {
                var line = raw[i].Line;
                if (faults[i] is { } fault)
                {
                    return Fail(line, fault.Column, fault.Words);
                }
                var key = id(mapped[i]);
                if (seen.TryGetValue(key, out var first))
                {
                    return Fail(line, columns[idColumn] + 1, (Words)$"{idColumn} '{key}' already appears on line {first}");
                }
                seen[key] = line;
                rows.Add(mapped[i]);
            }
            if (shapeFault is not null)
            {
                return shapeFault;
            }
            return new ScreeningRead<T>(rows, null);
        }
        catch (CsvFormatException e)
        {
            // The message holds no value (IncludeValuesInExceptions is off).
            return Fail(e.LineNumber, e.FieldIndex + 1, $"malformed CSV: {e.Message}");
        }
    }

    private static Words Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (a double quote is missing)",
        CsvMalformedReason.StrayQuote => "a double quote inside a value that does not start with one (quote the whole value and double the inner quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing double quote of a value (double a quote that belongs to the value)",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted value",
        CsvMalformedReason.FieldCountMismatch => "the row does not have as many fields as the header",
        CsvMalformedReason.TrailingEscape => "the file ends with an escape character",
        _ => reason.ToString(),
    };

    /// <summary>The 1-based field in which an RFC 4180 scan of the raw record first goes wrong (1 when it cannot tell).</summary>
    internal static int FaultColumn(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return 1;
        }
        var field = 1;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '"')
            {
                var opened = field;
                i++;
                while (true)
                {
                    if (i >= raw.Length)
                    {
                        return opened;
                    }
                    if (raw[i] == '"')
                    {
                        if (i + 1 < raw.Length && raw[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                if (i < raw.Length && raw[i] is not (',' or '\r' or '\n'))
                {
                    return field;
                }
            }
            while (i < raw.Length && raw[i] is not (',' or '\r' or '\n'))
            {
                if (raw[i] == '"')
                {
                    return field;
                }
                i++;
            }
            if (i < raw.Length && raw[i] == ',')
            {
                field++;
            }
            i++;
        }
        return field;
    }

    // Bounds on the list fields (aliases, id_numbers) of one row; a name's own bound is PersonName.MaxLength.
    private const int MaxAliases = 50;
    private const int MaxIdNumbers = 20;
    private const int MaxIdNumberLength = 100;

    /// <summary>Longest roster <c>unit</c> (the app keeps it with every candidate, in a column of this size).</summary>
    public const int MaxUnitLength = 200;

    /// <summary>A fault in one field of a row; the reader turns it into a <see cref="ScreeningInputError"/>.</summary>
    private sealed class RowFault(int column, Words message) : Exception(message.ToString())
    {
        public int Column { get; } = column;

        public Words Words { get; } = message;
    }

    /// <summary>One data row with its columns by name.</summary>
    private sealed class Row(string[] fields, Dictionary<string, int> columns, string idColumn, long line)
    {
        public long Line { get; } = line;

        public string Optional(string column) => columns.TryGetValue(column, out var i) ? fields[i].Trim() : "";

        public int ColumnOf(string column) => columns.TryGetValue(column, out var i) ? i + 1 : 0;

        public RowFault Fault(string column, Words message) => new RowFault(columns[column] + 1, message);

        // Only the registry has aliases (spec/screening.md); on a roster the column is unknown, so ignored.
        public ScreeningSubject Subject(string idName, bool withAliases)
        {
            var id = Optional(idName);
            if (id.Length == 0)
            {
                throw Fault(idColumn, $"{idColumn} is empty; every row needs one");
            }
            var fullName = Optional("full_name");
            if (fullName.Length == 0)
            {
                throw Fault("full_name", "full_name is empty");
            }
            if (fullName.Length > PersonName.MaxLength)
            {
                throw Fault("full_name", $"full_name is longer than {PersonName.MaxLength} characters");
            }
            var aliases = withAliases ? Bounded("aliases", PersonName.MaxLength, MaxAliases) : [];
            var idNumbers = Bounded("id_numbers", MaxIdNumberLength, MaxIdNumbers);
            var birth = Optional("date_of_birth");
            BirthDate? birthDate = null;
            if (birth.Length > 0)
            {
                if (!BirthDate.TryParse(birth, out var parsed))
                {
                    throw Fault("date_of_birth", $"date_of_birth '{birth}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY");
                }
                birthDate = parsed;
            }
            // Compared as codes, so "sen" and "SEN" agree; "XYZ" is refused like "Senegal".
            var written = Optional("nationality");
            var nationality = written.ToUpperInvariant();
            if (nationality.Length > 0 && !Countries.IsKnown(nationality))
            {
                throw Fault("nationality", $"nationality '{written}' is not an ISO 3166-1 alpha-3 country code (such as SEN)");
            }
            try
            {
                return new ScreeningSubject(id, fullName, aliases, birthDate, nationality, idNumbers);
            }
            catch (ArgumentException) when (PersonName.Parse(fullName).Parts.IsEmpty)
            {
                // The name is parsed once, by the subject; only a rejected row parses it again to say why.
                throw Fault("full_name", "full_name holds no letter");
            }
        }

        public string[] List(string column) =>
            Optional(column).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // A list field within its bounds: a hostile or broken file (one alias of a million words, thousands of
        // aliases) is refused here, where its line and column are known, instead of costing the screening.
        private string[] Bounded(string column, int maxLength, int maxItems)
        {
            var items = List(column);
            if (items.Length > maxItems)
            {
                throw Fault(column, $"{column} holds {items.Length} values; at most {maxItems}");
            }
            if (items.FirstOrDefault(v => v.Length > maxLength) is { } tooLong)
            {
                // The value is not echoed: it may be a name.
                throw Fault(column, $"{column}: value {Array.IndexOf(items, tooLong) + 1} is longer than {maxLength} characters");
            }
            return items;
        }
    }
}
