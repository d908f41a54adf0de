using Vigil.Core.Import;

namespace Vigil.Core.Tests.Import;

/// <summary>
/// A small, consistent set of the six files (synthetic names). Bad-input tests replace one file
/// with a faulty copy, so every fault is checked in a batch whose other files are valid.
/// </summary>
internal static class ValidCsv
{
    public const string Missions = """
        code,name,host_country,start_date,end_date
        MINUSCA,Stabilization Mission in the Central African Republic,CAF,2014-04-10,
        UNMISS,Mission in the Republic of South Sudan,SSD,2011-07-09,
        """;

    public const string Sites = """
        code,mission,name,kind,latitude,longitude,languages
        MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
        MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
        UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
        """;

    public const string Contingents = """
        code,site,country,category,unit,strength,from,to
        MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,2023-05-01,
        MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10,2024-01-09
        """;

    public const string Personnel = """
        person_id,full_name,aliases,date_of_birth,nationality,id_numbers,category,unit,mission,contingent
        P-0001,Test Kagabo,T. Kagabo,1985-03,RWA,PA1234567|UN-998877,military-contingent,RWABATT 2,MINUSCA,MINUSCA-BRI-RWA-INF-1
        P-0002,Sample Ndiaye,,1990,SEN,,formed-police,FPU 1,MINUSCA,MINUSCA-BGI-SEN-FPU-1
        P-0003,Example Civilian,,,FRA,,civilian,,MINUSCA,
        """;

    public const string Officers = """
        code,full_name,nationality,grade,languages,mission,current_site,posted_since
        CDO-0001,Officer Alpha,CAN,P-3,fr|en,MINUSCA,MINUSCA-BRI,2025-01-15
        CDO-0002,Officer Beta,GHA,P-4,en,UNMISS,,
        """;

    public const string Officials = """
        site,full_name,title,role,nationality,from,to
        MINUSCA-BRI,Commander Sample One,"Battalion commander, RWABATT 2",commander,RWA,2025-05-01,
        MINUSCA-BGI,Head Sample Two,Head of office,Head-Of-Office,FRA,2024-01-01,2025-12-31
        """;

    public static string Of(ImportKind kind) => kind switch
    {
        ImportKind.Missions => Missions,
        ImportKind.Sites => Sites,
        ImportKind.Contingents => Contingents,
        ImportKind.Personnel => Personnel,
        ImportKind.Officers => Officers,
        ImportKind.Officials => Officials,
    };

    /// <summary>All five files, with <paramref name="kind"/> replaced by <paramref name="replacement"/>.</summary>
    public static ImportFile[] AllWith(ImportKind kind, string replacement) =>
        [.. Enum.GetValues<ImportKind>().Select(k => TestDatabase.Csv(k, k == kind ? replacement : Of(k)))];

    public static ImportFile[] All() => [.. Enum.GetValues<ImportKind>().Select(k => TestDatabase.Csv(k, Of(k)))];
}
