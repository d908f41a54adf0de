using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Intake;
using Vigil.Core.Presence;
using Vigil.Core.Retention;

namespace Vigil.Core.Security;

/// <summary>A database column that holds values sealed by <see cref="FieldProtector"/>, with the purpose bound to them.</summary>
/// <param name="Entity">The EF entity type (its key must be an integer <c>Id</c>).</param>
/// <param name="Property">The byte[] property that holds the sealed value.</param>
/// <param name="Purpose">The associated data the value was sealed with.</param>
/// <param name="MaxBatch">Rows per batch at most during rotation: small for large values (evidence files).</param>
public sealed record SealedColumn(Type Entity, string Property, string Purpose, int MaxBatch = int.MaxValue);

/// <summary>
/// Every sealed column, for key rotation and the key status. A convention test checks that every
/// mapped property whose name ends in "Sealed" is listed here: a new sealed field must be added.
/// </summary>
public static class SealedColumns
{
    public static readonly IReadOnlyList<SealedColumn> All =
    [
        new(typeof(Report), nameof(Report.NarrativeSealed), Report.NarrativePurpose),
        new(typeof(Report), nameof(Report.LocationSealed), Report.LocationPurpose),
        new(typeof(Report), nameof(Report.ContactSealed), Report.ContactPurpose),
        new(typeof(ReportMessage), nameof(ReportMessage.TextSealed), ReportMessage.TextPurpose),
        new(typeof(IdempotencyRecord), nameof(IdempotencyRecord.ReceiptSealed), IdempotencyRecord.ReceiptPurpose),
        new(typeof(CaseVictim), nameof(CaseVictim.IdentitySealed), CaseVictim.IdentityPurpose),
        new(typeof(EvidenceItem), nameof(EvidenceItem.NameSealed), EvidenceItem.NamePurpose),
        new(typeof(EvidenceBlob), nameof(EvidenceBlob.Sealed), EvidenceItem.ContentPurpose, MaxBatch: 8),
        new(typeof(AssistanceReferral), nameof(AssistanceReferral.NoteSealed), AssistanceReferral.NotePurpose),
        new(typeof(OfficialEvaluation), nameof(OfficialEvaluation.FindingsSealed), Evaluations.FindingsPurpose),
        new(typeof(OfficialEvaluation), nameof(OfficialEvaluation.RecommendationsSealed), Evaluations.RecommendationsPurpose),

        // Staff free text on cases and reports: guidance says "no names", but nothing can enforce it.
        new(typeof(ReportDecision), nameof(ReportDecision.ReasonSealed), ReportDecision.ReasonPurpose),
        new(typeof(Case), nameof(Case.RoutingOverrideReasonSealed), Case.RoutingReasonPurpose),
        new(typeof(CaseSubject), nameof(CaseSubject.DescriptionSealed), CaseSubject.DescriptionPurpose),
        new(typeof(CaseAction), nameof(CaseAction.NoteSealed), CaseAction.NotePurpose),
        new(typeof(ImmunityWaiver), nameof(ImmunityWaiver.JustificationSealed), ImmunityWaiver.JustificationPurpose),
        new(typeof(NoteVerbale), nameof(NoteVerbale.SummarySealed), NoteVerbale.SummaryPurpose),
        new(typeof(ClosureRequest), nameof(ClosureRequest.JustificationSealed), ClosureRequest.JustificationPurpose),
        new(typeof(CaseEvent), nameof(CaseEvent.TextSealed), CaseEvent.TextPurpose),
        new(typeof(CaseEvent), nameof(CaseEvent.LineSealed), CaseEvent.LinePurpose),
        new(typeof(EvidenceItem), nameof(EvidenceItem.DescriptionSealed), EvidenceItem.DescriptionPurpose),
        new(typeof(CustodyEntry), nameof(CustodyEntry.NoteSealed), CustodyEntry.NotePurpose),
        new(typeof(LegalHold), nameof(LegalHold.ReasonSealed), LegalHold.ReasonPurpose),
        new(typeof(LegalHold), nameof(LegalHold.ReleaseReasonSealed), LegalHold.ReleaseReasonPurpose),
        // Break-glass requests: a justification to unmask a victim tends to name the victim.
        new(typeof(Governance.BreakGlassRequest), nameof(Governance.BreakGlassRequest.JustificationSealed), Governance.BreakGlassRequest.JustificationPurpose),
        new(typeof(Governance.BreakGlassRequest), nameof(Governance.BreakGlassRequest.DecisionNoteSealed), Governance.BreakGlassRequest.DecisionNotePurpose),
        new(typeof(Governance.BreakGlassRequest), nameof(Governance.BreakGlassRequest.ReviewNoteSealed), Governance.BreakGlassRequest.ReviewNotePurpose),
        // Screening decisions: the note that settles "same person or not" often names the person.
        new(typeof(Screening.ScreeningMatch), nameof(Screening.ScreeningMatch.DecisionNoteSealed), Screening.ScreeningMatch.DecisionNotePurpose),
        // A registry record's withdrawal: the officer's reason may name the person.
        new(typeof(Screening.RegistryRecord), nameof(Screening.RegistryRecord.WithdrawalReasonSealed), Screening.RegistryRecord.WithdrawalReasonPurpose),
        // A roster's file name is the uploader's free text ("replacements-capt-….csv").
        new(typeof(Screening.ScreeningRun), nameof(Screening.ScreeningRun.LabelSealed), Screening.ScreeningRun.LabelPurpose),
        // An API answer kept for a retry (24 hours) may hold anything the answer held.
        new(typeof(Replay.ApiReplay), nameof(Replay.ApiReplay.BodySealed), Replay.ApiReplay.BodyPurpose),
    ];

    /// <summary>
    /// Identity's token rows (AspNetUserTokens) whose value is a sealed value in base64: not a "…Sealed"
    /// column, so listed by hand. The TOTP secret is the one today.
    /// </summary>
    public static readonly IReadOnlyList<SealedToken> Tokens =
    [
        new(TotpTokenProvider.LoginProvider, TotpTokenProvider.SecretToken, TotpTokenProvider.Purpose),
    ];
}

/// <summary>An Identity user token (login provider and name) whose value is base64 of a <see cref="FieldProtector"/> seal.</summary>
public sealed record SealedToken(string LoginProvider, string Name, string Purpose)
{
    public string Describe => $"AspNetUserTokens {LoginProvider} {Name}";
}
