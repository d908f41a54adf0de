using Microsoft.EntityFrameworkCore;
using Vigil.Cli;
using Vigil.Core.Data;

namespace Vigil.Tests.Infrastructure;

/// <summary>Runs a verb in process as an operator would, with standard error captured (not a terminal).</summary>
public static class CliRun
{
    /// <summary>Console.SetError is process-wide: runs that capture it take turns.</summary>
    private static readonly SemaphoreSlim Turn = new(1, 1);

    public static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        await Turn.WaitAsync();
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (await VigilCli.RunAsync(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
            Turn.Release();
        }
    }

    /// <summary>A fresh temporary directory (deleted by the OS's temp cleaning; tests name their own files in it).</summary>
    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Opens the SQLite file of <paramref name="directory"/> without the audit interceptor, to count rows.</summary>
    public static async Task<T> QueryAsync<T>(string directory, Func<VigilDbContext, Task<T>> query)
    {
        await using var db = new VigilDbContext(StorageSettings.Sqlite(Path.Combine(directory, StorageSettings.SqliteFileName)).BuildOptions());
        var result = await query(db);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return result;
    }

    public static Task<int> UsersAsync(string directory) => QueryAsync(directory, db => db.Users.CountAsync());
}
