using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Core.Common;
using Vigil.Core.Reference;

namespace Vigil.Core.Cases;

/// <summary>
/// The lines of the case timeline as messages (<see cref="Words"/>): the English text of a line, as the API gives it and
/// as it has always been stored (<see cref="CaseEvent.TextSealed"/>), is the message's text, with every value that has a
/// label of its own (a stage, a closure reason, a finding, an action…) as a <see cref="Term"/> whose text is its wire
/// token, exactly as before ("under-assessment → referred-for-investigation: …"); the case page says the same message in
/// its reader's language with the labels used elsewhere ("Moved from Under assessment to Referred for investigation: …").
/// New lines keep the message (<see cref="CaseEvent.LineSealed"/>); a line written before that is read back from its text
/// by <see cref="Read"/>, only when the message it yields writes that text again, character for character.
/// </summary>
public static class TimelineLines
{
    /// <summary>A line longer than this is cut (staff reasons are limited well below it).</summary>
    public const int MaxLength = 2000;

    public static Term Stage(CaseStatus status) => new($"stage:{status}", EnumTokens.Wire(status));

    public static Term Closure(ClosureReason reason) => new($"closure:{reason}", EnumTokens.Wire(reason));

    public static Term Outcome(FindingOutcome outcome) => new($"finding:{outcome}", EnumTokens.Wire(outcome));

    public static Term Body(InvestigatingBody body) => new($"body:{body}", EnumTokens.Wire(body));

    public static Term Action(ActionKind kind) => new($"action:{kind}", EnumTokens.Wire(kind));

    public static Term Taker(ActionTaker by) => new($"by:{by}", EnumTokens.Wire(by));

    public static Term Immunity(ImmunityKind kind) => new($"immunity:{kind}", EnumTokens.Wire(kind));

    public static Term Age(AgeGroup age) => new($"age:{age}", EnumTokens.Wire(age));

    public static Term SexOf(Sex sex) => new($"sex:{sex}", EnumTokens.Wire(sex));

    public static Term Direction(NoteDirection direction) => new($"direction:{direction}", direction.ToString().ToLowerInvariant());

    public static Term Note(NoteKind kind) => new($"note:{kind}", EnumTokens.Wire(kind));

    public static Term Category(AllegationCategory category) => new($"category:{category}", EnumTokens.Wire(category));

    public static Term Type(AllegationType type) => new($"type:{type}", EnumTokens.Wire(type));

    public static Term Personnel(PersonnelCategory category) => new(category.Token(), category.Token());

    /// <summary>A role as the timeline has always written it ("victims' rights advocate"), labelled by its token.</summary>
    public static Term Role(string role) => new($"role:{role}", Access.Roles.InWords(role));

    public static Words Moved(CaseStatus from, CaseStatus to, string reason) => $"{Stage(from)} → {Stage(to)}: {reason}";

    public static Words ClosureLapsed(ClosureReason reason, CaseStatus to) => $"Closure request ({Closure(reason)}) lapsed: the case moved to {Stage(to)}.";

    public static Words InvestigationDue(DateOnly due) => $"Investigation to be concluded by {due:yyyy-MM-dd}.";

    public static Words NioAnswerDue(string? country, DateOnly due, int workingDays) => $"{country} to answer on an NIO by {due:yyyy-MM-dd} ({workingDays} working days).";

    public static Words RoutingSuggested(InvestigatingBody body, string? country, string why) => country is null
        ? (Words)$"Routing suggested: {Body(body)}. {Words.FromText(why)}"
        : (Words)$"Routing suggested: {Body(body)} {country}. {Words.FromText(why)}";

    public static Words RoutingSet(InvestigatingBody body, string? country, string reason) => country is null
        ? (Words)$"Routing set to {Body(body)}: {reason}"
        : (Words)$"Routing set to {Body(body)} {country}: {reason}";

    public static Words SubjectAdded(PersonnelCategory category, string? nationality, bool identified) => (nationality, identified) switch
    {
        (null, true) => (Words)$"Subject added: {Personnel(category)} (identified).",
        (null, false) => (Words)$"Subject added: {Personnel(category)} (not yet identified).",
        ({ } n, true) => (Words)$"Subject added: {Personnel(category)}, {n} (identified).",
        ({ } n, false) => (Words)$"Subject added: {Personnel(category)}, {n} (not yet identified).",
    };

    public static Words VictimAdded(int count, AgeGroup age, Sex sex, bool identitySealed) => identitySealed
        ? (Words)$"Victim recorded: {count} × {Age(age)}, {SexOf(sex)}, identity held sealed."
        : (Words)$"Victim recorded: {count} × {Age(age)}, {SexOf(sex)}.";

    public static Words NoteVerbale(NoteDirection direction, NoteKind kind, string? country, DateOnly date) =>
        $"Note verbale {Direction(direction)} ({Note(kind)}) {country}, {date:yyyy-MM-dd}.";

    public static Words Finding(FindingOutcome outcome, InvestigatingBody by) => $"Finding: {Outcome(outcome)} ({Body(by)}).";

    public static Words FindingChangeRequested(FindingOutcome outcome) => $"Change of finding to {Outcome(outcome)} requested; a conduct chief must approve.";

    public static Words FindingChangeApproved(FindingOutcome outcome) => $"Change of finding to {Outcome(outcome)} approved.";

    public static Words ActionTaken(ActionKind kind, ActionTaker by, DateOnly on) => $"Action: {Action(kind)} by {Taker(by)}, {on:yyyy-MM-dd}.";

    public static Words WaiverRequested(ImmunityKind immunity) => $"Waiver of {Immunity(immunity)} immunity requested.";

    public static Words WaiverDecided(bool waived, string? by) => waived ? (Words)$"Immunity waived by {by}." : (Words)$"Immunity not waived by {by}.";

    public static Words ClosureRequested(ClosureReason reason, string justification) => $"Closure requested ({Closure(reason)}): {justification}";

    /// <summary>"Closure approved: … → closed (…)." and the chief's note after it, if any (the line's end trimmed, as it always was).</summary>
    public static Words ClosureApproved(CaseStatus from, ClosureReason reason, string? note) => string.IsNullOrWhiteSpace(note)
        ? (Words)$"Closure approved: {Stage(from)} → {Stage(CaseStatus.Closed)} ({Closure(reason)})."
        : (Words)$"Closure approved: {Stage(from)} → {Stage(CaseStatus.Closed)} ({Closure(reason)}). {note.TrimEnd()}";

    public static Words ClosureRefused(string? note) => string.IsNullOrWhiteSpace(note) ? "Closure refused." : (Words)$"Closure refused. {note.TrimEnd()}";

    // The reason a message of its own (Recusal.Reason), said in the page's language; one read back from a text, as written.
    public static Words Recused(string name, Words reason) => $"{name} kept off the case: {reason}.";

    public static Words Assigned(string name, string role) => $"{name} assigned as {Role(role)}.";

    public static Words Unassigned(string name, string reason) => $"{name} taken off the case: {reason}";

    public static Words EvidenceAdded(string description, string sha256Start) => $"Evidence added: {description} (SHA-256 {sha256Start}…).";

    public static Words AssistanceRecorded() => "Victim assistance recorded.";

    public static Words DeadlineEscalated(Words what) => $"Deadline missed and escalated to the conduct chief and headquarters: {what}.";

    public static Words ReportLinked(string report, string reason) => $"Report {report} linked: {reason}";

    public static Words OpenedFromReport(string report, AllegationCategory category, AllegationType type, string? reason) =>
        $"Opened from report {report}: {Category(category)}, {Type(type)}. {reason}";

    /// <summary>The message of a line written before messages were kept, read from its text; null when no form fits.</summary>
    public static Words? Read(CaseEventKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (k, pattern, line) in Forms)
        {
            if (k != kind)
            {
                continue;
            }
            try
            {
                // Only a message that says the text again, to the character: nothing the line said is lost or changed.
                if (pattern.Match(text) is { Success: true } match && line(match) is { } words && words.ToString() == text)
                {
                    return words;
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException or RegexMatchTimeoutException)
            {
                // A value the pattern let through that does not read (a date out of range), or a text too long to read in
                // time: the text is shown as it is.
            }
        }
        return null;
    }

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;

    private static string Tokens<T>()
        where T : struct, Enum => string.Join("|", Enum.GetValues<T>().Select(v => Regex.Escape(EnumTokens.Wire(v))).OrderByDescending(t => t.Length));

    private static T Token<T>(Match m, string group)
        where T : struct, Enum => Enum.GetValues<T>().First(v => EnumTokens.Wire(v) == m.Groups[group].Value);

    private static DateOnly Day(Match m, string group) => DateOnly.ParseExact(m.Groups[group].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string G(Match m, string group) => m.Groups[group].Value;

    private static Regex R(string pattern) => new("^" + pattern + "$", Options, TimeSpan.FromSeconds(1));

    private static readonly string Stages = Tokens<CaseStatus>();
    private static readonly string Reasons = Tokens<ClosureReason>();
    private const string DayPattern = @"\d{4}-\d{2}-\d{2}";

    private static readonly (CaseEventKind Kind, Regex Pattern, Func<Match, Words?> Line)[] Forms =
    [
        (CaseEventKind.Transition, R($"(?<a>{Stages}) → (?<b>{Stages}): (?<r>.*)"), m => Moved(Token<CaseStatus>(m, "a"), Token<CaseStatus>(m, "b"), G(m, "r"))),
        (CaseEventKind.ClosureLapsed, R($@"Closure request \((?<c>{Reasons})\) lapsed: the case moved to (?<s>{Stages})\."), m => ClosureLapsed(Token<ClosureReason>(m, "c"), Token<CaseStatus>(m, "s"))),
        (CaseEventKind.DeadlineSet, R($@"Investigation to be concluded by (?<d>{DayPattern})\."), m => InvestigationDue(Day(m, "d"))),
        (CaseEventKind.DeadlineSet, R($@"(?<c>[A-Z]{{3}}) to answer on an NIO by (?<d>{DayPattern}) \((?<n>\d{{1,4}}) working days\)\."),
            m => NioAnswerDue(G(m, "c"), Day(m, "d"), int.Parse(G(m, "n"), CultureInfo.InvariantCulture))),
        (CaseEventKind.RoutingSet, R($@"Routing suggested: (?<b>{Tokens<InvestigatingBody>()})(?: (?<c>[A-Z]{{3}}))?\. (?<w>.*)"),
            m => RoutingSuggested(Token<InvestigatingBody>(m, "b"), m.Groups["c"].Success ? G(m, "c") : null, G(m, "w"))),
        (CaseEventKind.RoutingSet, R($@"Routing set to (?<b>{Tokens<InvestigatingBody>()})(?: (?<c>[A-Z]{{3}}))?: (?<r>.*)"),
            m => RoutingSet(Token<InvestigatingBody>(m, "b"), m.Groups["c"].Success ? G(m, "c") : null, G(m, "r"))),
        (CaseEventKind.SubjectAdded, R($@"Subject added: (?<p>{string.Join("|", Enum.GetValues<PersonnelCategory>().Select(p => Regex.Escape(p.Token())))})(?:, (?<n>[A-Z]{{3}}))? \((?<i>identified|not yet identified)\)\."),
            m => SubjectAdded(Enum.GetValues<PersonnelCategory>().First(p => p.Token() == G(m, "p")), m.Groups["n"].Success ? G(m, "n") : null, G(m, "i") == "identified")),
        (CaseEventKind.VictimAdded, R($@"Victim recorded: (?<n>\d{{1,6}}) × (?<a>{Tokens<AgeGroup>()}), (?<s>{Tokens<Sex>()})(?<x>, identity held sealed)?\."),
            m => VictimAdded(int.Parse(G(m, "n"), CultureInfo.InvariantCulture), Token<AgeGroup>(m, "a"), Token<Sex>(m, "s"), m.Groups["x"].Success)),
        (CaseEventKind.NoteVerbale, R($@"Note verbale (?<d>sent|received) \((?<k>{Tokens<NoteKind>()})\) (?<c>[A-Z]{{3}}), (?<t>{DayPattern})\."),
            m => NoteVerbale(G(m, "d") == "sent" ? NoteDirection.Sent : NoteDirection.Received, Token<NoteKind>(m, "k"), G(m, "c"), Day(m, "t"))),
        (CaseEventKind.FindingRecorded, R($@"Finding: (?<o>{Tokens<FindingOutcome>()}) \((?<b>{Tokens<InvestigatingBody>()})\)\."), m => Finding(Token<FindingOutcome>(m, "o"), Token<InvestigatingBody>(m, "b"))),
        (CaseEventKind.FindingRecorded, R($@"Change of finding to (?<o>{Tokens<FindingOutcome>()}) approved\."), m => FindingChangeApproved(Token<FindingOutcome>(m, "o"))),
        (CaseEventKind.FindingChangeRequested, R($@"Change of finding to (?<o>{Tokens<FindingOutcome>()}) requested; a conduct chief must approve\."), m => FindingChangeRequested(Token<FindingOutcome>(m, "o"))),
        (CaseEventKind.ActionRecorded, R($@"Action: (?<k>{Tokens<ActionKind>()}) by (?<b>{Tokens<ActionTaker>()}), (?<d>{DayPattern})\."), m => ActionTaken(Token<ActionKind>(m, "k"), Token<ActionTaker>(m, "b"), Day(m, "d"))),
        (CaseEventKind.WaiverRequested, R($@"Waiver of (?<i>{Tokens<ImmunityKind>()}) immunity requested\."), m => WaiverRequested(Token<ImmunityKind>(m, "i"))),
        (CaseEventKind.WaiverDecided, R(@"Immunity (?<n>not )?waived by (?<b>.*)\."), m => WaiverDecided(!m.Groups["n"].Success, G(m, "b"))),
        (CaseEventKind.ClosureRequested, R($@"Closure requested \((?<c>{Reasons})\): (?<j>.*)"), m => ClosureRequested(Token<ClosureReason>(m, "c"), G(m, "j"))),
        (CaseEventKind.ClosureDecided, R($@"Closure approved: (?<s>{Stages}) → closed \((?<c>{Reasons})\)\.(?: (?<n>.*))?"),
            m => ClosureApproved(Token<CaseStatus>(m, "s"), Token<ClosureReason>(m, "c"), m.Groups["n"].Success ? G(m, "n") : null)),
        (CaseEventKind.ClosureDecided, R(@"Closure refused\.(?: (?<n>.*))?"), m => ClosureRefused(m.Groups["n"].Success ? G(m, "n") : null)),
        (CaseEventKind.Recusal, R(@"(?<u>.+?) kept off the case: (?<r>.*)\."), m => Recused(G(m, "u"), Words.FromText(G(m, "r")))),
        (CaseEventKind.Assigned, R(@"(?<u>.+) assigned as (?<r>investigator|victims' rights advocate|conduct officer)\."),
            m => Assigned(G(m, "u"), G(m, "r") switch { "investigator" => Access.Roles.Investigator, "conduct officer" => Access.Roles.ConductOfficer, _ => Access.Roles.VictimsAdvocate })),
        (CaseEventKind.Unassigned, R(@"(?<u>.+?) taken off the case: (?<r>.*)"), m => Unassigned(G(m, "u"), G(m, "r"))),
        (CaseEventKind.EvidenceAdded, R(@"Evidence added: (?<d>.*) \(SHA-256 (?<h>[0-9a-fA-F]{12})…\)\."), m => EvidenceAdded(G(m, "d"), G(m, "h"))),
        (CaseEventKind.AssistanceRecorded, R(@"Victim assistance recorded\."), _ => AssistanceRecorded()),
        (CaseEventKind.DeadlineEscalated, R(@"Deadline missed and escalated to the conduct chief and headquarters: (?<c>[A-Z]{3})'s answer on a National Investigation Officer\."),
            m => DeadlineEscalated(DeadlineService.Describe(new CaseDeadline { Kind = DeadlineKind.NioAnswer, Country = G(m, "c") }))),
        (CaseEventKind.DeadlineEscalated, R(@"Deadline missed and escalated to the conduct chief and headquarters: (?<c>[A-Z]{3})'s report on the outcome\."),
            m => DeadlineEscalated(DeadlineService.Describe(new CaseDeadline { Kind = DeadlineKind.OutcomeReport, Country = G(m, "c") }))),
        (CaseEventKind.DeadlineEscalated, R(@"Deadline missed and escalated to the conduct chief and headquarters: conclusion of the investigation\."),
            _ => DeadlineEscalated(DeadlineService.Describe(new CaseDeadline { Kind = DeadlineKind.InvestigationCompletion }))),
        (CaseEventKind.ReportLinked, R(@"Report (?<r>\S+) linked: (?<w>.*)"), m => ReportLinked(G(m, "r"), G(m, "w"))),
        (CaseEventKind.Opened, R($@"Opened from report (?<r>\S+): (?<c>{Tokens<AllegationCategory>()}), (?<t>{Tokens<AllegationType>()})\. (?<w>.*)"),
            m => OpenedFromReport(G(m, "r"), Token<AllegationCategory>(m, "c"), Token<AllegationType>(m, "t"), G(m, "w"))),
    ];
}
