using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Vigil.Core.Access;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary>
/// `vigil users add` (the first administrator of a new installation is created here), `totp` (demo
/// codes) and `reset-second-factor` (a lost phone).
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "Sign-in name.", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the sign-in name)." };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "Scope grant, repeatable: global, mission:CODE, country:ISO3 or assignment:CASE.",
            AllowMultipleArgumentsPerToken = false,
        };
        var add = new Command("add", "Create a staff account. The password is read from standard input, or generated and printed once.") { user, name, role, scopes };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            var grants = new List<(ScopeKind, string)>();
            foreach (var text in parse.GetValue(scopes) ?? [])
            {
                if (!TryParseScope(text, out var grant))
                {
                    Console2.Error($"--scope '{text}' is not global, mission:CODE, country:ISO3 or assignment:CASE.");
                    return VigilCli.InvalidInput;
                }
                grants.Add(grant);
            }
            if (parse.GetValue(role) == Roles.MemberStateLiaison
                && (!grants.Any(g => g.Item1 == ScopeKind.Country) || grants.Any(g => g.Item1 == ScopeKind.Global)))
            {
                // A liaison sees the cases of their own country's personnel: global or no country grants nothing.
                Console2.Error($"--scope: a {Roles.MemberStateLiaison} needs a country scope (--scope country:ISO3), and not global.");
                return VigilCli.InvalidInput;
            }
            // The password from standard input; none there (a terminal, or an empty line or file) generates one.
            var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "" : "";
            var generated = password.Length == 0;
            if (generated)
            {
                password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
            }
            return await WithServicesAsync(storage, parse, async services =>
            {
                var userName = parse.GetValue(user)!;
                foreach (var (_, reference) in grants.Where(g => g.Item1 == ScopeKind.Assignment))
                {
                    if (!await services.GetRequiredService<Core.Data.VigilDbContext>().Cases.AnyAsync(c => c.Reference == reference, ct))
                    {
                        Console2.Error($"--scope assignment:{reference}: no such case.");
                        return VigilCli.InvalidInput;
                    }
                }
                var result = await services.GetRequiredService<AccountAdministration>()
                    .CreateAsync(new NewAccount(userName, parse.GetValue(name) ?? userName, password, parse.GetValue(role)!, grants), ct);
                if (!result.IsSuccess)
                {
                    Console2.Error(result.Error!.Describe());
                    return VigilCli.InvalidInput;
                }
                AnsiConsole.MarkupLineInterpolated($"Created {userName} ({parse.GetValue(role)}).");
                if (generated)
                {
                    AnsiConsole.MarkupLineInterpolated($"Password (shown once): [bold]{password}[/]");
                }
                return VigilCli.Ok;
            }, ct);
        });
        return new Command("users", "Staff accounts.") { add, CreateTotp(), CreateResetSecondFactor() };
    }

    /// <summary>
    /// `vigil users totp --user NAME`: the current authenticator code of a demo account (one that still
    /// has the published demo password), so that the demo can be tried without a phone.
    /// </summary>
    private static Command CreateTotp()
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "A demo account (officer, chief, investigator, …).", Required = true };
        var totp = new Command("totp", "Print the current second-factor code of a demo account (demo data only).") { user };
        storage.AddTo(totp);
        totp.SetAction((parse, ct) => WithServicesAsync(storage, parse, async services =>
        {
            var userName = parse.GetValue(user)!;
            var account = await services.GetRequiredService<DemoAccounts>().FindPublicDemoAccountAsync(userName);
            var secret = account is null ? null : await services.GetRequiredService<SecondFactor>().ReadSecretAsync(account);
            if (secret is null)
            {
                Console2.Error($"'{userName}' is not a demo account with the published demo password and a second factor: codes are shown for demo accounts only.");
                return VigilCli.InvalidInput;
            }
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var left = Totp.StepSeconds - (int)(now.ToUnixTimeSeconds() % Totp.StepSeconds);
            Console.WriteLine(Totp.Compute(secret, now));
            Console.Error.WriteLine($"(valid for about {left} more seconds; each code works once. To use a phone instead, add the secret {secret} or {Totp.OtpAuthUri(SecondFactor.Issuer, userName, secret)})");
            return VigilCli.Ok;
        }, ct));
        return totp;
    }

    /// <summary>
    /// `vigil users reset-second-factor --user NAME`: for a person who lost their authenticator. The
    /// secret and the recovery codes are void, every session ends, and the next sign-in enrols again.
    /// </summary>
    private static Command CreateResetSecondFactor()
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "Sign-in name.", Required = true };
        var reset = new Command("reset-second-factor", "Remove an account's authenticator and recovery codes and sign it out everywhere; it enrols again at the next sign-in.") { user };
        storage.AddTo(reset);
        reset.SetAction((parse, ct) => WithServicesAsync(storage, parse, async services =>
        {
            var userName = parse.GetValue(user)!;
            var account = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VigilUser>>().FindByNameAsync(userName);
            if (account is null)
            {
                Console2.Error($"--user '{userName}': no such account.");
                return VigilCli.InvalidInput;
            }
            await services.GetRequiredService<SecondFactor>().ResetAsync(account);
            AnsiConsole.MarkupLineInterpolated($"Second factor of {userName} removed; recovery codes void; signed out everywhere. The next sign-in enrols again.");
            return VigilCli.Ok;
        }, ct));
        return reset;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the services of a host built (not started) on the data directory
    /// and database from the options, migrated as `serve` would; invalid options print why and exit 2.
    /// </summary>
    private static async Task<int> WithServicesAsync(StorageOptions storage, ParseResult parse, Func<IServiceProvider, Task<int>> action, CancellationToken ct)
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
        await using var app = VigilHost.Build(VigilHost.CreateBuilder(settings));
        await StartupTasks.RunAsync(app.Services, settings, ct);
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static bool TryParseScope(string text, out (ScopeKind Kind, string Value) grant)
    {
        grant = default;
        if (string.Equals(text, "global", StringComparison.OrdinalIgnoreCase))
        {
            grant = (ScopeKind.Global, "*");
            return true;
        }
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return false;
        }
        ScopeKind? kind = parts[0].ToLowerInvariant() switch
        {
            "mission" => ScopeKind.Mission,
            "country" => ScopeKind.Country,
            "assignment" => ScopeKind.Assignment,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }
        grant = (kind.Value, kind is ScopeKind.Assignment ? parts[1] : parts[1].ToUpperInvariant());
        return true;
    }
}
