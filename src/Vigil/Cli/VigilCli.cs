using System.CommandLine;
using System.CommandLine.Help;

namespace Vigil.Cli;

/// <summary>The command tree. Each verb lives in its own class; exit codes: 0 ok, 1 failure, 2 invalid input.</summary>
public static class VigilCli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Vigil: conduct and discipline oversight for UN peacekeeping missions.")
        {
            ServeCommand.Create(),
            DbCommand.Create(),
            DemoCommand.Create(),
            ImportCommand.Create(),
            UsersCommand.Create(),
            RotationCommand.Create(),
            ScreenCommand.Create(),
            KeysCommand.Create(),
            RetentionCommand.Create(),
            AuditCommand.Create(),
        };
        // With no verb, print help (and succeed) rather than an error.
        root.SetAction(parse => new HelpAction().Invoke(parse));
        return root;
    }
}
