using System.Buffers;
using System.Text;

namespace Vigil.Core.Governance;

/// <summary>
/// CSV for people who open it in a spreadsheet: RFC 4180 quoting, and every cell that a spreadsheet
/// would run as a formula (starting with =, +, -, @, tab or carriage return) prefixed with a quote
/// (OWASP "CSV injection"). A name such as "=HYPERLINK(…)" stays text.
/// </summary>
public static class SafeCsv
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.AsSpan().ContainsAny(NeedsQuotes) || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public static void AppendRow(StringBuilder csv, IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }
}
