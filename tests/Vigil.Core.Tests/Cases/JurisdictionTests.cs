using Vigil.Core.Cases;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Cases;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData(PersonnelCategory.MilitaryContingent, AllegationCategory.SexualAbuse, null, InvestigatingBody.TroopContributingCountry, true, ImmunityKind.None)]
    [InlineData(PersonnelCategory.MilitaryContingent, AllegationCategory.OtherMisconduct, MisconductLevel.Misconduct, InvestigatingBody.TroopContributingCountry, true, ImmunityKind.None)]
    [InlineData(PersonnelCategory.FormedPolice, AllegationCategory.SexualExploitation, null, InvestigatingBody.Oios, false, ImmunityKind.FunctionalExpertOnMission)]
    [InlineData(PersonnelCategory.IndividualPolice, AllegationCategory.SexualAbuse, null, InvestigatingBody.Oios, false, ImmunityKind.FunctionalExpertOnMission)]
    [InlineData(PersonnelCategory.MilitaryExpert, AllegationCategory.SexualExploitation, null, InvestigatingBody.Oios, false, ImmunityKind.FunctionalExpertOnMission)]
    [InlineData(PersonnelCategory.Civilian, AllegationCategory.SexualExploitation, null, InvestigatingBody.Oios, false, ImmunityKind.OfficialActs)]
    [InlineData(PersonnelCategory.Volunteer, AllegationCategory.SexualAbuse, null, InvestigatingBody.Oios, false, ImmunityKind.OfficialActs)]
    [InlineData(PersonnelCategory.Contractor, AllegationCategory.SexualExploitation, null, InvestigatingBody.Oios, false, ImmunityKind.None)]
    [InlineData(PersonnelCategory.Civilian, AllegationCategory.OtherMisconduct, MisconductLevel.SeriousMisconduct, InvestigatingBody.Oios, false, ImmunityKind.OfficialActs)]
    [InlineData(PersonnelCategory.Civilian, AllegationCategory.OtherMisconduct, MisconductLevel.Misconduct, InvestigatingBody.SpecialInvestigationUnit, false, ImmunityKind.OfficialActs)]
    [InlineData(null, AllegationCategory.SexualAbuse, null, InvestigatingBody.Oios, false, ImmunityKind.None)]
    public void Suggest_RoutesByCategory(PersonnelCategory? category, AllegationCategory allegation, MisconductLevel? level,
        InvestigatingBody body, bool nio, ImmunityKind immunity)
    {
        var suggestion = Jurisdiction.Suggest(category, allegation, level);
        Assert.Equal(body, suggestion.Body);
        Assert.Equal(nio, suggestion.RequestNio);
        Assert.Equal(immunity, suggestion.Immunity);
        Assert.False(string.IsNullOrWhiteSpace(suggestion.Why));
    }

    [Fact]
    public void EveryCategory_HasAnImmunity() =>
        Assert.All(Enum.GetValues<PersonnelCategory>(), c => Assert.True(Enum.IsDefined(Jurisdiction.ImmunityOf(c))));
}
