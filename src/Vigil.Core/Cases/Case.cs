using Vigil.Core.Personnel;
using Vigil.Core.Reference;

namespace Vigil.Core.Cases;

public enum AllegationCategory
{
    SexualExploitation,
    SexualAbuse,
    OtherMisconduct,
}

/// <summary>Types used in published SEA data (ST/SGB/2003/13), plus other.</summary>
public enum AllegationType
{
    TransactionalSex,
    SolicitationOfTransactionalSex,
    ExploitativeRelationship,
    Rape,
    SexualAssault,
    SexualActivityWithMinor,
    Other,
}

/// <summary>For other misconduct: serious misconduct or misconduct (the 2021 levels).</summary>
public enum MisconductLevel
{
    SeriousMisconduct,
    Misconduct,
}

public enum CaseStatus
{
    Received,
    UnderAssessment,
    ReferredForInvestigation,
    UnderInvestigation,
    FindingsIssued,
    Actions,
    Closed,
}

/// <summary>
/// A case: one incident, one or more allegations, followed to an outcome. This is the part the
/// intake needs (opening and linking); the workflow, subjects and victims come with the cases feature.
/// </summary>
public sealed class Case
{
    public const string RoutingReasonPurpose = "case.routing.reason";

    public int Id { get; set; }

    /// <summary>e.g. CASE-2026-00042; unique.</summary>
    public required string Reference { get; set; }

    public int MissionId { get; set; }
    public Mission? Mission { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedByUserId { get; set; }

    /// <summary>Who investigates; suggested from the subjects' categories, overridable with a reason.</summary>
    public InvestigatingBody? Body { get; set; }

    /// <summary>For a troop-contributing country: which one (ISO alpha-3).</summary>
    public string? Country { get; set; }
    /// <summary>Sealed reason for overriding the suggested routing (staff free text).</summary>
    public byte[]? RoutingOverrideReasonSealed { get; set; }

    /// <summary>Any allegation involves a child victim: drives urgency and publication counts.</summary>
    public bool ChildVictim { get; set; }

    /// <summary>Sexual exploitation or abuse (not other misconduct): the 90-day clock applies.</summary>
    public bool IsSea { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public ClosureReason? ClosureReason { get; set; }

    public List<Allegation> Allegations { get; set; } = [];
    public List<CaseSubject> Subjects { get; set; } = [];
    public List<CaseVictim> Victims { get; set; } = [];
    public List<CaseEvent> Events { get; set; } = [];
}

public sealed class Allegation
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public AllegationCategory Category { get; set; }
    public AllegationType Type { get; set; }
    public MisconductLevel? Level { get; set; }
    public PartialDate? IncidentDate { get; set; }
    public bool ChildVictim { get; set; }
}

public static class AllegationRules
{
    /// <summary>Which types belong to which category; other misconduct takes only <see cref="AllegationType.Other"/>.</summary>
    public static bool Fits(AllegationCategory category, AllegationType type) => category switch
    {
        AllegationCategory.SexualExploitation => type is AllegationType.TransactionalSex or AllegationType.SolicitationOfTransactionalSex
            or AllegationType.ExploitativeRelationship or AllegationType.Other,
        AllegationCategory.SexualAbuse => type is AllegationType.Rape or AllegationType.SexualAssault
            or AllegationType.SexualActivityWithMinor or AllegationType.Other,
        AllegationCategory.OtherMisconduct => type is AllegationType.Other,
    };
}
