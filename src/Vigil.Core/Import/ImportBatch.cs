using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Core.Import;

/// <summary>
/// The state of one import: the records it will insert and the codes it knows (from the database
/// and from earlier rows). Turns checked rows into entities; a row with any fault yields none.
/// </summary>
internal sealed class ImportBatch(VigilDbContext db, int lookupChunk = ImportBatch.LookupChunk)
{
    /// <summary>
    /// Codes looked up per query when checking a file's codes against the database: one query with every code of a large
    /// file exceeds SQLite's 32,766 host parameters (PostgreSQL's limit is 65,535). The registry import uses 500 too.
    /// </summary>
    public const int LookupChunk = 500;

    private readonly CodeIndex<Mission> _missions = new("mission");
    private readonly CodeIndex<Site> _sites = new("site");
    private readonly CodeIndex<Contingent> _contingents = new("contingent");
    private readonly CodeIndex<Person> _personnel = new("person");
    private readonly CodeIndex<ConductOfficer> _officers = new("officer");

    /// <summary>Site names taken per mission code (the database has a unique index on mission and name).</summary>
    private readonly Dictionary<(string Mission, string Name), string> _siteNames = [];

    private readonly List<Mission> _newMissions = [];
    private readonly List<Site> _newSites = [];
    private readonly List<Contingent> _newContingents = [];
    private readonly List<Person> _newPersonnel = [];
    private readonly List<ConductOfficer> _newOfficers = [];
    private readonly List<Official> _newOfficials = [];

    /// <summary>Officials have no code: one is a duplicate when site, name and start date are all taken (database or earlier row).</summary>
    private readonly Dictionary<(string SiteCode, string Name, DateOnly From), string> _officials = [];

    public ImportCounts Counts => new(_newMissions.Count, _newSites.Count, _newContingents.Count, _newPersonnel.Count, _newOfficers.Count, _newOfficials.Count);

    public static CsvSchema SchemaOf(ImportKind kind) => kind switch
    {
        ImportKind.Missions => new(["code", "name", "host_country", "start_date"], ["end_date"]),
        ImportKind.Sites => new(["code", "mission", "name", "kind", "latitude", "longitude", "languages"], []),
        ImportKind.Contingents => new(["code", "site", "country", "category", "unit", "strength", "from"], ["to"]),
        ImportKind.Personnel => new(["person_id", "full_name", "nationality", "category", "mission"],
            ["aliases", "date_of_birth", "id_numbers", "unit", "contingent"]),
        ImportKind.Officers => new(["code", "full_name", "nationality", "grade", "languages", "mission"], ["current_site", "posted_since"]),
        ImportKind.Officials => new(["site", "full_name", "title", "role", "nationality", "from"], ["to"]),
    };

    /// <summary>
    /// Loads the missions, sites and contingents that rows of <paramref name="kinds"/> may refer to or
    /// collide with. These tables are small (hundreds to a few thousand rows); personnel and officers,
    /// which are not referred to, are only checked for collisions, by code, per file.
    /// </summary>
    public async Task LoadExistingAsync(IReadOnlySet<ImportKind> kinds, CancellationToken ct)
    {
        if (kinds.Count == 0)
        {
            return;
        }
        foreach (var mission in await db.Missions.ToListAsync(ct))
        {
            _missions.AddExisting(mission.Code, mission);
        }
        if (kinds.Any(k => k != ImportKind.Missions))
        {
            // Tracked, so that relationship fix-up sets Site.Mission and Contingent.Site.
            foreach (var site in await db.Sites.ToListAsync(ct))
            {
                _sites.AddExisting(site.Code, site);
                _siteNames[(site.Mission!.Code, ReferenceRules.SiteNameKey(site.Name))] = "the database";
            }
        }
        if (kinds.Contains(ImportKind.Contingents) || kinds.Contains(ImportKind.Personnel))
        {
            foreach (var contingent in await db.Contingents.ToListAsync(ct))
            {
                _contingents.AddExisting(contingent.Code, contingent);
            }
        }
    }

    public async Task AddRowsAsync(ImportKind kind, CsvContent content, CancellationToken ct)
    {
        var rows = content.Rows;
        if (!content.Complete)
        {
            MarkIncomplete(kind);
        }
        switch (kind)
        {
            case ImportKind.Missions:
                rows.ToList().ForEach(AddMission);
                break;
            case ImportKind.Sites:
                rows.ToList().ForEach(AddSite);
                break;
            case ImportKind.Contingents:
                rows.ToList().ForEach(AddContingent);
                break;
            case ImportKind.Personnel:
                foreach (var chunk in CodesOf(rows, "person_id").Chunk(lookupChunk))
                {
                    foreach (var taken in await db.Personnel.Where(p => chunk.Contains(p.PersonNumber)).Select(p => p.PersonNumber).ToListAsync(ct))
                    {
                        _personnel.MarkExisting(taken);
                    }
                }
                rows.ToList().ForEach(AddPerson);
                break;
            case ImportKind.Officers:
                foreach (var chunk in CodesOf(rows, "code").Chunk(lookupChunk))
                {
                    foreach (var taken in await db.ConductOfficers.Where(o => chunk.Contains(o.Code)).Select(o => o.Code).ToListAsync(ct))
                    {
                        _officers.MarkExisting(taken);
                    }
                }
                rows.ToList().ForEach(AddOfficer);
                break;
            case ImportKind.Officials:
                foreach (var taken in await db.Officials.Select(o => new { SiteCode = o.Site!.Code, o.FullName, o.From }).ToListAsync(ct))
                {
                    _officials[(taken.SiteCode, taken.FullName, taken.From)] = "the database";
                }
                rows.ToList().ForEach(AddOfficial);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind.");
        }
    }

    private void MarkIncomplete(ImportKind kind)
    {
        switch (kind)
        {
            case ImportKind.Missions:
                _missions.MarkIncomplete();
                break;
            case ImportKind.Sites:
                _sites.MarkIncomplete();
                break;
            case ImportKind.Contingents:
                _contingents.MarkIncomplete();
                break;
            case ImportKind.Personnel:
            case ImportKind.Officers:
            case ImportKind.Officials:
                // Nothing refers to personnel, officers or officials.
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind.");
        }
    }

    private static List<string> CodesOf(IReadOnlyList<CsvRow> rows, string column) =>
        rows.Select(r => r.Optional(column)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Tracks every new entity as Added; the caller saves inside its transaction.</summary>
    public void AddNewEntities()
    {
        db.Missions.AddRange(_newMissions);
        db.Sites.AddRange(_newSites);
        db.Contingents.AddRange(_newContingents);
        db.Personnel.AddRange(_newPersonnel);
        db.ConductOfficers.AddRange(_newOfficers);
        db.Officials.AddRange(_newOfficials);
    }

    /// <summary>How many missions the personnel entry names with their counts; the rest are counted.</summary>
    private const int MaxMissionsNamed = 20;

    /// <summary>
    /// The audit entries of the import, once saved (the officials' ids are known): one saying what it added, then one per
    /// record by code as the application's additions write them (<see cref="RecordAuditDetail"/>: the fields, never a
    /// name), an official by its id (it has no code). Personnel are one entry, counted by mission: a person number is
    /// personal data, and each person's row is recorded by its id by the interceptor.
    /// </summary>
    public List<AuditEvent> AuditEvents()
    {
        const string Done = "imported";
        var counts = Counts;
        var events = new List<AuditEvent>
        {
            new(AuditActions.Create, "Import", null, string.Create(CultureInfo.InvariantCulture,
                $"vigil import: {counts.Missions} mission(s), {counts.Sites} site(s), {counts.Contingents} contingent(s), {counts.Personnel} person(s), {counts.Officers} conduct officer(s), {counts.Officials} official(s)")),
        };
        events.AddRange(_newMissions.Select(m => new AuditEvent(AuditActions.Create, nameof(Mission), m.Code, RecordAuditDetail.Mission(Done, m))));
        events.AddRange(_newSites.Select(s => new AuditEvent(AuditActions.Create, nameof(Site), s.Code, RecordAuditDetail.Site(Done, s.Mission!.Code, s))));
        events.AddRange(_newContingents.Select(c => new AuditEvent(AuditActions.Create, nameof(Contingent), c.Code, RecordAuditDetail.Contingent(Done, c.Site!.Code, c))));
        if (_newPersonnel.Count > 0)
        {
            var byMission = _newPersonnel.GroupBy(p => p.Mission!.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")).ToList();
            var named = string.Join(", ", byMission.Take(MaxMissionsNamed))
                + (byMission.Count > MaxMissionsNamed ? string.Create(CultureInfo.InvariantCulture, $" and {byMission.Count - MaxMissionsNamed} more mission(s)") : "");
            events.Add(new AuditEvent(AuditActions.Create, nameof(Person), null,
                string.Create(CultureInfo.InvariantCulture, $"{Done}: {_newPersonnel.Count} person(s) by mission: {named}")));
        }
        events.AddRange(_newOfficers.Select(o => new AuditEvent(AuditActions.Create, nameof(ConductOfficer), o.Code,
            RecordAuditDetail.Officer(Done, o.Mission!.Code, o, o.Postings.FirstOrDefault()?.Site?.Code, o.Postings.FirstOrDefault()?.From))));
        events.AddRange(_newOfficials.Select(o => new AuditEvent(AuditActions.Create, nameof(Official), AuditWriter.FormatKey(o.Id), RecordAuditDetail.Official(Done, o.Site!.Code, o))));
        return events;
    }

    private void AddMission(CsvRow row)
    {
        var code = row.Code("code", ReferenceRules.MissionCodeLength);
        var defined = _missions.Define(row, "code", row.Optional("code"));
        var name = row.Required("name", 200);
        var hostCountry = row.Country("host_country");
        var start = row.RequiredDate("start_date");
        var end = row.OptionalDate("end_date");
        if (start is { } s && end is { } e && e < s)
        {
            row.Error("end_date", row.Raw("end_date"), $"'{e:yyyy-MM-dd}' is before start_date {s:yyyy-MM-dd}");
        }
        if (!defined || row.Failed)
        {
            return;
        }
        var mission = new Mission { Code = code!, Name = name!, HostCountry = hostCountry!, StartDate = start!.Value, EndDate = end };
        _missions.Add(mission.Code, mission);
        _newMissions.Add(mission);
    }

    private void AddSite(CsvRow row)
    {
        var code = row.Code("code", ReferenceRules.SiteCodeLength);
        var defined = _sites.Define(row, "code", row.Optional("code"));
        var mission = _missions.Resolve(row, "mission", row.Required("mission", ReferenceRules.MissionCodeLength));
        var name = row.Required("name", ReferenceRules.SiteNameLength);
        if (mission is not null && name is not null && !_siteNames.TryAdd((mission.Code, ReferenceRules.SiteNameKey(name)), $"line {row.Line}"))
        {
            var where = _siteNames[(mission.Code, ReferenceRules.SiteNameKey(name))];
            row.Error("name", name, $"mission {mission.Code} already has a site named '{CsvRow.Shorten(name)}' ({where})");
        }
        var kind = row.Token<SiteKind>("kind", SiteKinds.TryParse, SiteKinds.AllTokens);
        var latitude = row.Number("latitude", -ReferenceRules.MaxLatitude, ReferenceRules.MaxLatitude, "a latitude");
        var longitude = row.Number("longitude", -ReferenceRules.MaxLongitude, ReferenceRules.MaxLongitude, "a longitude");
        var languages = row.Languages("languages");
        if (!defined || row.Failed)
        {
            return;
        }
        var site = new Site
        {
            Code = code!,
            Mission = mission,
            Name = name!,
            Kind = kind!.Value,
            Latitude = latitude!.Value,
            Longitude = longitude!.Value,
            Languages = languages!,
        };
        _sites.Add(site.Code, site);
        _newSites.Add(site);
    }

    private void AddContingent(CsvRow row)
    {
        var code = row.Code("code", ReferenceRules.ContingentCodeLength);
        var defined = _contingents.Define(row, "code", row.Optional("code"));
        var site = _sites.Resolve(row, "site", row.Required("site", ReferenceRules.SiteCodeLength));
        var country = row.Country("country");
        var category = row.Token<PersonnelCategory>("category", PersonnelCategories.TryParse, PersonnelCategories.AllTokens);
        var unit = row.Required("unit", ReferenceRules.UnitLength);
        var strength = row.Integer("strength", ReferenceRules.MinStrength);
        var from = row.RequiredDate("from");
        var to = row.OptionalDate("to");
        if (from is { } f && to is { } t && t < f)
        {
            row.Error("to", row.Raw("to"), $"'{t:yyyy-MM-dd}' is before from {f:yyyy-MM-dd}");
        }
        if (!defined || row.Failed)
        {
            return;
        }
        var contingent = new Contingent
        {
            Code = code!,
            Site = site,
            ContributingCountry = country!,
            Category = category!.Value,
            UnitName = unit!,
            Strength = strength!.Value,
            From = from!.Value,
            To = to,
        };
        _contingents.Add(contingent.Code, contingent);
        _newContingents.Add(contingent);
    }

    private void AddPerson(CsvRow row)
    {
        var personId = row.Required("person_id", 40);
        var defined = _personnel.Define(row, "person_id", row.Optional("person_id"));
        var fullName = row.Required("full_name", 300);
        var aliases = row.List("aliases", required: false, maxLength: 300);
        PartialDate? dateOfBirth = null;
        if (row.Optional("date_of_birth") is { } dob)
        {
            if (PartialDate.TryParse(dob, out var parsed))
            {
                dateOfBirth = parsed;
            }
            else
            {
                row.Error("date_of_birth", dob, $"'{CsvRow.Shorten(dob)}' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY");
            }
        }
        var nationality = row.Country("nationality");
        var idNumbers = row.List("id_numbers", required: false, maxLength: 100);
        var category = row.Token<PersonnelCategory>("category", PersonnelCategories.TryParse, PersonnelCategories.AllTokens);
        var unit = row.OptionalText("unit", 200);
        var mission = _missions.Resolve(row, "mission", row.Required("mission", 20));
        var contingent = _contingents.Resolve(row, "contingent", row.Optional("contingent"));
        if (mission is not null && contingent?.Site?.Mission is { } deployedWith && deployedWith.Code != mission.Code)
        {
            row.Error("contingent", contingent.Code, $"contingent '{contingent.Code}' is deployed with mission {deployedWith.Code}, not {mission.Code}");
        }
        if (!defined || row.Failed)
        {
            return;
        }
        var person = new Person
        {
            PersonNumber = personId!,
            FullName = fullName!,
            Aliases = aliases!,
            DateOfBirth = dateOfBirth,
            Nationality = nationality!,
            IdNumbers = idNumbers!,
            Category = category!.Value,
            Unit = unit,
            Mission = mission,
            Contingent = contingent,
        };
        _personnel.Add(person.PersonNumber, person);
        _newPersonnel.Add(person);
    }

    private void AddOfficer(CsvRow row)
    {
        var code = row.Code("code", ReferenceRules.OfficerCodeLength);
        var defined = _officers.Define(row, "code", row.Optional("code"));
        var fullName = row.Required("full_name", ReferenceRules.OfficerNameLength);
        var nationality = row.Country("nationality");
        var grade = row.Required("grade", ReferenceRules.GradeLength);
        var languages = row.Languages("languages");
        var mission = _missions.Resolve(row, "mission", row.Required("mission", ReferenceRules.MissionCodeLength));
        var siteCode = row.Optional("current_site");
        var site = _sites.Resolve(row, "current_site", siteCode);
        var postedSince = row.OptionalDate("posted_since");
        if (mission is not null && site?.Mission is { } siteMission && siteMission.Code != mission.Code)
        {
            row.Error("current_site", site.Code, $"site '{site.Code}' belongs to mission {siteMission.Code}, not {mission.Code}");
        }
        if (siteCode is not null && row.Optional("posted_since") is null)
        {
            row.Error("posted_since", row.Raw("posted_since") ?? "", "a date is required when current_site is given");
        }
        if (siteCode is null && row.Optional("posted_since") is { } orphan)
        {
            row.Error("posted_since", orphan, "posted_since is given but current_site is empty");
        }
        if (!defined || row.Failed)
        {
            return;
        }
        var officer = new ConductOfficer
        {
            Code = code!,
            FullName = fullName!,
            Nationality = nationality!,
            Grade = grade!,
            Languages = languages!,
            Mission = mission,
        };
        if (site is not null)
        {
            officer.Postings.Add(new Posting { Site = site, From = postedSince!.Value });
        }
        _officers.Add(officer.Code, officer);
        _newOfficers.Add(officer);
    }

    private void AddOfficial(CsvRow row)
    {
        var site = _sites.Resolve(row, "site", row.Required("site", 40));
        var fullName = row.Required("full_name", 300);
        var title = row.Required("title", 200);
        var role = row.Token<OfficialRole>("role", OfficialRoles.TryParse, OfficialRoles.AllTokens);
        var nationality = row.Country("nationality");
        var from = row.RequiredDate("from");
        var to = row.OptionalDate("to");
        if (from is { } f && to is { } t && t < f)
        {
            row.Error("to", row.Raw("to"), $"'{t:yyyy-MM-dd}' is before from {f:yyyy-MM-dd}");
        }
        if (site is not null && fullName is not null && from is { } start)
        {
            var key = (site.Code, fullName, start);
            if (!_officials.TryAdd(key, $"line {row.Line}"))
            {
                row.Error("full_name", fullName, $"{CsvRow.Shorten(fullName)} is already an official at {site.Code} from {start:yyyy-MM-dd} ({_officials[key]})");
            }
        }
        if (row.Failed)
        {
            return;
        }
        _newOfficials.Add(new Official
        {
            Site = site,
            FullName = fullName!,
            Title = title!,
            Role = role!.Value,
            Nationality = nationality!,
            From = from!.Value,
            To = to,
        });
    }
}
