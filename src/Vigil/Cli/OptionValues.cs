using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Vigil.Core.Common;

namespace Vigil.Cli;

/// <summary>
/// Reads every typed option value of the command tree in plain words. System.CommandLine's own conversion
/// names the .NET type ("Cannot parse argument 'x' for option '--threads' as expected type 'System.Int32'");
/// here it reads "--threads: 'x' is not a whole number". Applied once to the whole tree in
/// <see cref="VigilCli.BuildRoot"/>, so a verb added later gets it without doing anything; a verb that
/// sets its own <c>CustomParser</c> keeps it. The verbs still check their own ranges (1 to 256 threads…).
/// Numbers are read in the invariant culture: a decimal point is a dot, whatever the machine's language.
/// </summary>
internal static class OptionValues
{
    /// <summary>The longest value quoted back in a message; longer ones are cut, with "…".</summary>
    private const int MaxShown = 40;

    /// <summary>Sets a plain-words parser on each option of <paramref name="command"/> and its subcommands whose type needs one.</summary>
    public static T InPlainWords<T>(T command) where T : Command
    {
        var optionNames = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(command, optionNames);
        AttachTree(command, optionNames);
        return command;
    }

    private static void CollectNames(Command command, HashSet<string> names)
    {
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }
        foreach (var subcommand in command.Subcommands)
        {
            CollectNames(subcommand, names);
        }
    }

    private static void AttachTree(Command command, HashSet<string> optionNames)
    {
        foreach (var option in command.Options)
        {
            Attach(option);
            if (option.ValueType != typeof(bool) && option.ValueType != typeof(void))
            {
                // `--roster --registry g.csv`: the parser takes "--registry" as the roster's file and then reports
                // "Unrecognized argument 'g.csv'" and "Option '--registry' is required". Say what happened.
                option.Validators.Add(result =>
                {
                    if (result.Tokens.FirstOrDefault(t => optionNames.Contains(t.Value)) is { } next)
                    {
                        result.AddError($"{option.Name}: no value given ('{next.Value}' is an option, not a value).");
                    }
                });
            }
        }
        foreach (var subcommand in command.Subcommands)
        {
            AttachTree(subcommand, optionNames);
        }
    }

    /// <summary>
    /// True for option types read as typed (text, switches, lists of text) or taking no value (--help, --version):
    /// nothing to convert, nothing to explain.
    /// Every other type needs a case in <see cref="Attach"/> (a convention test holds the tree to that).
    /// </summary>
    public static bool NeedsNoParser(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(string[]) || type == typeof(void);

    private static void Attach(Option option)
    {
        switch (option)
        {
            case Option<int> o when o.CustomParser is null:
                o.CustomParser = r => Number<int>(r, o.Name, Whole);
                break;
            case Option<int?> o when o.CustomParser is null:
                o.CustomParser = r => Number<int>(r, o.Name, Whole);
                break;
            case Option<long> o when o.CustomParser is null:
                o.CustomParser = r => Number<long>(r, o.Name, Whole);
                break;
            case Option<long?> o when o.CustomParser is null:
                o.CustomParser = r => Number<long>(r, o.Name, Whole);
                break;
            case Option<double> o when o.CustomParser is null:
                o.CustomParser = r => Number<double>(r, o.Name, Real);
                break;
            case Option<double?> o when o.CustomParser is null:
                o.CustomParser = r => Number<double>(r, o.Name, Real);
                break;
            case Option<FileInfo> o when o.CustomParser is null:
                o.CustomParser = r => FileSystemPath(r, o.Name, "file", text => new FileInfo(text));
                break;
            case Option<DirectoryInfo> o when o.CustomParser is null:
                o.CustomParser = r => FileSystemPath(r, o.Name, "directory", text => new DirectoryInfo(text));
                break;
        }
    }

    private const NumberStyles Whole = NumberStyles.AllowLeadingSign;
    private const NumberStyles Real = NumberStyles.Float;

    private static T Number<T>(ArgumentResult result, string option, NumberStyles styles) where T : struct, INumber<T>
    {
        if (Single(result) is not { } text)
        {
            return default;
        }
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        var kind = styles == Whole ? "a whole number" : "a number";
        string message;
        if (styles == Whole && BigInteger.TryParse(text, styles, CultureInfo.InvariantCulture, out var big))
        {
            // A whole number the type cannot hold: say so rather than "not a whole number".
            message = big.Sign < 0 ? "is too small" : "is too large";
        }
        else if (text.Contains(',', StringComparison.Ordinal) && T.TryParse(text.Replace(',', '.'), Real, CultureInfo.InvariantCulture, out _))
        {
            message = $"is not {kind} (write {Shown(text.Replace(',', '.'))}, with a dot)";
        }
        else
        {
            message = $"is not {kind}";
        }
        result.AddError($"{option}: '{Shown(text)}' {message}.");
        return default;
    }

    private static T? FileSystemPath<T>(ArgumentResult result, string option, string kind, Func<string, T> create) where T : FileSystemInfo
    {
        if (Single(result) is not { } text)
        {
            return null;
        }
        if (text.Length == 0)
        {
            result.AddError($"{option}: give a {kind} name (the value was empty).");
            return null;
        }
        try
        {
            return create(text);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            result.AddError($"{option}: '{Shown(text)}' is not a {kind} name this system can use.");
            return null;
        }
    }

    /// <summary>
    /// The one value the option was given, or null when it was given none or several: the parser reports
    /// those itself ("Required argument missing", "expects a single argument").
    /// </summary>
    private static string? Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    /// <summary>The value as it may be quoted back to a terminal: control characters as '?', and cut to <see cref="MaxShown"/>.</summary>
    internal static string Shown(string text) => QuotedValue.Shown(text, MaxShown);
}
