using System.Buffers;
using System.Text;

namespace Vigil.Core.Common;

/// <summary>
/// The one guard of our CSV exports against formula injection (CWE-1236, OWASP "CSV injection"): a
/// cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return, line feed, and
/// their full-width forms, also after leading spaces) is prefixed with an apostrophe, so that it
/// shows as text. Plain numbers ("-3", "+1.5") stay numbers. <see cref="CsvField"/> and
/// <see cref="AppendCsvRow"/> add RFC 4180 quoting; every CSV export of user-supplied text uses them.
/// </summary>
public static class SpreadsheetSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>The value, neutralised (no quoting): for writers that quote themselves.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var trimmed = value.TrimStart(' ');
        if (trimmed.Length == 0 || Array.IndexOf(FormulaStarts, trimmed[0]) < 0 || IsPlainNumber(value))
        {
            return value;
        }
        return "'" + value;
    }

    /// <summary>A whole row, cell by cell, neutralised (no quoting).</summary>
    public static string[] Row(IEnumerable<string?> cells) => [.. cells.Select(Cell)];

    /// <summary>One CSV field: neutralised, then quoted (RFC 4180) when it holds a comma, quote or line break, or starts or ends with white space.</summary>
    public static string CsvField(string? value)
    {
        var cell = Cell(value);
        return cell.AsSpan().ContainsAny(NeedsQuotes) || cell != cell.Trim()
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
    }

    /// <summary>Appends one CSV record and its CRLF.</summary>
    public static void AppendCsvRow(StringBuilder csv, IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(csv);
        csv.AppendJoin(',', cells.Select(CsvField));
        csv.Append("\r\n");
    }

    /// <summary>An optional sign, digits, at most one decimal point: what a spreadsheet reads as a number, never a formula.</summary>
    private static bool IsPlainNumber(string value)
    {
        var span = value.AsSpan();
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            span = span[1..];
        }
        var digits = 0;
        var points = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && points++ == 0)
            {
                continue;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }
}
