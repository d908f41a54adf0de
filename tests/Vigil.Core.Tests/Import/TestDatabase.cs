using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Import;
using Vigil.Core.Security;
using Vigil.Testing;

namespace Vigil.Core.Tests.Import;

/// <summary>A migrated SQLite file in a temporary directory of its own, deleted afterwards.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;
    private readonly DbContextOptions<VigilDbContext> _options;

    /// <summary>The audit writer of every context (one key ring, so that each import extends the same chain), as the CLI has one.</summary>
    private readonly AuditWriter _writer = new(KeyRing.Generate(), TimeProvider.System, Options.Create(new AuditOptions { RefuseNewChainOverData = false }));

    private TestDatabase(string directory)
    {
        _directory = directory;
        var builder = new DbContextOptionsBuilder<VigilDbContext>();
        StorageSettings.Sqlite(Path.Combine(directory, StorageSettings.SqliteFileName)).Apply(builder);
        builder.AddInterceptors(new AuditInterceptor(_writer, SystemActor.Instance, TimeProvider.System));
        _options = builder.Options;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await SqliteTemplate.CopyToAsync(Path.Combine(directory, StorageSettings.SqliteFileName));
        return new TestDatabase(directory);
    }

    public VigilDbContext NewContext() => new(_options);

    /// <summary>An importer over <paramref name="db"/> (a context of <see cref="NewContext"/>) that audits as the CLI does, as "system".</summary>
    public ReferenceImporter Importer(VigilDbContext db, int lookupChunk = ImportBatch.LookupChunk) =>
        new(db, new AuditTrail(db, _writer, SystemActor.Instance, TimeProvider.System)) { LookupChunk = lookupChunk };

    /// <summary>Runs one import on a fresh context, as the CLI would.</summary>
    public async Task<ImportResult> ImportAsync(params ImportFile[] files)
    {
        await using var db = NewContext();
        return await Importer(db).ImportAsync(files, TestContext.Current.CancellationToken);
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
