using Microsoft.EntityFrameworkCore;
using Vigil.Core.Import;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Core.Tests.Import;

public sealed class ReferenceImporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_OfAllSixFiles_InsertsEveryRowWithItsReferences()
    {
        await using var database = await TestDatabase.CreateAsync();

        // Given in reverse order: the importer sorts files by dependency.
        var result = await database.ImportAsync([.. ValidCsv.All().Reverse()]);

        var counts = Assert.IsType<ImportSucceeded>(result).Counts;
        Assert.Equal(new ImportCounts(Missions: 2, Sites: 3, Contingents: 2, Personnel: 3, Officers: 2, Officials: 2), counts);
        await using var db = database.NewContext();
        var minusca = await db.Missions.SingleAsync(m => m.Code == "MINUSCA", Ct);
        Assert.Equal(("CAF", new DateOnly(2014, 4, 10), (DateOnly?)null), (minusca.HostCountry, minusca.StartDate, minusca.EndDate));
        var bria = await db.Sites.Include(s => s.Mission).SingleAsync(s => s.Code == "MINUSCA-BRI", Ct);
        Assert.Equal(("MINUSCA", SiteKind.TeamSite, 6.5423, 21.9863), (bria.Mission!.Code, bria.Kind, bria.Latitude, bria.Longitude));
        Assert.Equal(["fr", "sg"], bria.Languages);
        var fpu = await db.Contingents.Include(c => c.Site).SingleAsync(c => c.Code == "MINUSCA-BGI-SEN-FPU-1", Ct);
        Assert.Equal(("MINUSCA-BGI", PersonnelCategory.FormedPolice, 140, new DateOnly(2024, 1, 9)), (fpu.Site!.Code, fpu.Category, fpu.Strength, fpu.To));
        var person = await db.Personnel.Include(p => p.Contingent).Include(p => p.Mission).SingleAsync(p => p.PersonNumber == "P-0001", Ct);
        Assert.Equal(new PartialDate(1985, 3), person.DateOfBirth);
        Assert.Equal(["PA1234567", "UN-998877"], person.IdNumbers);
        Assert.Equal(["T. Kagabo"], person.Aliases);
        Assert.Equal(("MINUSCA", "MINUSCA-BRI-RWA-INF-1", "RWABATT 2"), (person.Mission!.Code, person.Contingent!.Code, person.Unit));
        var civilian = await db.Personnel.SingleAsync(p => p.PersonNumber == "P-0003", Ct);
        Assert.Equal(((PartialDate?)null, (int?)null, (string?)null), (civilian.DateOfBirth, civilian.ContingentId, civilian.Unit));
        var alpha = await db.ConductOfficers.Include(o => o.Postings).ThenInclude(p => p.Site).SingleAsync(o => o.Code == "CDO-0001", Ct);
        var posting = Assert.Single(alpha.Postings);
        Assert.Equal(("MINUSCA-BRI", new DateOnly(2025, 1, 15), (DateOnly?)null), (posting.Site!.Code, posting.From, posting.To));
        Assert.Empty(await db.Postings.Where(p => p.Officer!.Code == "CDO-0002").ToListAsync(Ct));
        var head = await db.Officials.Include(o => o.Site).SingleAsync(o => o.FullName == "Head Sample Two", Ct);
        Assert.Equal(("MINUSCA-BGI", "Head of office", OfficialRole.HeadOfOffice, "FRA", new DateOnly(2024, 1, 1), (DateOnly?)new DateOnly(2025, 12, 31)),
            (head.Site!.Code, head.Title, head.Role, head.Nationality, head.From, head.To));
    }

    /// <summary>What an import added is in the audit log by code, in its transaction; a refused import leaves no entry.</summary>
    [Fact]
    public async Task Import_AuditsEachRecordByCode_WithoutNames_AndARefusedOneNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync([.. ValidCsv.All()]));

        await using (var db = database.NewContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Detail!.StartsWith("imported") || e.RecordType == "Import").OrderBy(e => e.Sequence)
                .Select(e => new { e.Actor, e.RecordType, e.RecordId, e.Detail }).ToListAsync(Ct);
            Assert.Equal("vigil import: 2 mission(s), 3 site(s), 2 contingent(s), 3 person(s), 2 conduct officer(s), 2 official(s)", entries[0].Detail);
            Assert.All(entries, e => Assert.Equal("system", e.Actor));
            Assert.Equal(
                [
                    "Mission MINUSCA imported: host country CAF; start 2014-04-10",
                    "Mission UNMISS imported: host country SSD; start 2011-07-09",
                    "Site MINUSCA-BGI imported: mission MINUSCA; kind mission-hq; languages fr,sg",
                    "Site MINUSCA-BRI imported: mission MINUSCA; kind team-site; languages fr,sg",
                    "Site UNMISS-JUB imported: mission UNMISS; kind mission-hq; languages en,ar",
                    "Contingent MINUSCA-BRI-RWA-INF-1 imported: site MINUSCA-BRI; country RWA; category military-contingent; unit RWABATT 2; strength 750; from 2023-05-01",
                    "Contingent MINUSCA-BGI-SEN-FPU-1 imported: site MINUSCA-BGI; country SEN; category formed-police; unit FPU 1; strength 140; from 2022-01-10; last day 2024-01-09",
                    "Person  imported: 3 person(s) by mission: MINUSCA 3",
                    "ConductOfficer CDO-0001 imported: mission MINUSCA; nationality CAN; grade P-3; languages fr,en; posted at MINUSCA-BRI from 2025-01-15",
                    "ConductOfficer CDO-0002 imported: mission UNMISS; nationality GHA; grade P-4; languages en",
                ],
                entries.Skip(1).Where(e => e.RecordType != "Official").Select(e => $"{e.RecordType} {e.RecordId} {e.Detail}"));
            var head = await db.Officials.Where(o => o.FullName == "Head Sample Two").Select(o => o.Id).SingleAsync(Ct);
            Assert.Equal("imported: site MINUSCA-BGI; role head-of-office; nationality FRA; from 2024-01-01; to 2025-12-31",
                entries.Single(e => e.RecordType == "Official" && e.RecordId == head.ToString(System.Globalization.CultureInfo.InvariantCulture)).Detail);
            Assert.DoesNotContain(entries, e => e.Detail!.Contains("Sample", StringComparison.Ordinal) || e.Detail.Contains("P-000", StringComparison.Ordinal) || e.Detail.Contains("Officer ", StringComparison.Ordinal));
        }

        var count = await CountEntriesAsync();
        Assert.IsType<ImportFailed>(await database.ImportAsync(TestDatabase.Csv(ImportKind.Sites, ValidCsv.Sites)));
        Assert.Equal(count, await CountEntriesAsync());

        async Task<int> CountEntriesAsync()
        {
            await using var db = database.NewContext();
            return await db.AuditEntries.CountAsync(Ct);
        }
    }

    [Fact]
    public async Task Import_ReferringToRowsAlreadyInDatabase_Succeeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync(
            TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Sites, ValidCsv.Sites)));

        var result = await database.ImportAsync(
            TestDatabase.Csv(ImportKind.Contingents, ValidCsv.Contingents),
            TestDatabase.Csv(ImportKind.Personnel, ValidCsv.Personnel),
            TestDatabase.Csv(ImportKind.Officers, ValidCsv.Officers));

        Assert.Equal(new ImportCounts(0, 0, 2, 3, 2), Assert.IsType<ImportSucceeded>(result).Counts);
        Assert.Equal(2 + 3 + 2 + 3 + 2 + 1, await database.CountReferenceRowsAsync());
    }

    [Fact]
    public async Task Import_WithColumnsInAnotherOrder_UnknownColumnAndByteOrderMark_ReadsByHeaderName()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string missions = """
            Start_Date,comment,host_country,NAME,code
            2014-04-10,ignored,CAF,Stabilization Mission in the Central African Republic,MINUSCA
            """;
        const string sites = """
            languages,longitude,latitude,kind,name,mission,code,notes
            fr|SG,18.5582,4.3947,Mission-HQ,Bangui,MINUSCA,MINUSCA-BGI,"anything, really"
            """;

        var result = await database.ImportAsync(
            TestDatabase.Csv(ImportKind.Missions, missions, byteOrderMark: true),
            TestDatabase.Csv(ImportKind.Sites, sites, byteOrderMark: true));

        Assert.Equal(new ImportCounts(1, 1, 0, 0, 0), Assert.IsType<ImportSucceeded>(result).Counts);
        await using var db = database.NewContext();
        var site = await db.Sites.Include(s => s.Mission).SingleAsync(Ct);
        Assert.Equal(("MINUSCA-BGI", "Bangui", SiteKind.MissionHeadquarters, "MINUSCA"), (site.Code, site.Name, site.Kind, site.Mission!.Code));
        Assert.Equal(["fr", "sg"], site.Languages);
    }

    [Fact]
    public async Task Import_WithQuotedCommasQuotesAndLineBreaks_KeepsTheValuesWhole()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string contingents = """
            code,site,country,category,unit,strength,from
            MINUSCA-BRI-RWA-ENG-1,MINUSCA-BRI,RWA,military-contingent,"Engineering company, ""Alpha""
            second line",120,2024-02-01
            MINUSCA-BRI-RWA-INF-1,MINUSCA-BRI,RWA,military-contingent,"RWABATT 2",750,2023-05-01
            """;
        const string personnel = """"
            person_id,full_name,aliases,nationality,category,mission,contingent
            P-0001,"Kagabo, Test","Test Kagabo|""Tiger""",RWA,military-contingent,MINUSCA,MINUSCA-BRI-RWA-ENG-1
            """";

        var result = await database.ImportAsync(
            TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions),
            TestDatabase.Csv(ImportKind.Sites, ValidCsv.Sites),
            TestDatabase.Csv(ImportKind.Contingents, contingents),
            TestDatabase.Csv(ImportKind.Personnel, personnel));

        Assert.IsType<ImportSucceeded>(result);
        await using var db = database.NewContext();
        var engineers = await db.Contingents.SingleAsync(c => c.Code == "MINUSCA-BRI-RWA-ENG-1", Ct);
        Assert.Equal("Engineering company, \"Alpha\"\nsecond line", engineers.UnitName);
        var person = await db.Personnel.SingleAsync(Ct);
        Assert.Equal("Kagabo, Test", person.FullName);
        Assert.Equal(["Test Kagabo", "\"Tiger\""], person.Aliases);
    }

    [Fact]
    public async Task Import_OfArabicScriptNames_SurvivesTheRoundTrip()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string personnel = """
            person_id,full_name,aliases,nationality,category,mission
            P-0100,محمد عبد الرحمن الاختبار,Mohamed Abdelrahman|Muhammad Abd al-Rahman|أبو عمر,EGY,individual-police,MINUSCA
            """;
        const string officers = """
            code,full_name,nationality,grade,languages,mission
            CDO-0100,فاطمة الزهراء المثال,MAR,P-3,ar|fr,MINUSCA
            """;

        var result = await database.ImportAsync(
            TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions),
            TestDatabase.Csv(ImportKind.Personnel, personnel),
            TestDatabase.Csv(ImportKind.Officers, officers));

        Assert.IsType<ImportSucceeded>(result);
        await using var db = database.NewContext();
        var person = await db.Personnel.SingleAsync(p => p.FullName == "محمد عبد الرحمن الاختبار", Ct);
        Assert.Equal(["Mohamed Abdelrahman", "Muhammad Abd al-Rahman", "أبو عمر"], person.Aliases);
        Assert.Equal("فاطمة الزهراء المثال", (await db.ConductOfficers.SingleAsync(Ct)).FullName);
    }

    [Fact]
    public async Task Import_OfSampleFiles_SucceedsIntoAnEmptyDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var directory = Path.Combine(AppContext.BaseDirectory, "samples", "import");
        var files = Enum.GetValues<ImportKind>()
            .Select(kind => ImportFile.FromPath(kind, Path.Combine(directory, kind.DefaultFileName())))
            .ToArray();

        var result = await database.ImportAsync(files);

        var succeeded = Assert.IsType<ImportSucceeded>(result);
        Assert.All(Enum.GetValues<ImportKind>(), kind => Assert.True(succeeded.Counts[kind] > 0, $"{kind} imported nothing"));
    }

    [Fact]
    public async Task Import_OfNoFiles_SucceedsWithZeroCounts()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await database.ImportAsync();

        Assert.Equal(0, Assert.IsType<ImportSucceeded>(result).Counts.Total);
    }

    /// <summary>
    /// Codes are checked against the database in chunks: one query with every person_id of a file of more than 32,766 rows
    /// exceeded SQLite's host parameters. A chunk of 7 crosses several boundaries with a small file.
    /// </summary>
    [Fact]
    public async Task Import_PersonnelAndOfficers_AreCheckedAgainstTheDatabaseInChunks()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<ImportSucceeded>(await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions)));
        string Personnel(IEnumerable<int> numbers) =>
            "person_id,full_name,nationality,category,mission\n" + string.Join('\n', numbers.Select(i => $"Q-{i:D5},Person {i},RWA,civilian,MINUSCA"));
        string Officers(IEnumerable<int> numbers) =>
            "code,full_name,nationality,grade,languages,mission\n" + string.Join('\n', numbers.Select(i => $"CDO-{i:D4},Officer {i},CAN,P-3,fr,MINUSCA"));
        await using (var db = database.NewContext())
        {
            var first = await database.Importer(db, lookupChunk: 7).ImportAsync(
                [TestDatabase.Csv(ImportKind.Personnel, Personnel(Enumerable.Range(1, 30))), TestDatabase.Csv(ImportKind.Officers, Officers(Enumerable.Range(1, 20)))], Ct);
            Assert.Equal(new ImportCounts(0, 0, 0, 30, 20), Assert.IsType<ImportSucceeded>(first).Counts);
        }

        await using (var db = database.NewContext())
        {
            // Rows 26 to 40 and 16 to 25: the ones already there are found whichever chunk they fall in.
            var second = await database.Importer(db, lookupChunk: 7).ImportAsync(
                [TestDatabase.Csv(ImportKind.Personnel, Personnel(Enumerable.Range(26, 15))), TestDatabase.Csv(ImportKind.Officers, Officers(Enumerable.Range(16, 10)))], Ct);
            var failed = Assert.IsType<ImportFailed>(second);
            Assert.Equal(5 + 5, failed.TotalErrors);
            Assert.Equal(Enumerable.Range(26, 5).Select(i => $"Q-{i:D5}").Concat(Enumerable.Range(16, 5).Select(i => $"CDO-{i:D4}")), failed.Errors.Select(e => e.Value));
        }
    }

    /// <summary>More rows than SQLite's 32,766 host parameters, which one lookup query used to exceed.</summary>
    [Fact]
    public async Task Import_Of40000Personnel_Succeeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rows = Enumerable.Range(1, 40_000).Select(i => $"Q-{i:D6},Person {i},RWA,civilian,MINUSCA");
        var personnel = "person_id,full_name,nationality,category,mission\n" + string.Join('\n', rows);

        var result = await database.ImportAsync(TestDatabase.Csv(ImportKind.Missions, ValidCsv.Missions), TestDatabase.Csv(ImportKind.Personnel, personnel));

        Assert.Equal(40_000, Assert.IsType<ImportSucceeded>(result).Counts.Personnel);
    }
}
