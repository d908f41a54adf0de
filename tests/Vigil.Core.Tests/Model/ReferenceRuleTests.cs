using System.Security.Claims;
using Vigil.Core.Access;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Model;

public sealed class ReferenceRuleTests
{
    [Theory]
    [InlineData(PersonnelCategory.MilitaryContingent, "military-contingent", true)]
    [InlineData(PersonnelCategory.FormedPolice, "formed-police", true)]
    [InlineData(PersonnelCategory.IndividualPolice, "individual-police", true)]
    [InlineData(PersonnelCategory.MilitaryExpert, "military-expert", true)]
    [InlineData(PersonnelCategory.Civilian, "civilian", false)]
    [InlineData(PersonnelCategory.Volunteer, "volunteer", false)]
    [InlineData(PersonnelCategory.Contractor, "contractor", false)]
    public void PersonnelCategory_TokenRoundTrips_AndKnowsUniformed(PersonnelCategory category, string token, bool uniformed)
    {
        Assert.Equal(token, category.Token());
        Assert.True(PersonnelCategories.TryParse(token.ToUpperInvariant(), out var parsed));
        Assert.Equal(category, parsed);
        Assert.Equal(uniformed, category.IsUniformed());
    }

    [Fact]
    public void PersonnelCategory_EveryValueHasADistinctToken() =>
        Assert.Equal(Enum.GetValues<PersonnelCategory>().Length, Enum.GetValues<PersonnelCategory>().Select(c => c.Token()).Distinct().Count());

    [Fact]
    public void SiteKind_EveryValueHasADistinctToken_ThatRoundTrips()
    {
        foreach (var kind in Enum.GetValues<SiteKind>())
        {
            Assert.True(SiteKinds.TryParse(kind.Token(), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(Enum.GetValues<SiteKind>().Length, Enum.GetValues<SiteKind>().Select(k => k.Token()).Distinct().Count());
    }

    [Theory]
    [InlineData("CAF", true)]
    [InlineData("COD", true)]
    [InlineData("SSD", true)]
    [InlineData("caf", false)]
    [InlineData("XKX", false)]
    [InlineData("CA", false)]
    [InlineData(null, false)]
    public void Countries_KnowAssignedAlpha3Codes(string? code, bool known) => Assert.Equal(known, Countries.IsKnown(code));

    [Fact]
    public void Mission_IsActiveBetweenStartAndEndInclusive()
    {
        var mission = new Mission { Code = "MINUSMA", Name = "n", HostCountry = "MLI", StartDate = new DateOnly(2013, 4, 25), EndDate = new DateOnly(2023, 12, 31) };
        Assert.False(mission.IsActiveOn(new DateOnly(2013, 4, 24)));
        Assert.True(mission.IsActiveOn(new DateOnly(2013, 4, 25)));
        Assert.True(mission.IsActiveOn(new DateOnly(2023, 12, 31)));
        Assert.False(mission.IsActiveOn(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Contingent_IsDeployedFromStartWhileOpenEnded()
    {
        var contingent = new Contingent { Code = "c", ContributingCountry = "RWA", UnitName = "u", Strength = 10, From = new DateOnly(2025, 1, 1) };
        Assert.False(contingent.IsDeployedOn(new DateOnly(2024, 12, 31)));
        Assert.True(contingent.IsDeployedOn(new DateOnly(2030, 1, 1)));
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Host=db;Database=vigil;Username=app", DatabaseProvider.Postgres)]
    [InlineData("postgres://app:secret@db:5433/vigil", DatabaseProvider.Postgres)]
    [InlineData("postgresql://db/vigil", DatabaseProvider.Postgres)]
    [InlineData("Data Source=/tmp/x.db", DatabaseProvider.Sqlite)]
    [InlineData("other.db", DatabaseProvider.Sqlite)]
    public void Storage_ChoosesProviderFromSetting(string? setting, DatabaseProvider expected)
    {
        var settings = StorageSettings.Resolve(setting, Path.Combine(Path.GetTempPath(), "vigil-storage-test"));
        Assert.Equal(expected, settings.Provider);
    }

    [Fact]
    public void Storage_PostgresUri_BecomesConnectionString_AndDescriptionHidesPassword()
    {
        var settings = StorageSettings.Resolve("postgres://app:s3cret@db.example:5433/vigil", "/tmp");
        Assert.Contains("Port=5433", settings.ConnectionString);
        Assert.Contains("Database=vigil", settings.ConnectionString);
        Assert.DoesNotContain("s3cret", settings.Describe());
        Assert.Equal("PostgreSQL db.example:5433/vigil", settings.Describe());
    }

    [Fact]
    public void Storage_UnrecognisedSetting_IsRefusedWithExplanation()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageSettings.Resolve("mysql://x", "/tmp"));
        Assert.Contains("PostgreSQL", error.Message);
    }

    [Fact]
    public void CallerScope_ReadsRolesAndScopesFromClaims_AndIgnoresUnknownKinds()
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Role, Roles.MemberStateLiaison),
            new Claim(CallerScope.ScopeClaim, "country:RWA"),
            new Claim(CallerScope.ScopeClaim, "mission:MINUSCA"),
            new Claim(CallerScope.ScopeClaim, "planet:MARS"),
            new Claim(CallerScope.ScopeClaim, "malformed"),
        ], "test");
        var scope = CallerScope.From(new ClaimsPrincipal(identity));
        Assert.False(scope.Global);
        Assert.Equal(["RWA"], scope.Countries);
        Assert.Equal(["MINUSCA"], scope.Missions);
        Assert.True(scope.CanReadPersonnel);
    }

    [Fact]
    public void CallerScope_Anonymous_IsNobody()
    {
        var scope = CallerScope.From(new ClaimsPrincipal(new ClaimsIdentity()));
        Assert.Empty(scope.Roles);
        Assert.False(scope.CanReadPersonnel);
    }

    [Theory]
    [InlineData(Roles.ConductOfficer, true)]
    [InlineData(Roles.ConductChief, true)]
    [InlineData(Roles.ScreeningOfficer, true)]
    [InlineData(Roles.MemberStateLiaison, true)]
    [InlineData(Roles.Administrator, true)]
    [InlineData(Roles.Analyst, false)]
    [InlineData(Roles.Auditor, false)]
    [InlineData(Roles.Investigator, false)]
    [InlineData(Roles.VictimsAdvocate, false)]
    [InlineData(Roles.LegalOfficer, false)]
    public void PersonnelReaders_AreTheRolesThatScreenOrManagePersonnel(string role, bool reads) =>
        Assert.Equal(reads, Roles.PersonnelReaders.Contains(role));
}
