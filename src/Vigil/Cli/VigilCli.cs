using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>The command tree. Each verb lives in its own class; exit codes: 0 ok, 1 failure, 2 invalid input.</summary>
public static class VigilCli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // The parser's own error action exits 1; an unknown or missing option, or a value of the wrong type, is invalid input (2).
                // A value of the wrong type reads in plain words (OptionValues): "--threads: 'x' is not a whole number."
                // The plain-words messages name their option ("--threads: …") and explain the others that follow from them
                // (a missing value makes the next option's value an unrecognized argument): they come first.
                foreach (var error in parse.Errors.OrderBy(e => e.Message.StartsWith("--", StringComparison.Ordinal) ? 0 : 1))
                {
                    Console.Error.WriteLine($"vigil: {error.Message}");
                }
                Console.Error.WriteLine($"See '{CommandPath(parse)} --help'.");
                return InvalidInput;
            }
            // Ctrl+C and SIGTERM are handled here rather than by System.CommandLine: its handler once raced with the end
            // of a run (a task completed twice) and printed a stack trace. The first signal cancels the command, which
            // stops and exits 130; a second one ends the process at once.
            using var cancel = new CancellationTokenSource();
            var signalled = 0;
            void OnSignal(PosixSignalContext context)
            {
                if (Interlocked.Exchange(ref signalled, 1) == 0)
                {
                    context.Cancel = true;
                    cancel.Cancel();
                }
            }
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Interrupted (Ctrl+C): the conventional exit code, and no trace.
            return 130;
        }
        catch (Exception e) when (Core.Audit.AuditLogBrokenException.Find(e) is { } broken)
        {
            // A verb that writes refused to extend a log that fails its check: tampering found (1), said in one line.
            Console2.Error(broken.Message);
            return Failure;
        }
        catch (Exception e)
        {
            // Never a stack trace to an operator: the default handler prints one, and a message may quote input.
            Console2.Error($"unexpected {e.GetType().Name}; nothing more is shown here. Please report the command that caused it.");
            return Failure;
        }
    }

    /// <summary>"vigil rotation plan" for the command the parser got as far as.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "vigil" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

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
        // A number or path that cannot be read is named in plain words, never by its .NET type.
        return OptionValues.InPlainWords(root);
    }
}
