using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Rotation;

/// <summary>The size of a generated instance.</summary>
public sealed record InstanceSpec(string Name, int[] SitesPerMission, int Officers, int Periods, int Seed = 7);

/// <summary>
/// Generates realistic rotation problems: real peacekeeping missions (current and past) with their real
/// headquarters coordinates and working languages; sites scattered within each mission's area of operations
/// (generated positions, not the real order of battle); contingents from real troop-contributing countries;
/// officers with nationalities, languages, tenure so far, recent sites and leave.
/// </summary>
public static class InstanceGenerator
{
    private sealed record MissionArea(string Code, double Lat, double Lon, double RadiusKm, string[] Languages);

    // Headquarters coordinates (WGS 84) and languages of real missions; radius is roughly the area of operations.
    private static readonly MissionArea[] Missions =
    [
        new("MINUSCA", 4.3612, 18.5550, 450, ["fr", "sg"]),
        new("MONUSCO", -1.6792, 29.2228, 350, ["fr", "sw", "ln"]),
        new("UNMISS", 4.8594, 31.5713, 500, ["en", "ar"]),
        new("MINUSMA", 16.2666, -0.0400, 550, ["fr", "bm"]),
        new("UNAMID", 13.6279, 25.3494, 400, ["ar", "en"]),
        new("UNIFIL", 33.1178, 35.1392, 25, ["ar", "en"]),
        new("UNISFA", 9.5950, 28.4364, 60, ["ar", "en"]),
        new("MINURSO", 27.1536, -13.2033, 350, ["ar", "es"]),
        new("UNMIL", 6.3156, -10.8074, 200, ["en"]),
        new("UNOCI", 5.3600, -4.0083, 300, ["fr"]),
        new("MINUSTAH", 18.5944, -72.3074, 120, ["fr", "ht"]),
        new("UNFICYP", 35.1856, 33.3823, 60, ["el", "tr", "en"]),
        new("UNMIK", 42.6629, 21.1655, 50, ["sq", "sr", "en"]),
        new("UNDOF", 33.2600, 35.9000, 30, ["ar", "en"]),
        new("UNMOGIP", 34.0837, 74.7973, 150, ["ur", "hi", "en"]),
        new("UNTSO", 31.7683, 35.2137, 80, ["ar", "he", "en"]),
    ];

    private static readonly string[] TroopContributors =
        ["BGD", "PAK", "IND", "NPL", "RWA", "ETH", "EGY", "GHA", "SEN", "CHN", "IDN", "MAR", "TZA", "ZMB", "KEN", "BRA", "URY", "JOR", "TUN", "NGA"];

    private static readonly string[] OfficerNationalities =
        ["KEN", "NGA", "GHA", "IND", "PAK", "FRA", "CAN", "SEN", "TUN", "JOR", "UGA", "CMR", "PHL", "SWE", "IRL", "BEN", "ZAF", "EGY", "MAR", "BGD"];

    /// <summary>The presets, small to UN scale.</summary>
    public static IReadOnlyList<InstanceSpec> Presets { get; } =
    [
        new("small", [8], 14, 12),
        new("mission", [25], 40, 24),
        new("mission-60", [60], 85, 24),
        new("region", [45, 35, 25, 15], 170, 24),
        new("region-short", [45, 35, 25, 15], 110, 24, Seed: 11),
        new("un", [60, 55, 50, 45, 35, 30, 25, 20, 18, 15, 12, 10, 8, 7, 5, 5], 600, 24),
    ];

    /// <summary>Generates a problem as JSON (the spec's shape).</summary>
    public static JsonObject Generate(InstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var random = new Random(spec.Seed);
        var sites = new JsonArray();
        var officers = new JsonArray();
        var missionSites = new List<List<(string Id, string[] Contingents)>>();
        var required = new List<int>();
        for (var m = 0; m < spec.SitesPerMission.Length; m++)
        {
            var area = Missions[m % Missions.Length];
            var list = new List<(string, string[])>();
            var sum = 0;
            for (var i = 0; i < spec.SitesPerMission[m]; i++)
            {
                var id = $"{area.Code}-{i:D2}";
                var (lat, lon) = i == 0 ? (area.Lat, area.Lon) : Scatter(random, area);
                var need = i == 0 ? 2 : i <= spec.SitesPerMission[m] / 8 ? 2 : 1;
                sum += need;
                var contingents = TroopContributors.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
                var languages = random.NextDouble() < 0.3 ? [] : area.Languages.OrderBy(_ => random.Next()).Take(random.Next(1, area.Languages.Length + 1)).ToArray();
                sites.Add(new JsonObject
                {
                    ["id"] = id,
                    ["mission"] = area.Code,
                    ["name"] = i == 0 ? $"{area.Code} headquarters" : $"{area.Code} site {i}",
                    ["lat"] = Math.Round(lat, 4),
                    ["lon"] = Math.Round(lon, 4),
                    ["requiredOfficers"] = need,
                    ["languages"] = new JsonArray([.. languages.Select(l => (JsonNode)l)]),
                    ["contingentNationalities"] = new JsonArray([.. contingents.Select(c => (JsonNode)c)]),
                });
                list.Add((id, contingents));
            }
            missionSites.Add(list);
            required.Add(sum);
        }
        var totalRequired = required.Sum();
        var officerCount = spec.Officers;
        var perMission = required.Select(r => (int)Math.Round((double)officerCount * r / totalRequired)).ToArray();
        perMission[0] += officerCount - perMission.Sum();
        var n = 0;
        for (var m = 0; m < perMission.Length; m++)
        {
            var area = Missions[m % Missions.Length];
            for (var i = 0; i < perMission[m]; i++)
            {
                // Keep at least four sites open to every officer: with fewer, tenure and no early return can make
                // a 24-period horizon impossible (the planner then explains why, but that is not a benchmark).
                var nationality = OfficerNationalities[random.Next(OfficerNationalities.Length)];
                for (var attempt = 0; attempt < 50 && missionSites[m].Count(s => !s.Contingents.Contains(nationality)) < Math.Min(4, missionSites[m].Count); attempt++)
                {
                    nationality = OfficerNationalities[random.Next(OfficerNationalities.Length)];
                }
                var languages = new List<string> { "en" };
                foreach (var l in area.Languages.Append("fr").Append("ar").Distinct())
                {
                    if (l != "en" && random.NextDouble() < 0.45)
                    {
                        languages.Add(l);
                    }
                }
                var eligible = missionSites[m].Where(s => !s.Contingents.Contains(nationality)).Select(s => s.Id).ToList();
                var officer = new JsonObject
                {
                    ["id"] = $"CDO-{++n:D4}",
                    ["mission"] = area.Code,
                    ["nationality"] = nationality,
                    ["languages"] = new JsonArray([.. languages.Select(l => (JsonNode)l)]),
                };
                if (eligible.Count > 0 && random.NextDouble() > 0.05)
                {
                    var current = eligible[random.Next(eligible.Count)];
                    officer["currentSite"] = current;
                    officer["periodsAtCurrentSite"] = random.Next(0, 7);
                    var recent = eligible.Where(s => s != current).OrderBy(_ => random.Next()).Take(random.Next(0, 3))
                        .Select(s => (JsonNode)new JsonObject { ["site"] = s, ["periodsSinceLeft"] = random.Next(1, 13) });
                    officer["recentSites"] = new JsonArray([.. recent]);
                }
                else
                {
                    officer["currentSite"] = null;
                }
                var leave = new SortedSet<int>();
                for (var y = 0; y < spec.Periods; y += 12)
                {
                    var start = y + random.Next(0, 12);
                    for (var d = 0; d < random.Next(1, 3) && start + d < spec.Periods; d++)
                    {
                        leave.Add(start + d);
                    }
                }
                officer["unavailablePeriods"] = new JsonArray([.. leave.Select(p => (JsonNode)p)]);
                officers.Add(officer);
            }
        }
        return new JsonObject
        {
            ["horizon"] = new JsonObject { ["start"] = "2027-01-01", ["periods"] = spec.Periods, ["periodMonths"] = 1 },
            ["rules"] = new JsonObject
            {
                ["maxConsecutivePeriods"] = 6,
                ["minPeriodsBeforeReturn"] = 12,
                ["crossMissionMoves"] = false,
                ["weights"] = new JsonObject { ["uncovered"] = 100000, ["languageGap"] = 500, ["move"] = 200, ["travelKm"] = 1 },
            },
            ["sites"] = sites,
            ["officers"] = officers,
            ["pinned"] = new JsonArray(),
            ["generator"] = string.Create(CultureInfo.InvariantCulture, $"Vigil.Bench.Rotation {spec.Name} seed {spec.Seed}"),
        };
    }

    private static (double Lat, double Lon) Scatter(Random random, MissionArea area)
    {
        // A uniform point in a disc of the area's radius around the headquarters (small-distance approximation).
        var r = area.RadiusKm * Math.Sqrt(random.NextDouble());
        var bearing = 2 * Math.PI * random.NextDouble();
        var dLat = r * Math.Cos(bearing) / 111.32;
        var dLon = r * Math.Sin(bearing) / (111.32 * Math.Cos(area.Lat * Math.PI / 180));
        return (area.Lat + dLat, area.Lon + dLon);
    }
}
