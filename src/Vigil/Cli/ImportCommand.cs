using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Import;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary>`vigil import`: reference data from CSV, all or nothing (formats in docs/import.md).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var files = Enum.GetValues<ImportKind>().ToDictionary(
            kind => kind,
            kind => new Option<FileInfo?>("--" + kind.ToString().ToLowerInvariant()) { Description = $"{kind.DefaultFileName()} to import." });
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "A directory holding any of missions.csv, sites.csv, contingents.csv, personnel.csv, officers.csv, officials.csv." };
        var command = new Command("import", "Import missions, sites, contingents, personnel, conduct officers and site officials (commanders, heads of office) from CSV. Nothing is written unless every row is valid.") { dir };
        foreach (var option in files.Values)
        {
            command.Add(option);
        }
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var chosen = new List<ImportFile>();
            if (parse.GetValue(dir) is { } directory)
            {
                if (!directory.Exists)
                {
                    Console2.Error($"--dir {directory.FullName}: no such directory.");
                    return VigilCli.InvalidInput;
                }
                chosen.AddRange(Enum.GetValues<ImportKind>()
                    .Where(kind => File.Exists(Path.Combine(directory.FullName, kind.DefaultFileName())))
                    .Select(kind => ImportFile.FromPath(kind, Path.Combine(directory.FullName, kind.DefaultFileName()))));
            }
            foreach (var (kind, option) in files)
            {
                if (parse.GetValue(option) is { } file)
                {
                    chosen.RemoveAll(f => f.Kind == kind);
                    chosen.Add(ImportFile.FromPath(kind, file.FullName));
                }
            }
            if (chosen.Count == 0)
            {
                Console2.Error("Nothing to import: give --dir or at least one of --missions, --sites, --contingents, --personnel, --officers, --officials.");
                return VigilCli.InvalidInput;
            }

            StorageSettings store;
            HostSettings settings;
            try
            {
                settings = storage.Settings(parse);
                store = settings.Storage;
            }
            catch (ArgumentException e)
            {
                Console2.Error(e.Message);
                return VigilCli.InvalidInput;
            }
            // Never a new key file for a database that has its own: the audit log would no longer verify.
            if (!await StorageOptions.KeyFileFitsAsync(settings, ct))
            {
                return VigilCli.InvalidInput;
            }
            // Imported rows are audited like any other change, as "system", and what was added by code, in the same transaction.
            var (options, writer) = AuditCommand.Audited(settings);
            await using var db = new VigilDbContext(options);
            if (store.Provider == DatabaseProvider.Sqlite)
            {
                await DatabaseStartup.MigrateAsync(db, ct);
            }
            var result = await new ReferenceImporter(db, new AuditTrail(db, writer, SystemActor.Instance, TimeProvider.System)).ImportAsync(chosen, ct);
            switch (result)
            {
                case ImportSucceeded ok:
                    var table = new Table().AddColumns("Imported", "Rows");
                    foreach (var kind in Enum.GetValues<ImportKind>())
                    {
                        table.AddRow(kind.ToString(), ok.Counts[kind].ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    AnsiConsole.Write(table);
                    foreach (var name in ok.FilesWithoutRows)
                    {
                        Console2.Warning($"{name}: no rows (the file has a header and no data).");
                    }
                    AnsiConsole.MarkupLineInterpolated($"Imported {ok.Counts.Total} row(s) into {store.Describe()}.");
                    return VigilCli.Ok;
                case ImportFailed failed:
                    foreach (var error in failed.Errors)
                    {
                        Console.Error.WriteLine(Console2.OneLine(error.ToString()));
                    }
                    if (failed.Omitted > 0)
                    {
                        Console.Error.WriteLine($"… and {failed.Omitted} more error(s).");
                    }
                    Console.Error.WriteLine($"Nothing was imported: {failed.TotalErrors} error(s).");
                    return VigilCli.InvalidInput;
                default:
                    throw new InvalidOperationException($"Unexpected import result {result.GetType().Name}.");
            }
        });
        return command;
    }
}
