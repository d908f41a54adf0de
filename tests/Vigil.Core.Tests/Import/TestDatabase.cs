using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Import;

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

    // Migrated once per test process and copied for each test (a file copy instead of 0.3 s of migrations).
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var directory = NewDirectory();
        File.Copy(template, Path.Combine(directory, StorageSettings.SqliteFileName));
        return new TestDatabase(directory);
    }

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var directory = NewDirectory();
        var template = new TestDatabase(directory);
        await using (var db = template.NewContext())
        {
            await db.Database.MigrateAsync();
        }
        // Closing the last connection checkpoints the write-ahead log into the file, so the file alone is the copy.
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary file is harmless.
            }
        };
        return Path.Combine(directory, StorageSettings.SqliteFileName);
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
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless.
        }
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
