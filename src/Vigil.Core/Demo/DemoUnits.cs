using System.Globalization;

namespace Vigil.Core.Demo;

/// <summary>Unit designations, demonyms and officer backgrounds used by the demo data set.</summary>
internal static class DemoUnits
{
    private static readonly Dictionary<string, (string Demonym, string? Battalion)> Units = new(StringComparer.Ordinal)
    {
        ["ARG"] = ("Argentinian", "ARGCON"),
        ["AUS"] = ("Australian", null),
        ["AUT"] = ("Austrian", null),
        ["BDI"] = ("Burundian", "BURBATT"),
        ["BEN"] = ("Beninese", "BENBATT"),
        ["BFA"] = ("Burkinabè", "BURKINABATT"),
        ["BGD"] = ("Bangladeshi", "BANBAT"),
        ["BRA"] = ("Brazilian", null),
        ["CHL"] = ("Chilean", null),
        ["CHN"] = ("Chinese", "CHINBATT"),
        ["CIV"] = ("Ivorian", "CIVBATT"),
        ["CMR"] = ("Cameroonian", null),
        ["COG"] = ("Congolese", null),
        ["CZE"] = ("Czech", null),
        ["DEU"] = ("German", null),
        ["EGY"] = ("Egyptian", "EGYBATT"),
        ["ESP"] = ("Spanish", "SPANBATT"),
        ["ETH"] = ("Ethiopian", "ETHBATT"),
        ["FJI"] = ("Fijian", "FIJIBATT"),
        ["FRA"] = ("French", "FRENCHBATT"),
        ["GBR"] = ("British", "UKCON"),
        ["GHA"] = ("Ghanaian", "GHANBATT"),
        ["GIN"] = ("Guinean", "GUINBATT"),
        ["GTM"] = ("Guatemalan", "GUATBATT"),
        ["HND"] = ("Honduran", null),
        ["HUN"] = ("Hungarian", null),
        ["IDN"] = ("Indonesian", "INDOBATT"),
        ["IND"] = ("Indian", "INDBATT"),
        ["IRL"] = ("Irish", "IRISHBATT"),
        ["ITA"] = ("Italian", "ITALBATT"),
        ["JOR"] = ("Jordanian", null),
        ["KOR"] = ("Korean", "KORBATT"),
        ["MAR"] = ("Moroccan", "MORBATT"),
        ["MNG"] = ("Mongolian", "MONBATT"),
        ["MRT"] = ("Mauritanian", "MAURBATT"),
        ["MWI"] = ("Malawian", "MAWBATT"),
        ["MYS"] = ("Malaysian", "MALBATT"),
        ["NER"] = ("Nigerien", "NIGERBATT"),
        ["NGA"] = ("Nigerian", null),
        ["NPL"] = ("Nepalese", "NEPBATT"),
        ["PAK"] = ("Pakistani", "PAKBATT"),
        ["PER"] = ("Peruvian", null),
        ["PRT"] = ("Portuguese", null),
        ["PRY"] = ("Paraguayan", null),
        ["RWA"] = ("Rwandan", "RWABATT"),
        ["SEN"] = ("Senegalese", "SENBATT"),
        ["SRB"] = ("Serbian", null),
        ["SVK"] = ("Slovak", "SLOVCON"),
        ["SWE"] = ("Swedish", null),
        ["TCD"] = ("Chadian", "CHADBATT"),
        ["TGO"] = ("Togolese", "TOGOBATT"),
        ["TZA"] = ("Tanzanian", "TANZBATT"),
        ["URY"] = ("Uruguayan", "URUBATT"),
        ["VNM"] = ("Vietnamese", null),
        ["ZAF"] = ("South African", "SAFBATT"),
        ["ZMB"] = ("Zambian", "ZAMBATT"),
    };

    public static string Demonym(string country) =>
        Units.TryGetValue(country, out var unit) ? unit.Demonym : throw new ArgumentException($"No demonym for {country}.", nameof(country));

    /// <summary>"BANBAT-2"; a sector contingent such as UNFICYP's "UKCON" has no number.</summary>
    public static string Battalion(string country, int number)
    {
        if (!Units.TryGetValue(country, out var unit) || unit.Battalion is null)
        {
            throw new ArgumentException($"No battalion designation for {country}.", nameof(country));
        }
        return unit.Battalion.EndsWith("CON", StringComparison.Ordinal)
            ? unit.Battalion
            : string.Create(CultureInfo.InvariantCulture, $"{unit.Battalion}-{number}");
    }

    /// <summary>The language a conduct officer must work in: French in francophone host countries, English elsewhere.</summary>
    public static string WorkingLanguage(string hostCountry) => hostCountry is "CAF" or "COD" or "MLI" ? "fr" : "en";

    private static readonly Dictionary<string, string[]> Languages = new(StringComparer.Ordinal)
    {
        ["CAN"] = ["en", "fr"],
        ["GBR"] = ["en"],
        ["AUS"] = ["en"],
        ["NZL"] = ["en", "mi"],
        ["IRL"] = ["en", "ga"],
        ["BEL"] = ["fr", "nl", "en"],
        ["CHE"] = ["fr", "de", "en"],
        ["NLD"] = ["nl", "en"],
        ["SWE"] = ["sv", "en"],
        ["NOR"] = ["no", "en"],
        ["DEU"] = ["de", "en"],
        ["FRA"] = ["fr", "en"],
        ["ARG"] = ["es", "en"],
        ["CHL"] = ["es", "en"],
        ["COL"] = ["es", "en"],
        ["MEX"] = ["es", "en"],
        ["PRT"] = ["pt", "en", "fr"],
        ["BRA"] = ["pt", "en", "es"],
        ["CMR"] = ["fr", "en"],
        ["BEN"] = ["fr", "en"],
        ["TUN"] = ["ar", "fr", "en"],
        ["JOR"] = ["ar", "en"],
        ["UGA"] = ["en", "sw"],
        ["KEN"] = ["en", "sw"],
        ["NGA"] = ["en", "ha"],
        ["PHL"] = ["en", "tl"],
        ["HTI"] = ["fr", "ht", "en"],
        ["MDG"] = ["fr", "mg"],
        ["SEN"] = ["fr", "wo", "en"],
        ["CIV"] = ["fr", "en"],
        ["TGO"] = ["fr", "ee"],
        ["GHA"] = ["en", "tw"],
        // National officers (NO grades) are nationals of the host country.
        ["CAF"] = ["fr", "sg"],
        ["COD"] = ["fr", "sw", "ln"],
        ["SSD"] = ["en", "ar"],
        ["LBN"] = ["ar", "fr", "en"],
        ["SDN"] = ["ar", "en"],
        ["CYP"] = ["el", "tr", "en"],
        ["SYR"] = ["ar", "en"],
        ["MLI"] = ["fr", "bm"],
    };

    /// <summary>Nationalities of international conduct officers (none from a party to a conflict a demo mission watches).</summary>
    public static IReadOnlyList<string> OfficerNationalities { get; } =
    [
        "CAN", "GBR", "AUS", "NZL", "IRL", "BEL", "CHE", "NLD", "SWE", "NOR", "DEU", "FRA", "ARG", "CHL", "COL", "MEX", "PRT", "BRA",
        "CMR", "BEN", "TUN", "JOR", "UGA", "KEN", "NGA", "PHL", "HTI", "MDG", "SEN", "CIV", "TGO", "GHA",
    ];

    public static IReadOnlyList<string> OfficerLanguages(string nationality) =>
        Languages.TryGetValue(nationality, out var languages) ? languages : throw new ArgumentException($"No languages for {nationality}.", nameof(nationality));
}
