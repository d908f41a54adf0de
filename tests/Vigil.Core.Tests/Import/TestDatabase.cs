using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Import;
using Vigil.Testing;

namespace Vigil.Core.Tests.Import;

/// <summary>A migrated SQLite file in a temporary directory of its own, deleted afterwards.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly DbContextOptions<VigilDbContext> _options;

    private TestDatabase(string directory)
    {
        _directory = directory;
        _options = StorageSettings.Sqlite(Path.Combine(directory, StorageSettings.SqliteFileName)).BuildOptions();
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await SqliteTemplate.CopyToAsync(Path.Combine(directory, StorageSettings.SqliteFileName));
        return new TestDatabase(directory);
    }

    public VigilDbContext NewContext() => new(_options);

    /// <summary>Runs one import on a fresh context, as the CLI would.</summary>
    public async Task<ImportResult> ImportAsync(params ImportFile[] files)
    {
        await using var db = NewContext();
        return await new ReferenceImporter(db).ImportAsync(files, TestContext.Current.CancellationToken);
    }

    /// <summary>Rows in every table that import writes to.</summary>
    public async Task<int> CountReferenceRowsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewContext();
        return await db.Missions.CountAsync(ct) + await db.Sites.CountAsync(ct) + await db.Contingents.CountAsync(ct)
            + await db.Personnel.CountAsync(ct) + await db.ConductOfficers.CountAsync(ct) + await db.Postings.CountAsync(ct) + await db.Officials.CountAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        SqliteTemplate.TryDeleteDirectory(_directory);
    }

    /// <summary>An in-memory CSV file named as the importer's default for its kind, UTF-8 without BOM.</summary>
    public static ImportFile Csv(ImportKind kind, string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (byteOrderMark)
        {
            bytes = [.. Encoding.UTF8.Preamble, .. bytes];
        }
        return ImportFile.FromStream(kind, kind.DefaultFileName(), new MemoryStream(bytes));
    }
}
