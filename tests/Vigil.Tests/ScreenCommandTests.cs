using System.Text;
using Vigil.Cli;

namespace Vigil.Tests;

/// <summary>`vigil screen` as spec/screening.md describes it, in process, on small synthetic files.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-screen-").FullName;

    private const string Registry =
        "record_id,full_name,aliases,date_of_birth,nationality,id_numbers,finding,case_reference\n" +
        "R1,Muhammad Abd al-Rahman Diallo,\"Mamadou Diallo|M. A. Diallo\",1980-03-12,SEN,P 123-4567,substantiated,C-2024-001\n" +
        "R2,\"Ousmane, Sow\",,1975,MLI,,pending,\n" +
        "R3,محمد حسن,,1983-05,EGY,,barred,\n";

    private const string Roster =
        "unit,person_id,full_name,date_of_birth,nationality,id_numbers,category,shoe_size\n" +
        "U1,P2,Mohamed Abdelrahman DIALLO,1980-12-03,SEN,,military-contingent,42\n" +
        "U1,P1,Usman Sow,1975-06-01,MLI,,formed-police,41\n" +
        "U2,P3,Mohamed Hassan,1983-05-20,EGY,,civilian,40\n" +
        "U2,P4,Zainab Okafor,1990-01-01,NGA,,\"civilian\",39\n";

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content, bool bom = false)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    private async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
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
        }
    }

    [Fact]
    public async Task Screen_SmallFiles_WritesMatchesOrderedByPersonThenScore()
    {
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, _) = await RunAsync("screen", "--roster", Write("roster.csv", Roster, bom: true), "--registry", Write("registry.csv", Registry), "--out", output);

        Assert.Equal(0, exit);
        var bytes = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark on output");
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("person_id,record_id,score,reasons", lines[0]);
        Assert.Equal(["P1,R2", "P2,R1", "P3,R3"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
        Assert.Matches(@"^P2,R1,0\.9\d\d,""name 0\.\d\d \(.*Mohamed~Muhammad.*\); birth date agrees with day and month swapped; nationality agrees""$", lines[2]);
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Screen_Out_IsWrittenOwnerOnly_EvenOverAnExistingReadableFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix mode; the directory's ACLs apply
        }
        var output = Path.Combine(_directory, "matches.csv");
        var roster = Write("roster.csv", Roster);
        var registry = Write("registry.csv", Registry);
        var (exit, _) = await RunAsync("screen", "--roster", roster, "--registry", registry, "--out", output);
        Assert.Equal(0, exit);
        // The reasons carry name parts and the rows person ids: no other local account may read them.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));

        // A destination left world-readable by something else is replaced by an owner-only file.
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (exit, _) = await RunAsync("screen", "--roster", roster, "--registry", registry, "--out", output);
        Assert.Equal(0, exit);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Screen_NothingMatches_Exits0_WithHeaderOnly()
    {
        var output = Path.Combine(_directory, "matches.csv");
        var roster = Write("roster.csv", "person_id,full_name\nP1,Zainab Okafor\n");
        var (exit, _) = await RunAsync("screen", "--roster", roster, "--registry", Write("registry.csv", Registry), "--out", output, "--threshold", "0.9");
        Assert.Equal(0, exit);
        Assert.Equal("person_id,record_id,score,reasons\r\n", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Screen_RosterAliasesColumn_IsIgnored_AndNationalityCaseDoesNotMatter()
    {
        // Only the registry has aliases (spec/screening.md): on a roster the column is unknown, so it cannot raise a match.
        var registry = Write("registry.csv", "record_id,full_name,date_of_birth,nationality,finding\nR1,Prosper Akpovi,1979-04-02,BEN,barred\n");
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, _) = await RunAsync("screen", "--roster", Write("roster.csv", "person_id,full_name,aliases,nationality\nP1,Zainab Okafor,Prosper Akpovi,nga\n"),
            "--registry", registry, "--out", output, "--threshold", "0.3");
        Assert.Equal(0, exit);
        Assert.Equal("person_id,record_id,score,reasons\r\n", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));

        (exit, _) = await RunAsync("screen", "--roster", Write("roster.csv", "person_id,full_name,date_of_birth,nationality\nP1,Prosper Akpovi,1979-04-02,ben\n"),
            "--registry", registry, "--out", output);
        Assert.Equal(0, exit);
        Assert.Contains("nationality agrees", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_ThresholdOne_KeepsNothingShortOfCertain()
    {
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, _) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", Write("registry.csv", Registry), "--out", output, "--threshold", "1");
        Assert.Equal(0, exit);
        Assert.Single(await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken), l => l.Length > 0);
    }

    public static TheoryData<string, string, string> BadRosters => new()
    {
        { "person_id,full_name,date_of_birth\nP1,Ali Sow,1980-13\n", "line 2, column 3", "date_of_birth '1980-13'" },
        { "full_name,person_id\nAli Sow,P1\nAli Kane,P1\n", "line 3, column 2", "person_id 'P1' already appears on line 2" },
        { "person_id,full_name\nP1,\"Ali Sow\nP2,Ali Kane\n", "line 2, column 2", "never closed" },
        { "person_id,full_name\nP1,Ali \"the\" Sow\n", "line 2, column 2", "double quote" },
        // A missing column at the header's last column (there is no column 3 to point at), named in the message.
        { "person_id,name\nP1,Ali Sow\n", "line 1, column 2", "'full_name' is missing" },
        { "full_name\nAli Sow\n", "line 1, column 1", "the required column 'person_id' is missing from the header" },
        { "person_id,full_name,nationality\nP1,Ali Sow,Senegal\n", "line 2, column 3", "nationality 'Senegal'" },
        { "person_id,full_name,nationality\nP1,Ali Sow,XYZ\n", "line 2, column 3", "nationality 'XYZ' is not an ISO 3166-1 alpha-3 country code" },
        { "person_id,full_name,category\nP1,Ali Sow,general\n", "line 2, column 3", "category 'general'" },
        { "person_id,full_name\nP1,Ali Sow,extra\n", "line 2, column 3", "3 fields but the header has 2" },
        { "person_id,full_name\n,Ali Sow\n", "line 2, column 1", "person_id is empty" },
        { "person_id,full_name\nP1,1234\n", "line 2, column 2", "full_name holds no letter" },
        // Bounds that keep a hostile file from costing the screening (a name of 500,000 words overflowed the stack).
        { $"person_id,full_name\nP1,{string.Concat(Enumerable.Repeat("Zebulon ", 38))}Sow\n", "line 2, column 2", "full_name is longer than 300 characters" },
        { $"person_id,full_name,id_numbers\nP1,Ali Sow,{string.Join('|', Enumerable.Range(1, 21).Select(i => $"P{i}"))}\n", "line 2, column 3", "id_numbers holds 21 values; at most 20" },
        { $"person_id,full_name,id_numbers\nP1,Ali Sow,P1|{new string('7', 101)}\n", "line 2, column 3", "id_numbers: value 2 is longer than 100 characters" },
        { "", "line 1, column 1", "empty" },
        { $"person_id,full_name,unit\nP1,Ali Sow,{new string('U', 201)}\n", "line 2, column 3", "unit is longer than 200 characters" },
    };

    [Theory]
    [MemberData(nameof(BadRosters))]
    public async Task Screen_InvalidRoster_Exits2_NamingFileLineAndColumn_WithoutOutput(string roster, string where, string what)
    {
        var output = Path.Combine(_directory, "matches.csv");
        var rosterPath = Write("roster.csv", roster);
        var (exit, error) = await RunAsync("screen", "--roster", rosterPath, "--registry", Write("registry.csv", Registry), "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains($"{rosterPath}: {where}:", error, StringComparison.Ordinal);
        Assert.Contains(what, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task Screen_AFileThatDoesNotExist_Exits2_SayingSoPlainly_WithoutALineOrColumn()
    {
        var output = Path.Combine(_directory, "matches.csv");
        var missing = Path.Combine(_directory, "no-such-roster.csv");
        var (exit, error) = await RunAsync("screen", "--roster", missing, "--registry", Write("registry.csv", Registry), "--out", output);
        Assert.Equal(2, exit);
        // It was "line 1, column 1: the file does not exist", for a file that has no line 1.
        Assert.Contains($"{missing}: the file does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var missingRegistry = Path.Combine(_directory, "no-such-registry.csv");
        (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", missingRegistry, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{missingRegistry}: the file does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Screen_RosterWithoutHeaderRow_OrHeaderNotUtf8_Exits2_QuotingNoValue()
    {
        var registry = Write("registry.csv", Registry);
        var output = Path.Combine(_directory, "matches.csv");
        // Line 1 is a person here: it was quoted whole as the columns "found".
        var headerless = Write("headerless.csv", "P9,Amina Testcase-Headerless,1990-01-01\n");
        var (exit, error) = await RunAsync("screen", "--roster", headerless, "--registry", registry, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{headerless}: line 1, column 3: the required column 'person_id' is missing from the header (no known column in the header row (3 unknown, not shown)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", error, StringComparison.Ordinal);

        // Not UTF-8 in the header: it was quoted back with replacement characters.
        var latin1 = Path.Combine(_directory, "latin1.csv");
        await File.WriteAllBytesAsync(latin1, Encoding.Latin1.GetBytes("person_id,full_namé\nP1,Ali Sow\n"), TestContext.Current.CancellationToken);
        (exit, error) = await RunAsync("screen", "--roster", latin1, "--registry", registry, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{latin1}: line 1, column 2: the header row is not valid UTF-8 (save the file as CSV UTF-8)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>Rows are parsed on all cores; the fault reported must still be the first in the file.</summary>
    public static TheoryData<int, string, string> FirstFaultInFile => new()
    {
        // A bad date on line 1,502 before a duplicate id on 3,001 and a short row on 4,001.
        { 1502, "line 1502, column 3", "date_of_birth '1980-13'" },
        // A duplicate id on line 3,001 before the short row on 4,001 (the date is fine this time).
        { 0, "line 3001, column 1", "person_id 'P10' already appears on line 11" },
    };

    [Theory]
    [MemberData(nameof(FirstFaultInFile))]
    public async Task Screen_ManyRows_ReportsTheFirstFaultInTheFile(int badDateLine, string where, string what)
    {
        var text = new StringBuilder("person_id,full_name,date_of_birth\n");
        for (var line = 2; line <= 5000; line++)
        {
            var id = line == 3001 ? "P10" : $"P{line - 1}";
            var date = line == badDateLine ? "1980-13" : "1980-01-02";
            text.Append(line == 4001 ? $"{id},Ali Sow\n" : $"{id},Ali Sow,{date}\n");
        }
        var rosterPath = Write("roster.csv", text.ToString());
        var (exit, error) = await RunAsync("screen", "--roster", rosterPath, "--registry", Write("registry.csv", Registry), "--out", Path.Combine(_directory, "m.csv"));

        Assert.Equal(2, exit);
        Assert.Contains($"{rosterPath}: {where}: {what}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_BothFilesInvalid_ReportsTheRegistryFirst()
    {
        var registry = Write("registry.csv", "record_id,full_name,finding\nR1,Ali Sow,maybe\n");
        var roster = Write("roster.csv", "person_id,full_name\n,Ali Sow\n");
        var (exit, error) = await RunAsync("screen", "--roster", roster, "--registry", registry, "--out", Path.Combine(_directory, "m.csv"));
        Assert.Equal(2, exit);
        Assert.Contains($"{registry}: line 2, column 3: finding 'maybe'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(roster, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2000, "aliases: value 1 is longer than 300 characters")]
    [InlineData(51, 1, "aliases holds 51 values; at most 50")]
    public async Task Screen_RegistryAliasesOutOfBounds_Exits2_NamingTheColumn(int count, int words, string what)
    {
        // One alias of thousands of words (or thousands of aliases) is refused where its line and column are known.
        var aliases = string.Join('|', Enumerable.Repeat(string.Join(' ', Enumerable.Repeat("Akpovi", words)), count));
        var registry = Write("registry.csv", $"record_id,full_name,aliases,finding\nR1,Prosper Akpovi,{aliases},barred\n");
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", registry, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{registry}: line 2, column 3: {what}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Akpovi", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Screen_InvalidRegistryFinding_Exits2()
    {
        var registry = Write("registry.csv", "record_id,full_name,finding\nR1,Ali Sow,maybe\n");
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", registry, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{registry}: line 2, column 3: finding 'maybe'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--threshold", "1.5")]
    [InlineData("--threshold", "0,7")]
    [InlineData("--roster", "missing.csv")]
    // A directory as --out was an unhandled exception with a stack trace before.
    [InlineData("--out", "DIRECTORY")]
    // An input that is a directory said "the file cannot be read (UnauthorizedAccessException)".
    [InlineData("--roster", "DIRECTORY")]
    [InlineData("--registry", "DIRECTORY")]
    public async Task Screen_InvalidArguments_Exit2(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--roster"] = Write("roster.csv", Roster),
            ["--registry"] = Write("registry.csv", Registry),
            ["--out"] = Path.Combine(_directory, "matches.csv"),
        };
        args[option] = value == "DIRECTORY" ? _directory : option == "--roster" ? Path.Combine(_directory, value) : value;
        var (exit, error) = await RunAsync(["screen", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, exit);
        if (value == "DIRECTORY")
        {
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.Contains($"{option} {_directory}: that is a directory", error, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(_directory, "matches.csv")));
    }

    [Fact]
    public async Task Screen_OutIsAPipe_Exits2_AndLeavesItAPipe_ALinkIsWrittenThrough()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes and symbolic links as on Linux");
        // The write-then-rename replaced a device or pipe at --out with a file (as root, /dev/null too), and invalid input
        // deleted it.
        var pipe = Path.Combine(_directory, "pipe");
        Assert.Equal(0, Mono.Unix.Native.Syscall.mkfifo(pipe, Mono.Unix.Native.FilePermissions.DEFFILEMODE));
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", Write("registry.csv", Registry), "--out", pipe);
        Assert.Equal(2, exit);
        Assert.Contains("that is not a regular file", error, StringComparison.Ordinal);
        (exit, _) = await RunAsync("screen", "--roster", Write("empty.csv", ""), "--registry", Write("registry.csv", Registry), "--out", pipe);
        Assert.Equal(2, exit);
        Assert.True(new Mono.Unix.UnixFileInfo(pipe).FileType == Mono.Unix.FileTypes.Fifo);

        // A symbolic link stays a link; the file it leads to gets the matches.
        var target = Write("target.csv", "old");
        var link = Path.Combine(_directory, "link.csv");
        File.CreateSymbolicLink(link, target);
        (exit, _) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", Write("registry.csv", Registry), "--out", link);
        Assert.Equal(0, exit);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.StartsWith("person_id,record_id,score,reasons", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    // Each exited 1, the parser's own code, where 2 means invalid input.
    [InlineData("screen --bogus x", "--bogus")]
    [InlineData("screen --threshold", "--threshold")]
    [InlineData("rotation plan --out plan.json", "--problem")]
    [InlineData("rotation plan --problem p.json --out plan.json --time-limit abc", "abc")]
    [InlineData("no-such-verb", "no-such-verb")]
    public async Task ParseError_Exits2_WithTheParsersMessage(string commandLine, string named)
    {
        var (exit, error) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Theory]
    // Each named the .NET type before ("… as expected type 'System.Int32'").
    [InlineData("rotation plan --problem p.json --out plan.json --threads x", "vigil: --threads: 'x' is not a whole number.")]
    [InlineData("rotation plan --problem p.json --out plan.json --threads 1.5", "vigil: --threads: '1.5' is not a whole number.")]
    [InlineData("rotation plan --problem p.json --out plan.json --threads 99999999999", "vigil: --threads: '99999999999' is too large.")]
    [InlineData("rotation plan --problem p.json --out plan.json --time-limit abc", "vigil: --time-limit: 'abc' is not a number.")]
    [InlineData("rotation plan --problem p.json --out plan.json --time-limit 0,5", "vigil: --time-limit: '0,5' is not a number (write 0.5, with a dot).")]
    [InlineData("screen --roster r.csv --registry g.csv --out m.csv --threshold abc", "vigil: --threshold: 'abc' is not a number.")]
    [InlineData("screen --roster r.csv --registry g.csv --out m.csv --threshold 0,7", "vigil: --threshold: '0,7' is not a number (write 0.7, with a dot).")]
    [InlineData("demo seed --seed q", "vigil: --seed: 'q' is not a whole number.")]
    [InlineData("keys rotate --batch-size many", "vigil: --batch-size: 'many' is not a whole number.")]
    public async Task WrongTypeValue_Exits2_NamingOptionAndValue_InPlainWords(string commandLine, string message)
    {
        var (exit, error) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, exit);
        Assert.Equal(message, error.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("expected type", error, StringComparison.Ordinal);
    }

    [Theory]
    // The parser took the next option for the value and reported only what followed from it.
    [InlineData("screen --roster --registry g.csv --out m.csv", "vigil: --roster: no value given ('--registry' is an option, not a value).")]
    [InlineData("rotation plan --problem --out plan.json", "vigil: --problem: no value given ('--out' is an option, not a value).")]
    [InlineData("rotation plan --problem p.json --out plan.json --threads --time-limit 5", "vigil: --threads: no value given ('--time-limit' is an option, not a value).")]
    [InlineData("screen --roster r.csv --registry g.csv --out --help", "vigil: --out: no value given ('--help' is an option, not a value).")]
    public async Task OptionWithoutValue_FollowedByAnotherOption_Exits2_SayingSo(string commandLine, string message)
    {
        var (exit, error) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, exit);
        Assert.Equal(message, error.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotation plan --out plan.json --problem", "--problem")]
    [InlineData("import --dir", "--dir")]
    [InlineData("audit verify --checkpoints", "--checkpoints")]
    public async Task EmptyPathValue_Exits2_NamingTheOption_NotTheType(string commandLine, string option)
    {
        // An empty value ("") for a file or directory named System.IO.FileInfo before.
        var (exit, error) = await RunAsync([.. commandLine.Split(' '), ""]);
        Assert.Equal(2, exit);
        Assert.Contains($"vigil: {option}: give a ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongTypeValue_WithControlCharacters_IsQuotedWithoutThem()
    {
        var (exit, error) = await RunAsync("rotation", "plan", "--problem", "p.json", "--out", "plan.json", "--threads", "\u001b[31mred" + new string('9', 80));
        Assert.Equal(2, exit);
        Assert.DoesNotContain("\u001b", error, StringComparison.Ordinal);
        Assert.Contains("vigil: --threads: '?[31mred", error, StringComparison.Ordinal);
        Assert.Contains("…' is not a whole number.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_ThresholdOutOfRange_Exits2_NamingTheRange()
    {
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", Write("registry.csv", Registry),
            "--out", Path.Combine(_directory, "matches.csv"), "--threshold", "1.5");
        Assert.Equal(2, exit);
        Assert.Contains("--threshold must be a number from 0 to 1.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_OutUnderProc_Exits1_NamingThePath_AndLeavesNothing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's.");
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", Write("registry.csv", Registry), "--out", "/proc/o.csv");
        // It was "unexpected FileNotFoundException" with no path.
        Assert.Equal(1, exit);
        Assert.Contains("--out /proc/o.csv: could not be written", error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roster")]
    [InlineData("registry")]
    [InlineData("threshold")]
    public async Task Screen_InvalidInput_RemovesAnEarlierMatchesFileAtOut(string fault)
    {
        var output = Path.Combine(_directory, "matches.csv");
        var roster = Write("roster.csv", Roster);
        var registry = Write("registry.csv", Registry);
        Assert.Equal(0, (await RunAsync("screen", "--roster", roster, "--registry", registry, "--out", output)).Exit);
        Assert.True(File.Exists(output));

        // The earlier run's matches stayed at --out, to be read as this run's.
        var badRoster = fault == "roster" ? Write("bad-roster.csv", "person_id,full_name,date_of_birth\nP1,\"Ali, Hassan\",1980-13\n") : roster;
        var badRegistry = fault == "registry" ? Write("bad-registry.csv", "record_id,full_name,finding\nR1,Ali Sow,\n") : registry;
        var (exit, error) = await RunAsync(["screen", "--roster", badRoster, "--registry", badRegistry, "--out", output, .. fault == "threshold" ? new[] { "--threshold", "2" } : []]);
        Assert.Equal(2, exit);
        Assert.False(File.Exists(output), error);
    }

    [Fact]
    public async Task Screen_OutNamingAnInputThroughASymbolicLink_Exits2_AndTheInputIsUntouched()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        var registry = Write("registry.csv", Registry);
        var roster = Write("roster.csv", Roster);
        var link = Path.Combine(_directory, "reglink.csv");
        File.CreateSymbolicLink(link, registry);
        var linkedDirectory = Path.Combine(_directory, "linked-dir");
        Directory.CreateSymbolicLink(linkedDirectory, _directory);
        // The registry given through a link, --out naming the file itself (it was replaced by the matches); and the other
        // way round; and through a linked directory.
        foreach (var (registryArg, outArg) in new[] { (link, registry), (registry, link), (registry, Path.Combine(linkedDirectory, "registry.csv")), (Path.Combine(linkedDirectory, "roster.csv"), roster) })
        {
            var (exit, error) = await RunAsync("screen", "--roster", registryArg.EndsWith("roster.csv", StringComparison.Ordinal) ? registryArg : roster,
                "--registry", registryArg.EndsWith("roster.csv", StringComparison.Ordinal) ? registry : registryArg, "--out", outArg);
            Assert.Equal(2, exit);
            Assert.Contains("--out must not be the roster or the registry file", error, StringComparison.Ordinal);
        }
        Assert.Equal(Registry, await File.ReadAllTextAsync(registry, TestContext.Current.CancellationToken));
        Assert.Equal(Roster, await File.ReadAllTextAsync(roster, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("record_id,full_name,aliases,date_of_birth,nationality,id_numbers,finding,case_reference\nR1,Ivan Petrov,,,,,,\n", "line 2, column 7: finding is empty")]
    [InlineData("record_id,full_name\nR1,Ivan Petrov\n", "line 1, column 2: the required column 'finding' is missing from the header")]
    public async Task Screen_RegistryRowWithoutAFinding_Exits2_NamingLineAndColumn(string registry, string what)
    {
        var path = Write("registry.csv", registry);
        var output = Path.Combine(_directory, "matches.csv");
        var (exit, error) = await RunAsync("screen", "--roster", Write("roster.csv", Roster), "--registry", path, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}: {what}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
