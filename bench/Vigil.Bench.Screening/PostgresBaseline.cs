namespace Vigil.Bench.Screening;

/// <summary>The PostgreSQL baseline (pg_trgm similarity join) — filled in below.</summary>
internal static class PostgresBaseline
{
    public static Task RunAsync(string rosterSize, int registrySize, TextWriter output)
    {
        _ = rosterSize;
        _ = registrySize;
        output.WriteLine("postgres baseline: not implemented yet");
        return Task.CompletedTask;
    }
}
