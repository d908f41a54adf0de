using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Access;
using Vigil.Core.Demo;
using Vigil.Hosting;

namespace Vigil.Cli;

public static class DemoCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var seedOption = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data set.", DefaultValueFactory = _ => 2026 };
        var seed = new Command("seed", "Migrate, then fill an empty database with the synthetic demo data set and one demo account per role.") { seedOption };
        storage.AddTo(seed);
        seed.SetAction(async (parse, ct) =>
        {
            HostSettings settings;
            try
            {
                settings = storage.Settings(parse) with { Demo = false, Migrate = true };
            }
            catch (ArgumentException e)
            {
                Console2.Error(e.Message);
                return VigilCli.InvalidInput;
            }
            if (!await StorageOptions.KeyFileFitsAsync(settings, ct))
            {
                return VigilCli.InvalidInput;
            }
            var app = VigilHost.Build(VigilHost.CreateBuilder(settings));
            await StartupTasks.RunAsync(app.Services, settings, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            var result = await seeder.SeedAsync(parse.GetValue(seedOption), ct);
            if (result is DemoAlreadySeeded { IsDemoDataSet: false })
            {
                Console2.Error($"{settings.Storage.Describe()}: {result.Describe()}");
                return VigilCli.InvalidInput;
            }
            var accounts = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(ct);
            AnsiConsole.MarkupLineInterpolated($"{settings.Storage.Describe()}: {result.Describe()} {accounts} demo account(s) created.");
            return VigilCli.Ok;
        });
        return new Command("demo", "The synthetic demo data set.") { seed };
    }
}
