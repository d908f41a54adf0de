using System.Globalization;
using Vigil.Core.Reference;

namespace Vigil.Core.Import;

/// <summary>
/// One data row of a CSV file, with typed accessors that check a value and record an error naming
/// the file, line and column when it is unusable. An accessor that fails returns null and marks the
/// row <see cref="Failed"/>; the caller then builds nothing from the row but keeps checking its other
/// columns, so that one pass reports every fault.
/// </summary>
internal sealed class CsvRow(CsvTable table, int line, string[] fields)
{
    public int Line { get; } = line;

    public string File => table.FileName;

    /// <summary>True once any column of this row was found unusable.</summary>
    public bool Failed { get; private set; }

    /// <summary>Records an error on this row (column may be null for the whole row) and marks it failed.</summary>
    public void Error(string? column, string? value, string message)
    {
        Failed = true;
        table.Errors.Add(new ImportError(File, Line, column, value, message));
    }

    /// <summary>Marks the row unusable without a new error (the cause was reported elsewhere).</summary>
    public void Fail() => Failed = true;

    /// <summary>The raw value, or null when the column is absent from the header.</summary>
    public string? Raw(string column) => table.IndexOf(column) is { } i ? fields[i] : null;

    /// <summary>The trimmed value, or null when absent or blank. Never records an error.</summary>
    public string? Optional(string column) => Raw(column)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>
    /// A required value. A column missing from the header was reported once, on line 1, so here it only
    /// fails the row; a blank value is reported.
    /// </summary>
    public string? Required(string column, int maxLength)
    {
        var raw = Raw(column);
        if (raw is null)
        {
            Failed = true;
            return null;
        }
        var value = raw.Trim();
        if (value.Length == 0)
        {
            Error(column, raw, "a value is required");
            return null;
        }
        return CheckLength(column, value, maxLength);
    }

    /// <summary>A required code (<see cref="ReferenceRules.CodeFault"/>): it names its record in routes and files.</summary>
    public string? Code(string column, int maxLength)
    {
        var code = Required(column, maxLength);
        if (code is not null && ReferenceRules.CodeFault(code) is { } bad)
        {
            Error(column, code, $"'{Shorten(code)}' holds {ReferenceRules.Described(bad)}: a code holds no space, control character, /, \\, ?, # or %");
            return null;
        }
        return code;
    }

    /// <summary>An optional text value, trimmed; null when blank.</summary>
    public string? OptionalText(string column, int maxLength) =>
        Optional(column) is { } value ? CheckLength(column, value, maxLength) : null;

    private string? CheckLength(string column, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Error(column, value, $"'{Shorten(value)}' is {value.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return value;
    }

    public DateOnly? RequiredDate(string column) => Required(column, int.MaxValue) is { } text ? ParseDate(column, text) : null;

    public DateOnly? OptionalDate(string column) => Optional(column) is { } text ? ParseDate(column, text) : null;

    private DateOnly? ParseDate(string column, string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(column, text, $"'{Shorten(text)}' is not a date in the form YYYY-MM-DD");
        return null;
    }

    /// <summary>A required ISO 3166-1 alpha-3 code, upper case.</summary>
    public string? Country(string column)
    {
        var code = Required(column, int.MaxValue);
        if (code is null)
        {
            return null;
        }
        if (!Countries.IsKnown(code))
        {
            var hint = Countries.IsKnown(code.ToUpperInvariant()) ? $" (write it in capitals: {code.ToUpperInvariant()})" : "";
            Error(column, code, $"'{Shorten(code)}' is not an ISO 3166-1 alpha-3 country code{hint}");
            return null;
        }
        return code;
    }

    /// <summary>A required decimal number (invariant culture, '.' as the decimal point) in [min, max].</summary>
    public double? Number(string column, double min, double max, string what)
    {
        var text = Required(column, int.MaxValue);
        if (text is null)
        {
            return null;
        }
        // Plain decimals only: double.TryParse also takes NaN (which passes any range check), Infinity and 1e1.
        if (!IsPlainDecimal(text) || !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            Error(column, text, $"'{Shorten(text)}' is not a number (digits, an optional sign, '.' as the decimal point: 4.3947)");
            return null;
        }
        if (number < min || number > max)
        {
            Error(column, text, string.Create(CultureInfo.InvariantCulture, $"'{text}' is not {what} between {min} and {max}"));
            return null;
        }
        return number;
    }

    /// <summary>An optional '+' or '-', digits, and at most one '.' with digits on at least one side: 4.3947, -0.5, 12.</summary>
    internal static bool IsPlainDecimal(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        return whole.Length + fraction.Length > 0
            && !whole.ContainsAnyExceptInRange('0', '9')
            && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>A required whole number of at least <paramref name="min"/>.</summary>
    public int? Integer(string column, int min)
    {
        var text = Required(column, int.MaxValue);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Error(column, text, $"'{Shorten(text)}' is not a whole number");
            return null;
        }
        if (number < min)
        {
            Error(column, text, string.Create(CultureInfo.InvariantCulture, $"'{text}' is less than {min}"));
            return null;
        }
        return number;
    }

    public delegate bool TokenParser<T>(string? token, out T value);

    /// <summary>A required token of an enum, e.g. a site kind; the error lists the allowed tokens.</summary>
    public T? Token<T>(string column, TokenParser<T> parse, string allowed)
        where T : struct, Enum
    {
        var text = Required(column, int.MaxValue);
        if (text is null)
        {
            return null;
        }
        if (parse(text, out var value))
        {
            return value;
        }
        Error(column, text, $"'{Shorten(text)}' is not one of: {allowed}");
        return null;
    }

    /// <summary>
    /// A list of values separated by '|', each trimmed; empty entries are dropped. When
    /// <paramref name="required"/>, at least one entry is needed. Each entry is at most
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public List<string>? List(string column, bool required, int maxLength = 200)
    {
        var raw = Raw(column);
        if (raw is null)
        {
            if (required)
            {
                Failed = true;
                return null;
            }
            return [];
        }
        var items = raw.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (required && items.Count == 0)
        {
            Error(column, raw, "at least one value is required (separate several with '|')");
            return null;
        }
        var tooLong = items.FirstOrDefault(i => i.Length > maxLength);
        if (tooLong is not null)
        {
            Error(column, tooLong, $"'{Shorten(tooLong)}' is {tooLong.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return items;
    }

    /// <summary>ISO 639 language codes (see LanguageCodes), separated by '|', normalised to lower case.</summary>
    public List<string>? Languages(string column)
    {
        var items = List(column, required: true);
        if (items is null)
        {
            return null;
        }
        var (codes, bad) = LanguageCodes.Normalise(items);
        if (bad is not null)
        {
            Error(column, bad, $"'{Shorten(bad)}' is not an ISO 639 language code: give one such as fr, en or sag");
            return null;
        }
        return codes;
    }

    /// <summary>Long values are cut in messages so that one bad cell cannot flood a report.</summary>
    internal static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");
}
