using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Core.Security;
using Vigil.Hosting;

namespace Vigil.Cli;

public static class DbCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var migrate = new Command("migrate", "Create the database if needed, apply every pending migration, and seal text older versions kept in clear (with the key file, when present).");
        storage.AddTo(migrate);
        migrate.SetAction(async (parse, ct) =>
        {
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
            await using var db = new VigilDbContext(store.BuildOptions());
            try
            {
                var outcome = await DatabaseStartup.MigrateAsync(db, ct);
                AnsiConsole.MarkupLineInterpolated($"{store.Describe()}: applied {outcome.Applied.Count} migration(s); now at {(await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "(none)"}.");
                // A migration cannot read the key file, so text it moved out of clear columns waits here. Seal it now
                // when the operator's key file is at hand; never create a key file here (it would not be the server's).
                if (await LegacyClearText.PendingAsync(db, ct) is var pending and > 0)
                {
                    if (File.Exists(settings.ResolvedKeyFile) && await KeyFileCheck.ProblemAsync(settings, ct) is { } problem)
                    {
                        // Sealed under a key the database's own key file does not hold, the text could never be read.
                        Console2.Error($"Migrated, but the clear text was not sealed: {problem}");
                        return VigilCli.InvalidInput;
                    }
                    if (File.Exists(settings.ResolvedKeyFile))
                    {
                        var sealedCount = await LegacyClearText.SealAsync(db, new FieldProtector(KeyRing.Load(settings.ResolvedKeyFile)), ct);
                        AnsiConsole.MarkupLineInterpolated($"Sealed {sealedCount} value(s) that an older version kept in clear.");
                    }
                    else
                    {
                        AnsiConsole.MarkupLineInterpolated($"{pending} value(s) that an older version kept in clear wait to be sealed: no key file at {settings.ResolvedKeyFile}. Give --key-file, or start `vigil serve` with its key file (it seals them before listening).");
                    }
                }
                return VigilCli.Ok;
            }
            catch (System.Data.Common.DbException e)
            {
                Console2.Error($"Could not migrate {store.Describe()}: {e.Message}");
                return VigilCli.Failure;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
            {
                // The key file is unreadable: the migrations are applied; the clear text waits for a good key file.
                Console2.Error($"Migrated, but the clear text was not sealed: {e.Message}");
                return VigilCli.Failure;
            }
        });
        return new Command("db", "Database administration.") { migrate };
    }
}
