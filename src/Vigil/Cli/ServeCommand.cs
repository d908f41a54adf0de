using System.CommandLine;
using Spectre.Console;
using Vigil.Core.Access;
using Vigil.Hosting;

namespace Vigil.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var urls = new Option<string?>("--urls") { Description = $"Address(es) to listen on, separated by ';' (default {HostSettings.DefaultUrls}, or VIGIL_URLS)." };
        var demo = new Option<bool>("--demo") { Description = "Seed the demo data set and one demo account per role into an empty database." };
        var migrate = new Option<bool>("--migrate") { Description = "Apply pending PostgreSQL migrations at start (SQLite is always migrated)." };
        var command = new Command("serve", "Run the web host: staff pages, the public portal and the HTTP API.") { urls, demo, migrate };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            HostSettings settings;
            try
            {
                settings = storage.Settings(parse) with
                {
                    Urls = parse.GetValue(urls) ?? Environment.GetEnvironmentVariable("VIGIL_URLS") ?? HostSettings.DefaultUrls,
                    Demo = parse.GetValue(demo),
                    Migrate = parse.GetValue(migrate),
                };
            }
            catch (ArgumentException e)
            {
                Console2.Error(e.Message);
                return VigilCli.InvalidInput;
            }
            // Before the database is created or migrated: a bad address must not leave a new database behind.
            if (ListenAddresses.Problem(settings.Urls, parse.GetValue(urls) is null ? "VIGIL_URLS" : "--urls") is { } badUrl)
            {
                Console2.Error(badUrl);
                return VigilCli.InvalidInput;
            }
            if (!await StorageOptions.KeyFileFitsAsync(settings, ct))
            {
                return VigilCli.InvalidInput;
            }
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(HostSettings settings, CancellationToken ct)
    {
        var app = VigilHost.Build(VigilHost.CreateBuilder(settings));
        AnsiConsole.MarkupLineInterpolated($"[grey]Database:[/] {settings.Storage.Describe()}");
        StartupReport report;
        try
        {
            report = await StartupTasks.RunAsync(app.Services, settings, ct);
        }
        catch (StartupException e)
        {
            Console2.Error(e.Message);
            return e.IsInvalidInput ? VigilCli.InvalidInput : VigilCli.Failure;
        }
        catch (Exception e) when (Core.Audit.AuditLogBrokenException.Find(e) is { } broken)
        {
            Console2.Error(broken.Message);
            return VigilCli.Failure;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            Console2.Error($"The database could not be opened or migrated ({e.GetType().Name}): {e.Message}");
            return VigilCli.Failure;
        }
        if (report.MigrationsApplied.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]Applied {report.MigrationsApplied.Count} migration(s).[/]");
        }
        if (report.Seeded is { } seeded)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{seeded.Describe()}[/]");
        }

        if (report.DemoReports is { } intake)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{intake.Describe()}[/]");
        }
        if (report.DemoCases is { } demoCases)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{demoCases.Describe()}[/]");
        }
        if (report.DemoRegistry is { } demoRegistry)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{demoRegistry.Describe()}[/]");
        }

        if (report.AuditRefusal is { } refusal)
        {
            Console2.Error($"{refusal.Message} Until then every audited write and read answers 503 and /health is unhealthy.");
        }
        if (report.UnreachableReports > 0)
        {
            Console2.Warning(Core.Intake.HeadquartersIntake.Describe(report.UnreachableReports));
        }

        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            // Kestrel's message names the address (in use, or not one of this machine's).
            Console2.Error($"Could not listen on {settings.Urls}: {e.Message}");
            return VigilCli.Failure;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            // Settings checked at start (Retention:*, BreakGlass:*): each failure names its key.
            Console2.Error(string.Join(" ", e.Failures));
            return VigilCli.InvalidInput;
        }
        foreach (var address in app.Urls)
        {
            AnsiConsole.MarkupLineInterpolated($"Vigil is listening on [bold link]{address}[/]");
        }
        if (settings.Demo)
        {
            PrintDemoAccounts();
            var address = app.Urls.FirstOrDefault() ?? HostSettings.DefaultUrls;
            AnsiConsole.MarkupLineInterpolated($"Public reporting page: [bold]{address}/report[/] (no sign-in)");
            if (report.DemoReports is { } seededIntake)
            {
                AnsiConsole.MarkupLineInterpolated($"A demo receipt to try at {address}/report/follow: [bold]{seededIntake.TryReceipt}[/] (shown once)");
            }
        }
        AnsiConsole.MarkupLine("[grey]Press Ctrl+C to stop.[/]");
        await app.WaitForShutdownAsync(ct);
        return VigilCli.Ok;
    }

    private static void PrintDemoAccounts()
    {
        var table = new Table().Title("Demo sign-ins (password for all: [bold]" + DemoAccounts.Password + "[/])")
            .AddColumns("User name", "Role", "Scope");
        foreach (var account in DemoAccounts.All)
        {
            table.AddRow(Markup.Escape(account.UserName), Markup.Escape(account.Role), Markup.Escape(account.ScopeText));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Every account also needs a code from an authenticator app (second factor).");
        AnsiConsole.MarkupLine("For a demo account, print its current code with:");
        AnsiConsole.MarkupLine("  [bold]dotnet run --project src/Vigil -- users totp --user officer[/] (same --data-dir/--database)");
    }
}

/// <summary>The listen addresses of <c>serve</c>, checked as Kestrel will read them, before anything is opened.</summary>
internal static class ListenAddresses
{
    /// <summary>Null when every address separated by ';' is an http or https URL Kestrel can bind; otherwise why not, naming the option.</summary>
    public static string? Problem(string urls, string option)
    {
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            return $"{option}: give at least one address, e.g. {HostSettings.DefaultUrls}.";
        }
        foreach (var address in addresses)
        {
            try
            {
                var parsed = Microsoft.AspNetCore.Http.BindingAddress.Parse(address);
                if (parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
                {
                    return $"{option}: '{OptionValues.Shown(address)}' is not an http:// or https:// address (e.g. {HostSettings.DefaultUrls}).";
                }
            }
            catch (FormatException)
            {
                return $"{option}: '{OptionValues.Shown(address)}' is not an address to listen on (write it like {HostSettings.DefaultUrls}).";
            }
        }
        return null;
    }
}
