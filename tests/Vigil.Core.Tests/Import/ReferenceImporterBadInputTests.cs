using Microsoft.EntityFrameworkCore;
using Vigil.Core.Import;

namespace Vigil.Core.Tests.Import;

/// <summary>
/// Every fault is imported together with five valid files: the error must name the faulty file,
/// line and column, and nothing at all (not even the valid files) may reach the database.
/// </summary>
public sealed class ReferenceImporterBadInputTests
{
    public static TheoryData<string, ImportKind, string, int, string?, string?> BadInputs => new()
    {
        {
            "missing required column", ImportKind.Sites, """
            code,mission,name,kind,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,31.5713,en|ar
            """, 1, "latitude", null
        },
        {
            "empty required value", ImportKind.Missions, """
            code,name,host_country,start_date,end_date
            MINUSCA,Stabilization Mission in the Central African Republic,CAF,2014-04-10,
            UNMISS,,SSD,2011-07-09,
            """, 3, "name", ""
        },
        {
            "empty required value in personnel", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission
            P-0001,  ,RWA,military-contingent,MINUSCA
            """, 2, "full_name", "  "
        },
        {
            "impossible date", ImportKind.Missions, """
            code,name,host_country,start_date
            MINUSCA,Stabilization Mission,CAF,2014-13-10
            UNMISS,Mission in South Sudan,SSD,2011-07-09
            """, 2, "start_date", "2014-13-10"
        },
        {
            "date not in ISO form", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,01/05/2023
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10
            """, 2, "from", "01/05/2023"
        },
        {
            "bad number", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.54.23,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 3, "latitude", "6.54.23"
        },
        {
            "latitude out of range", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,95.2,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 2, "latitude", "95.2"
        },
        {
            "strength not a whole number", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,many,2023-05-01
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10
            """, 2, "strength", "many"
        },
        {
            "strength zero", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,2023-05-01
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,0,2022-01-10
            """, 3, "strength", "0"
        },
        {
            "unknown mission", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISSX,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 4, "mission", "UNMISSX"
        },
        {
            "unknown site", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,2023-05-01
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-XXX,SEN,formed-police,FPU 1,140,2022-01-10
            """, 3, "site", "MINUSCA-XXX"
        },
        {
            "unknown contingent", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission,contingent
            P-0001,Test Kagabo,RWA,military-contingent,MINUSCA,MINUSCA-BRI-RWA-INF-1
            P-0002,Sample Ndiaye,SEN,formed-police,MINUSCA,NOPE-1
            """, 3, "contingent", "NOPE-1"
        },
        {
            "unknown officer site", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission,current_site,posted_since
            CDO-0001,Officer Alpha,CAN,P-3,fr|en,MINUSCA,MINUSCA-ZZZ,2025-01-15
            """, 2, "current_site", "MINUSCA-ZZZ"
        },
        {
            "unknown official site", ImportKind.Officials, """
            site,full_name,title,role,nationality,from
            MINUSCA-ZZZ,Commander Sample,Battalion commander,commander,RWA,2025-05-01
            """, 2, "site", "MINUSCA-ZZZ"
        },
        {
            "unknown official role", ImportKind.Officials, """
            site,full_name,title,role,nationality,from
            MINUSCA-BRI,Commander Sample,Battalion commander,colonel,RWA,2025-05-01
            """, 2, "role", "colonel"
        },
        {
            "official leaving before arriving", ImportKind.Officials, """
            site,full_name,title,role,nationality,from,to
            MINUSCA-BRI,Commander Sample,Battalion commander,commander,RWA,2025-05-01,2025-04-30
            """, 2, "to", "2025-04-30"
        },
        {
            "official listed twice", ImportKind.Officials, """
            site,full_name,title,role,nationality,from
            MINUSCA-BRI,Commander Sample,Battalion commander,commander,RWA,2025-05-01
            MINUSCA-BRI,Commander Sample,Battalion commander (acting),commander,RWA,2025-05-01
            """, 3, "full_name", "Commander Sample"
        },
        {
            "unknown host country", ImportKind.Missions, """
            code,name,host_country,start_date
            MINUSCA,Stabilization Mission,XCA,2014-04-10
            UNMISS,Mission in South Sudan,SSD,2011-07-09
            """, 2, "host_country", "XCA"
        },
        {
            "country code in lower case", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,rwa,military-contingent,RWABATT 2,750,2023-05-01
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10
            """, 2, "country", "rwa"
        },
        {
            "unknown nationality", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission
            CDO-0001,Officer Alpha,ZZZ,P-3,fr|en,MINUSCA
            """, 2, "nationality", "ZZZ"
        },
        {
            "unknown site kind", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,outpost,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 2, "kind", "outpost"
        },
        {
            "unknown personnel category", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission
            P-0001,Test Kagabo,RWA,soldier,MINUSCA
            """, 2, "category", "soldier"
        },
        {
            "duplicate person id in file", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission
            P-0001,Test Kagabo,RWA,military-contingent,MINUSCA
            P-0002,Sample Ndiaye,SEN,formed-police,MINUSCA
            P-0001,Example Civilian,FRA,civilian,MINUSCA
            """, 4, "person_id", "P-0001"
        },
        {
            "duplicate site code in file", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            MINUSCA-BGI,MINUSCA,Bangui West,cob,4.39,18.55,fr
            """, 5, "code", "MINUSCA-BGI"
        },
        {
            "two sites of one mission with one name", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bangui,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 3, "name", "Bangui"
        },
        {
            "two sites of one mission whose names differ only in case", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,BANGUI,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 3, "name", "BANGUI"
        },
        {
            "a code that a route cannot hold", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from,to
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,2023-05-01,
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10,
            MINUSCA-BGI-SEN#2,MINUSCA-BGI,SEN,formed-police,FPU 2,140,2022-01-10,
            """, 4, "code", "MINUSCA-BGI-SEN#2"
        },
        {
            "mission ends before it starts", ImportKind.Missions, """
            code,name,host_country,start_date,end_date
            MINUSCA,Stabilization Mission,CAF,2014-04-10,2014-04-09
            UNMISS,Mission in South Sudan,SSD,2011-07-09,
            """, 2, "end_date", "2014-04-09"
        },
        {
            "contingent ends before it starts", ImportKind.Contingents, """
            code,site,country,category,unit,strength,from,to
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,RWABATT 2,750,2023-05-01,2022-05-01
            MINUSCA-BGI-SEN-FPU-1,MINUSCA-BGI,SEN,formed-police,FPU 1,140,2022-01-10,
            """, 2, "to", "2022-05-01"
        },
        {
            "unterminated quote", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission
            P-0001,Test Kagabo,RWA,military-contingent,MINUSCA
            P-0002,"Sample Ndiaye,SEN,formed-police,MINUSCA
            P-0003,Example Civilian,FRA,civilian,MINUSCA
            """, 3, null, null
        },
        {
            "unterminated quote hiding rows that others refer to", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,"Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 2, null, null
        },
        {
            "column named twice", ImportKind.Missions, """
            code,name,host_country,start_date,CODE
            MINUSCA,Stabilization Mission,CAF,2014-04-10,MINUSCA
            UNMISS,Mission in South Sudan,SSD,2011-07-09,UNMISS
            """, 1, "CODE", "CODE"
        },
        {
            "stray quote", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission
            P-0001,Test "Tiger" Kagabo,RWA,military-contingent,MINUSCA
            """, 2, null, null
        },
        {
            "unquoted comma adds a field", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission,current_site,posted_since
            CDO-0001,Officer Alpha,CAN,P-3,fr|en,MINUSCA,MINUSCA-BRI,2025-01-15
            CDO-0002,Beta, Officer,GHA,P-4,en,UNMISS,,
            """, 3, null, null
        },
        {
            "line numbers count the lines of a quoted field", ImportKind.Personnel, """
            person_id,full_name,nationality,category,unit,mission
            P-0001,Test Kagabo,RWA,military-contingent,"RWABATT 2
            (rear party)",MINUSCA

            P-0002,Sample Ndiaye,ZZZ,formed-police,FPU 1,MINUSCA
            """, 5, "nationality", "ZZZ"
        },
        {
            "impossible partial date of birth", ImportKind.Personnel, """
            person_id,full_name,date_of_birth,nationality,category,mission
            P-0001,Test Kagabo,1985-13,RWA,military-contingent,MINUSCA
            """, 2, "date_of_birth", "1985-13"
        },
        {
            "language that is not an ISO 639 code", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,french|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|sg
            UNMISS-JUB,UNMISS,Juba,mission-hq,4.8594,31.5713,en|ar
            """, 2, "languages", "french"
        },
        {
            "language of two or three letters that ISO 639 does not have", ImportKind.Sites, """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSCA,Bria,team-site,6.5423,21.9863,fr|xyz
            """, 3, "languages", "xyz"
        },
        {
            "current site without posted_since", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission,current_site,posted_since
            CDO-0001,Officer Alpha,CAN,P-3,fr|en,MINUSCA,MINUSCA-BRI,
            """, 2, "posted_since", ""
        },
        {
            "officer posted at a site of another mission", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission,current_site,posted_since
            CDO-0002,Officer Beta,GHA,P-4,en,UNMISS,MINUSCA-BGI,2025-02-01
            """, 2, "current_site", "MINUSCA-BGI"
        },
        {
            "person in a contingent of another mission", ImportKind.Personnel, """
            person_id,full_name,nationality,category,mission,contingent
            P-0001,Test Kagabo,RWA,military-contingent,UNMISS,MINUSCA-BRI-RWA-INF-1
            """, 2, "contingent", "MINUSCA-BRI-RWA-INF-1"
        },
        {
            "value longer than the column allows", ImportKind.Officers, """
            code,full_name,nationality,grade,languages,mission
            CDO-0001,Officer Alpha,CAN,P-3 step 12 (acting),fr|en,MINUSCA
            """, 2, "grade", "P-3 step 12 (acting)"
        },
        {
            // Line 0: a file with no line at all cannot be read (docs/import.md).
            "empty file", ImportKind.Contingents, "", 0, null, null
        },
    };

    /// <summary>double.TryParse took these: NaN passed the range check and crashed the database write; 1e1 became 10.</summary>
    [Theory]
    [InlineData("latitude", "NaN")]
    [InlineData("latitude", "Infinity")]
    [InlineData("latitude", "-Infinity")]
    [InlineData("longitude", "1e1")]
    [InlineData("longitude", "1E-2")]
    [InlineData("latitude", "∞")]
    [InlineData("latitude", ".")]
    [InlineData("latitude", "+")]
    [InlineData("latitude", "1.2.3")]
    [InlineData("longitude", "0x10")]
    public async Task Import_NumberThatIsNotAPlainDecimal_IsRefusedNamingFileLineColumnAndValue(string column, string value)
    {
        await using var database = await TestDatabase.CreateAsync();
        var sites = "code,mission,name,kind,latitude,longitude,languages\n"
            + (column == "latitude" ? $"MINUSCA-BRI,MINUSCA,Bria,team-site,{value},21.9863,fr\n" : $"MINUSCA-BRI,MINUSCA,Bria,team-site,6.5,{value},fr\n");

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, sites));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("sites.csv", 2, column, value), (error.File, error.Line, error.Column, error.Value));
        Assert.Equal(0, await database.CountReferenceRowsAsync());
    }

    [Theory]
    [InlineData("-4.5", -4.5)]
    [InlineData("+4.5", 4.5)]
    [InlineData("4", 4.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-0.000001", -0.000001)]
    public async Task Import_PlainDecimal_IsAccepted(string value, double expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var sites = $"code,mission,name,kind,latitude,longitude,languages\nMINUSCA-BRI,MINUSCA,Bria,team-site,{value},21.9863,fr\n";

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, sites));

        Assert.IsType<ImportSucceeded>(result);
        await using var db = database.NewContext();
        Assert.Equal(expected, (await db.Sites.SingleAsync(TestContext.Current.CancellationToken)).Latitude);
    }

    /// <summary>Whole-row faults (found while reading) and value faults (found afterwards) come out in line order, and the cap keeps the earliest.</summary>
    [Fact]
    public async Task Import_Errors_AreListedInFileAndLineOrder_AndTheCapKeepsTheEarliestLines()
    {
        await using var database = await TestDatabase.CreateAsync();
        var bad = Enumerable.Range(0, 60).Select(i => $"M{i:D3},Mission {i},XXX,2014-04-10");
        var missions = "code,name,host_country,start_date\n" + string.Join('\n', bad) + "\nMUNCLOSED,\"Unclosed,CAF,2014-04-10\n";
        var sites = "code,mission,name,kind,latitude,longitude,languages\nS-1,MINUSCA,One,team-site,95,1,fr\nS-2,MINUSCA,Two,team-site\n";

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Sites, sites), TestDatabase.Csv(ImportKind.Missions, missions));

        var failed = Assert.IsType<ImportFailed>(result);
        Assert.Equal(60 + 1 + 2, failed.TotalErrors);
        Assert.Equal(Enumerable.Range(2, 50), failed.Errors.Select(e => e.Line));
        Assert.All(failed.Errors, e => Assert.Equal("missions.csv", e.File));
    }

    [Fact]
    public async Task Import_Errors_WholeRowFaultsAfterAnEarlierValueFault_ComeAfterIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sites = "code,mission,name,kind,latitude,longitude,languages\nS-1,MINUSCA,One,team-site,95,1,fr\nS-2,MINUSCA,Two,team-site\nS-3,MINUSCA,\"Three,team-site,1,1,fr\n";

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, sites));

        Assert.Equal([2, 3, 4], Assert.IsType<ImportFailed>(result).Errors.Select(e => e.Line));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public async Task Import_FileInAUnicodeEncodingOtherThanUtf8_IsRefused(string encoding)
    {
        await using var database = await TestDatabase.CreateAsync();
        var text = System.Text.Encoding.GetEncoding(encoding);
        var bytes = text.GetPreamble().Concat(text.GetBytes(ValidCsv.Missions)).ToArray();

        var result = await database.ImportAsync(ImportFile.FromStream(ImportKind.Missions, "missions.csv", new MemoryStream(bytes)));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("missions.csv", 0, null), (error.File, error.Line, error.Column));
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await database.CountReferenceRowsAsync());
    }

    [Fact]
    public async Task Import_HeaderOnlyFile_SucceedsAndNamesTheFileWithoutRows()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, "code,name,host_country,start_date\n"));

        Assert.Equal(["missions.csv"], Assert.IsType<ImportSucceeded>(result).FilesWithoutRows);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Import_WithBadInput_NamesFileLineAndColumn_AndImportsNothing(
        string fault, ImportKind kind, string csv, int line, string? column, string? value)
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.ImportAsync(ValidCsv.AllWith(kind, csv));

        var failed = Assert.IsType<ImportFailed>(result);
        var error = Assert.Single(failed.Errors);
        Assert.True((kind.DefaultFileName(), line, column, value) == (error.File, error.Line, error.Column, error.Value),
            $"{fault}: expected {kind.DefaultFileName()} line {line}, column {column}, value '{value}'; got {error} (value '{error.Value}')");
        Assert.Equal(1, failed.TotalErrors);
        Assert.Equal(0, await database.CountReferenceRowsAsync());
    }

    [Fact]
    public async Task Import_WithUnknownMission_NamesFileLineAndColumn_AndImportsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string sites = """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,mission-hq,4.3947,18.5582,fr|sg
            MINUSCA-BRI,MINUSKA,Bria,team-site,6.5423,21.9863,fr|sg
            """;

        var result = await database.ImportAsync(ValidCsv.AllWith(ImportKind.Sites, sites));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(new ImportError("sites.csv", 3, "mission", "MINUSKA",
            "unknown mission 'MINUSKA': it is neither in this import nor in the database"), error);
        Assert.Equal(0, await database.CountReferenceRowsAsync());
    }

    [Fact]
    public async Task Import_WithLatitudeOutOfRange_SaysSoInOneReadableLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sites = string.Join('\n', Enumerable.Repeat("", 12).Prepend("code,mission,name,kind,latitude,longitude,languages"))
            + "\nMINUSCA-BGI,MINUSCA,Bangui,mission-hq,95.2,18.5582,fr|sg\n";

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, sites));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal("sites.csv line 14, column latitude: '95.2' is not a latitude between -90 and 90", error.ToString());
    }

    [Fact]
    public async Task Import_WithMissingRequiredColumn_NamesFileAndColumnOnLine1()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, "code,name,start_date\nMINUSCA,Mission,2014-04-10\n"));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("missions.csv", 1, "host_country"), (error.File, error.Line, error.Column));
        Assert.StartsWith("the required column 'host_country' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithUnknownToken_ListsTheAllowedTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string sites = """
            code,mission,name,kind,latitude,longitude,languages
            MINUSCA-BGI,MINUSCA,Bangui,outpost,4.3947,18.5582,fr|sg
            """;

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, sites));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal("'outpost' is not one of: mission-hq, sector-hq, team-site, cob, tob", error.Message);
    }

    [Fact]
    public async Task Import_WithCodeAlreadyInDatabase_RefusesItAsDuplicate_AndAddsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions)));
        const string missions = """
            code,name,host_country,start_date
            MONUSCO,Stabilization Mission in the Democratic Republic of the Congo,COD,2010-07-01
            UNMISS,Mission in South Sudan (again),SSD,2011-07-09
            """;

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, missions));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("missions.csv", 3, "code", "UNMISS"), (error.File, error.Line, error.Column, error.Value));
        Assert.Contains("already exists in the database", error.Message, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(["MINUSCA", "UNMISS"], db.Missions.Select(m => m.Code).OrderBy(c => c).ToArray());
    }

    [Fact]
    public async Task Import_WithOfficialAlreadyInDatabase_RefusesItAsDuplicate()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync(ValidCsv.All()));
        const string officials = """
            site,full_name,title,role,nationality,from
            UNMISS-JUB,Head Sample Three,Head of office,head-of-office,KEN,2025-02-01
            MINUSCA-BRI,Commander Sample One,Battalion commander,commander,RWA,2025-05-01
            """;

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Officials, officials));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("officials.csv", 3, "full_name", "Commander Sample One"), (error.File, error.Line, error.Column, error.Value));
        Assert.Contains("already an official at MINUSCA-BRI from 2025-05-01 (the database)", error.Message, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(2, await db.Officials.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_WithPersonAlreadyInDatabase_RefusesItAsDuplicate()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync(ValidCsv.All()));
        const string personnel = """
            person_id,full_name,nationality,category,mission
            P-0100,New Person,KEN,civilian,UNMISS
            P-0002,Sample Ndiaye,SEN,formed-police,MINUSCA
            """;

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Personnel, personnel));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("personnel.csv", 3, "person_id", "P-0002"), (error.File, error.Line, error.Column, error.Value));
    }

    [Fact]
    public async Task Import_WithFaultsInSeveralFiles_ReportsEveryOneInFileOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var files = new[]
        {
            TestDatabase.Csv(ImportKind.Officers, ValidCsv.Officers.Replace("CAN", "XXX", StringComparison.Ordinal)),
            TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions.Replace("2011-07-09", "2011-07-32", StringComparison.Ordinal)),
            TestDatabase.Csv(ImportKind.Sites, ValidCsv.Sites),
        };

        var result = await database.ImportAsync(files);

        var failed = Assert.IsType<ImportFailed>(result);
        Assert.Equal(
            ["missions.csv line 3, column start_date", "officers.csv line 2, column nationality"],
            failed.Errors.Select(e => $"{e.File} line {e.Line}, column {e.Column}"));
    }

    [Fact]
    public async Task Import_WithMoreThan50Errors_ListsTheFirst50AndCountsAll()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rows = Enumerable.Range(1, 70).Select(i => $"P-{i:D4},Person {i},XXX,civilian,MINUSCA");
        var personnel = "person_id,full_name,nationality,category,mission\n" + string.Join('\n', rows);

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Personnel, personnel));

        var failed = Assert.IsType<ImportFailed>(result);
        Assert.Equal(ReferenceImporter.MaxReportedErrors, failed.Errors.Count);
        Assert.Equal(70, failed.TotalErrors);
        Assert.Equal(20, failed.Omitted);
        Assert.Equal(Enumerable.Range(2, 50), failed.Errors.Select(e => e.Line));
    }

    [Fact]
    public async Task Import_WithMissingFile_ReportsItWithoutThrowing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missions.csv");

        var result = await database.ImportAsync(ImportFile.FromPath(ImportKind.Missions, path));

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("missions.csv", 0, null), (error.File, error.Line, error.Column));
    }

    [Fact]
    public async Task Import_WithInvalidUtf8_RefusesTheFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("code,name,host_country,start_date\nMINUSCA,Mission de stabilisation en Centrafrique (é),CAF,2014-04-10\n");
        var file = ImportFile.FromStream(ImportKind.Missions, "missions.csv", new MemoryStream(latin1));

        var result = await database.ImportAsync(file);

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal(("missions.csv", 2, "name"), (error.File, error.Line, error.Column));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_HeaderRowNotUtf8_NamesItsColumn_WithoutQuotingIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("code,nomé,host_country,start_date\nMINUSCA,Mission,CAF,2014-04-10\n");
        var file = ImportFile.FromStream(ImportKind.Missions, "missions.csv", new MemoryStream(latin1));

        var result = await database.ImportAsync(file);

        // It was "the required column 'name' is missing from the header (found: code, nom\uFFFD, …)".
        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal("missions.csv line 1: the header row is not valid UTF-8 in column 2 (save the file as CSV UTF-8)", error.ToString());
    }

    [Fact]
    public async Task Import_ValueHoldingNul_IsRefusedAtItsLineAndColumn_AndNothingIsWritten()
    {
        await using var database = await TestDatabase.CreateAsync();
        // PostgreSQL's text cannot hold U+0000: the reader refuses it on every database, before anything is written.
        var file = ImportFile.FromStream(ImportKind.Missions, "missions.csv",
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes("code,name,host_country,start_date\nMINUSCA,Mission\0Centrafrique,CAF,2014-04-10\n")));

        var result = await database.ImportAsync(file);

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.StartsWith("missions.csv line 2", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("name", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("NUL character (U+0000)", error.ToString(), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Empty(db.Missions);
    }

    [Fact]
    public async Task Import_WithoutItsHeaderRow_DoesNotQuoteLineOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = TestDatabase.Csv(ImportKind.Personnel, "P-CAF-9,Amina Testcase-Headerless,CAF,military-contingent,MINUSCA\n");

        var result = await database.ImportAsync(file);

        // Line 1 is a person's data here; it was listed whole as the columns "found".
        var errors = Assert.IsType<ImportFailed>(result).Errors;
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.DoesNotContain("Amina", e.ToString(), StringComparison.Ordinal);
            Assert.Contains("no known column in the header row (5 unknown, not shown): is the first line the header row?", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Import_MisspeltColumn_NamesTheKnownColumnsFound_AndCountsTheOthers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = TestDatabase.Csv(ImportKind.Missions, "code,name,host_country,start_dat\nMINUSCA,Mission,CAF,2014-04-10\n");

        var result = await database.ImportAsync(file);

        var error = Assert.Single(Assert.IsType<ImportFailed>(result).Errors);
        Assert.Equal("missions.csv line 1, column start_date: the required column 'start_date' is missing from the header (found: code, name, host_country; 1 unknown, not shown)",
            error.ToString());
    }
}
