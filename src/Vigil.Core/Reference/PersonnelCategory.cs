using Vigil.Core.Common;

namespace Vigil.Core.Reference;

/// <summary>
/// Category of UN personnel. It decides jurisdiction (a military contingent member answers to the
/// troop-contributing country) and immunity, so it is an enum that every switch must cover.
/// The kebab-case tokens are the ones used in files and on the API (see spec/screening.md).
/// </summary>
public enum PersonnelCategory
{
    MilitaryContingent,
    FormedPolice,
    IndividualPolice,
    MilitaryExpert,
    Civilian,
    Volunteer,
    Contractor,
}

public static class PersonnelCategories
{
    public static string Token(this PersonnelCategory category) => category switch
    {
        PersonnelCategory.MilitaryContingent => "military-contingent",
        PersonnelCategory.FormedPolice => "formed-police",
        PersonnelCategory.IndividualPolice => "individual-police",
        PersonnelCategory.MilitaryExpert => "military-expert",
        PersonnelCategory.Civilian => "civilian",
        PersonnelCategory.Volunteer => "volunteer",
        PersonnelCategory.Contractor => "contractor",
    };

    public static bool TryParse(string? token, out PersonnelCategory category) => EnumTokens.TryParse(token, Token, out category);

    /// <summary>Uniformed categories come in contingents or units deployed from a contributing country.</summary>
    public static bool IsUniformed(this PersonnelCategory category) => category switch
    {
        PersonnelCategory.MilitaryContingent or PersonnelCategory.FormedPolice
            or PersonnelCategory.IndividualPolice or PersonnelCategory.MilitaryExpert => true,
        PersonnelCategory.Civilian or PersonnelCategory.Volunteer or PersonnelCategory.Contractor => false,
    };

    public static string AllTokens => EnumTokens.All<PersonnelCategory>(Token);

    /// <summary>The categories for a refusal: the tokens in the API's English, on a page the labels its form shows (see <c>OfficialRoles.AllLabels</c>).</summary>
    public static Words AllLabels => Words.Join(", ", Enum.GetValues<PersonnelCategory>().Select(k => Words.FromFormat("{0}", [new Term(k.Token(), k.Token())])));
}
