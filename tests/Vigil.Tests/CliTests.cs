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

    [Fact]
    public async Task Import_WithNothingToImport_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["import", "--database", Path.Combine(Path.GetTempPath(), "never-created.db")]));

    [Fact]
    public async Task UsersAdd_WithUnknownScopeForm_Exits2() =>
        Assert.Equal(2, await VigilCli.RunAsync(["users", "add", "--user", "x", "--role", "analyst", "--scope", "planet:mars", "--database", Path.Combine(Path.GetTempPath(), "never-created.db")]));
}
