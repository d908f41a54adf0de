namespace Vigil.Core.Import;

/// <summary>
/// The codes of one kind of record (missions, sites…): those already in the database and those
/// defined in this import. Catches duplicates and resolves references. Codes are compared exactly
/// (ordinal, case-sensitive), as the database's unique indexes compare them.
/// </summary>
internal sealed class CodeIndex<T>(string noun)
    where T : class
{
    private readonly Dictionary<string, T> _usable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inDatabase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string File, int Line)> _defined = new(StringComparer.Ordinal);
    private bool _incomplete;

    /// <summary>
    /// Some file of this kind could not be read in full: an unknown code may be in its unread part, so
    /// references to unknown codes only fail their row (the unreadable file is reported already).
    /// </summary>
    public void MarkIncomplete() => _incomplete = true;

    /// <summary>A record already in the database; rows may refer to it but not define it again.</summary>
    public void AddExisting(string code, T entity)
    {
        _usable[code] = entity;
        _inDatabase.Add(code);
    }

    /// <summary>A code known to be taken in the database (when the entity itself is not needed).</summary>
    public void MarkExisting(string code) => _inDatabase.Add(code);

    /// <summary>
    /// Records that <paramref name="row"/> defines <paramref name="code"/>. Reports (and returns false)
    /// when the code is already in the database or was defined by an earlier row of this import.
    /// </summary>
    public bool Define(CsvRow row, string column, string? code)
    {
        if (code is null)
        {
            return false;
        }
        if (_inDatabase.Contains(code))
        {
            row.Error(column, code, $"{noun} '{code}' already exists in the database (import adds new records; it never updates existing ones)");
            return false;
        }
        if (_defined.TryGetValue(code, out var first))
        {
            var where = first.File == row.File ? $"line {first.Line}" : $"{first.File} line {first.Line}";
            row.Error(column, code, $"{noun} '{code}' is already defined on {where}");
            return false;
        }
        _defined[code] = (row.File, row.Line);
        return true;
    }

    /// <summary>A valid record defined by this import, which later rows may refer to.</summary>
    public void Add(string code, T entity) => _usable[code] = entity;

    /// <summary>
    /// The record a row refers to, from this import or the database. An unknown code is reported; a
    /// code whose own row was invalid only fails the referring row, since its fault is reported already.
    /// </summary>
    public T? Resolve(CsvRow row, string column, string? code)
    {
        if (code is null)
        {
            return null;
        }
        if (_usable.TryGetValue(code, out var entity))
        {
            return entity;
        }
        if (_defined.ContainsKey(code) || _incomplete)
        {
            row.Fail();
        }
        else
        {
            row.Error(column, code, $"unknown {noun} '{CsvRow.Shorten(code)}': it is neither in this import nor in the database");
        }
        return null;
    }
}
