using Vigil.Core.Reference;

namespace Vigil.Core.Cases;

/// <summary>Who investigates.</summary>
public enum InvestigatingBody
{
    /// <summary>The troop-contributing country, through a National Investigation Officer.</summary>
    TroopContributingCountry,

    /// <summary>The Office of Internal Oversight Services: all SEA and serious misconduct by non-contingent personnel.</summary>
    Oios,

    /// <summary>The mission's Special Investigation Unit: lesser misconduct.</summary>
    SpecialInvestigationUnit,
}

/// <summary>The immunity that applies to a subject, by category.</summary>
public enum ImmunityKind
{
    /// <summary>No UN immunity: contingent members are under their country's exclusive jurisdiction; contractors are not UN officials.</summary>
    None,

    /// <summary>Experts on mission (UN police, military observers and staff officers): functional immunity the Secretary-General can waive.</summary>
    FunctionalExpertOnMission,

    /// <summary>Officials (civilian staff, volunteers): immunity for official acts, waivable.</summary>
    OfficialActs,
}

public sealed record RoutingSuggestion(InvestigatingBody Body, bool RequestNio, ImmunityKind Immunity, string Why);

/// <summary>
/// Jurisdiction by personnel category (model MOU 2007; ST/SGB/2003/13). The suggestion can be
/// overridden on the case with a reason, for example when a country declines to investigate.
/// </summary>
public static class Jurisdiction
{
    public static ImmunityKind ImmunityOf(PersonnelCategory category) => category switch
    {
        PersonnelCategory.MilitaryContingent => ImmunityKind.None,
        PersonnelCategory.FormedPolice or PersonnelCategory.IndividualPolice or PersonnelCategory.MilitaryExpert => ImmunityKind.FunctionalExpertOnMission,
        PersonnelCategory.Civilian or PersonnelCategory.Volunteer => ImmunityKind.OfficialActs,
        PersonnelCategory.Contractor => ImmunityKind.None,
    };

    public static RoutingSuggestion Suggest(PersonnelCategory? category, AllegationCategory allegation, MisconductLevel? level)
    {
        if (category == PersonnelCategory.MilitaryContingent)
        {
            return new(InvestigatingBody.TroopContributingCountry, RequestNio: true, ImmunityKind.None,
                "Military contingent members are under the exclusive jurisdiction of their country: notify its permanent mission and request an NIO; the UN may investigate if it declines.");
        }
        var immunity = category is { } c ? ImmunityOf(c) : ImmunityKind.None;
        var serious = allegation != AllegationCategory.OtherMisconduct || level == MisconductLevel.SeriousMisconduct;
        return serious
            ? new(InvestigatingBody.Oios, RequestNio: false, immunity,
                allegation == AllegationCategory.OtherMisconduct
                    ? "Serious misconduct by non-contingent personnel is investigated by OIOS."
                    : "All sexual exploitation and abuse by non-contingent personnel is investigated by OIOS.")
            : new(InvestigatingBody.SpecialInvestigationUnit, RequestNio: false, immunity,
                "Lesser misconduct is investigated by the mission's Special Investigation Unit.");
    }
}
