using Vigil.Core.Cases;

namespace Vigil.Core.Tests.Cases;

public sealed class CaseWorkflowTests
{
    /// <summary>Every pair of states, with whether the move is allowed: the table is the specification.</summary>
    public static TheoryData<CaseStatus, CaseStatus, bool> AllPairs()
    {
        var allowed = new HashSet<(CaseStatus, CaseStatus)>
        {
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
        };
        var data = new TheoryData<CaseStatus, CaseStatus, bool>();
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var to in Enum.GetValues<CaseStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Allows_ExactlyTheTable(CaseStatus from, CaseStatus to, bool expected) => Assert.Equal(expected, CaseWorkflow.Allows(from, to));

    [Fact]
    public void EveryOpenStage_CanBeClosed_WithAtLeastOneReason_AndClosedCanBeReopened()
    {
        foreach (var status in Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed))
        {
            Assert.True(CaseWorkflow.Allows(status, CaseStatus.Closed), $"{status} can close");
            Assert.NotEmpty(CaseWorkflow.ClosureReasons(status));
        }
        Assert.Empty(CaseWorkflow.ClosureReasons(CaseStatus.Closed));
        Assert.Equal([CaseStatus.UnderAssessment], CaseWorkflow.NextFrom(CaseStatus.Closed));
    }

    [Theory]
    [InlineData(CaseStatus.FindingsIssued, ClosureReason.NotSubstantiated, true)]
    [InlineData(CaseStatus.FindingsIssued, ClosureReason.Duplicate, false)]
    [InlineData(CaseStatus.Actions, ClosureReason.ActionsCompleted, true)]
    [InlineData(CaseStatus.Received, ClosureReason.ActionsCompleted, false)]
    [InlineData(CaseStatus.UnderInvestigation, ClosureReason.SubjectSeparated, true)]
    [InlineData(CaseStatus.UnderAssessment, ClosureReason.NotCredible, true)]
    public void ClosureReasons_FitTheStage(CaseStatus stage, ClosureReason reason, bool fits) =>
        Assert.Equal(fits, CaseWorkflow.ClosureReasons(stage).Contains(reason));

    [Fact]
    public void EveryStage_HasANextStepInWords() =>
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.False(string.IsNullOrWhiteSpace(CaseWorkflow.NextStep(s))));

    [Fact]
    public void Counts_StatesAndTransitions()
    {
        Assert.Equal(7, Enum.GetValues<CaseStatus>().Length);
        Assert.Equal(12, CaseWorkflow.Transitions.Count);
    }
}
