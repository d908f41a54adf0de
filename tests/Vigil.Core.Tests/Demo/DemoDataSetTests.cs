using Vigil.Core.Demo;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Demo;

public sealed class DemoDataSetTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>Rough bounding boxes (south, north, west, east) of the host countries, from public maps.</summary>
    private static readonly Dictionary<string, (double South, double North, double West, double East)> HostBoxes = new()
    {
        ["CAF"] = (2.2, 11.1, 14.4, 27.5),
        ["COD"] = (-13.5, 5.4, 12.2, 31.4),
        ["SSD"] = (3.4, 12.3, 23.4, 36.0),
        ["LBN"] = (33.0, 34.7, 35.1, 36.7),
        ["SDN"] = (8.6, 22.3, 21.8, 38.7),
        ["ESH"] = (20.7, 27.7, -17.2, -8.6),
        ["CYP"] = (34.5, 35.8, 32.2, 34.7),
        ["SYR"] = (32.3, 37.4, 35.7, 42.4),
        ["MLI"] = (10.1, 25.1, -12.3, 4.3),
    };

    [Fact]
    public void Build_SameSeed_GivesIdenticalData()
    {
        var first = DemoDataSet.Build(Today, 7);
        var second = DemoDataSet.Build(Today, 7);

        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Build_DifferentSeed_GivesDifferentNames()
    {
        var first = DemoDataSet.Build(Today, 1);
        var second = DemoDataSet.Build(Today, 2);

        Assert.NotEqual(first.Personnel.Select(p => p.FullName), second.Personnel.Select(p => p.FullName));
        Assert.NotEqual(first.Officers.Select(o => o.FullName), second.Officers.Select(o => o.FullName));
        // The geography is the same whatever the seed.
        Assert.Equal(first.Sites.Select(s => s.Code), second.Sites.Select(s => s.Code));
    }

    [Fact]
    public void Build_DefaultSeed_MeetsMinimums()
    {
        var data = DemoDataSet.Build(Today);

        Assert.Equal(DemoDataSet.DefaultSeed, data.Seed);
        Assert.True(data.Missions.Count >= 8, $"{data.Missions.Count} missions");
        Assert.True(data.Sites.Count >= 150, $"{data.Sites.Count} sites");
        Assert.True(data.Officers.Count >= 60, $"{data.Officers.Count} officers");
        Assert.True(data.Personnel.Count >= 3000, $"{data.Personnel.Count} personnel");
        Assert.True(data.Personnel.Count(p => p.Contingent is null) >= 100, "civilians, volunteers and contractors");
    }

    [Fact]
    public void Build_EveryMission_HasOneHeadquartersAndRealisticSites()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Missions, m =>
        {
            Assert.Single(m.Sites, s => s.Kind == SiteKind.MissionHeadquarters);
            Assert.True(m.Sites.Count >= 10, $"{m.Code} has {m.Sites.Count} sites");
            Assert.All(m.Sites, s => Assert.StartsWith(m.Code + "-", s.Code, StringComparison.Ordinal));
            Assert.All(m.Sites, s => Assert.NotEmpty(s.Languages));
        });
        Assert.Contains(data.Missions, m => m.Code == "MINUSCA" && m.HostCountry == "CAF" && m.StartDate == new DateOnly(2014, 4, 10));
        Assert.Contains(data.Sites, s => s.Code == "MINUSCA-BGI" && s.Name == "Bangui" && s.Kind == SiteKind.MissionHeadquarters);
        Assert.Contains(data.Missions, m => m.Code == "MINUSMA" && m.EndDate == new DateOnly(2023, 12, 31));
    }

    [Fact]
    public void Build_AllCodesAreUnique()
    {
        var data = DemoDataSet.Build(Today);

        AssertUnique(data.Missions.Select(m => m.Code));
        AssertUnique(data.Sites.Select(s => s.Code));
        AssertUnique(data.Contingents.Select(c => c.Code));
        AssertUnique(data.Personnel.Select(p => p.PersonNumber));
        AssertUnique(data.Officers.Select(o => o.Code));
        AssertUnique(data.Personnel.SelectMany(p => p.IdNumbers));
        Assert.All(data.Missions, m => AssertUnique(m.Sites.Select(s => s.Name)));
        Assert.Equal("P-000001", data.Personnel[0].PersonNumber);
        Assert.Equal("CDO-0001", data.Officers[0].Code);
    }

    [Fact]
    public void Build_AllCountryCodesAreKnown()
    {
        var data = DemoDataSet.Build(Today);

        var codes = data.Missions.Select(m => m.HostCountry)
            .Concat(data.Contingents.Select(c => c.ContributingCountry))
            .Concat(data.Personnel.Select(p => p.Nationality))
            .Concat(data.Officers.Select(o => o.Nationality))
            .Distinct();
        Assert.All(codes, code => Assert.True(Countries.IsKnown(code), $"{code} is not an ISO 3166-1 alpha-3 code"));
    }

    [Fact]
    public void Build_SiteCoordinates_LieInsideTheHostCountry()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Sites, s =>
        {
            Assert.InRange(s.Latitude, -90, 90);
            Assert.InRange(s.Longitude, -180, 180);
            var box = HostBoxes[s.Mission!.HostCountry];
            Assert.True(s.Latitude >= box.South && s.Latitude <= box.North && s.Longitude >= box.West && s.Longitude <= box.East,
                $"{s.Code} ({s.Latitude}, {s.Longitude}) is outside {s.Mission.HostCountry}");
        });
    }

    [Fact]
    public void Build_Contingents_AreDeployedPlausibly()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Contingents, c =>
        {
            Assert.InRange(c.Strength, 30, 850);
            Assert.StartsWith($"{c.Site!.Code}-{c.ContributingCountry}-", c.Code, StringComparison.Ordinal);
            Assert.True(c.Category.IsUniformed(), c.Code);
            Assert.True(c.From >= c.Site.Mission!.StartDate, c.Code);
            Assert.True(c.To is null || c.To >= c.From, c.Code);
            Assert.True(c.From <= Today, c.Code);
            if (c.Site.Mission.EndDate is { } end)
            {
                Assert.True(c.To is not null && c.To <= end, $"{c.Code} outlives its mission");
            }
        });
        Assert.Contains(data.Contingents, c => c.Category == PersonnelCategory.FormedPolice);
        Assert.Contains(data.Contingents, c => c.Category == PersonnelCategory.MilitaryExpert);
        Assert.Contains(data.Contingents, c => c.Category == PersonnelCategory.IndividualPolice);
        Assert.True(data.Contingents.Select(c => c.ContributingCountry).Distinct().Count() >= 25);
    }

    [Fact]
    public void Build_Personnel_MatchTheirContingentAndAreOfServiceAge()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Personnel, p =>
        {
            Assert.NotNull(p.Mission);
            Assert.InRange(p.IdNumbers.Count, 1, 2);
            Assert.False(string.IsNullOrWhiteSpace(p.FullName));
            Assert.DoesNotContain(p.FullName, p.Aliases);
            if (p.Contingent is { } contingent)
            {
                Assert.Same(contingent.Site!.Mission, p.Mission);
                Assert.Equal(contingent.ContributingCountry, p.Nationality);
                Assert.Equal(contingent.Category, p.Category);
                Assert.Equal(contingent.UnitName, p.Unit);
            }
            else
            {
                Assert.False(p.Category.IsUniformed(), p.PersonNumber);
            }
            var dob = Assert.NotNull(p.DateOfBirth);
            Assert.InRange(Age(dob.Latest), 20, 58);
            Assert.InRange(Age(dob.Earliest), 20, 58);
        });
        Assert.Contains(data.Personnel, p => p.DateOfBirth!.Value.Month is null);
        Assert.Contains(data.Personnel, p => p.DateOfBirth!.Value is { Month: not null, Day: null });
        Assert.True(data.Personnel.Count(p => p.DateOfBirth!.Value.Day is not null) > data.Personnel.Count / 2);
        Assert.Contains(data.Personnel, p => p.Aliases.Count > 0);
        Assert.Contains(data.Personnel, p => p.Aliases.Any(a => a.Any(c => c is >= '\u0600' and <= '\u06FF')));
        Assert.Contains(data.Personnel, p => p.Category == PersonnelCategory.Civilian);
        Assert.Contains(data.Personnel, p => p.Category == PersonnelCategory.Volunteer);
        Assert.Contains(data.Personnel, p => p.Category == PersonnelCategory.Contractor);
    }

    [Fact]
    public void Build_NoGeneratedNameIsAFamousPersonsName()
    {
        var data = DemoDataSet.Build(Today);

        var names = data.Personnel.Select(p => p.FullName).Concat(data.Officers.Select(o => o.FullName));
        Assert.All(names, name => Assert.False(DemoNames.IsFamous(name), name));
    }

    [Fact]
    public void Build_NoOfficerIsPostedWhereTheirOwnCountryHasAUnit()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Postings, posting =>
        {
            var to = posting.To ?? Today;
            var clash = posting.Site!.Contingents.FirstOrDefault(c => c.ContributingCountry == posting.Officer!.Nationality
                && c.From <= to && (c.To is null || c.To >= posting.From));
            Assert.True(clash is null, $"{posting.Officer!.Code} at {posting.Site.Code} alongside {clash?.Code}");
        });
    }

    [Fact]
    public void Build_EveryOfficer_HasOneCurrentPostingAtASiteOfTheirMission()
    {
        var data = DemoDataSet.Build(Today);

        Assert.InRange(data.Officers.Count, 60, 200);
        Assert.All(data.Officers, officer =>
        {
            var current = Assert.Single(officer.Postings, p => p.IsCurrentOn(Today));
            Assert.Null(current.To);
            Assert.Same(officer.Mission, current.Site!.Mission);
            Assert.True(officer.Mission!.IsActiveOn(Today));
            Assert.InRange(officer.Postings.Count, 1, 4);
            Assert.NotEmpty(officer.Languages);
            Assert.Contains(officer.Grade, new[] { "P-2", "P-3", "P-4", "P-5", "NO-B", "NO-C", "FS-5" });
        });
        Assert.True(data.Officers.Select(o => o.Nationality).Distinct().Count() >= 10);
    }

    [Fact]
    public void Build_PostingsOfOneOfficer_DoNotOverlapAndPastOnesHaveEnded()
    {
        var data = DemoDataSet.Build(Today);

        Assert.All(data.Officers, officer =>
        {
            var ordered = officer.Postings.OrderBy(p => p.From).ToList();
            for (var i = 0; i < ordered.Count - 1; i++)
            {
                Assert.NotNull(ordered[i].To);
                Assert.True(ordered[i].To < ordered[i + 1].From, $"{officer.Code}: postings overlap");
                Assert.True(ordered[i].To < Today);
                Assert.True(ordered[i].From <= ordered[i].To);
            }
        });
        Assert.Contains(data.Officers, o => o.Postings.Count > 1);
    }

    [Fact]
    public void Build_LeavesFifteenToTwentyFivePercentOfActiveSitesUncovered()
    {
        var data = DemoDataSet.Build(Today);

        var active = data.Sites.Where(s => s.Mission!.IsActiveOn(Today)).ToList();
        var covered = data.Postings.Where(p => p.IsCurrentOn(Today)).Select(p => p.Site).ToHashSet();
        var uncovered = active.Count(s => !covered.Contains(s));
        var share = (double)uncovered / active.Count;

        Assert.InRange(share, 0.15, 0.25);
        Assert.All(data.Missions.Where(m => m.IsActiveOn(Today)),
            m => Assert.Contains(m.Sites.Single(s => s.Kind == SiteKind.MissionHeadquarters), covered));
    }

    [Fact]
    public void Build_DatesFollowTheReferenceDateNotTheClock()
    {
        var later = new DateOnly(2030, 6, 1);
        var now = DemoDataSet.Build(Today, 11);
        var then = DemoDataSet.Build(later, 11);

        Assert.All(then.Postings.Where(p => p.To is null), p => Assert.True(p.From <= later && p.From > Today));
        Assert.Equal(now.Personnel.Select(p => p.FullName), then.Personnel.Select(p => p.FullName));
    }

    [Fact]
    public void Build_BeforeMinusmaClosed_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataSet.Build(new DateOnly(2023, 6, 1)));
    }

    private int Age(DateOnly birth) => Today.Year - birth.Year - (Today < birth.AddYears(Today.Year - birth.Year) ? 1 : 0);

    private static void AssertUnique(IEnumerable<string> values)
    {
        var duplicates = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    private static List<string> Fingerprint(DemoDataSet data) =>
    [
        .. data.Sites.Select(s => $"{s.Code}|{s.Name}|{s.Latitude}|{s.Longitude}|{string.Join(',', s.Languages)}"),
        .. data.Contingents.Select(c => $"{c.Code}|{c.UnitName}|{c.Strength}|{c.From}|{c.To}"),
        .. data.Personnel.Select(p => $"{p.PersonNumber}|{p.FullName}|{string.Join(',', p.Aliases)}|{p.DateOfBirth}|{string.Join(',', p.IdNumbers)}|{p.Contingent?.Code}"),
        .. data.Officers.Select(o => $"{o.Code}|{o.FullName}|{o.Nationality}|{o.Grade}|{string.Join(',', o.Languages)}"),
        .. data.Postings.Select(p => $"{p.Officer!.Code}|{p.Site!.Code}|{p.From}|{p.To}"),
    ];
}
