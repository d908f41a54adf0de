namespace Vigil.Core.Cases;

/// <summary>Why a case was closed. Which reasons fit which stage is in <see cref="CaseWorkflow"/>.</summary>
public enum ClosureReason
{
    Duplicate,
    NotMisconduct,
    NotUnPersonnel,
    InsufficientInformation,
    NotCredible,
    SubjectUnidentified,

    /// <summary>The subject left before the process ended; the registry keeps them as "pending".</summary>
    SubjectSeparated,
    InvestigationDiscontinued,
    NotSubstantiated,
    ActionsCompleted,
}

/// <summary>
/// The case state machine: an explicit transition table. Any move not in it is refused with a typed
/// error. Closing is always a request that a second person of the right role approves
/// (<see cref="ClosureRequest"/>); reopening takes a closed case back to assessment with a reason.
/// </summary>
public static class CaseWorkflow
{
    /// <summary>Every allowed move (from, to).</summary>
    public static IReadOnlyList<(CaseStatus From, CaseStatus To)> Transitions { get; } =
    [
        (CaseStatus.Received, CaseStatus.UnderAssessment),
        (CaseStatus.UnderAssessment, CaseStatus.ReferredForInvestigation),
        (CaseStatus.ReferredForInvestigation, CaseStatus.UnderInvestigation),
        (CaseStatus.UnderInvestigation, CaseStatus.FindingsIssued),
        (CaseStatus.FindingsIssued, CaseStatus.Actions),
        (CaseStatus.Received, CaseStatus.Closed),
        (CaseStatus.UnderAssessment, CaseStatus.Closed),
        (CaseStatus.ReferredForInvestigation, CaseStatus.Closed),
        (CaseStatus.UnderInvestigation, CaseStatus.Closed),
        (CaseStatus.FindingsIssued, CaseStatus.Closed),
        (CaseStatus.Actions, CaseStatus.Closed),
        (CaseStatus.Closed, CaseStatus.UnderAssessment),
    ];

    public static bool Allows(CaseStatus from, CaseStatus to) => Transitions.Contains((from, to));

    public static IEnumerable<CaseStatus> NextFrom(CaseStatus from) => Transitions.Where(t => t.From == from).Select(t => t.To);

    /// <summary>The closure reasons that make sense at each stage.</summary>
    public static IReadOnlyList<ClosureReason> ClosureReasons(CaseStatus from) => from switch
    {
        CaseStatus.Received => [ClosureReason.Duplicate, ClosureReason.NotMisconduct, ClosureReason.NotUnPersonnel],
        CaseStatus.UnderAssessment => [ClosureReason.Duplicate, ClosureReason.NotMisconduct, ClosureReason.NotUnPersonnel,
            ClosureReason.InsufficientInformation, ClosureReason.NotCredible, ClosureReason.SubjectUnidentified],
        CaseStatus.ReferredForInvestigation or CaseStatus.UnderInvestigation =>
            [ClosureReason.SubjectUnidentified, ClosureReason.SubjectSeparated, ClosureReason.InvestigationDiscontinued],
        CaseStatus.FindingsIssued => [ClosureReason.NotSubstantiated],
        CaseStatus.Actions => [ClosureReason.ActionsCompleted],
        CaseStatus.Closed => [],
    };

    /// <summary>What should happen next, in words, for the top of the case page.</summary>
    public static string NextStep(CaseStatus status) => status switch
    {
        CaseStatus.Received => "Start the assessment: is the allegation credible and about UN personnel?",
        CaseStatus.UnderAssessment => "Identify subjects, confirm jurisdiction and refer for investigation, or close with a reason.",
        CaseStatus.ReferredForInvestigation => "Obtain the investigating body's acceptance (for a contingent member: the country's answer on an NIO).",
        CaseStatus.UnderInvestigation => "Follow the investigation to its report; record findings per subject.",
        CaseStatus.FindingsIssued => "Record the actions taken for substantiated findings, or close as not substantiated.",
        CaseStatus.Actions => "Record the UN's and the member state's actions until all are complete, then request closure.",
        CaseStatus.Closed => "Closed. Reopen with a reason if new information arrives.",
    };
}
