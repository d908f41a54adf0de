using Microsoft.EntityFrameworkCore;
using Vigil.Cli;
using Vigil.Core.Data;

namespace Vigil.Tests.Infrastructure;

/// <summary>Runs a verb in process as an operator would, with standard error captured (not a terminal).</summary>
public static class CliRun
{
    /// <summary>
    /// Console.SetError is process-wide, and other tests run verbs in parallel without capturing (their "error: …" lines
    /// landed in a capturing test's output): standard error is routed, once, to the capture of the run whose async flow
    /// writes, and to the real standard error otherwise.
    /// </summary>
    private static readonly Lazy<RoutingWriter> Router = new(() =>
    {
        var router = new RoutingWriter(Console.Error);
        Console.SetError(router);
        return router;
    });

    public static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        _ = Router.Value;
        var error = new StringWriter();
        RoutingWriter.Capture.Value = error;
        try
        {
            return (await VigilCli.RunAsync(args), error.ToString());
        }
        finally
        {
            RoutingWriter.Capture.Value = null;
        }
    }

    private sealed class RoutingWriter(TextWriter fallback) : TextWriter
    {
        public static readonly AsyncLocal<StringWriter?> Capture = new();

        public override System.Text.Encoding Encoding => fallback.Encoding;

        private TextWriter Target => Capture.Value ?? fallback;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void Flush() => Target.Flush();
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
