using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Tests.Infrastructure;

/// <summary>
/// A small, synthetic world of two missions for scope tests: MINUSCA with a Rwandan and a
/// Pakistani contingent and one officer posted at Bangui; MONUSCO with a Rwandan contingent at Goma
/// and no officer anywhere. Each person's name is invented.
/// </summary>
public static class TwoMissions
{
    public static async Task SeedAsync(VigilDbContext db)
    {
        var today = new DateOnly(2026, 1, 1);
        var minusca = new Mission { Code = "MINUSCA", Name = "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic", HostCountry = "CAF", StartDate = new DateOnly(2014, 4, 10) };
        var monusco = new Mission { Code = "MONUSCO", Name = "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo", HostCountry = "COD", StartDate = new DateOnly(2010, 7, 1) };
        var bangui = new Site { Code = "MINUSCA-BGI", Mission = minusca, Name = "Bangui", Kind = SiteKind.MissionHeadquarters, Latitude = 4.3947, Longitude = 18.5582, Languages = ["fr", "sg"] };
        var bria = new Site { Code = "MINUSCA-BRI", Mission = minusca, Name = "Bria", Kind = SiteKind.TeamSite, Latitude = 6.5423, Longitude = 21.9863, Languages = ["fr", "sg"] };
        var goma = new Site { Code = "MONUSCO-GOM", Mission = monusco, Name = "Goma", Kind = SiteKind.SectorHeadquarters, Latitude = -1.6585, Longitude = 29.2205, Languages = ["fr", "sw"] };
        var rwaBangui = new Contingent { Code = "MINUSCA-BGI-RWA-1", Site = bangui, ContributingCountry = "RWA", Category = PersonnelCategory.MilitaryContingent, UnitName = "RWABATT 1", Strength = 750, From = today.AddYears(-1) };
        var pakBria = new Contingent { Code = "MINUSCA-BRI-PAK-1", Site = bria, ContributingCountry = "PAK", Category = PersonnelCategory.MilitaryContingent, UnitName = "PAKENGCOY", Strength = 300, From = today.AddYears(-1) };
        var rwaGoma = new Contingent { Code = "MONUSCO-GOM-RWA-1", Site = goma, ContributingCountry = "RWA", Category = PersonnelCategory.FormedPolice, UnitName = "RWAFPU 2", Strength = 140, From = today.AddYears(-1) };
        db.AddRange(minusca, monusco, bangui, bria, goma, rwaBangui, pakBria, rwaGoma);
        db.Personnel.AddRange(
            new Person { PersonNumber = "P-CAF-001", FullName = "Test Person Alpha", Nationality = "RWA", Category = PersonnelCategory.MilitaryContingent, Mission = minusca, Contingent = rwaBangui, DateOfBirth = new PartialDate(1990, 5), IdNumbers = ["RW-T-0001"] },
            new Person { PersonNumber = "P-CAF-002", FullName = "Test Person Bravo", Nationality = "PAK", Category = PersonnelCategory.MilitaryContingent, Mission = minusca, Contingent = pakBria },
            new Person { PersonNumber = "P-COD-001", FullName = "Test Person Charlie", Nationality = "RWA", Category = PersonnelCategory.FormedPolice, Mission = monusco, Contingent = rwaGoma },
            new Person { PersonNumber = "P-COD-002", FullName = "Test Person Delta", Nationality = "KEN", Category = PersonnelCategory.Civilian, Mission = monusco });
        var officer = new ConductOfficer { Code = "CDO-T001", FullName = "Test Officer One", Nationality = "GHA", Grade = "P-3", Languages = ["en", "fr"], Mission = minusca };
        officer.Postings.Add(new Posting { Site = bria, From = today.AddYears(-3), To = today.AddYears(-2) });
        officer.Postings.Add(new Posting { Site = bangui, From = today.AddYears(-2).AddDays(1) });
        db.ConductOfficers.Add(officer);
        await db.SaveChangesAsync();
    }
}
