namespace Vigil.Core.Import;

/// <summary>
/// One CSV file to import: its kind, the name used in error messages, and where to read it from
/// (a path, opened and closed by the importer, or a stream that stays the caller's to dispose).
/// </summary>
public sealed class ImportFile
{
    private readonly Stream? _stream;
    private readonly string? _path;

    private ImportFile(ImportKind kind, string name, Stream? stream, string? path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Kind = kind;
        Name = name;
        _stream = stream;
        _path = path;
    }

    public ImportKind Kind { get; }

    /// <summary>How errors name the file, e.g. <c>sites.csv</c>.</summary>
    public string Name { get; }

    /// <summary>A file on disk; errors name it by its file name without the directory.</summary>
    public static ImportFile FromPath(ImportKind kind, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ImportFile(kind, Path.GetFileName(path), null, path);
    }

    /// <summary>A readable stream of UTF-8 CSV. The importer reads it to the end but does not dispose it.</summary>
    public static ImportFile FromStream(ImportKind kind, string name, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ImportFile(kind, name, stream, null);
    }

    /// <summary>Opens the content; the returned flag says whether the importer owns (and must dispose) it.</summary>
    internal (Stream Stream, bool Owned) Open() =>
        _stream is not null
            ? (_stream, false)
            : (new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true), true);
}
