using Microsoft.EntityFrameworkCore;
using Vigil.Cli;
using Vigil.Core.Data;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>The verbs as an operator runs them, in process, against a real SQLite file.</summary>
public sealed class CliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "import");

    [Fact]
    public async Task NoVerb_PrintsHelp_AndSucceeds() => Assert.Equal(0, await VigilCli.RunAsync([]));

    [Fact]
    public async Task UnknownVerb_Fails() => Assert.NotEqual(0, await VigilCli.RunAsync(["frobnicate"]));

    /// <summary>Every typed option reads its value in plain words (OptionValues), so no message names a .NET type.</summary>
    [Fact]
    public void EveryTypedOption_OnEveryVerb_HasAPlainWordsParser()
    {
        var missing = new List<string>();
        void Visit(System.CommandLine.Command command, string path)
        {
            foreach (var option in command.Options.Where(o => !OptionValues.NeedsNoParser(o.ValueType)))
            {
                if (option.GetType().GetProperty("CustomParser")?.GetValue(option) is null)
                {
                    missing.Add($"{path} {option.Name} ({option.ValueType.Name})");
                }
            }
            foreach (var argument in command.Arguments.Where(a => !OptionValues.NeedsNoParser(a.ValueType)))
            {
                missing.Add($"{path} <{argument.Name}> ({argument.ValueType.Name})");
            }
            foreach (var subcommand in command.Subcommands)
            {
                Visit(subcommand, $"{path} {subcommand.Name}");
            }
        }
        var root = VigilCli.BuildRoot();
        Visit(root, "vigil");
        Assert.Empty(missing);
        Assert.Contains(root.Subcommands.Single(c => c.Name == "rotation").Subcommands.Single().Options, o => o.ValueType == typeof(int));
    }

    [Fact]
    public async Task Import_SampleDirectory_ImportsEverything()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var file = Path.Combine(database.Directory, "vigil.db");
        Assert.Equal(0, await VigilCli.RunAsync(["import", "--dir", SamplesDirectory, "--database", file]));
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        Assert.True(await db.Missions.AnyAsync(Ct));
        Assert.True(await db.Personnel.AnyAsync(Ct));
    }

    [Fact]
    public async Task Import_WithOneBadFile_Exits2_AndImportsNothing()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var bad = Path.Combine(database.Directory, "sites.csv");
        await File.WriteAllTextAsync(bad, "code,mission,name,kind,latitude,longitude,languages\nX-ONE,NOSUCH,Somewhere,team-site,1,1,fr\n", Ct);
        var file = Path.Combine(database.Directory, "vigil.db");
        var exit = await VigilCli.RunAsync(["import", "--missions", Path.Combine(SamplesDirectory, "missions.csv"), "--sites", bad, "--database", file]);
        Assert.Equal(2, exit);
        await using var db = new VigilDbContext(database.Storage.BuildOptions());
        Assert.Equal(0, await db.Missions.CountAsync(Ct));
        Assert.Equal(0, await db.Sites.CountAsync(Ct));
    }

    /// <summary>
    /// An import is in the audit log as the application's additions are: a line saying what it added, then each record by
    /// its code with its fields (never a name; personnel counted by mission, without person numbers), as "system", in the
    /// import's transaction: an import refused writes no entry, and the chain verifies.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_AuditsWhatItAdded_ByCode_AsSystem_InItsTransaction(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        string[] where = ["--database", database.Storage.ConnectionString, "--data-dir", database.Directory];
        var (exit, error) = await CliRun.RunAsync(["import", "--dir", SamplesDirectory, .. where]);
        Assert.True(exit == 0, error);

        await using (var db = new VigilDbContext(database.Storage.BuildOptions()))
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Detail != null && (e.Detail.StartsWith("imported") || e.RecordType == "Import"))
                .OrderBy(e => e.Sequence).ToListAsync(Ct);
            Assert.All(entries, e => Assert.Equal(("system", "create"), (e.Actor, e.Action)));
            Assert.Equal("vigil import: 3 mission(s), 7 site(s), 5 contingent(s), 7 person(s), 4 conduct officer(s), 4 official(s)", entries[0].Detail);
            string? Of(string type, string code) => entries.SingleOrDefault(e => e.RecordType == type && e.RecordId == code)?.Detail;
            Assert.Equal("imported: host country LBR; start 2003-09-19; end 2018-03-30", Of("Mission", "UNMIL"));
            Assert.Equal("imported: mission MINUSCA; kind mission-hq; languages fr,sg", Of("Site", "MINUSCA-BGI"));
            Assert.Equal("imported: site MINUSCA-BRI; country RWA; category military-contingent; unit RWABATT 2; strength 750; from 2023-05-01", Of("Contingent", "MINUSCA-BRI-RWA-INF-1"));
            Assert.Equal("imported: mission MINUSCA; nationality CAN; grade P-4; languages fr,en; posted at MINUSCA-BGI from 2024-09-01", Of("ConductOfficer", "CDO-0001"));
            var official = await db.Officials.Where(o => o.Site!.Code == "MINUSCA-BRI" && o.Nationality == "RWA").Select(o => o.Id).SingleAsync(Ct);
            Assert.Equal("imported: site MINUSCA-BRI; role commander; nationality RWA; from 2025-05-01", Of("Official", official.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(1 + 3 + 7 + 5 + 1 + 4 + 4, entries.Count);
            var personnel = Assert.Single(entries, e => e.RecordType == "Person");
            Assert.Null(personnel.RecordId);
            Assert.StartsWith("imported: 7 person(s) by mission: MINUSCA ", personnel.Detail, StringComparison.Ordinal);
            // No name, person number or identity document in any entry.
            var people = await db.Personnel.Select(p => new { p.FullName, p.PersonNumber }).ToListAsync(Ct);
            var officers = await db.ConductOfficers.Select(o => o.FullName).ToListAsync(Ct);
            var officials = await db.Officials.Select(o => o.FullName).ToListAsync(Ct);
            var all = await db.AuditEntries.AsNoTracking().Select(e => e.Detail ?? "").ToListAsync(Ct);
            foreach (var value in people.SelectMany(p => new[] { p.FullName, p.PersonNumber }).Concat(officers).Concat(officials).Append("RW-P000001"))
            {
                Assert.DoesNotContain(all, d => d.Contains(value, StringComparison.Ordinal));
            }
        }

        // The same files again: every code is taken, nothing is written, and no entry either.
        var count = await CountEntriesAsync();
        Assert.Equal(2, (await CliRun.RunAsync(["import", "--dir", SamplesDirectory, .. where])).Exit);
        Assert.Equal(count, await CountEntriesAsync());
        Assert.Equal(0, (await CliRun.RunAsync(["audit", "verify", .. where])).Exit);

        async Task<int> CountEntriesAsync()
        {
            await using var db = new VigilDbContext(database.Storage.BuildOptions());
            return await db.AuditEntries.CountAsync(Ct);
        }
    }

    [Fact]
    public async Task Import_WithNothingToImport_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["import", "--database", Path.Combine(Path.GetTempPath(), "never-created.db")]));

    [Fact]
    public async Task UsersAdd_WithUnknownScopeForm_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["users", "add", "--user", "x", "--role", "analyst", "--scope", "planet:mars", "--database", Path.Combine(Path.GetTempPath(), "never-created.db")]));

    /// <summary>A database with audited data and its own key file in its directory, as `serve` or `import --data-dir` leave it.</summary>
    private static async Task<string> DatabaseWithDataAsync()
    {
        var directory = CliRun.NewDirectory();
        Assert.Equal(0, (await CliRun.RunAsync("import", "--missions", Path.Combine(SamplesDirectory, "missions.csv"), "--data-dir", directory)).Exit);
        Assert.True(File.Exists(Path.Combine(directory, "vigil-keys.json")));
        return directory;
    }

    [Fact]
    public async Task Import_WithDatabaseButNoKeyFile_OnADatabaseWithData_Exits2_CreatesNoKeyFile_AndTheAuditLogStaysIntact()
    {
        var directory = await DatabaseWithDataAsync();
        var elsewhere = CliRun.NewDirectory();
        var database = Path.Combine(directory, "vigil.db");

        // What `import --database` from another working directory did: ./data there, with no key file in it.
        var (exit, error) = await CliRun.RunAsync("import", "--sites", Path.Combine(SamplesDirectory, "sites.csv"), "--database", database, "--data-dir", elsewhere);

        Assert.Equal(2, exit);
        Assert.Contains("--data-dir", error, StringComparison.Ordinal);
        Assert.Contains("--key-file", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(elsewhere, "vigil-keys.json")), "no key file was created");
        Assert.Equal(0, await CliRun.QueryAsync(directory, db => db.Sites.CountAsync(Ct)));
        Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", directory)).Exit);
    }

    [Fact]
    public async Task Verbs_WithAnotherDatabasesKeyFile_Exit2_AndWriteNothing()
    {
        var directory = await DatabaseWithDataAsync();
        var other = await DatabaseWithDataAsync();
        var database = Path.Combine(directory, "vigil.db");
        var wrongKey = Path.Combine(other, "vigil-keys.json");
        var entries = await CliRun.QueryAsync(directory, db => db.AuditEntries.CountAsync(Ct));

        string[][] verbs =
        [
            ["import", "--sites", Path.Combine(SamplesDirectory, "sites.csv")],
            ["users", "add", "--user", "someone", "--role", "analyst", "--scope", "global"],
            ["retention", "run"],
            ["audit", "checkpoint"],
            ["keys", "rotate"],
            ["demo", "seed"],
        ];
        foreach (var verb in verbs)
        {
            var (exit, error) = await CliRun.RunAsync([.. verb, "--database", database, "--key-file", wrongKey]);
            Assert.True(exit == 2, $"{string.Join(' ', verb)}: exit {exit}, {error}");
            Assert.Contains("does not go with", error, StringComparison.Ordinal);
        }

        Assert.Equal(entries, await CliRun.QueryAsync(directory, db => db.AuditEntries.CountAsync(Ct)));
        Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", directory)).Exit);
        // With its own key file, the same import goes through.
        Assert.Equal(0, (await CliRun.RunAsync("import", "--sites", Path.Combine(SamplesDirectory, "sites.csv"), "--database", database, "--key-file", Path.Combine(directory, "vigil-keys.json"))).Exit);
        Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", directory)).Exit);
    }

    [Fact]
    public async Task UsersAdd_WithDatabaseButNoKeyFile_OnADatabaseWithData_Exits2()
    {
        var directory = await DatabaseWithDataAsync();
        var (exit, error) = await CliRun.RunAsync("users", "add", "--user", "someone", "--role", "analyst", "--scope", "global",
            "--database", Path.Combine(directory, "vigil.db"), "--data-dir", CliRun.NewDirectory());
        Assert.Equal(2, exit);
        Assert.Contains("no key file", error, StringComparison.Ordinal);
        Assert.Equal(0, await CliRun.UsersAsync(directory));
    }

    [Fact]
    public async Task Serve_WithAnAddressThatIsNotAUrl_Exits2_BeforeCreatingTheDatabase()
    {
        var directory = CliRun.NewDirectory();
        var (exit, error) = await CliRun.RunAsync("serve", "--urls", "notaurl", "--data-dir", directory);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --urls: 'notaurl'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "vigil.db")));
    }

    [Fact]
    public async Task AuditCheckpoints_IntoAMissingDirectory_Exits2_NamingTheOption()
    {
        var directory = await DatabaseWithDataAsync();
        var (exit, error) = await CliRun.RunAsync("audit", "checkpoints", "--out", "/nonexistent/dir/x", "--data-dir", directory);
        Assert.Equal(2, exit);
        Assert.Contains("--out /nonexistent/dir/x", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysStatus_WithAKeyFileButNoDatabase_Exits2_AndLeavesNoDatabaseBehind()
    {
        var directory = await DatabaseWithDataAsync();
        var keysOnly = CliRun.NewDirectory();
        File.Copy(Path.Combine(directory, "vigil-keys.json"), Path.Combine(keysOnly, "vigil-keys.json"));
        var (exit, error) = await CliRun.RunAsync("keys", "status", "--data-dir", keysOnly);
        Assert.Equal(2, exit);
        Assert.Contains("no such database", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(keysOnly, "vigil.db")));
    }

    [Fact]
    public async Task DataDir_ThatIsAFile_Exits2_NamingTheOption()
    {
        var file = Path.Combine(CliRun.NewDirectory(), "not-a-directory");
        await File.WriteAllTextAsync(file, "", Ct);
        foreach (var verb in new[] { new[] { "keys", "status" }, ["audit", "verify"], ["retention", "run", "--dry-run"], ["serve"] })
        {
            var (exit, error) = await CliRun.RunAsync([.. verb, "--data-dir", file]);
            Assert.True(exit == 2, $"{string.Join(' ', verb)}: exit {exit}, {error}");
            Assert.Contains("--data-dir", error, StringComparison.Ordinal);
        }
    }

    /// <summary>Tools read the first line of standard error: a long message is not wrapped at 80 columns.</summary>
    [Fact]
    public async Task ErrorMessage_LongerThanATerminalLine_IsOneLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vigil-tests", new string('d', 120), "import");
        var (exit, error) = await CliRun.RunAsync("import", "--dir", missing);
        Assert.Equal(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Equal($"error: --dir {missing}: no such directory.", lines[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task UsersAdd_WithEmptyStandardInput_GeneratesAPassword()
    {
        var directory = await DatabaseWithDataAsync();
        var previous = Console.In;
        Console.SetIn(new StringReader(""));
        try
        {
            var (exit, error) = await CliRun.RunAsync("users", "add", "--user", "first-admin", "--role", "administrator", "--scope", "global", "--data-dir", directory);
            Assert.True(exit == 0, error);
        }
        finally
        {
            Console.SetIn(previous);
        }
        Assert.Equal(1, await CliRun.UsersAsync(directory));
    }

    [Theory]
    [InlineData("user:", "--user", "", "--role", "analyst", "--scope", "global")]
    [InlineData("assignment:NOPE-CASE: no such case", "--user", "x", "--role", "investigator", "--scope", "assignment:NOPE-CASE")]
    [InlineData("needs a country scope", "--user", "x", "--role", "member-state-liaison", "--scope", "global")]
    [InlineData("needs a country scope", "--user", "x", "--role", "member-state-liaison")]
    [InlineData("needs a country scope", "--user", "x", "--role", "member-state-liaison", "--scope", "country:RWA", "--scope", "global")]
    public async Task UsersAdd_WithAnAccountThatCannotWork_Exits2_NamingTheField(string expected, params string[] options)
    {
        var directory = await DatabaseWithDataAsync();
        var (exit, error) = await CliRun.RunAsync(["users", "add", .. options, "--data-dir", directory]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(0, await CliRun.UsersAsync(directory));
    }
}
