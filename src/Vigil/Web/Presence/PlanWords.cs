using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Vigil.Web.Presence;

/// <summary>
/// The planner's warnings and explanations of infeasibility (English, as the plan file and the API give them) in the
/// page's language. Each sentence is one of the planner's few phrasings (Vigil.Planning's Checks, OfficerDiagnosis and
/// the out-of-time warning, and the run review's note on pinned postings), read back into a resource key ("plan:" and
/// the English format) and its values; the values that are themselves words (a mission's name, the rules an officer
/// cannot keep together, "N sites (…)") are translated in turn. A sentence not known here is shown as written, never
/// dropped: plans stored before a phrasing changed stay readable.
/// </summary>
public static partial class PlanWords
{
    public static string Localize(string sentence, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(t);
        if (OfficerCannot().Match(sentence) is { Success: true } officer)
        {
            var rules = officer.Groups["rules"].Success
                ? t["plan:{0} ({1}, {2}) cannot be posted in all {3} periods under these rules together: {4}.",
                    officer.Groups["id"].Value, officer.Groups["nat"].Value, officer.Groups["mission"].Value, officer.Groups["n"].Value,
                    string.Join(Separator(t), TopLevel(officer.Groups["rules"].Value).Select(r => Rule(r, t)))].Value
                : t["plan:{0} ({1}, {2}) cannot be posted at any site in all {3} periods.",
                    officer.Groups["id"].Value, officer.Groups["nat"].Value, officer.Groups["mission"].Value, officer.Groups["n"].Value].Value;
            if (officer.Groups["open"].Success)
            {
                var open = officer.Groups["open"].Value == "none" ? t["plan:none"].Value : officer.Groups["open"].Value;
                rules += " " + (officer.Groups["anywhere"].Success
                    ? t["plan:Sites open to them in any mission: {0}.", open]
                    : t["plan:Sites open to them in {0}: {1}.", officer.Groups["where"].Value, open]);
            }
            return rules;
        }
        if (NotEveryOfficer().Match(sentence) is { Success: true } matching)
        {
            var clauses = TopLevel(matching.Groups["clauses"].Value).Select(c => Clause(c, t)).ToList();
            var joined = string.Join(Separator(t), clauses);
            return t["plan:Not every officer may serve at every site of {0}: at least {1} more officer-period(s) will be uncovered than the number of officers explains (conflicts of interest, leave, pinned postings, sites left too recently). {2}.",
                Group(matching.Groups["group"].Value, t), matching.Groups["n"].Value, joined.Length == 0 ? joined : char.ToUpper(joined[0], CultureInfo.CurrentCulture) + joined[1..]];
        }
        foreach (var (pattern, key) in Sentences)
        {
            if (pattern.Match(sentence) is { Success: true } m)
            {
                return t[key, Values(m, t)];
            }
        }
        return sentence;
    }

    // Named groups are numbered after the others, so the values are taken in the order they stand in the sentence.
    private static object[] Values(Match m, IStringLocalizer t) =>
        [.. m.Groups.Values.Skip(1).Where(g => g.Success).OrderBy(g => g.Index).Select(g => (object)Value(g, t))];

    /// <summary>"; " in English, " ; " in French: the format of two parts joined, filled with nothing.</summary>
    private static string Separator(IStringLocalizer t) => t["plan:{0}; {1}", "", ""];

    /// <summary>A value inside a sentence: a period ("3 (from 2027-04-01)" in a run's review), a group of officers, a list
    /// longer than six ("9 sites (A, B, …)"), or what the planner was doing; anything else (ids, numbers) as written.</summary>
    private static string Value(Group g, IStringLocalizer t) => g.Name switch
    {
        "period" => Period(g.Value, t),
        "group" => Group(g.Value, t),
        "doing" => t["plan:" + g.Value].ResourceNotFound ? g.Value : t["plan:" + g.Value].Value,
        _ => Names(g.Value, t),
    };

    private static string Period(string value, IStringLocalizer t) =>
        PeriodFrom().Match(value) is { Success: true } p ? t["plan:{0} (from {1})", p.Groups[1].Value, p.Groups[2].Value] : value;

    private static string Group(string value, IStringLocalizer t) =>
        value == "all missions" ? t["plan:all missions"] : value.StartsWith("mission ", StringComparison.Ordinal) ? t["plan:mission {0}", value["mission ".Length..]] : value;

    private static string Names(string value, IStringLocalizer t) =>
        LongList().Match(value) is { Success: true } l
            ? t[l.Groups["what"].Value == "sites" ? "plan:{0} sites ({1})" : "plan:{0} officers ({1})", l.Groups["n"].Value, l.Groups["list"].Value]
            : value;

    private static string Rule(string rule, IStringLocalizer t)
    {
        foreach (var (pattern, key) in Rules)
        {
            if (pattern.Match(rule) is { Success: true } m)
            {
                return t[key, Values(m, t)];
            }
        }
        return rule;
    }

    private static string Clause(string clause, IStringLocalizer t)
    {
        if (MoreClause().Match(clause) is { Success: true } more)
        {
            return t["plan:and {0} more period(s)", more.Groups[1].Value];
        }
        if (ServedClause().Match(clause) is { Success: true } m)
        {
            var args = new object[] { Period(m.Groups["period"].Value, t), Names(m.Groups["sites"].Value, t), m.Groups["n"].Value };
            return m.Groups["officers"].Success
                ? t["plan:in period {0}, {1} ({2} posting(s)) may be served only by {3}", [.. args, Names(m.Groups["officers"].Value, t)]]
                : t["plan:in period {0}, {1} ({2} posting(s)) may be served by no officer available then", args];
        }
        return clause;
    }

    /// <summary>Splits at "; " outside parentheses (a rule's own details are separated by "; " inside its parentheses).</summary>
    private static IEnumerable<string> TopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (depth == 0 && text[i] == ';' && i + 1 < text.Length && text[i + 1] == ' ')
            {
                yield return text[start..i];
                start = i + 2;
            }
        }
        yield return text[start..];
    }

    private const string P = @"(?<period>\d+(?: \(from \d{4}-\d\d-\d\d\))?)";

    private static readonly (Regex Pattern, string Key)[] Sentences =
    [
        (new(@"^Pinned posting of (\S+) at (\S+) in period " + P + @" breaks the conflict-of-interest rule: a contingent there is of the officer's nationality \(([^)]*)\)\.$"),
            "plan:Pinned posting of {0} at {1} in period {2} breaks the conflict-of-interest rule: a contingent there is of the officer's nationality ({3})."),
        (new(@"^Pinned posting of (\S+) at (\S+) in period " + P + @" is outside the officer's mission \(([^,]+), site in ([^)]+)\) and cross-mission moves are not allowed\.$"),
            "plan:Pinned posting of {0} at {1} in period {2} is outside the officer's mission ({3}, site in {4}) and cross-mission moves are not allowed."),
        (new(@"^(\S+) is pinned at more than one site in period " + P + @" \((.*)\)\.$"),
            "plan:{0} is pinned at more than one site in period {1} ({2})."),
        (new(@"^(\S+) has no site to be posted at: mission (.+) has no sites\.$"),
            "plan:{0} has no site to be posted at: mission {1} has no sites."),
        (new(@"^(\S+) has no site to be posted at: every site of every mission hosts a contingent of the officer's nationality \(([^)]*)\)\.$"),
            "plan:{0} has no site to be posted at: every site of every mission hosts a contingent of the officer's nationality ({1})."),
        (new(@"^(\S+) has no site to be posted at: every site of mission (.+) hosts a contingent of the officer's nationality \(([^)]*)\)\.$"),
            "plan:{0} has no site to be posted at: every site of mission {1} hosts a contingent of the officer's nationality ({2})."),
        (new(@"^Site (\S+) cannot be covered: mission (.+) has no officers; it is uncovered in every period\.$"),
            "plan:Site {0} cannot be covered: mission {1} has no officers; it is uncovered in every period."),
        (new(@"^Site (\S+) cannot be covered: every officer who may serve there is of a nationality among its contingents \((.*)\); it is uncovered in every period\.$"),
            "plan:Site {0} cannot be covered: every officer who may serve there is of a nationality among its contingents ({1}); it is uncovered in every period."),
        (new(@"^Too few officers in (?<group>.+): (\d+) postings are required per period but fewer officers are available in (\d+) period\(s\); at least (\d+) officer-period\(s\) will be uncovered\.$"),
            "plan:Too few officers in {0}: {1} postings are required per period but fewer officers are available in {2} period(s); at least {3} officer-period(s) will be uncovered."),
        (new(@"^Stopped on request while (?<doing>.+), before any plan existed: give the planner more time\.$"),
            "plan:Stopped on request while {0}, before any plan existed: give the planner more time."),
        (new(@"^Stopped at the time limit while (?<doing>.+), before any plan existed: give the planner more time\.$"),
            "plan:Stopped at the time limit while {0}, before any plan existed: give the planner more time."),
        (new(@"^The (\d+) pinned posting\(s\) are the approved plan's, kept for the frozen periods\. If one now breaks a rule, correct the records or build the problem again with fewer frozen periods \(0: none\)\.$"),
            "plan:The {0} pinned posting(s) are the approved plan's, kept for the frozen periods. If one now breaks a rule, correct the records or build the problem again with fewer frozen periods (0: none)."),
        (new(@"^The planner failed \((\w+)\)\.$"), "plan:The planner failed ({0})."),
        (new(@"^Cancelled by (.+) before it started\.$"), "plan:Cancelled by {0} before it started."),
        (new(@"^Cancelled by (.+) while it was running: its plan is not kept\.$"), "plan:Cancelled by {0} while it was running: its plan is not kept."),
        (new(@"^Site (\S+) closes on (\d{4}-\d\d-\d\d), within this horizon: it is left out of the plan\.$"), "plan:Site {0} closes on {1}, within this horizon: it is left out of the plan."),
        (new(@"^Site (\S+) was opened after this problem was built: the plan does not cover it \(it is still valid; plan again to post an officer there\)\.$"), "plan:Site {0} was opened after this problem was built: the plan does not cover it (it is still valid; plan again to post an officer there)."),
        (new(@"^Site (\S+)'s closure was withdrawn after this problem was built, which left it out as closing: the plan does not cover it \(it is still valid; plan again to post an officer there\)\.$"),
            "plan:Site {0}'s closure was withdrawn after this problem was built, which left it out as closing: the plan does not cover it (it is still valid; plan again to post an officer there)."),
        (new(@"^Site (\S+) now closes on (\d{4}-\d\d-\d\d), after this horizon; this problem was built when it closed within it and left it out: the plan does not cover it \(it is still valid; plan again to post an officer there\)\.$"),
            "plan:Site {0} now closes on {1}, after this horizon; this problem was built when it closed within it and left it out: the plan does not cover it (it is still valid; plan again to post an officer there)."),
        (new(@"^Contingent (\S+) \((\S+)\) left (\S+) on (\d{4}-\d\d-\d\d), after this problem was built: the plan keeps officers of (\S+) away from (\S+) \(it is still valid; plan again to post them there\)\.$"),
            "plan:Contingent {0} ({1}) left {2} on {3}, after this problem was built: the plan keeps officers of {4} away from {5} (it is still valid; plan again to post them there)."),
        (new(@"^No contingent of (\S+) is at (\S+) in this horizon any more \(a contingent's record was corrected after this problem was built\): the plan keeps officers of (\S+) away from (\S+) \(it is still valid; plan again to post them there\)\.$"),
            "plan:No contingent of {0} is at {1} in this horizon any more (a contingent's record was corrected after this problem was built): the plan keeps officers of {2} away from {3} (it is still valid; plan again to post them there)."),
    ];

    private static readonly (Regex Pattern, string Key)[] Rules =
    [
        (new(@"^the conflict-of-interest rule \(sites (.+) host (\S+) contingents\)$"), "plan:the conflict-of-interest rule (sites {0} host {1} contingents)"),
        (new(@"^the own-mission rule \(officers of (\S+) stay in \S+\)$"), "plan:the own-mission rule (officers of {0} stay in {0})"),
        (new(@"^tenure \(at most (\d+) consecutive periods at a site; (\d+) already at (\S+)\)$"), "plan:tenure (at most {0} consecutive periods at a site; {1} already at {2})"),
        (new(@"^tenure \(at most (\d+) consecutive periods at a site\)$"), "plan:tenure (at most {0} consecutive periods at a site)"),
        (new(@"^no early return \((\d+) periods before going back to a site; recently left (.+)\)$"), "plan:no early return ({0} periods before going back to a site; recently left {1})"),
        (new(@"^no early return \((\d+) periods before going back to a site\)$"), "plan:no early return ({0} periods before going back to a site)"),
        (new(@"^the pinned posting at (\S+) in period " + P + "$"), "plan:the pinned posting at {0} in period {1}"),
    ];

    [GeneratedRegex(@"^(?<id>\S+) \((?<nat>[^,]+), (?<mission>[^)]+)\) cannot be (?:posted at any site in all (?<n>\d+) periods|posted in all (?<n>\d+) periods under these rules together: (?<rules>.+?))\.(?: Sites open to them (?:(?<anywhere>in any mission)|in (?<where>\S+)): (?<open>.+)\.)?$")]
    private static partial Regex OfficerCannot();

    [GeneratedRegex(@"^Not every officer may serve at every site of (?<group>.+?): at least (?<n>\d+) more officer-period\(s\) will be uncovered than the number of officers explains \(conflicts of interest, leave, pinned postings, sites left too recently\)\. (?<clauses>.+)\.$")]
    private static partial Regex NotEveryOfficer();

    [GeneratedRegex(@"^[Ii]n period (?<period>\d+(?: \(from \d{4}-\d\d-\d\d\))?), (?<sites>.+) \((?<n>\d+) posting\(s\)\) may be served (?:only by (?<officers>.+)|by no officer available then)$")]
    private static partial Regex ServedClause();

    [GeneratedRegex(@"^and (\d+) more period\(s\)$")]
    private static partial Regex MoreClause();

    [GeneratedRegex(@"^(\d+) \(from (\d{4}-\d\d-\d\d)\)$")]
    private static partial Regex PeriodFrom();

    [GeneratedRegex(@"^(?<n>\d+) (?<what>sites|officers) \((?<list>.*)\)$")]
    private static partial Regex LongList();
}
