using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Vigil.Core.Access;
using Vigil.Hosting;

namespace Vigil.Cli;

/// <summary>
/// `vigil users add` (the first administrator of a new installation is created here), `set-role`, `disable`,
/// `enable`, `reset-password` (taking access back: each signs the account out everywhere), `totp` (demo codes)
/// and `reset-second-factor` (a lost phone).
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
        var nationality = NationalityOption();
        var officer = OfficerOption();
        var add = new Command("add", "Create a staff account. The password is read from standard input, or generated and printed once.") { user, name, role, scopes, nationality, officer };
        storage.AddTo(add);
        add.SetAction(async (parse, ct) =>
        {
            if (!TryParseScopes(parse.GetValue(scopes) ?? [], allowNone: false, out var grants))
            {
                return VigilCli.InvalidInput;
            }
            if (parse.GetValue(role) == Roles.MemberStateLiaison
                && (!grants!.Any(g => g.Item1 == ScopeKind.Country) || grants!.Any(g => g.Item1 == ScopeKind.Global)))
            {
                // A liaison sees the cases of their own country's personnel: global or no country grants nothing.
                Console2.Error($"--scope: a {Roles.MemberStateLiaison} needs a country scope (--scope country:ISO3), and not global.");
                return VigilCli.InvalidInput;
            }
            var (password, generated) = await ReadOrGeneratePasswordAsync(ct);
            return await WithServicesAsync(storage, parse, async services =>
            {
                var userName = parse.GetValue(user)!;
                foreach (var (_, reference) in grants!.Where(g => g.Item1 == ScopeKind.Assignment))
                {
                    if (!await services.GetRequiredService<Core.Data.VigilDbContext>().Cases.AnyAsync(c => c.Reference == reference, ct))
                    {
                        Console2.Error($"--scope assignment:{reference}: no such case.");
                        return VigilCli.InvalidInput;
                    }
                }
                var result = await services.GetRequiredService<AccountAdministration>()
                    .CreateAsync(new NewAccount(userName, parse.GetValue(name) ?? userName, password, parse.GetValue(role)!, grants!,
                        parse.GetValue(nationality), parse.GetValue(officer)), ct);
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
        return new Command("users", "Staff accounts.")
        {
            add, CreateSetRole(), CreateDisable(), CreateEnable(), CreateResetPassword(), CreateTotp(), CreateResetSecondFactor(),
        };
    }

    private static Option<string?> NationalityOption() =>
        new("--nationality") { Description = "The person's nationality, ISO 3166-1 alpha-3 (e.g. RWA): recusal keeps them off cases about co-nationals." };

    private static Option<string?> OfficerOption() =>
        new("--officer") { Description = "The person's conduct officer record, by code (e.g. CDO-0042): its postings (and nationality) count for recusal." };

    /// <summary>
    /// `vigil users set-role --user NAME --role ROLE [--scope S ...] [--nationality ISO3] [--officer CODE]`: a new role;
    /// with --scope, the scopes are replaced (`--scope none` removes them all); without, they are kept. Signs the account out everywhere.
    /// </summary>
    private static Command CreateSetRole()
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "Sign-in name.", Required = true };
        var role = new Option<string>("--role") { Description = $"The new role, one of: {string.Join(", ", Roles.All)}.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "New scope grants, repeatable, replacing the old ones: global, mission:CODE, country:ISO3, assignment:CASE, or none. Without it the scopes are kept.",
            AllowMultipleArgumentsPerToken = false,
        };
        var nationality = NationalityOption();
        var officer = OfficerOption();
        var command = new Command("set-role", "Change an account's role (and scopes, nationality, officer record); it is signed out everywhere.") { user, role, scopes, nationality, officer };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(scopes) ?? [];
            if (!TryParseScopes(given, allowNone: true, out var grants))
            {
                return VigilCli.InvalidInput;
            }
            return await WithServicesAsync(storage, parse, async services =>
            {
                var userName = parse.GetValue(user)!;
                var result = await services.GetRequiredService<AccountAdministration>().ChangeAsync(
                    new AccountChange(userName, parse.GetValue(role)!, given.Length == 0 ? null : grants, parse.GetValue(nationality), parse.GetValue(officer)), ct);
                if (!result.IsSuccess)
                {
                    Console2.Error(result.Error!.Describe());
                    return VigilCli.InvalidInput;
                }
                AnsiConsole.MarkupLineInterpolated($"{userName} is now {parse.GetValue(role)}{(given.Length == 0 ? " (scopes kept)" : "")}; signed out everywhere.");
                return VigilCli.Ok;
            }, ct);
        });
        return command;
    }

    /// <summary>`vigil users disable --user NAME`: no sign-in until enabled; every session and token ends now.</summary>
    private static Command CreateDisable() => AccountVerb("disable", "Disable an account: it cannot sign in, and every session and bearer token of it ends at once.",
        (admin, userName, ct) => admin.DisableAsync(userName, ct), userName => $"{userName} disabled; signed out everywhere.");

    /// <summary>`vigil users enable --user NAME`: a disabled or locked account may sign in again.</summary>
    private static Command CreateEnable() => AccountVerb("enable", "Enable a disabled or locked account again (the person signs in anew).",
        (admin, userName, ct) => admin.EnableAsync(userName, ct), userName => $"{userName} enabled.");

    /// <summary>`vigil users reset-password --user NAME`: a new password, read from standard input or generated and printed once.</summary>
    private static Command CreateResetPassword()
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "Sign-in name.", Required = true };
        var command = new Command("reset-password", "Set a new password, read from standard input or generated and printed once; the account is signed out everywhere.") { user };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (password, generated) = await ReadOrGeneratePasswordAsync(ct);
            return await WithServicesAsync(storage, parse, async services =>
            {
                var userName = parse.GetValue(user)!;
                var result = await services.GetRequiredService<AccountAdministration>().ResetPasswordAsync(userName, password, ct);
                if (!result.IsSuccess)
                {
                    Console2.Error(result.Error!.Describe());
                    return VigilCli.InvalidInput;
                }
                AnsiConsole.MarkupLineInterpolated($"Password of {userName} changed; signed out everywhere.");
                if (generated)
                {
                    AnsiConsole.MarkupLineInterpolated($"Password (shown once): [bold]{password}[/]");
                }
                return VigilCli.Ok;
            }, ct);
        });
        return command;
    }

    private static Command AccountVerb(string verb, string description, Func<AccountAdministration, string, CancellationToken, Task<Core.Common.Result<bool>>> act, Func<string, string> done)
    {
        var storage = new StorageOptions();
        var user = new Option<string>("--user") { Description = "Sign-in name.", Required = true };
        var command = new Command(verb, description) { user };
        storage.AddTo(command);
        command.SetAction((parse, ct) => WithServicesAsync(storage, parse, async services =>
        {
            var userName = parse.GetValue(user)!;
            var result = await act(services.GetRequiredService<AccountAdministration>(), userName, ct);
            if (!result.IsSuccess)
            {
                Console2.Error(result.Error!.Describe());
                return VigilCli.InvalidInput;
            }
            AnsiConsole.MarkupLineInterpolated($"{done(userName)}");
            return VigilCli.Ok;
        }, ct));
        return command;
    }

    /// <summary>The password on standard input (one line), or a generated one when nothing is piped in.</summary>
    /// <summary>The password from standard input; none there (a terminal, or an empty line or file) generates one.</summary>
    private static async Task<(string Password, bool Generated)> ReadOrGeneratePasswordAsync(CancellationToken ct)
    {
        var typed = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "" : "";
        return typed.Length > 0 ? (typed, false) : (Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_'), true);
    }

    private static bool TryParseScopes(string[] texts, bool allowNone, out List<(ScopeKind, string)>? grants)
    {
        grants = [];
        if (allowNone && texts is ["none"])
        {
            return true;
        }
        foreach (var text in texts)
        {
            if (!TryParseScope(text, out var grant))
            {
                Console2.Error($"--scope '{text}' is not global, mission:CODE, country:ISO3 or assignment:CASE{(allowNone ? " (or none, alone)" : "")}.");
                grants = null;
                return false;
            }
            grants.Add(grant);
        }
        return true;
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
