using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Vigil.Tests;

/// <summary>
/// Every refusal the presence and screening use cases give (an error's message, a field's message) is in the French
/// resources under its format, so that a French page says it in French. The formats are read from the source the way the
/// compiler builds them (<c>Vigil.Core.Common.Words</c>): each interpolation hole becomes {0}, {1}, … with its alignment
/// and format. A message added without a translation fails here with its format, ready to paste into tools/strings.
/// </summary>
public sealed partial class RefusalTextTests
{
    /// <summary>The use cases whose refusals are translated (the file reader's own messages stay English, as the CLI's).</summary>
    private static readonly string[] Folders =
    [
        "src/Vigil.Core/Presence", "src/Vigil.Core/Screening", "src/Vigil/Pages/Screening", "src/Vigil/Pages/Rotation",
        "src/Vigil/Pages/Evaluations", "src/Vigil/Pages/Coverage", "src/Vigil/Web/Screening", "src/Vigil/Web/Presence",
        "src/Vigil.Core/Cases", "src/Vigil.Core/Intake", "src/Vigil.Core/Governance", "src/Vigil/Pages/Cases", "src/Vigil/Pages/Reports", "src/Vigil/Pages/BreakGlass",
    ];

    // The API endpoints' own messages (programs read them, in English); the timeline's lines, keyed "timeline:" + their
    // format (their own test below).
    private static readonly string[] Skipped = ["ScreeningEndpoints.cs", "PresenceEndpoints.cs", "TimelineLines.cs"];

    [Fact]
    public void EveryRefusalOfPresenceAndScreening_IsInTheFrenchResources()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vigil.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var french = XDocument.Load(Path.Combine(root.FullName, "src", "Vigil", "Resources", "SharedResource.fr.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var found = new List<(string File, string Format)>();
        var lossy = new List<string>();
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root.FullName, folder), "*.cs").Where(f => !Skipped.Contains(Path.GetFileName(f))))
            {
                var text = File.ReadAllText(file);
                found.AddRange(Formats(text).Select(f => (Path.GetFileName(file), f)));
                lossy.AddRange(LossyBranches(text).Select(f => $"{Path.GetFileName(file)}: {f}"));
            }
        }
        Assert.True(found.Count > 100, $"only {found.Count} messages found: has the scanner lost its triggers?");
        // A conditional whose branch is an interpolated string is a plain string (its values baked into the English text)
        // unless the branch is cast: (Words)$"…".
        Assert.True(lossy.Count == 0, "Cast these branches to (Words):\n" + string.Join("\n", lossy));
        var missing = found.Where(f => !french.ContainsKey(f.Format)).Select(f => $"{f.File}: {f.Format}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in SharedResource.fr.resx (add them to tools/strings/refusals.py):\n" + string.Join("\n", missing));
        // A translation keeps the holes of its format: a missing or extra {n} would drop a value or fail to format.
        var holes = found.Select(f => f.Format).Distinct()
            .Where(f => !Holes(f).SetEquals(Holes(french[f])))
            .ToList();
        Assert.True(holes.Count == 0, "French holes differ:\n" + string.Join("\n", holes));
    }

    [Fact]
    public void EveryTimelineLine_IsInTheFrenchResources_UnderItsTimelineKey()
    {
        // The case page says a timeline line with ErrorText.Say(line, "timeline:"): each line TimelineLines writes (the
        // literals of its public Words members) has a French wording under "timeline:" + its format, with the same holes.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vigil.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var french = XDocument.Load(Path.Combine(root.FullName, "src", "Vigil", "Resources", "SharedResource.fr.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var source = File.ReadAllText(Path.Combine(root.FullName, "src", "Vigil.Core", "Cases", "TimelineLines.cs"));
        var formats = Literals(source, TimelineMember()).Where(l => l.Format.Contains(' ', StringComparison.Ordinal)).Select(l => l.Format).Distinct().ToList();
        Assert.True(formats.Count > 30, $"only {formats.Count} lines found: has the scanner lost its triggers?");
        Assert.Contains("{0} → {1}: {2}", formats);
        var lossy = Literals(source, TimelineMember()).Where(l => l.UncastBranch).Select(l => l.Format).Distinct().ToList();
        Assert.True(lossy.Count == 0, "Cast these branches to (Words):\n" + string.Join("\n", lossy));
        var missing = formats.Where(f => !french.ContainsKey("timeline:" + f)).ToList();
        Assert.True(missing.Count == 0, "Not in SharedResource.fr.resx (add them to tools/strings/timeline.py as \"timeline:…\"):\n" + string.Join("\n", missing));
        var holes = formats.Where(f => !Holes(f).SetEquals(Holes(french["timeline:" + f]))).ToList();
        Assert.True(holes.Count == 0, "French holes differ:\n" + string.Join("\n", holes));
    }

    [Fact]
    public void TheScanner_BuildsFormatsAsTheCompilerDoes()
    {
        var source = """
            return new ConflictError($"{officer.Code} has leave from {a.From:yyyy-MM-dd} to {(x ? "y" : "z")}, {n,4}.");
            errors["to"] = [cond ? (Words)$"At most {MaxDays} days." : (Words)$"{{braces}} {b}"];
            return ValidationError.For("to", "Give the day (yyyy-MM-dd).");
            var log = $"not {a} refusal";
            Fail("x", y ? "plain" : $"lossy {z}");
            """;
        Assert.Equal(
            ["{0} has leave from {1:yyyy-MM-dd} to {2}, {3,4}.", "At most {0} days.", "{{braces}} {0}", "Give the day (yyyy-MM-dd).", "lossy {0}"],
            Formats(source));
        Assert.Equal(["lossy {0}"], LossyBranches(source));
    }

    private static HashSet<string> Holes(string format) => [.. Hole().Matches(format).Select(m => m.Groups[1].Value)];

    /// <summary>The formats of the string literals in refusal statements (field names, separators and keys, which have no space, left out).</summary>
    private static List<string> Formats(string source) =>
        [.. Literals(source).Where(l => l.Format.Contains(' ', StringComparison.Ordinal)).Select(l => l.Format).Distinct()];

    /// <summary>The formats of interpolated branches of conditionals in refusal statements that are not cast to Words.</summary>
    private static List<string> LossyBranches(string source) =>
        [.. Literals(source).Where(l => l.UncastBranch).Select(l => l.Format).Distinct()];

    /// <summary>
    /// The literals of every refusal statement (from a trigger to the end of its statement; a cast inside a statement is
    /// a trigger of its own, so a literal may come twice), each with whether it is an interpolated branch of a conditional.
    /// </summary>
    private static IEnumerable<(string Format, bool UncastBranch)> Literals(string source, Regex? triggers = null)
    {
        foreach (Match trigger in (triggers ?? Trigger()).Matches(source))
        {
            var i = trigger.Index + trigger.Length;
            var depth = 0;
            while (i < source.Length && !(depth <= 0 && source[i] == ';'))
            {
                var c = source[i];
                if (c == '"' || (c == '$' && i + 1 < source.Length && source[i + 1] == '"'))
                {
                    var (format, end) = Literal(source, i);
                    var before = source[..i].TrimEnd();
                    yield return (format, c == '$' && (before.EndsWith('?') || before.EndsWith(':')));
                    i = end;
                    continue;
                }
                depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
                i++;
            }
        }
    }

    /// <summary>Reads the literal at <paramref name="start"/>: its format (holes numbered) and the index after it.</summary>
    private static (string Format, int End) Literal(string s, int start)
    {
        var interpolated = s[start] == '$';
        var i = start + (interpolated ? 2 : 1);
        var format = new StringBuilder();
        var hole = 0;
        while (s[i] != '"')
        {
            if (s[i] == '\\')
            {
                format.Append(s[i + 1] switch { 'n' => '\n', 't' => '\t', var e => e });
                i += 2;
            }
            else if (interpolated && s[i] == '{' && s[i + 1] == '{')
            {
                format.Append("{{");
                i += 2;
            }
            else if (interpolated && s[i] == '}' && s[i + 1] == '}')
            {
                format.Append("}}");
                i += 2;
            }
            else if (interpolated && s[i] == '{')
            {
                // A hole: its expression (nested literals skipped whole), then ",alignment" and ":format" at depth 0.
                i++;
                var depth = 0;
                var tail = new StringBuilder();
                var inTail = false;
                while (depth > 0 || s[i] != '}')
                {
                    if (!inTail && (s[i] == '"' || (s[i] == '$' && s[i + 1] == '"')))
                    {
                        i = Literal(s, i).End;
                        continue;
                    }
                    if (!inTail && depth == 0 && (s[i] == ':' || s[i] == ','))
                    {
                        inTail = true;
                    }
                    if (inTail)
                    {
                        tail.Append(s[i]);
                    }
                    else
                    {
                        depth += s[i] is '(' or '[' or '{' ? 1 : s[i] is ')' or ']' or '}' ? -1 : 0;
                    }
                    i++;
                }
                format.Append('{').Append(hole++.ToString(CultureInfo.InvariantCulture)).Append(tail).Append('}');
                i++;
            }
            else
            {
                format.Append(!interpolated && s[i] is '{' or '}' ? new string(s[i], 2) : s[i].ToString());
                i++;
            }
        }
        return (format.ToString(), i + 1);
    }

    [GeneratedRegex("""return \[|new (?:NotFound|Forbidden|Conflict)Error\(|ValidationError\.For\(|errors\["\w+"\] = |\bFail\(|\bFault\(|\berror = |\bCheck\(|\bCheckWeight\(|\bAt\(|changes\.Add\(|\(Words\)|Words text =|public Words Text =>|\[\.\. changes\.Take""")]
    private static partial Regex Trigger();

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Hole();

    /// <summary>A line's member in TimelineLines: its body, to the end of the statement, holds the line's literals.</summary>
    [GeneratedRegex(@"public static Words \w+\([^)]*\) =>")]
    private static partial Regex TimelineMember();
}
