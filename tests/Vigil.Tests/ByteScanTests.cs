using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Core.Cases;
using Vigil.Core.Intake;
using Vigil.Core.Retention;
using Vigil.Core.Security;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// The "done when": a thief with the disk finds none of the demo data's victim names or
/// narratives. The demo data set is seeded, a few known synthetic names (Latin and Arabic script)
/// are added through the API, then the raw bytes are read as they lie on disk and searched for each
/// name and narrative in UTF-8, UTF-16LE and UTF-16BE.
/// </summary>
public sealed class ByteScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Invented for this test; no real person.
    private static readonly string[] KnownVictims = ["Zawadi Synthetique-Mbeki", "Nadège Testfall Kouassi", "أمينة تجريبية"];
    private const string KnownSubject = "Synthetic subject for the byte scan: called Commandant Zebulon-QZV by the villagers.";
    private const string KnownNarrative = "Synthetic narrative for the byte scan: the reporter saw a patrol vehicle stop at the well-QZV.";
    private const string KnownContact = "synthetic-contact-QZV@example.invalid";
    private const string KnownHold = "Synthetic hold for the byte scan: the tribunal of Zebulon-QZV asked for the file.";
    private const string KnownJustification = "Synthetic break-glass for the byte scan: is Zawadi-QZV the girl of the earlier complaint?";
    private const string KnownScreeningNote = "Synthetic screening note for the byte scan: the same Yusuf-QZV of the earlier complaint, per his service card.";
    private const string KnownRosterFile = "replacements-for-capt-Zebedee-QZV.csv";

    [Fact]
    public async Task SqliteFile_WalAndShm_HoldNoVictimNameOrNarrative()
    {
        await using var host = await TestHost.StartAsync("sqlite", demo: true);
        // SQLite deletes the WAL when the last connection to the file closes (the host's pool may close all of its
        // own while the test runs): one held open here keeps the WAL file between listing and reading it.
        await using var keep = new SqliteConnection(host.Storage.ConnectionString);
        await keep.OpenAsync(Ct);
        var secrets = await SeedKnownAndCollectSecretsAsync(host);

        var path = new SqliteConnectionStringBuilder(host.Storage.ConnectionString).DataSource;
        var files = new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).ToList();
        // Read while the host still runs, so that the WAL has not been folded into the file yet.
        var bytes = new List<byte[]>();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            bytes.Add(copy.ToArray());
        }
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        AssertNoneFound(secrets, bytes.Select((b, i) => (files[i], b)));
    }

    [Fact]
    public async Task PostgresTableFiles_ToastIndexesAndWal_HoldNoVictimNameOrNarrative()
    {
        TestDatabase.RequirePostgres();
        await using var host = await TestHost.StartAsync("postgres", demo: false);
        await using var connection = new NpgsqlConnection(host.Storage.ConnectionString);
        await connection.OpenAsync(Ct);
        var startLsn = await ScalarAsync<string>(connection, "SELECT pg_current_wal_lsn()::text");
        // Seed the demo data set now, so that everything it writes lies in the WAL from startLsn on.
        await host.WithDbAsync(async (_, services) =>
        {
            await Hosting.StartupTasks.RunAsync(services, services.GetRequiredService<Hosting.HostSettings>() with { Demo = true }, Ct);
            return true;
        });
        var secrets = await SeedKnownAndCollectSecretsAsync(host);

        var haystacks = new List<(string, byte[])>();
        try
        {
            // The WAL first: a checkpoint may recycle old segments.
            var endLsn = await ScalarAsync<string>(connection, "SELECT pg_current_wal_lsn()::text");
            var segments = await ListAsync<string>(connection,
                """
                SELECT pg_walfile_name(@start::pg_lsn + g * s.size)
                FROM (SELECT setting::numeric AS size FROM pg_settings WHERE name = 'wal_segment_size') s,
                     generate_series(0, ceil((@end::pg_lsn - @start::pg_lsn) / s.size)::int) g
                """, ("start", startLsn), ("end", endLsn));
            foreach (var segment in segments.Distinct())
            {
                if (await ScalarAsync<byte[]?>(connection, "SELECT pg_read_binary_file('pg_wal/' || @name, 0, 1000000000, true)", ("name", segment)) is { } wal)
                {
                    haystacks.Add(("pg_wal/" + segment, wal));
                }
            }
            Assert.NotEmpty(haystacks);

            await ScalarAsync<object?>(connection, "CHECKPOINT");
            // Every relation of this database with storage: tables, their TOAST tables and TOAST
            // indexes, indexes, sequences, and the catalogs (statistics hold sampled values).
            var relations = await ListAsync<string>(connection,
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.relfilenode <> 0 AND c.relkind IN ('r', 't', 'i', 'm', 'S') AND c.reltablespace = 0");
            Assert.Contains(relations, r => r.StartsWith("base/", StringComparison.Ordinal));
            Assert.True(await ScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = 'EvidenceBlobs'") == 1, "TOAST relation of EvidenceBlobs found");
            foreach (var relation in relations.Distinct())
            {
                if (await ScalarAsync<byte[]?>(connection, "SELECT pg_read_binary_file(@path, 0, 1000000000, true)", ("path", relation)) is { Length: > 0 } data)
                {
                    haystacks.Add((relation, data));
                }
            }
        }
        catch (PostgresException e) when (e.SqlState == "42501")
        {
            Assert.Fail($"The test role may not read server files ({e.MessageText}): GRANT pg_read_server_files, pg_checkpoint TO the role in VIGIL_TEST_POSTGRES, and in template1 GRANT EXECUTE ON FUNCTION pg_read_binary_file(text, bigint, bigint, boolean) to it (.ci/run does both).");
        }
        AssertNoneFound(secrets, haystacks);
    }

    /// <summary>
    /// Adds the known victims and a public report through the API, then collects every victim
    /// identity and narrative the database holds (opened with the host's keys), as the strings to look for.
    /// </summary>
    private static async Task<(List<string> Secrets, string Control)> SeedKnownAndCollectSecretsAsync(TestHost host)
    {
        using var officer = await host.ApiAsync("officer", Core.Access.DemoAccounts.Password);
        var reference = await host.WithDbAsync((db, _) => db.Cases.Where(c => c.Mission!.Code == "MINUSCA" && c.Status != CaseStatus.Closed).Select(c => c.Reference).FirstAsync(Ct));
        foreach (var name in KnownVictims)
        {
            var response = await officer.PostAsync($"/api/v1/cases/{reference}/victims",
                new StringContent(JsonSerializer.Serialize(new { ageGroup = "adult", sex = "female", count = 1, identity = name, paternity = "none" }), Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
        var subject = await officer.PostAsync($"/api/v1/cases/{reference}/subjects",
            new StringContent(JsonSerializer.Serialize(new { category = "military-contingent", nationality = "RWA", description = KnownSubject }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(subject.IsSuccessStatusCode, $"{subject.StatusCode}: {await subject.Content.ReadAsStringAsync(Ct)}");
        using var chief = await host.ApiAsync("chief", Core.Access.DemoAccounts.Password);
        var hold = await chief.PostAsync($"/api/v1/cases/{reference}/legal-hold",
            new StringContent(JsonSerializer.Serialize(new { reason = KnownHold }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(hold.IsSuccessStatusCode, $"{hold.StatusCode}: {await hold.Content.ReadAsStringAsync(Ct)}");
        // A request to unmask a victim tends to name the victim: its justification is sealed like other staff text.
        var breakGlass = await chief.PostAsync("/api/v1/break-glass",
            new StringContent(JsonSerializer.Serialize(new { kind = "unmask-victim", caseReference = reference, justification = KnownJustification }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(breakGlass.IsSuccessStatusCode, $"{breakGlass.StatusCode}: {await breakGlass.Content.ReadAsStringAsync(Ct)}");
        // A screening decision note tends to name the person it settles: sealed like other staff text.
        using var screener = await host.ApiAsync("screening", Core.Access.DemoAccounts.Password);
        var record = await screener.PostAsync("/api/v1/screening/registry",
            new StringContent(JsonSerializer.Serialize(new { fullName = "Qzvandre Bytescan Synthetique", nationality = "RWA", finding = "barred" }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(record.IsSuccessStatusCode, $"{record.StatusCode}: {await record.Content.ReadAsStringAsync(Ct)}");
        var run = await screener.PostAsync("/api/v1/screening/runs/person",
            new StringContent(JsonSerializer.Serialize(new { fullName = "Qzvandre Bytescan Synthetique", nationality = "RWA" }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(run.IsSuccessStatusCode, $"{run.StatusCode}: {await run.Content.ReadAsStringAsync(Ct)}");
        using var queue = JsonDocument.Parse(await screener.GetStringAsync("/api/v1/screening/candidates?pageSize=200", Ct));
        var candidate = queue.RootElement.GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("subjectName").GetString() == "Qzvandre Bytescan Synthetique").GetProperty("id").GetInt32();
        var decided = await screener.PostAsync($"/api/v1/screening/candidates/{candidate}/decision",
            new StringContent(JsonSerializer.Serialize(new { decision = "same-person", note = KnownScreeningNote }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(decided.IsSuccessStatusCode, $"{decided.StatusCode}: {await decided.Content.ReadAsStringAsync(Ct)}");
        // A roster's file name is the uploader's free text, kept as the run's label: sealed too.
        var roster = new StringContent("person_id,full_name\r\nBYTESCAN-1,Qzvandre Rosterman\r\n", Encoding.UTF8, "text/csv");
        roster.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = KnownRosterFile };
        var rosterRun = await screener.PostAsync("/api/v1/screening/runs/roster?kind=pre-deployment", roster, Ct);
        Assert.True(rosterRun.IsSuccessStatusCode, $"{rosterRun.StatusCode}: {await rosterRun.Content.ReadAsStringAsync(Ct)}");
        using var anonymous = host.Anonymous();
        var submitted = await anonymous.PostAsync("/api/v1/public/reports",
            new StringContent(JsonSerializer.Serialize(new { narrative = KnownNarrative, contact = KnownContact }), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        return await host.WithDbAsync(async (db, services) =>
        {
            var protector = services.GetRequiredService<FieldProtector>();
            var victims = (await db.CaseVictims.Where(v => v.IdentitySealed != null).Select(v => v.IdentitySealed!).ToListAsync(Ct))
                .Select(s => protector.Unseal(s, CaseVictim.IdentityPurpose));
            var reports = await db.Reports.Select(r => new { r.NarrativeSealed, r.ContactSealed }).ToListAsync(Ct);
            var narratives = reports.Select(r => protector.Unseal(r.NarrativeSealed, Report.NarrativePurpose));
            var contacts = reports.Where(r => r.ContactSealed != null).Select(r => protector.Unseal(r.ContactSealed!, Report.ContactPurpose));
            var messages = (await db.ReportMessages.Select(m => m.TextSealed).ToListAsync(Ct)).Select(m => protector.Unseal(m, ReportMessage.TextPurpose));
            // Staff free text: descriptions of unidentified subjects can carry a name or a nickname.
            var subjects = (await db.CaseSubjects.Where(s => s.DescriptionSealed != null).Select(s => s.DescriptionSealed!).ToListAsync(Ct))
                .Select(s => protector.Unseal(s, CaseSubject.DescriptionPurpose));
            var holds = (await db.LegalHolds.Select(h => h.ReasonSealed).ToListAsync(Ct)).Select(h => protector.Unseal(h, LegalHold.ReasonPurpose));
            var all = victims.Concat(narratives).Concat(contacts).Concat(messages).Concat(subjects).Concat(holds).Append(KnownJustification).Append(KnownScreeningNote).Append(KnownRosterFile)
                .Distinct(StringComparer.Ordinal).ToList();
            Assert.Superset(new HashSet<string>(KnownVictims.Append(KnownNarrative).Append(KnownContact).Append(KnownSubject).Append(KnownHold).Append(KnownJustification).Append(KnownScreeningNote).Append(KnownRosterFile)), new HashSet<string>(all));
            Assert.True(all.Count > 50, $"{all.Count} distinct names and narratives to look for");
            return (all, reference);
        });
    }

    /// <summary>Fails if any secret is found; also fails if the control (a case reference, stored in clear) is not, which would mean the scan reads nothing useful.</summary>
    private static void AssertNoneFound((List<string> Secrets, string Control) lookFor, IEnumerable<(string Where, byte[] Bytes)> haystacks)
    {
        var (secrets, control) = lookFor;
        var controlBytes = Encoding.UTF8.GetBytes(control);
        var controlFound = 0;
        var encodings = new Encoding[] { new UTF8Encoding(false), new UnicodeEncoding(false, false), new UnicodeEncoding(true, false) };
        var needles = secrets.SelectMany(s => encodings.Select(e => (Secret: s, Encoding: e.WebName, Bytes: e.GetBytes(s)))).ToList();
        var scanned = 0L;
        var found = new List<string>();
        foreach (var (where, bytes) in haystacks)
        {
            scanned += bytes.Length;
            controlFound += bytes.AsSpan().IndexOf(controlBytes) >= 0 ? 1 : 0;
            foreach (var needle in needles)
            {
                if (bytes.AsSpan().IndexOf(needle.Bytes) >= 0)
                {
                    // Name the place and the kind of value, never the value itself: test output is a log too.
                    found.Add($"{where}: a secret of {needle.Secret.Length} characters in {needle.Encoding}");
                }
            }
        }
        Assert.True(scanned > 100_000, $"{scanned} bytes scanned");
        Assert.True(controlFound > 0, "the case reference, stored in clear, is found: the scan reads real data");
        Assert.Empty(found);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync(Ct);
        return result is DBNull or null ? default! : (T)result;
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            list.Add(reader.GetFieldValue<T>(0));
        }
        return list;
    }
}
