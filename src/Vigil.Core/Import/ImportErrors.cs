namespace Vigil.Core.Import;

/// <summary>
/// Collects every error; <see cref="Kept"/> lists the first <c>limit</c> in file and line order (files in the order
/// they were read, which is the import's dependency order; within a file by line, then in the order found), whatever
/// order the checks found them in: whole-row faults are found while reading, value faults afterwards.
/// </summary>
internal sealed class ImportErrors(int limit)
{
    private readonly List<(int File, int Found, ImportError Error)> _all = [];
    private readonly Dictionary<string, int> _files = new(StringComparer.Ordinal);

    public int Count => _all.Count;

    public IReadOnlyList<ImportError> Kept => [.. _all.OrderBy(e => e.File).ThenBy(e => e.Error.Line).ThenBy(e => e.Found).Take(limit).Select(e => e.Error)];

    public void Add(ImportError error)
    {
        if (!_files.TryGetValue(error.File, out var file))
        {
            file = _files.Count;
            _files[error.File] = file;
        }
        _all.Add((file, _all.Count, error));
    }

    /// <summary>Files named in errors are ordered by when they were first read, not by their first error.</summary>
    public void FileRead(string name) => _files.TryAdd(name, _files.Count);
}
