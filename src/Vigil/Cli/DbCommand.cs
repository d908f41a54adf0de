using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Hosting;

namespace Vigil.Cli;

public static class DbCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration.");
        storage.AddTo(migrate);
        migrate.SetAction(async (parse, ct) =>
        {
            StorageSettings store;
            try
            {
                store = storage.Resolve(parse).Storage;
            }
            catch (ArgumentException e)
            {
                Console2.Error(e.Message);
                return VigilCli.InvalidInput;
            }
            await using var db = new VigilDbContext(store.BuildOptions());
            try
            {
                var outcome = await DatabaseStartup.MigrateAsync(db, ct);
                AnsiConsole.MarkupLineInterpolated($"{store.Describe()}: applied {outcome.Applied.Count} migration(s); now at {(await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "(none)"}.");
                return VigilCli.Ok;
            }
            catch (System.Data.Common.DbException e)
            {
                Console2.Error($"Could not migrate {store.Describe()}: {e.Message}");
                return VigilCli.Failure;
            }
        });
        return new Command("db", "Database administration.") { migrate };
    }
}
