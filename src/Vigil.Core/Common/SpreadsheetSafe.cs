namespace Vigil.Core.Common;

/// <summary>
/// Guards CSV exports against formula injection (CWE-1236): a cell that a spreadsheet would read as
/// a formula (=, +, -, @, tab, carriage return, and their full-width forms) is prefixed with an
/// apostrophe, so that it shows as text. Every CSV export of user-supplied text goes through
/// <see cref="Cell"/>. Numbers that we format ourselves ("-3", "1.5") stay numbers.
/// </summary>
public static class SpreadsheetSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }
        var trimmed = value.TrimStart(' ');
        if (trimmed.Length == 0 || Array.IndexOf(FormulaStarts, trimmed[0]) < 0 || IsPlainNumber(value))
        {
            return value;
        }
        return "'" + value;
    }

    /// <summary>A whole row, cell by cell.</summary>
    public static string[] Row(IEnumerable<string?> cells) => [.. cells.Select(Cell)];

    private static bool IsPlainNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _);
}
