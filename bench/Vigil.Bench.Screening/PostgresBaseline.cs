using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>One line of the scale table: a method, how much of the roster it screened, its time and its accuracy.</summary>
internal sealed record ScaleRow(string Method, string Scope, double Seconds, bool Extrapolated, Metrics Metrics, double FalsePer200, string Notes)
{
    public const string Header =
        "| method | screened | time for the whole roster | recall | precision | false candidates per 200 | notes |\n|---|---|---|---|---|---|---|";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Method} | {Scope} | {(Extrapolated ? "≈ " : "")}{Seconds:0.0} s{(Extrapolated ? " (extrapolated)" : "")} | {Metrics.Recall:0.000} | {Metrics.Precision:0.000##} | {FalsePer200:0.0} | {Notes} |");
}

/// <summary>
/// The PostgreSQL baseline on the same synthetic data, in the same run as the engine: a pg_trgm
/// similarity join (GIN trigram index, the % operator at similarity 0.5) and a fuzzystrmatch variant
/// (dmetaphone of the first word equal, then trigram similarity ≥ 0.5). Each query is first timed on a
/// sample of the roster; when that extrapolates to more than <see cref="FullRunBudget"/> for the whole
/// roster, the sample's figures are reported with the extrapolated time (and the table says so),
/// otherwise the whole roster is joined. Names are given to PostgreSQL already transliterated and
/// lower-cased by Vigil's normaliser (pg_trgm cannot compare scripts). Creates its own database and
/// drops it. Extensions need a superuser: run as root with a postgres system user (su postgres -c psql).
/// </summary>
internal static class PostgresBaseline
{
    private const string Admin = "Host=127.0.0.1;Username=vigil_ci;Password=vigil-ci;Database=postgres";

    /// <summary>Past this, a whole-roster join is extrapolated from the sample instead of run: 10 minutes.</summary>
    private static readonly TimeSpan FullRunBudget = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<ScaleRow>> RunAsync(SyntheticSet set, int sample)
    {
        var rows = new List<ScaleRow>();
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
            var builder = new NpgsqlConnectionStringBuilder(Admin) { Database = database, CommandTimeout = 7200 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE registry (id text PRIMARY KEY, name text NOT NULL); CREATE TABLE roster (id text PRIMARY KEY, name text NOT NULL); CREATE TABLE roster_sample (id text PRIMARY KEY, name text NOT NULL);");
            sample = Math.Min(sample, set.Roster.Count);
            // The sample: true matches are kept in proportion (the roster is already shuffled).
            var rosterSample = set.Roster.Take(sample).ToList();
            var clock = Stopwatch.StartNew();
            await Load(connection, "registry", set.Registry.SelectMany(p => new[] { p.FullName }.Concat(p.Aliases).Select((n, i) => (Id: i == 0 ? p.Id : $"{p.Id}#{i}", Name: NameNormalizer.Normalize(n)))));
            await Load(connection, "roster", set.Roster.Select(p => (p.Id, NameNormalizer.Normalize(p.FullName))));
            await Load(connection, "roster_sample", rosterSample.Select(p => (p.Id, NameNormalizer.Normalize(p.FullName))));
            await Execute(connection, "CREATE INDEX registry_trgm ON registry USING gin (name gin_trgm_ops); ANALYZE registry; ANALYZE roster; ANALYZE roster_sample;");
            var load = clock.Elapsed;

            var sampleIds = rosterSample.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (label, sql) in new[]
            {
                ("PostgreSQL pg_trgm similarity join (% at 0.5, GIN index)",
                    "SET pg_trgm.similarity_threshold = 0.5; SELECT r.id, split_part(g.id, '#', 1) FROM {roster} r JOIN registry g ON r.name % g.name"),
                ("PostgreSQL fuzzystrmatch dmetaphone of first word + similarity ≥ 0.5",
                    "SELECT r.id, split_part(g.id, '#', 1) FROM {roster} r JOIN registry g ON dmetaphone(split_part(r.name, ' ', 1)) = dmetaphone(split_part(g.name, ' ', 1)) AND similarity(r.name, g.name) >= 0.5"),
            })
            {
                var (pairs, elapsed) = await Join(connection, sql.Replace("{roster}", "roster_sample", StringComparison.Ordinal));
                var extrapolated = elapsed.TotalSeconds * set.Roster.Count / sample;
                var notes = string.Create(CultureInfo.InvariantCulture, $"names only; load and index {load.TotalSeconds:0.0} s not counted");
                if (extrapolated <= FullRunBudget.TotalSeconds)
                {
                    (pairs, elapsed) = await Join(connection, sql.Replace("{roster}", "roster", StringComparison.Ordinal));
                    rows.Add(Row(label, $"{set.Roster.Count:N0} (all)", elapsed.TotalSeconds, false, pairs, set.Truth, set.Roster.Count, notes));
                }
                else
                {
                    var truth = set.Truth.Where(t => sampleIds.Contains(t.Key)).ToDictionary();
                    rows.Add(Row(label, $"{sample:N0} sample of {set.Roster.Count:N0}", extrapolated, true, pairs, truth, sample,
                        string.Create(CultureInfo.InvariantCulture, $"{notes}; the whole roster would take over {FullRunBudget.TotalMinutes:0} min, so timed on the sample ({elapsed.TotalSeconds:0.0} s) and scaled linearly; accuracy of the sample ({truth.Count} true)")));
                }
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
        return rows;
    }

    private static ScaleRow Row(string label, string scope, double seconds, bool extrapolated, HashSet<(string, string)> pairs, Dictionary<string, string> truth, int screened, string notes)
    {
        var found = truth.Count(t => pairs.Contains((t.Key, t.Value)));
        var metrics = new Metrics(found, pairs.Count - found, truth.Count - found);
        return new ScaleRow(label, scope, seconds, extrapolated, metrics, (pairs.Count - found) * 200.0 / screened, notes);
    }

    private static async Task<(HashSet<(string, string)> Pairs, TimeSpan Elapsed)> Join(NpgsqlConnection connection, string sql)
    {
        var clock = Stopwatch.StartNew();
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
        return (pairs, clock.Elapsed);
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
