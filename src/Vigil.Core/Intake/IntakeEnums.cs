using System.Text.Json.Serialization;
using Vigil.Core.Cases;

namespace Vigil.Core.Intake;

/// <summary>How a report reached the conduct team.</summary>
public enum Channel
{
    /// <summary>The public web page or API, anonymous.</summary>
    PublicPortal,
    Hotline,
    Email,
    ComplaintBox,
    InPerson,

    /// <summary>A community-based complaint mechanism focal point.</summary>
    [JsonStringEnumMemberName("cbcm")]
    CbcmFocalPoint,
    NgoReferral,
    UnEntityReferral,
    SelfReport,
    Media,
}

/// <summary>The reporter's relationship to what happened.</summary>
public enum ReporterRelationship
{
    Unknown,
    Victim,
    Witness,
    ThirdParty,
    FocalPoint,
}

/// <summary>Who was involved, in the words a community member would use.</summary>
public enum InvolvedCategory
{
    Unknown,
    Military,
    Police,
    Civilian,
    Other,
}

/// <summary>Where a report stands. Status words shown to the reporter are plain (see <see cref="ReportStatuses"/>).</summary>
public enum ReportStatus
{
    /// <summary>Received, not yet triaged by a conduct officer.</summary>
    Received,

    /// <summary>Linked to an existing case about the same incident.</summary>
    LinkedToCase,

    /// <summary>A new case was opened from it.</summary>
    CaseOpened,

    /// <summary>Closed without a case, with a reason.</summary>
    Closed,
}

public enum CloseReason
{
    NotMisconduct,

    /// <summary>Not about UN personnel: forwarded to the organisation concerned.</summary>
    NotUnPersonnel,
    InsufficientInformation,
}

public enum MessageSender
{
    Team,
    Reporter,
}

public static class ReportStatuses
{
    /// <summary>The status in the words of spec/http.md, for the reporter.</summary>
    public static string PublicWord(this ReportStatus status) => status switch
    {
        ReportStatus.Received => "received",
        ReportStatus.LinkedToCase or ReportStatus.CaseOpened => "preliminary assessment",
        ReportStatus.Closed => "closed",
    };

    /// <summary>
    /// A triaged report's status follows its case, in the published status words (DOMAIN.md): the reporter, often
    /// the victim, learns that an investigation runs and how it ended, never who or what else is on the case.
    /// </summary>
    public static string PublicWord(this CaseStatus status, bool substantiated, bool memberState = false) => status switch
    {
        CaseStatus.Received or CaseStatus.UnderAssessment => "preliminary assessment",
        // Investigated by the troop-contributing country, not the UN: the published word says so.
        CaseStatus.ReferredForInvestigation or CaseStatus.UnderInvestigation when memberState => "referred to member state",
        CaseStatus.ReferredForInvestigation or CaseStatus.UnderInvestigation => "under investigation",
        CaseStatus.FindingsIssued or CaseStatus.Actions => substantiated ? "substantiated" : "not substantiated",
        CaseStatus.Closed => "closed",
    };
}
