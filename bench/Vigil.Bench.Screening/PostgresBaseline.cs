using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>
/// The PostgreSQL baseline on the same synthetic data: a pg_trgm similarity join (GIN trigram index,
/// the % operator at pg_trgm.similarity_threshold) and a fuzzystrmatch variant (dmetaphone of every
/// word equal, then trigram similarity), each timed on a sample of the roster and extrapolated
/// linearly to the whole roster. Names are given to PostgreSQL already transliterated and lower-cased
/// by Vigil's normaliser (pg_trgm cannot compare scripts). Creates its own database and drops it.
/// Extensions need a superuser: set VIGIL_BENCH_PG_SUPERUSER_CMD (default: su postgres -c psql).
/// </summary>
internal static class PostgresBaseline
{
    private const string Admin = "Host=127.0.0.1;Username=vigil_ci;Password=vigil-ci;Database=postgres";

    public static async Task RunAsync(string sampleText, int registrySize, TextWriter output)
    {
        var sample = int.Parse(sampleText, CultureInfo.InvariantCulture);
        const int rosterSize = 100_000;
        var set = new Synthetic(seed: 11).Generate(registrySize, rosterSize, trueShare: 0.01, hardNegativeShare: 0.01);
        var database = $"vigil_bench_{Guid.NewGuid():N}"[..24];
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            SuperUser(database, "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;");
            var builder = new NpgsqlConnectionStringBuilder(Admin) { Database = database, CommandTimeout = 3600 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE registry (id text PRIMARY KEY, name text NOT NULL); CREATE TABLE roster (id text PRIMARY KEY, name text NOT NULL);");
            // The sample: true matches are kept in proportion (the roster is already shuffled).
            var rosterSample = set.Roster.Take(sample).ToList();
            var clock = Stopwatch.StartNew();
            await Load(connection, "registry", set.Registry.SelectMany(p => new[] { p.FullName }.Concat(p.Aliases).Select((n, i) => (Id: i == 0 ? p.Id : $"{p.Id}#{i}", Name: NameNormalizer.Normalize(n)))));
            await Load(connection, "roster", rosterSample.Select(p => (p.Id, NameNormalizer.Normalize(p.FullName))));
            await Execute(connection, "CREATE INDEX registry_trgm ON registry USING gin (name gin_trgm_ops); ANALYZE registry; ANALYZE roster;");
            var load = clock.Elapsed;

            var truth = set.Truth.Where(t => rosterSample.Any(p => p.Id == t.Key)).ToDictionary();
            foreach (var (label, sql) in new[]
            {
                ("pg_trgm similarity join (% at 0.5)",
                    "SET pg_trgm.similarity_threshold = 0.5; SELECT r.id, split_part(g.id, '#', 1) FROM roster r JOIN registry g ON r.name % g.name"),
                ("fuzzystrmatch dmetaphone + trigram",
                    "SELECT r.id, split_part(g.id, '#', 1) FROM roster r JOIN registry g ON dmetaphone(split_part(r.name, ' ', 1)) = dmetaphone(split_part(g.name, ' ', 1)) AND similarity(r.name, g.name) >= 0.5"),
            })
            {
                clock.Restart();
                var pairs = new HashSet<(string, string)>();
                await using (var command = new NpgsqlCommand(sql, connection))
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    do
                    {
                        while (await reader.ReadAsync())
                        {
                            if (reader.FieldCount == 2)
                            {
                                pairs.Add((reader.GetString(0), reader.GetString(1)));
                            }
                        }
                    }
                    while (await reader.NextResultAsync());
                }
                var elapsed = clock.Elapsed;
                var found = truth.Count(t => pairs.Contains((t.Key, t.Value)));
                var metrics = new Metrics(found, pairs.Count - found, truth.Count - found);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| PostgreSQL: {label} | {sample:N0} of {rosterSize:N0} roster × {registrySize:N0} registry | {elapsed.TotalSeconds:0.00} s, extrapolated to the whole roster {elapsed.TotalSeconds * rosterSize / sample:0} s | {pairs.Count:N0} pairs: precision {metrics.Precision:0.000}, recall {metrics.Recall:0.000} ({truth.Count} true in sample), {(pairs.Count - found) * 200.0 / sample:0.0} false per 200 screened | load and index {load.TotalSeconds:0.0} s |"));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Admin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Load(NpgsqlConnection connection, string table, IEnumerable<(string Id, string Name)> rows)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY {table} (id, name) FROM STDIN (FORMAT BINARY)");
        foreach (var (id, name) in rows)
        {
            await import.StartRowAsync();
            await import.WriteAsync(id);
            await import.WriteAsync(name);
        }
        await import.CompleteAsync();
    }

    private static void SuperUser(string database, string sql)
    {
        var start = new ProcessStartInfo("su") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "postgres", "-c", $"psql -v ON_ERROR_STOP=1 -d {database} -c \"{sql}\"" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start su");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"creating the extensions failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
