using System.CommandLine;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Vigil.Core.Retention;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil retention run [--dry-run]</c>: applies the retention periods once and prints the counts.</summary>
public static class RetentionCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what is due without changing anything." };
        var run = new Command("run", "Anonymise or delete what the retention periods (configuration section Retention) say is due; records under legal hold are kept.") { dryRun };
        storage.AddTo(run);
        run.SetAction(async (parse, ct) =>
        {
            HostSettings settings;
            try
            {
                settings = storage.Settings(parse);
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
            try
            {
                _ = app.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
            }
            catch (OptionsValidationException e)
            {
                Console2.Error(string.Join(" ", e.Failures));
                return VigilCli.InvalidInput;
            }
            catch (InvalidOperationException e)
            {
                // A value that is not a number: the binder's message names the key.
                Console2.Error(e.Message);
                return VigilCli.InvalidInput;
            }
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(parse.GetValue(dryRun), "cli", ct);
            AnsiConsole.MarkupLineInterpolated($"{settings.Storage.Describe()}: {result.Describe()}{(result.RunId is { } id ? $" (run {id})" : "")}");
            return VigilCli.Ok;
        });
        return new Command("retention", "Retention of personal data and legal holds.") { run };
    }
}
