// Demo data: SYNTHETIC. Mission codes, names, host countries, start dates and towns are public
// facts; every deployment, strength, roster, officer and posting is generated. All personal names
// are generated from pools of common given and family names and represent no real person.

using System.Globalization;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;
using Randomizer = Bogus.Randomizer;

namespace Vigil.Core.Demo;

/// <summary>
/// A realistic, synthetic and reproducible demo data set: missions, sites, contingents, personnel,
/// conduct officers and their postings, as in-memory entity graphs (identifiers not yet assigned).
/// The same seed and reference date always give the same data; nothing reads the clock.
/// </summary>
public sealed class DemoDataSet
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 2026;

    /// <summary>The earliest reference date supported: the data describes MINUSMA as closed (31 December 2023).</summary>
    public static readonly DateOnly EarliestReferenceDate = new(2024, 1, 1);

    /// <summary>Share of an active mission's sites, other than its headquarters, left without a current officer.</summary>
    public const double UncoveredShare = 0.2;

    private DemoDataSet(int seed, DateOnly today)
    {
        Seed = seed;
        Today = today;
    }

    public int Seed { get; }

    /// <summary>The reference date: current deployments and postings are current on this day; past ones ended before it.</summary>
    public DateOnly Today { get; }

    public IReadOnlyList<Mission> Missions => missions;
    public IReadOnlyList<Site> Sites => sites;
    public IReadOnlyList<Contingent> Contingents => contingents;
    public IReadOnlyList<Person> Personnel => personnel;
    public IReadOnlyList<ConductOfficer> Officers => officers;
    public IReadOnlyList<Posting> Postings => postings;

    private readonly List<Mission> missions = [];
    private readonly List<Site> sites = [];
    private readonly List<Contingent> contingents = [];
    private readonly List<Person> personnel = [];
    private readonly List<ConductOfficer> officers = [];
    private readonly List<Posting> postings = [];

    /// <summary>
    /// Builds the data set for <paramref name="today"/> (on or after <see cref="EarliestReferenceDate"/>)
    /// from <paramref name="seed"/>.
    /// </summary>
    public static DemoDataSet Build(DateOnly today, int seed = DefaultSeed)
    {
        if (today < EarliestReferenceDate)
        {
            throw new ArgumentOutOfRangeException(nameof(today), today, $"The demo data describes missions as of {EarliestReferenceDate:yyyy-MM-dd} or later.");
        }
        var set = new DemoDataSet(seed, today);
        new Builder(set, new Randomizer(seed)).Run();
        return set;
    }

    private sealed class Builder(DemoDataSet set, Randomizer random)
    {
        private readonly HashSet<string> idNumbers = new(StringComparer.Ordinal);
        private DateOnly Today => set.Today;

        public void Run()
        {
            foreach (var spec in DemoGeography.Missions)
            {
                var mission = new Mission
                {
                    Code = spec.Code,
                    Name = spec.Name,
                    HostCountry = spec.HostCountry,
                    StartDate = spec.Start,
                    EndDate = spec.End,
                };
                set.missions.Add(mission);
                foreach (var siteSpec in spec.Sites)
                {
                    var site = new Site
                    {
                        Code = $"{spec.Code}-{siteSpec.Abbreviation}",
                        Mission = mission,
                        Name = siteSpec.Name,
                        Kind = siteSpec.Kind,
                        Latitude = siteSpec.Latitude,
                        Longitude = siteSpec.Longitude,
                        Languages = [.. siteSpec.Languages ?? spec.Languages],
                    };
                    mission.Sites.Add(site);
                    set.sites.Add(site);
                }
                Deploy(spec, mission);
                foreach (var contingent in mission.Sites.SelectMany(s => s.Contingents))
                {
                    AddRoster(mission, contingent);
                }
                AddCivilians(spec, mission);
                if (mission.IsActiveOn(Today))
                {
                    PostOfficers(spec, mission);
                }
            }
        }

        // ---- Contingents -------------------------------------------------------------------

        private void Deploy(MissionSpec spec, Mission mission)
        {
            foreach (var site in mission.Sites)
            {
                switch (site.Kind)
                {
                    case SiteKind.MissionHeadquarters:
                        AddGroup(spec, mission, site, PersonnelCategory.MilitaryExpert, "Staff officers", 30, 60);
                        AddGroup(spec, mission, site, PersonnelCategory.IndividualPolice, "UN Police officers", 30, 80);
                        AddFormedPolice(spec, mission, site);
                        AddBattalionUnit(spec, mission, site, "HQ Protection Company", 120, 200);
                        break;
                    case SiteKind.SectorHeadquarters:
                        AddBattalionUnit(spec, mission, site, null, 250, 850);
                        if (random.Bool(0.5f))
                        {
                            AddFormedPolice(spec, mission, site);
                        }
                        if (random.Bool(0.4f))
                        {
                            AddGroup(spec, mission, site, PersonnelCategory.MilitaryExpert, "Military observers", 30, 45);
                        }
                        if (random.Bool(0.4f))
                        {
                            AddGroup(spec, mission, site, PersonnelCategory.IndividualPolice, "UN Police officers", 30, 60);
                        }
                        break;
                    case SiteKind.CompanyOperatingBase:
                        AddBattalionUnit(spec, mission, site, random.ArrayElement(CompanyNames), 120, 220);
                        if (random.Bool(0.2f))
                        {
                            AddFormedPolice(spec, mission, site);
                        }
                        break;
                    case SiteKind.TeamSite:
                        if (spec.Battalions.Length == 0)
                        {
                            AddGroup(spec, mission, site, PersonnelCategory.MilitaryExpert, "Military observers", 30, 40);
                        }
                        else
                        {
                            AddBattalionUnit(spec, mission, site, random.ArrayElement(CompanyNames), 80, 180);
                            if (random.Bool(0.4f))
                            {
                                AddGroup(spec, mission, site, PersonnelCategory.IndividualPolice, "UN Police officers", 30, 50);
                            }
                        }
                        break;
                    case SiteKind.TemporaryOperatingBase:
                        if (spec.Battalions.Length == 0)
                        {
                            AddGroup(spec, mission, site, PersonnelCategory.MilitaryExpert, "Military observers", 30, 35);
                        }
                        else
                        {
                            AddBattalionUnit(spec, mission, site, "Temporary operating base detachment", 30, 60);
                        }
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown site kind {site.Kind}.");
                }
            }

            var hubs = mission.Sites.Where(s => s.Kind is SiteKind.MissionHeadquarters or SiteKind.SectorHeadquarters).ToList();
            foreach (var enabler in spec.Enablers)
            {
                AddContingent(mission, random.ListItem(hubs), enabler.Country, enabler.Category, enabler.UnitName, random.Number(60, 250));
            }
        }

        private static readonly string[] CompanyNames =
            ["Alpha Company", "Bravo Company", "Charlie Company", "Delta Company", "Echo Company", "Quick Reaction Company"];

        private void AddBattalionUnit(MissionSpec spec, Mission mission, Site site, string? element, int minStrength, int maxStrength)
        {
            if (spec.Battalions.Length == 0)
            {
                return;
            }
            var country = random.ArrayElement(spec.Battalions);
            var unit = DemoUnits.Battalion(country, random.Number(1, 2));
            var current = AddContingent(mission, site, country, PersonnelCategory.MilitaryContingent,
                element is null ? unit : $"{unit}, {element}", random.Number(minStrength, maxStrength));

            // Some bases were held by another country's unit before the current rotation.
            if (mission.EndDate is null && random.Bool(0.25f) && spec.Battalions.Length > 1)
            {
                var previousCountry = random.ArrayElement(spec.Battalions.Where(c => c != country).ToArray());
                var to = current.From.AddDays(-1);
                var from = to.AddDays(-random.Number(300, 420));
                if (from >= mission.StartDate)
                {
                    var previousUnit = DemoUnits.Battalion(previousCountry, random.Number(1, 2));
                    AddContingent(mission, site, previousCountry, PersonnelCategory.MilitaryContingent,
                        element is null ? previousUnit : $"{previousUnit}, {element}", random.Number(minStrength, maxStrength), from, to);
                }
            }
        }

        private void AddFormedPolice(MissionSpec spec, Mission mission, Site site)
        {
            if (spec.PoliceUnits.Length == 0)
            {
                return;
            }
            var country = random.ArrayElement(spec.PoliceUnits);
            AddContingent(mission, site, country, PersonnelCategory.FormedPolice,
                $"{DemoUnits.Demonym(country)} Formed Police Unit {random.Number(1, 3)}", random.Number(140, 180));
        }

        private void AddGroup(MissionSpec spec, Mission mission, Site site, PersonnelCategory category, string label, int minStrength, int maxStrength)
        {
            if (spec.Individuals.Length == 0)
            {
                return;
            }
            var country = random.ArrayElement(spec.Individuals);
            AddContingent(mission, site, country, category, $"{label} ({Countries.NameOf(country)})", random.Number(minStrength, maxStrength));
        }

        private Contingent AddContingent(Mission mission, Site site, string country, PersonnelCategory category, string unitName, int strength,
            DateOnly? from = null, DateOnly? to = null)
        {
            if (from is null)
            {
                if (mission.EndDate is { } end)
                {
                    // A closed mission: units left during the drawdown, in the last six months.
                    to = end.AddDays(-random.Number(0, 180));
                    from = to.Value.AddDays(-random.Number(300, 720));
                }
                else
                {
                    from = Today.AddDays(-random.Number(45, 720));
                }
                if (from < mission.StartDate)
                {
                    from = mission.StartDate;
                }
            }
            var ordinal = site.Contingents.Count(c => c.ContributingCountry == country) + 1;
            var contingent = new Contingent
            {
                Code = $"{site.Code}-{country}-{ordinal}",
                Site = site,
                ContributingCountry = country,
                Category = category,
                UnitName = unitName,
                Strength = strength,
                From = from.Value,
                To = to,
            };
            site.Contingents.Add(contingent);
            set.contingents.Add(contingent);
            return contingent;
        }

        // ---- Personnel ---------------------------------------------------------------------

        /// <summary>Share of a unit's authorised strength that appears on the demo roster.</summary>
        private const double RosterShare = 0.08;

        private void AddRoster(Mission mission, Contingent contingent)
        {
            var size = Math.Max(3, (int)Math.Round(contingent.Strength * RosterShare));
            var (femaleShare, minAge, maxAge) = contingent.Category switch
            {
                PersonnelCategory.MilitaryContingent => (0.08f, 20, 50),
                PersonnelCategory.FormedPolice => (0.2f, 22, 52),
                PersonnelCategory.IndividualPolice => (0.25f, 28, 58),
                PersonnelCategory.MilitaryExpert => (0.12f, 28, 55),
                PersonnelCategory.Civilian or PersonnelCategory.Volunteer or PersonnelCategory.Contractor => (0.35f, 22, 58),
            };
            for (var i = 0; i < size; i++)
            {
                var person = NewPerson(mission, contingent.ContributingCountry, contingent.Category, contingent.UnitName, femaleShare, minAge, maxAge);
                person.Contingent = contingent;
            }
        }

        private static readonly string[] CivilianUnits =
        [
            "Mission Support Division", "Civil Affairs Section", "Human Rights Division", "Engineering Section", "Supply Chain Management Section",
            "Security Section", "Strategic Communications Section", "Child Protection Unit", "Medical Services Section", "Field Technology Section",
        ];

        private static readonly string[] VolunteerUnits =
            ["UNV Medical Services", "UNV Engineering", "UNV Civil Affairs", "UNV Community Liaison", "UNV Logistics"];

        private static readonly string[] ContractorUnits =
            ["Rations contractor", "Fuel supply contractor", "Camp construction contractor", "Security guard services", "Cleaning services", "Vehicle maintenance contractor"];

        private static readonly string[] InternationalStaff =
            ["KEN", "UGA", "GHA", "NGA", "CMR", "SEN", "CIV", "FRA", "GBR", "CAN", "ITA", "ESP", "PHL", "IND", "PAK", "EGY", "JOR", "TUN", "ETH",
             "ZMB", "ZAF", "DEU", "NLD", "PRT", "BRA", "COL", "MDG", "HTI", "RWA", "USA", "AUS", "SWE"];

        private static readonly string[] VolunteerNationalities =
            ["KEN", "UGA", "TZA", "BFA", "CMR", "NGA", "PHL", "BGD", "NPL", "FRA", "ESP", "ITA", "ZMB", "MDG", "BEN", "COL"];

        private static readonly string[] ContractorNationalities = ["KEN", "UGA", "IND", "PAK", "EGY", "ZAF", "LBN", "JOR", "PHL"];

        private void AddCivilians(MissionSpec spec, Mission mission)
        {
            var scale = spec.Sites.Length >= 20 ? 1 : 2;
            var hasNationals = DemoNames.Covers(spec.HostCountry);
            string Nationality(string[] international, float nationalShare) =>
                hasNationals && random.Bool(nationalShare) ? spec.HostCountry : random.ArrayElement(international);

            for (int i = 0, n = random.Number(25, 45) / scale; i < n; i++)
            {
                NewPerson(mission, Nationality(InternationalStaff, 0.4f), PersonnelCategory.Civilian, random.ArrayElement(CivilianUnits), 0.35f, 24, 58);
            }
            for (int i = 0, n = random.Number(8, 16) / scale; i < n; i++)
            {
                NewPerson(mission, Nationality(VolunteerNationalities, 0.3f), PersonnelCategory.Volunteer, random.ArrayElement(VolunteerUnits), 0.45f, 22, 40);
            }
            for (int i = 0, n = random.Number(8, 16) / scale; i < n; i++)
            {
                NewPerson(mission, Nationality(ContractorNationalities, 0.6f), PersonnelCategory.Contractor, random.ArrayElement(ContractorUnits), 0.15f, 20, 58);
            }
        }

        private Person NewPerson(Mission mission, string nationality, PersonnelCategory category, string unit, float femaleShare, int minAge, int maxAge)
        {
            var name = DemoNames.Generate(random, nationality, random.Bool(femaleShare), withAliases: random.Bool(0.3f));
            var person = new Person
            {
                PersonNumber = string.Create(CultureInfo.InvariantCulture, $"P-{set.personnel.Count + 1:D6}"),
                FullName = name.FullName,
                Aliases = [.. name.Aliases],
                DateOfBirth = BirthDate(minAge, maxAge),
                Nationality = nationality,
                IdNumbers = IdNumbers(nationality, category),
                Category = category,
                Unit = unit,
                Mission = mission,
            };
            set.personnel.Add(person);
            return person;
        }

        /// <summary>Aged <paramref name="minAge"/> to <paramref name="maxAge"/> on the reference date; mostly a full date, some month or year only.</summary>
        private PartialDate BirthDate(int minAge, int maxAge)
        {
            // A month or a year stands for a span of days: keep the whole span within the ages.
            var precision = random.Double();
            var margin = precision < 0.8 ? 0 : 1;
            var latest = Today.AddYears(-minAge - margin);
            var earliest = Today.AddYears(-maxAge - 1 + margin).AddDays(1);
            var date = earliest.AddDays(random.Number(0, latest.DayNumber - earliest.DayNumber));
            return precision switch
            {
                < 0.8 => new PartialDate(date.Year, date.Month, date.Day),
                < 0.92 => new PartialDate(date.Year, date.Month),
                _ => new PartialDate(date.Year),
            };
        }

        private List<string> IdNumbers(string nationality, PersonnelCategory category)
        {
            var numbers = new List<string> { Unique(() => random.Replace("?#######")) };
            if (category.IsUniformed() && random.Bool(0.7f))
            {
                numbers.Add(Unique(() => $"{nationality}-{random.Replace("########")}"));
            }
            else if (category is PersonnelCategory.Civilian or PersonnelCategory.Volunteer && random.Bool(0.6f))
            {
                numbers.Add(Unique(() => $"UN-{random.Replace("########")}"));
            }
            return numbers;
        }

        private string Unique(Func<string> next)
        {
            string value;
            do
            {
                value = next();
            }
            while (!idNumbers.Add(value));
            return value;
        }

        // ---- Conduct officers and postings ------------------------------------------------

        private void PostOfficers(MissionSpec spec, Mission mission)
        {
            var headquarters = mission.Sites.Single(s => s.Kind == SiteKind.MissionHeadquarters);
            var others = random.Shuffle(mission.Sites.Where(s => s != headquarters)).ToList();
            var uncovered = (int)Math.Round(others.Count * UncoveredShare, MidpointRounding.AwayFromZero);
            var covered = new List<Site> { headquarters, headquarters };
            covered.AddRange(others.Skip(uncovered));

            var working = DemoUnits.WorkingLanguage(spec.HostCountry);
            var contributors = mission.Sites.SelectMany(s => s.Contingents).Select(c => c.ContributingCountry).ToHashSet(StringComparer.Ordinal);
            var pool = DemoUnits.OfficerNationalities.Where(n => DemoUnits.OfficerLanguages(n).Contains(working)).ToArray();
            var preferred = pool.Where(n => !contributors.Contains(n)).ToArray();

            for (var i = 0; i < covered.Count; i++)
            {
                var site = covered[i];
                var currentFrom = Today.AddDays(-random.Number(14, 600));
                var national = DemoNames.Covers(spec.HostCountry) && i > 0 && random.Bool(0.15f);
                var nationality = national ? spec.HostCountry : PickNationality(site, currentFrom, null, preferred.Length > 0 ? preferred : pool);
                var grade = i == 0 ? "P-5" : national ? random.ArrayElement(NationalGrades) : random.WeightedRandom(InternationalGrades, InternationalGradeWeights);
                var languages = national
                    ? DemoUnits.OfficerLanguages(nationality).Union(site.Languages).Union([working]).ToList()
                    : DemoUnits.OfficerLanguages(nationality).ToList();

                var officer = new ConductOfficer
                {
                    Code = string.Create(CultureInfo.InvariantCulture, $"CDO-{set.officers.Count + 1:D4}"),
                    FullName = DemoNames.Generate(random, nationality, random.Bool(0.45f), withAliases: false).FullName,
                    Nationality = nationality,
                    Grade = grade,
                    Languages = languages,
                    Mission = mission,
                };
                set.officers.Add(officer);
                AddPosting(officer, site, currentFrom, null);

                // Earlier postings in the same mission, back to back or with a short break, each at a
                // site where the officer's own country had no unit at the time.
                var cursor = currentFrom;
                var previousSite = site;
                var pastCount = random.WeightedRandom(PastPostingCounts, PastPostingWeights);
                for (var k = 0; k < pastCount; k++)
                {
                    var to = cursor.AddDays(-random.Number(1, 45));
                    var from = to.AddDays(-random.Number(180, 540));
                    if (from < mission.StartDate)
                    {
                        break;
                    }
                    var candidates = mission.Sites.Where(s => s != previousSite && !HasUnitOf(s, nationality, from, to)).ToList();
                    if (candidates.Count == 0)
                    {
                        break;
                    }
                    previousSite = random.ListItem(candidates);
                    AddPosting(officer, previousSite, from, to);
                    cursor = from;
                }
            }
        }

        private static readonly int[] PastPostingCounts = [0, 1, 2, 3];
        private static readonly float[] PastPostingWeights = [0.25f, 0.35f, 0.25f, 0.15f];
        private static readonly string[] NationalGrades = ["NO-B", "NO-C"];
        private static readonly string[] InternationalGrades = ["P-2", "P-3", "P-4", "FS-5"];
        private static readonly float[] InternationalGradeWeights = [0.2f, 0.45f, 0.25f, 0.1f];

        private string PickNationality(Site site, DateOnly from, DateOnly? to, string[] pool)
        {
            var allowed = pool.Where(n => !HasUnitOf(site, n, from, to ?? DateOnly.MaxValue)).ToArray();
            return random.ArrayElement(allowed.Length > 0 ? allowed : DemoUnits.OfficerNationalities.Where(n => !HasUnitOf(site, n, from, to ?? DateOnly.MaxValue)).ToArray());
        }

        /// <summary>True when <paramref name="country"/> has a unit at <paramref name="site"/> on any day from <paramref name="from"/> to <paramref name="to"/>.</summary>
        private static bool HasUnitOf(Site site, string country, DateOnly from, DateOnly to) =>
            site.Contingents.Any(c => c.ContributingCountry == country && c.From <= to && (c.To is null || c.To >= from));

        private void AddPosting(ConductOfficer officer, Site site, DateOnly from, DateOnly? to)
        {
            var posting = new Posting { Officer = officer, Site = site, From = from, To = to };
            officer.Postings.Add(posting);
            set.postings.Add(posting);
        }
    }
}
