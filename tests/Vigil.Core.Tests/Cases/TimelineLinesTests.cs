using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Cases;

/// <summary>
/// The timeline's lines: their English text is the line as the API always gave it (wire tokens), and a line written before
/// messages were kept is read back from its text into the same message, or not at all.
/// </summary>
public sealed class TimelineLinesTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    /// <summary>Every form the app writes, with the text it wrote before lines were kept as messages.</summary>
    public static TheoryData<CaseEventKind, string, string> Lines() => new()
    {
        { CaseEventKind.Transition, nameof(TimelineLines.Moved), "under-assessment → referred-for-investigation: Credible; refer it: OIOS → now." },
        { CaseEventKind.ClosureLapsed, nameof(TimelineLines.ClosureLapsed), "Closure request (not-credible) lapsed: the case moved to under-investigation." },
        { CaseEventKind.DeadlineSet, nameof(TimelineLines.InvestigationDue), "Investigation to be concluded by 2026-03-02." },
        { CaseEventKind.DeadlineSet, nameof(TimelineLines.NioAnswerDue), "RWA to answer on an NIO by 2026-03-02 (10 working days)." },
        { CaseEventKind.RoutingSet, nameof(TimelineLines.RoutingSuggested), "Routing suggested: troop-contributing-country RWA. Military contingent members are under the exclusive jurisdiction of their country: notify its permanent mission and request an NIO; the UN may investigate if it declines." },
        { CaseEventKind.RoutingSet, nameof(TimelineLines.RoutingSuggested), "Routing suggested: oios. All sexual exploitation and abuse by non-contingent personnel is investigated by OIOS." },
        { CaseEventKind.RoutingSet, nameof(TimelineLines.RoutingSet), "Routing set to oios: the country declined." },
        { CaseEventKind.SubjectAdded, nameof(TimelineLines.SubjectAdded), "Subject added: military-contingent, RWA (identified)." },
        { CaseEventKind.SubjectAdded, nameof(TimelineLines.SubjectAdded), "Subject added: contractor (not yet identified)." },
        { CaseEventKind.VictimAdded, nameof(TimelineLines.VictimAdded), "Victim recorded: 2 × child, female, identity held sealed." },
        { CaseEventKind.NoteVerbale, nameof(TimelineLines.NoteVerbale), "Note verbale sent (nio-request) RWA, 2026-03-02." },
        { CaseEventKind.FindingRecorded, nameof(TimelineLines.Finding), "Finding: substantiated (troop-contributing-country)." },
        { CaseEventKind.FindingRecorded, nameof(TimelineLines.FindingChangeApproved), "Change of finding to not-substantiated approved." },
        { CaseEventKind.FindingChangeRequested, nameof(TimelineLines.FindingChangeRequested), "Change of finding to insufficient-evidence requested; a conduct chief must approve." },
        { CaseEventKind.ActionRecorded, nameof(TimelineLines.ActionTaken), "Action: repatriation-with-ban by member-state, 2026-03-02." },
        { CaseEventKind.WaiverRequested, nameof(TimelineLines.WaiverRequested), "Waiver of functional-expert-on-mission immunity requested." },
        { CaseEventKind.WaiverDecided, nameof(TimelineLines.WaiverDecided), "Immunity not waived by Legal Officer." },
        { CaseEventKind.ClosureRequested, nameof(TimelineLines.ClosureRequested), "Closure requested (duplicate): same incident as C-2026-0001." },
        { CaseEventKind.ClosureDecided, nameof(TimelineLines.ClosureApproved), "Closure approved: findings-issued → closed (not-substantiated)." },
        { CaseEventKind.ClosureDecided, nameof(TimelineLines.ClosureApproved), "Closure approved: actions → closed (actions-completed). Both repatriated." },
        { CaseEventKind.ClosureDecided, nameof(TimelineLines.ClosureRefused), "Closure refused." },
        { CaseEventKind.ClosureDecided, nameof(TimelineLines.ClosureRefused), "Closure refused. Wait for the country's answer." },
        { CaseEventKind.Recusal, nameof(TimelineLines.Recused), "Demo Investigator kept off the case: shares the nationality (RWA) of a subject." },
        { CaseEventKind.Assigned, nameof(TimelineLines.Assigned), "Demo Advocate assigned as victims' rights advocate." },
        { CaseEventKind.Unassigned, nameof(TimelineLines.Unassigned), "Demo Investigator taken off the case: on leave: another takes over." },
        { CaseEventKind.EvidenceAdded, nameof(TimelineLines.EvidenceAdded), "Evidence added: photo of the gate (SHA-256 0123456789ab…)." },
        { CaseEventKind.AssistanceRecorded, nameof(TimelineLines.AssistanceRecorded), "Victim assistance recorded." },
        { CaseEventKind.DeadlineEscalated, nameof(TimelineLines.DeadlineEscalated), "Deadline missed and escalated to the conduct chief and headquarters: RWA's answer on a National Investigation Officer." },
        { CaseEventKind.DeadlineEscalated, nameof(TimelineLines.DeadlineEscalated), "Deadline missed and escalated to the conduct chief and headquarters: conclusion of the investigation." },
        { CaseEventKind.ReportLinked, nameof(TimelineLines.ReportLinked), "Report R-2026-0007 linked: same site and night." },
        { CaseEventKind.Opened, nameof(TimelineLines.OpenedFromReport), "Opened from report R-2026-0007: sexual-abuse, sexual-activity-with-minor. Credible account." },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Read_AnOldLinesText_GivesTheMessageThatWritesItAgain_WithItsLabelledValuesAsTerms(CaseEventKind kind, string form, string text)
    {
        var line = TimelineLines.Read(kind, text);
        Assert.NotNull(line);
        Assert.Equal(text, line.ToString());
        // The message is the one the app writes now (the same format, so the same page wording) and survives storage.
        Assert.Equal(line.Format, Written(form, line).Format);
        Assert.Equal(text, WordsJson.Read(WordsJson.Write(line))!.ToString());
        Assert.Equal(line.Format, WordsJson.Read(WordsJson.Write(line))!.Format);
    }

    [Fact]
    public void Moved_KeepsTheApisText_WithTheStagesAsTermsLabelledLikeTheCaseList()
    {
        var line = TimelineLines.Moved(CaseStatus.UnderAssessment, CaseStatus.ReferredForInvestigation, "Credible.");
        Assert.Equal("under-assessment → referred-for-investigation: Credible.", line.ToString());
        Assert.Equal("{0} → {1}: {2}", line.Format);
        Assert.Equal(new object?[] { new Term("stage:UnderAssessment", "under-assessment"), new Term("stage:ReferredForInvestigation", "referred-for-investigation"), "Credible." }, line.Values);
    }

    [Theory]
    [InlineData(CaseEventKind.Transition, "under-assessment -> referred-for-investigation: an arrow no form writes.")]
    [InlineData(CaseEventKind.Transition, "under-assessment → somewhere-else: a stage no case has.")]
    [InlineData(CaseEventKind.FindingRecorded, "under-assessment → referred-for-investigation: the wrong kind.")]
    [InlineData(CaseEventKind.BreakGlassGranted, "Break-glass 3 approved: case override for Demo Chief until 2026-03-03.")]
    [InlineData(CaseEventKind.DeadlineSet, "Investigation to be concluded by 2026-02-30.")]
    [InlineData(CaseEventKind.ActionRecorded, "[removed under the retention policy]")]
    [InlineData(CaseEventKind.Opened, "")]
    public void Read_ATextNoFormWrites_IsNoMessage_SoThePageShowsTheTextAsItIs(CaseEventKind kind, string text) =>
        Assert.Null(TimelineLines.Read(kind, text));

    [Fact]
    public void Written_Lines_AreReadBackFromTheirText()
    {
        Words[] written =
        [
            TimelineLines.Moved(CaseStatus.Actions, CaseStatus.Closed, "x → y: z"),
            TimelineLines.ClosureApproved(CaseStatus.Actions, ClosureReason.ActionsCompleted, "  spaced note  "),
            TimelineLines.SubjectAdded(PersonnelCategory.IndividualPolice, null, true),
            TimelineLines.VictimAdded(12, AgeGroup.Unknown, Sex.Unknown, false),
            TimelineLines.Assigned("Chief of Conduct", Roles.Investigator),
            TimelineLines.WaiverDecided(true, null),
            TimelineLines.OpenedFromReport("R-1", AllegationCategory.OtherMisconduct, AllegationType.Other, null),
        ];
        CaseEventKind[] kinds = [CaseEventKind.Transition, CaseEventKind.ClosureDecided, CaseEventKind.SubjectAdded, CaseEventKind.VictimAdded, CaseEventKind.Assigned, CaseEventKind.WaiverDecided, CaseEventKind.Opened];
        foreach (var (line, kind) in written.Zip(kinds))
        {
            var read = TimelineLines.Read(kind, line.ToString());
            Assert.True(read is not null, line.ToString());
            Assert.Equal((line.Format, line.ToString()), (read.Format, read.ToString()));
        }
    }

    /// <summary>The line the app writes now with the values read back (the factory <paramref name="form"/> names).</summary>
    private static Words Written(string form, Words read)
    {
        var v = read.Values;
        T Enum<T>(int i) where T : struct, System.Enum => System.Enum.GetValues<T>().Single(e => EnumTokens.Wire(e) == ((Term)v[i]!).Text);
        return form switch
        {
            nameof(TimelineLines.Moved) => TimelineLines.Moved(Enum<CaseStatus>(0), Enum<CaseStatus>(1), (string)v[2]!),
            nameof(TimelineLines.ClosureLapsed) => TimelineLines.ClosureLapsed(Enum<ClosureReason>(0), Enum<CaseStatus>(1)),
            nameof(TimelineLines.InvestigationDue) => TimelineLines.InvestigationDue(Day),
            nameof(TimelineLines.NioAnswerDue) => TimelineLines.NioAnswerDue("RWA", Day, 10),
            nameof(TimelineLines.RoutingSuggested) => TimelineLines.RoutingSuggested(Enum<InvestigatingBody>(0), v.Count == 3 ? (string)v[1]! : null, "why"),
            nameof(TimelineLines.RoutingSet) => TimelineLines.RoutingSet(Enum<InvestigatingBody>(0), null, "why"),
            nameof(TimelineLines.SubjectAdded) => TimelineLines.SubjectAdded(PersonnelCategory.Contractor, v.Count == 2 ? "RWA" : null, read.Format.Contains("(identified)", StringComparison.Ordinal)),
            nameof(TimelineLines.VictimAdded) => TimelineLines.VictimAdded(2, AgeGroup.Child, Sex.Female, read.Format.Contains("sealed", StringComparison.Ordinal)),
            nameof(TimelineLines.NoteVerbale) => TimelineLines.NoteVerbale(NoteDirection.Sent, NoteKind.NioRequest, "RWA", Day),
            nameof(TimelineLines.Finding) => TimelineLines.Finding(FindingOutcome.Substantiated, InvestigatingBody.Oios),
            nameof(TimelineLines.FindingChangeApproved) => TimelineLines.FindingChangeApproved(FindingOutcome.Substantiated),
            nameof(TimelineLines.FindingChangeRequested) => TimelineLines.FindingChangeRequested(FindingOutcome.Substantiated),
            nameof(TimelineLines.ActionTaken) => TimelineLines.ActionTaken(ActionKind.Fine, ActionTaker.UnitedNations, Day),
            nameof(TimelineLines.WaiverRequested) => TimelineLines.WaiverRequested(ImmunityKind.OfficialActs),
            nameof(TimelineLines.WaiverDecided) => TimelineLines.WaiverDecided(!read.Format.Contains("not", StringComparison.Ordinal), "x"),
            nameof(TimelineLines.ClosureRequested) => TimelineLines.ClosureRequested(ClosureReason.Duplicate, "x"),
            nameof(TimelineLines.ClosureApproved) => TimelineLines.ClosureApproved(CaseStatus.Actions, ClosureReason.Duplicate, v.Count == 4 ? "x" : null),
            nameof(TimelineLines.ClosureRefused) => TimelineLines.ClosureRefused(v.Count == 1 ? "x" : null),
            nameof(TimelineLines.Recused) => TimelineLines.Recused("x", "y"),
            nameof(TimelineLines.Assigned) => TimelineLines.Assigned("x", Roles.Investigator),
            nameof(TimelineLines.Unassigned) => TimelineLines.Unassigned("x", "y"),
            nameof(TimelineLines.EvidenceAdded) => TimelineLines.EvidenceAdded("x", "0123456789ab"),
            nameof(TimelineLines.AssistanceRecorded) => TimelineLines.AssistanceRecorded(),
            nameof(TimelineLines.DeadlineEscalated) => TimelineLines.DeadlineEscalated("x"),
            nameof(TimelineLines.ReportLinked) => TimelineLines.ReportLinked("R-1", "x"),
            nameof(TimelineLines.OpenedFromReport) => TimelineLines.OpenedFromReport("R-1", AllegationCategory.SexualAbuse, AllegationType.Rape, "x"),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        };
    }
}
