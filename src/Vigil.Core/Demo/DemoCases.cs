using System.Globalization;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Demo;

/// <summary>What the demo cases seeding inserted: counts only, never personal data.</summary>
public sealed record DemoCasesSeeded(int Cases, IReadOnlyDictionary<CaseStatus, int> ByStage, int OpenDeadlines, int OverdueDeadlines, TimeSpan Duration)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Demo cases inserted: {Cases} cases ({string.Join(", ", ByStage.Select(s => $"{s.Value} {s.Key}"))}), " +
        $"{OpenDeadlines} open deadlines of which {OverdueDeadlines} overdue, in {Duration.TotalSeconds:0.0} s.");
}

/// <summary>
/// Synthetic cases for the demo: several hundred over the active missions and the last few years, in
/// every stage of the workflow, with allegations, subjects, victims, correspondence with troop-contributing
/// countries, deadlines (some overdue and escalated), findings, actions and a timeline. Everything is
/// invented: victims appear as placeholders ("Victim A-123"), never as names; subjects are demo personnel.
/// </summary>
public sealed class DemoCases(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    /// <summary>
    /// Inserts the demo cases, unless the database already holds cases not opened from a report (which
    /// means they were seeded before, or the database is real); then it returns null.
    /// </summary>
    public async Task<DemoCasesSeeded?> SeedAsync(int seed = DemoDataSet.DefaultSeed, int count = 360, CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        if (await db.Cases.AnyAsync(c => !db.Reports.Any(r => r.CaseId == c.Id), ct))
        {
            return null;
        }
        var world = await DemoCaseWorld.LoadAsync(db, ct);
        if (world.Missions.Count == 0)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var generator = new DemoCaseGenerator(world, protector, new DeadlinePolicy(), today, seed, new DemoCaseOptions { Count = count });
        var bundles = Enumerable.Range(0, count).Select(generator.Next).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // First the cases with everything that hangs off them, to get their ids; then what points at
        // a case by id only (notes verbales, deadlines, closure requests) and the final references.
        db.Cases.AddRange(bundles.Select(b => b.Case));
        await db.SaveChangesAsync(ct);
        foreach (var bundle in bundles)
        {
            bundle.Attach(bundle.Case.Id);
            bundle.Case.Reference = DemoCaseBundle.ReferenceFor(bundle.Case);
            db.NotesVerbales.AddRange(bundle.Notes);
            db.CaseDeadlines.AddRange(bundle.Deadlines);
            db.ClosureRequests.AddRange(bundle.Closures);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        var byStage = Enum.GetValues<CaseStatus>().ToDictionary(s => s, s => bundles.Count(b => b.Case.Status == s));
        var open = bundles.SelectMany(b => b.Deadlines).Where(d => d.MetOn is null).ToList();
        return new DemoCasesSeeded(bundles.Count, byStage, open.Count, open.Count(d => d.DueOn < today), clock.GetElapsedTime(started));
    }
}

/// <summary>How many cases, over how many years, and how the funnel is shaped.</summary>
public sealed record DemoCaseOptions
{
    public int Count { get; init; } = 360;

    /// <summary>Cases are opened over this many years before the reference date.</summary>
    public int Years { get; init; } = 3;

    /// <summary>Share of the cases in MINUSCA, the demo officer's mission (the rest spread evenly).</summary>
    public double MinuscaShare { get; init; } = 0.30;

    /// <summary>Share of closed cases; the open stages share the rest in a fixed funnel.</summary>
    public double ClosedShare { get; init; } = 0.42;
}

/// <summary>One active mission as the generator sees it: sites and personnel (ids and the fields a subject copies).</summary>
public sealed record DemoCaseMission(int Id, string Code, IReadOnlyList<int> Sites, IReadOnlyList<DemoCasePerson> Personnel);

public sealed record DemoCasePerson(int Id, PersonnelCategory Category, string Nationality, string? Unit, int? SiteId);

/// <summary>The reference data the cases are built on, and the demo users who act on them.</summary>
public sealed record DemoCaseWorld(IReadOnlyList<DemoCaseMission> Missions, string OfficerId, string ChiefId)
{
    public static async Task<DemoCaseWorld> LoadAsync(VigilDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "officer" || u.UserName == "chief")
            .Select(u => new { u.UserName, u.Id }).ToListAsync(ct);
        var officer = users.FirstOrDefault(u => u.UserName == "officer")?.Id ?? "demo";
        var chief = users.FirstOrDefault(u => u.UserName == "chief")?.Id ?? officer;
        var missions = await db.Missions.AsNoTracking().Where(m => m.EndDate == null).OrderBy(m => m.Id).Select(m => new { m.Id, m.Code }).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Where(s => s.Mission!.EndDate == null).Select(s => new { s.Id, s.MissionId }).ToListAsync(ct);
        var personnel = await db.Personnel.AsNoTracking().Where(p => p.Mission!.EndDate == null).OrderBy(p => p.Id)
            .Select(p => new { p.MissionId, Person = new DemoCasePerson(p.Id, p.Category, p.Nationality, p.Unit, p.Contingent == null ? null : p.Contingent.SiteId) })
            .ToListAsync(ct);
        var byMission = personnel.ToLookup(p => p.MissionId, p => p.Person);
        return new DemoCaseWorld(
            missions.Select(m => new DemoCaseMission(m.Id, m.Code,
                sites.Where(s => s.MissionId == m.Id).Select(s => s.Id).OrderBy(i => i).ToList(),
                byMission[m.Id].ToList()))
                .Where(m => m.Sites.Count > 0 && m.Personnel.Count > 0).ToList(),
            officer, chief);
    }
}

/// <summary>
/// One generated case with what points at it by id; <see cref="Attach"/> sets that id once the case is saved.
/// </summary>
public sealed class DemoCaseBundle
{
    public required Case Case { get; init; }
    public List<NoteVerbale> Notes { get; } = [];
    public List<CaseDeadline> Deadlines { get; } = [];
    public List<ClosureRequest> Closures { get; } = [];

    public void Attach(int caseId)
    {
        Notes.ForEach(n => n.CaseId = caseId);
        Deadlines.ForEach(d => d.CaseId = caseId);
        Closures.ForEach(r => r.CaseId = caseId);
    }

    public static string ReferenceFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return string.Create(CultureInfo.InvariantCulture, $"CASE-{@case.OpenedAt.Year}-{@case.Id:D5}");
    }
}

/// <summary>
/// Builds realistic cases one by one, deterministic for a given world, reference date and seed. Every
/// timestamp is before the reference date (midnight UTC), so the result does not depend on the time of day.
/// </summary>
public sealed class DemoCaseGenerator
{
    // The open funnel: more at the start than in actions (relative weights, scaled to 1 - ClosedShare).
    private static readonly CaseStatus[] OpenStages =
        [CaseStatus.Received, CaseStatus.UnderAssessment, CaseStatus.ReferredForInvestigation, CaseStatus.UnderInvestigation, CaseStatus.FindingsIssued, CaseStatus.Actions];
    private static readonly float[] OpenWeights = [0.15f, 0.24f, 0.15f, 0.24f, 0.10f, 0.12f];

    // Where closed cases were closed from: many at assessment, many after findings or actions.
    private static readonly float[] ClosedFromWeights = [0.07f, 0.30f, 0.05f, 0.10f, 0.22f, 0.26f];

    // Age in days of an open case at each stage (min, max).
    private static readonly (int Min, int Max)[] OpenAges = [(1, 14), (3, 75), (12, 110), (25, 260), (80, 420), (110, 700)];

    private static readonly AllegationType[] ExploitationTypes =
        [AllegationType.TransactionalSex, AllegationType.SolicitationOfTransactionalSex, AllegationType.ExploitativeRelationship];
    private static readonly float[] ExploitationWeights = [0.45f, 0.20f, 0.35f];
    private static readonly AllegationType[] AbuseTypes = [AllegationType.Rape, AllegationType.SexualAssault, AllegationType.SexualActivityWithMinor];
    private static readonly float[] AbuseWeights = [0.35f, 0.30f, 0.35f];

    private static readonly (PersonnelCategory Category, string Description)[] Unidentified =
    [
        (PersonnelCategory.MilitaryContingent, "Man in uniform seen near the base; name and rank not known."),
        (PersonnelCategory.MilitaryContingent, "Soldier on night patrol, described by his vehicle number; not yet identified."),
        (PersonnelCategory.FormedPolice, "Police officer at the checkpoint, described by the victim; not yet identified."),
        (PersonnelCategory.Civilian, "Driver of a UN vehicle, described by witnesses; not yet identified."),
        (PersonnelCategory.Contractor, "Worker at the logistics base, first name only; not yet identified."),
    ];

    private static readonly PaternityStatus[] PaternityStates =
        [PaternityStatus.Claimed, PaternityStatus.DnaTestRequested, PaternityStatus.Established, PaternityStatus.NotEstablished, PaternityStatus.SupportOrdered];

    private readonly DemoCaseWorld world;
    private readonly FieldProtector protector;
    private readonly DeadlinePolicy policy;
    private readonly DateOnly today;
    private readonly DateTimeOffset midnight;
    private readonly DemoCaseOptions options;
    private readonly Randomizer random;
    private readonly DemoCaseMission? minusca;
    private readonly float[] stageWeights;
    private readonly Dictionary<int, DemoCasePerson> people;
    private readonly Dictionary<(int Mission, string Unit), List<DemoCasePerson>> units;
    private readonly Dictionary<(int Mission, PersonnelCategory Category), List<DemoCasePerson>> categories;
    private readonly List<DemoCaseMission> missions;

    public DemoCaseGenerator(DemoCaseWorld world, FieldProtector protector, DeadlinePolicy policy, DateOnly today, int seed, DemoCaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        if (world.Missions.Count == 0)
        {
            throw new ArgumentException("The world has no active mission with sites and personnel.", nameof(world));
        }
        this.world = world;
        this.protector = protector;
        this.policy = policy;
        this.today = today;
        this.options = options;
        midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        random = new Randomizer(seed + 31);
        minusca = world.Missions.FirstOrDefault(m => m.Code == "MINUSCA");
        var open = (float)(1 - options.ClosedShare);
        stageWeights = [.. OpenWeights.Select(w => w * open), (float)options.ClosedShare];
        missions = [.. world.Missions];
        people = world.Missions.SelectMany(m => m.Personnel).ToDictionary(p => p.Id);
        units = world.Missions.SelectMany(m => m.Personnel.Where(p => p.Unit is not null).Select(p => (m.Id, Person: p)))
            .GroupBy(x => (x.Id, x.Person.Unit!)).ToDictionary(g => g.Key, g => g.Select(x => x.Person).ToList());
        categories = world.Missions.SelectMany(m => m.Personnel.Select(p => (m.Id, Person: p)))
            .GroupBy(x => (x.Id, x.Person.Category)).ToDictionary(g => g.Key, g => g.Select(x => x.Person).ToList());
    }

    private string Officer => world.OfficerId;
    private string Chief => world.ChiefId;

    /// <summary>The next case; <paramref name="index"/> only makes the temporary reference unique.</summary>
    public DemoCaseBundle Next(int index)
    {
        var status = random.WeightedRandom([.. OpenStages, CaseStatus.Closed], stageWeights);
        var reached = status == CaseStatus.Closed ? random.WeightedRandom(OpenStages, ClosedFromWeights) : status;
        var mission = minusca is not null && random.Bool((float)options.MinuscaShare) ? minusca : random.ListItem(missions);

        // Age of the case, then the dates of each step, squeezed into that age when they would not fit.
        var (min, max) = OpenAges[(int)reached];
        var span = Math.Max(60, options.Years * 365);
        var age = status == CaseStatus.Closed ? random.Int(Math.Min(max, span - 1) / 3 + 20, span) : random.Int(min, max);
        var steps = new List<double> { random.Double(1, 6) }; // assessment starts
        steps.Add(steps[^1] + random.Double(5, 35)); // referred
        steps.Add(steps[^1] + random.Double(4, 35)); // investigation starts
        var sea = random.Bool(0.75f);
        steps.Add(steps[^1] + (sea ? random.Double(45, 150) : random.Double(60, 260))); // findings
        steps.Add(steps[^1] + random.Double(7, 60)); // actions
        steps.Add(reached == CaseStatus.Received ? random.Double(1, 20) : steps[(int)reached - 1] + random.Double(5, 200)); // closure
        var last = status == CaseStatus.Closed ? steps[^1] : reached == CaseStatus.Received ? 0 : steps[(int)reached - 1];
        var squeeze = last > age - 1 ? (age - 1) / last : 1;
        var opened = midnight.AddDays(-age).AddMinutes(random.Int(0, 60 * 12));
        if (opened >= midnight)
        {
            opened = midnight.AddHours(-1);
        }
        DateTimeOffset At(int step) => opened.AddDays(steps[step] * squeeze);

        var @case = new Case
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"C-tmp-{index:D7}"),
            MissionId = mission.Id,
            Status = status,
            OpenedAt = opened,
            OpenedByUserId = Officer,
        };
        var bundle = new DemoCaseBundle { Case = @case };
        Event(@case, CaseEventKind.Opened, opened, Officer, "Case opened for assessment.");

        // Allegations.
        var allegations = new List<Allegation> { NewAllegation(sea, opened) };
        if (random.Bool(0.2f))
        {
            allegations.Add(NewAllegation(sea ? random.Bool(0.6f) : random.Bool(0.2f), opened));
        }
        @case.Allegations = allegations;
        @case.IsSea = allegations.Any(a => a.Category != AllegationCategory.OtherMisconduct);
        @case.ChildVictim = allegations.Any(a => a.ChildVictim);
        var first = allegations[0];

        // Subjects: mostly identified personnel of the mission; some only described.
        var subjects = new List<CaseSubject> { NewSubject(mission, reached, null) };
        if (random.Bool(0.22f))
        {
            subjects.Add(NewSubject(mission, reached, subjects[0]));
        }
        @case.Subjects = subjects;
        var lead = subjects[0];
        @case.SiteId = lead.PersonId is { } leadId && people[leadId].SiteId is { } site
            ? site : random.Bool(0.85f) ? random.ListItem(mission.Sites.ToList()) : null;
        foreach (var subject in subjects)
        {
            Event(@case, CaseEventKind.SubjectAdded, opened.AddHours(1), Officer, TimelineLines.SubjectAdded(subject.Category, subject.Nationality, subject.PersonId is not null));
        }

        // Routing, from the first subject and allegation (the country is the subject's nationality).
        var suggestion = Jurisdiction.Suggest(lead.Category, first.Category, first.Level);
        @case.Body = suggestion.Body;
        @case.Country = suggestion.Body == InvestigatingBody.TroopContributingCountry ? lead.Nationality : null;
        var tcc = @case.Body == InvestigatingBody.TroopContributingCountry && @case.Country is not null;
        Event(@case, CaseEventKind.RoutingSet, opened.AddHours(1), Officer, TimelineLines.RoutingSuggested(suggestion.Body, @case.Country, suggestion.Why));

        // Victims.
        AddVictims(@case, opened);

        // The moves through the workflow.
        var path = OpenStages.Where(s => s != CaseStatus.Received && s <= reached).ToList();
        foreach (var to in path)
        {
            var at = At((int)to - 1);
            Event(@case, CaseEventKind.Transition, at, Officer, TimelineLines.Moved(to - 1, to, WhyMoved(to)));
            switch (to)
            {
                case CaseStatus.ReferredForInvestigation:
                    if (tcc)
                    {
                        Correspond(bundle, at, reached, status, At(2));
                    }
                    break;
                case CaseStatus.UnderInvestigation:
                    var due = policy.InvestigationDue(DateOnly.FromDateTime(at.UtcDateTime), @case.IsSea);
                    var ends = reached > CaseStatus.UnderInvestigation ? At(3) : status == CaseStatus.Closed ? At(5) : (DateTimeOffset?)null;
                    Deadline(bundle, DeadlineKind.InvestigationCompletion, due, tcc ? @case.Country : null, ends, at);
                    if (lead.Category.IsUniformed() && lead.PersonId is not null && @case.IsSea && random.Bool(0.2f))
                    {
                        Act(@case, lead, ActionKind.Repatriation, ActionTaker.UnitedNations, at.AddDays(random.Int(3, 20)), "Interim repatriation pending the investigation.");
                    }
                    break;
                case CaseStatus.FindingsIssued:
                    Findings(@case, at, reached == CaseStatus.Actions || (status != CaseStatus.Closed && random.Bool(0.6f)));
                    break;
                case CaseStatus.Actions:
                    FinalActions(bundle, at, status == CaseStatus.Closed, status == CaseStatus.Closed ? At(5) : null);
                    break;
                case CaseStatus.Received:
                case CaseStatus.UnderAssessment:
                case CaseStatus.Closed:
                    break;
            }
        }
        if (status == CaseStatus.Closed)
        {
            Close(bundle, reached, At(5));
        }
        else if (status is CaseStatus.FindingsIssued or CaseStatus.Actions && random.Bool(0.15f))
        {
            // A closure waiting for the chief: the two-person rule has something to show.
            var reason = CaseWorkflow.ClosureReasons(status)[0];
            var at = MinBefore(At((int)status - 1).AddDays(random.Int(5, 30)));
            bundle.Closures.Add(new ClosureRequest { Reason = reason, JustificationSealed = protector.Seal("All steps recorded; requesting closure.", ClosureRequest.JustificationPurpose), RequestedByUserId = Officer, RequestedAt = at });
            Event(@case, CaseEventKind.ClosureRequested, at, Officer, TimelineLines.ClosureRequested(reason, "All steps recorded; requesting closure."));
        }
        if (@case.Status != CaseStatus.Received && @case.Subjects.Any(s => s.Immunity != ImmunityKind.None) && @case.Body == InvestigatingBody.Oios
            && reached >= CaseStatus.UnderInvestigation && random.Bool(0.2f))
        {
            Waiver(@case, At(2));
        }
        EscalateOverdue(bundle);
        @case.Events = [.. @case.Events.OrderBy(e => e.At)];
        return bundle;
    }

    private DateTimeOffset MinBefore(DateTimeOffset at) => at < midnight ? at : midnight.AddMinutes(-random.Int(5, 600));

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private void Event(Case @case, CaseEventKind kind, DateTimeOffset at, string? userId, Words line) =>
        @case.Events.Add(CaseEvent.Of(protector, kind, at, userId, line));

    private Allegation NewAllegation(bool sea, DateTimeOffset opened)
    {
        var incident = Day(opened).AddDays(-random.Int(0, 90));
        var date = random.Bool(0.6f) ? new PartialDate(incident.Year, incident.Month, incident.Day) : new PartialDate(incident.Year, incident.Month);
        if (!sea)
        {
            return new Allegation
            {
                Category = AllegationCategory.OtherMisconduct,
                Type = AllegationType.Other,
                Level = random.Bool(0.4f) ? MisconductLevel.SeriousMisconduct : MisconductLevel.Misconduct,
                IncidentDate = date,
            };
        }
        var abuse = random.Bool(0.4f);
        var type = abuse ? random.WeightedRandom(AbuseTypes, AbuseWeights) : random.WeightedRandom(ExploitationTypes, ExploitationWeights);
        var child = type == AllegationType.SexualActivityWithMinor || (abuse && random.Bool(0.1f));
        return new Allegation
        {
            Category = abuse ? AllegationCategory.SexualAbuse : AllegationCategory.SexualExploitation,
            Type = type,
            IncidentDate = date,
            ChildVictim = child,
        };
    }

    private CaseSubject NewSubject(DemoCaseMission mission, CaseStatus reached, CaseSubject? with)
    {
        var identified = random.Bool(reached == CaseStatus.Received ? 0.55f : reached == CaseStatus.UnderAssessment ? 0.7f : 0.85f);
        if (identified)
        {
            // A second subject is usually from the same unit.
            var sameUnit = with?.Unit is { } unit && units.TryGetValue((mission.Id, unit), out var members) ? members : [];
            var person = sameUnit.Count > 1 && random.Bool(0.8f) ? random.ListItem(sameUnit) : mission.Personnel[random.Int(0, mission.Personnel.Count - 1)];
            while (person.Id == with?.PersonId && mission.Personnel.Count > 1)
            {
                person = mission.Personnel[random.Int(0, mission.Personnel.Count - 1)];
            }
            return new CaseSubject
            {
                PersonId = person.Id,
                Category = person.Category,
                Nationality = person.Nationality,
                Unit = person.Unit,
                Immunity = Jurisdiction.ImmunityOf(person.Category),
            };
        }
        var (category, description) = random.ArrayElement(Unidentified);
        // The uniform or badge often gives the nationality away, and a contingent member's country is needed for routing.
        var alike = categories.TryGetValue((mission.Id, category), out var found) ? found : [];
        var nationality = alike.Count > 0 && (category == PersonnelCategory.MilitaryContingent || random.Bool(0.5f)) ? random.ListItem(alike).Nationality : null;
        return new CaseSubject { Category = category, Nationality = nationality, DescriptionSealed = protector.Seal(description, CaseSubject.DescriptionPurpose), Immunity = Jurisdiction.ImmunityOf(category) };
    }

    private void AddVictims(Case @case, DateTimeOffset opened)
    {
        if (!@case.IsSea && random.Bool(0.75f))
        {
            return;
        }
        var rows = random.Bool(0.15f) ? 2 : 1;
        for (var i = 0; i < rows; i++)
        {
            var age = @case.ChildVictim && i == 0 ? AgeGroup.Child : !@case.IsSea || random.Bool(0.1f) ? AgeGroup.Unknown : AgeGroup.Adult;
            var victim = new CaseVictim
            {
                AgeGroup = age,
                Sex = @case.IsSea ? (random.Bool(0.9f) ? Sex.Female : random.Bool(0.5f) ? Sex.Male : Sex.Unknown) : random.Enum<Sex>(),
                Count = random.Bool(0.85f) ? 1 : random.Int(2, 4),
            };
            if (random.Bool(0.35f))
            {
                // A placeholder, never a name: the demo shows that identities are sealed, not whose they are.
                var placeholder = string.Create(CultureInfo.InvariantCulture, $"Victim {(char)('A' + random.Int(0, 25))}-{random.Int(100, 999)}");
                victim.IdentitySealed = protector.Seal(placeholder, CaseVictim.IdentityPurpose);
            }
            if (@case.IsSea && age == AgeGroup.Adult && victim.Sex == Sex.Female && random.Bool(0.08f))
            {
                victim.Paternity = random.ArrayElement(PaternityStates);
            }
            @case.Victims.Add(victim);
            Event(@case, CaseEventKind.VictimAdded, opened.AddHours(2), Officer, TimelineLines.VictimAdded(victim.Count, victim.AgeGroup, victim.Sex, victim.IdentitySealed is not null));
        }
    }

    private static string WhyMoved(CaseStatus to) => to switch
    {
        CaseStatus.UnderAssessment => "assessment started.",
        CaseStatus.ReferredForInvestigation => "credible allegation about UN personnel; referred to the investigating body.",
        CaseStatus.UnderInvestigation => "the investigating body accepted the case.",
        CaseStatus.FindingsIssued => "investigation report received.",
        CaseStatus.Actions => "substantiated; actions to follow.",
        CaseStatus.Received or CaseStatus.Closed => "",
    };

    /// <summary>Notification and NIO request; the answer comes when the investigation starts, or not yet.</summary>
    private void Correspond(DemoCaseBundle bundle, DateTimeOffset sent, CaseStatus reached, CaseStatus status, DateTimeOffset answer)
    {
        var @case = bundle.Case;
        var country = @case.Country!;
        var day = Day(sent);
        Note(bundle, NoteDirection.Sent, NoteKind.Notification, day, "Notification of an allegation concerning a member of the national contingent.", sent);
        Note(bundle, NoteDirection.Sent, NoteKind.NioRequest, day, "Request to appoint a National Investigation Officer.", sent);
        var due = policy.NioAnswerDue(day);
        var answered = reached > CaseStatus.ReferredForInvestigation || (status == CaseStatus.Closed && random.Bool(0.5f));
        DateTimeOffset? metAt = answered ? answer : null;
        Deadline(bundle, DeadlineKind.NioAnswer, due, country, metAt, sent);
        if (answered)
        {
            Note(bundle, NoteDirection.Received, NoteKind.NioAppointed, Day(answer), "The country appoints a National Investigation Officer.", answer);
        }
        else if (due < today && random.Bool(0.5f))
        {
            var followUp = MinBefore(new DateTimeOffset(due.AddDays(random.Int(2, 15)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
            Note(bundle, NoteDirection.Sent, NoteKind.FollowUp, Day(followUp), "Reminder: the answer on an NIO is overdue.", followUp);
        }
    }

    private void Note(DemoCaseBundle bundle, NoteDirection direction, NoteKind kind, DateOnly date, string summary, DateTimeOffset at)
    {
        var country = bundle.Case.Country!;
        bundle.Notes.Add(new NoteVerbale
        {
            Direction = direction,
            Kind = kind,
            Country = country,
            Date = date,
            Reference = string.Create(CultureInfo.InvariantCulture, $"{(direction == NoteDirection.Sent ? "UN" : country)}/NV/{date.Year}/{random.Int(100, 9999)}"),
            SummarySealed = protector.Seal(summary, NoteVerbale.SummaryPurpose),
            RecordedByUserId = Officer,
        });
        Event(bundle.Case, CaseEventKind.NoteVerbale, at, Officer, TimelineLines.NoteVerbale(direction, kind, country, date));
    }

    private void Deadline(DemoCaseBundle bundle, DeadlineKind kind, DateOnly due, string? country, DateTimeOffset? metAt, DateTimeOffset setAt)
    {
        var met = metAt is { } m && m < midnight ? Day(m) : (DateOnly?)null;
        bundle.Deadlines.Add(new CaseDeadline { Kind = kind, DueOn = due, Country = country, MetOn = met });
        // As the app writes them (CaseCommands): no line for the outcome report's, which the note verbale's line says.
        if (kind == DeadlineKind.InvestigationCompletion)
        {
            Event(bundle.Case, CaseEventKind.DeadlineSet, setAt, Officer, TimelineLines.InvestigationDue(due));
        }
        else if (kind == DeadlineKind.NioAnswer)
        {
            Event(bundle.Case, CaseEventKind.DeadlineSet, setAt, Officer, TimelineLines.NioAnswerDue(country, due, policy.NioAnswerWorkingDays));
        }
    }

    private void Findings(Case @case, DateTimeOffset at, bool substantiated)
    {
        var by = @case.Body ?? InvestigatingBody.Oios;
        foreach (var (subject, i) in @case.Subjects.Select((s, i) => (s, i)))
        {
            var outcome = substantiated && (i == 0 || random.Bool(0.5f)) ? FindingOutcome.Substantiated
                : random.Bool(0.6f) ? FindingOutcome.NotSubstantiated : FindingOutcome.InsufficientEvidence;
            subject.Findings.Add(new Finding { Outcome = outcome, By = by, IssuedOn = Day(at), RecordedByUserId = Officer, Current = true });
            Event(@case, CaseEventKind.FindingRecorded, at.AddHours(1), Officer, TimelineLines.Finding(outcome, by));
            if (outcome == FindingOutcome.Substantiated && @case.IsSea && subject.PersonId is not null && random.Bool(0.6f))
            {
                Act(@case, subject, ActionKind.PaymentSuspension, ActionTaker.UnitedNations, at.AddDays(random.Int(1, 10)), "Payments withheld for the Trust Fund in Support of Victims.");
            }
        }
    }

    private void FinalActions(DemoCaseBundle bundle, DateTimeOffset at, bool completed, DateTimeOffset? closedAt)
    {
        var @case = bundle.Case;
        foreach (var subject in @case.Subjects.Where(s => s.Findings.Any(f => f.Current && f.Outcome == FindingOutcome.Substantiated)))
        {
            var (un, state) = subject.Category switch
            {
                PersonnelCategory.MilitaryContingent => (ActionKind.RepatriationWithBan, random.Bool(0.5f) ? ActionKind.Imprisonment : ActionKind.Demotion),
                PersonnelCategory.FormedPolice or PersonnelCategory.IndividualPolice or PersonnelCategory.MilitaryExpert =>
                    (ActionKind.RepatriationWithBan, random.Bool(0.5f) ? ActionKind.Fine : ActionKind.WrittenCensure),
                PersonnelCategory.Civilian or PersonnelCategory.Volunteer => (random.Bool(0.7f) ? ActionKind.Dismissal : ActionKind.Separation, ActionKind.ReferralForCriminalAccountability),
                PersonnelCategory.Contractor => (ActionKind.Separation, ActionKind.ReferralForCriminalAccountability),
            };
            Act(@case, subject, un, ActionTaker.UnitedNations, at.AddDays(random.Int(2, 20)), null);
            if (completed || random.Bool(0.4f))
            {
                var by = state == ActionKind.ReferralForCriminalAccountability ? ActionTaker.UnitedNations : ActionTaker.MemberState;
                Act(@case, subject, state, by, at.AddDays(random.Int(20, 90)), null);
            }
        }
        if (@case.Body == InvestigatingBody.TroopContributingCountry && @case.Country is not null)
        {
            var sent = MinBefore(at.AddDays(random.Int(3, 20)));
            var day = Day(sent);
            Note(bundle, NoteDirection.Sent, NoteKind.OutcomeRequest, day, "Request for information on the outcome and national measures.", sent);
            var answeredAt = completed ? closedAt!.Value.AddDays(-random.Int(1, 5)) : random.Bool(0.5f) ? sent.AddDays(random.Int(5, 40)) : (DateTimeOffset?)null;
            if (answeredAt is { } a && a < midnight)
            {
                Note(bundle, NoteDirection.Received, NoteKind.OutcomeReport, Day(a), "Report on the outcome of the national proceedings.", a);
            }
            else
            {
                answeredAt = null;
            }
            Deadline(bundle, DeadlineKind.OutcomeReport, policy.NioAnswerDue(day), @case.Country, answeredAt, sent);
        }
    }

    private void Act(Case @case, CaseSubject subject, ActionKind kind, ActionTaker by, DateTimeOffset at, string? note)
    {
        at = MinBefore(at);
        subject.Actions.Add(new CaseAction { Kind = kind, By = by, TakenOn = Day(at), NoteSealed = protector.SealOptional(note, CaseAction.NotePurpose), RecordedByUserId = Officer });
        Event(@case, CaseEventKind.ActionRecorded, at, Officer, TimelineLines.ActionTaken(kind, by, Day(at)));
    }

    private void Waiver(Case @case, DateTimeOffset at)
    {
        var subject = @case.Subjects.First(s => s.Immunity != ImmunityKind.None);
        var decided = random.Bool(0.6f);
        var decidedOn = Day(MinBefore(at.AddDays(random.Int(20, 120))));
        subject.Waivers.Add(new ImmunityWaiver
        {
            JustificationSealed = protector.Seal("The alleged acts fall outside official functions; waiver needed for national prosecution.", ImmunityWaiver.JustificationPurpose),
            RequestedOn = Day(at),
            RequestedByUserId = Officer,
            Decision = decided ? (random.Bool(0.7f) ? WaiverDecision.Waived : WaiverDecision.NotWaived) : WaiverDecision.Pending,
            DecidedOn = decided ? decidedOn : null,
            DecidedBy = decided ? "Secretary-General" : null,
        });
        Event(@case, CaseEventKind.WaiverRequested, at, Officer, TimelineLines.WaiverRequested(subject.Immunity));
    }

    private void Close(DemoCaseBundle bundle, CaseStatus from, DateTimeOffset at)
    {
        var @case = bundle.Case;
        var reasons = CaseWorkflow.ClosureReasons(from);
        var reason = random.ListItem(reasons.ToList());
        var requested = at.AddDays(-random.Double(1, 10));
        if (requested <= @case.OpenedAt)
        {
            requested = @case.OpenedAt.AddMinutes(30);
            at = requested.AddMinutes(30);
        }
        bundle.Closures.Add(new ClosureRequest
        {
            Reason = reason,
            JustificationSealed = protector.Seal("Closure proposed after review of the file.", ClosureRequest.JustificationPurpose),
            RequestedByUserId = Officer,
            RequestedAt = requested,
            DecidedByUserId = Chief,
            DecidedAt = at,
            Approved = true,
        });
        @case.ClosedAt = at;
        @case.ClosureReason = reason;
        Event(@case, CaseEventKind.ClosureRequested, requested, Officer, TimelineLines.ClosureRequested(reason, "Closure proposed after review of the file."));
        Event(@case, CaseEventKind.ClosureDecided, at, Chief, TimelineLines.ClosureApproved(from, reason, null));
        // Nothing stays pending on a closed case.
        foreach (var deadline in bundle.Deadlines.Where(d => d.MetOn is null))
        {
            deadline.MetOn = Day(at);
        }
    }

    /// <summary>Missed deadlines were reminded and escalated the day after (most of them; the deadline service picks up the rest).</summary>
    private void EscalateOverdue(DemoCaseBundle bundle)
    {
        foreach (var deadline in bundle.Deadlines)
        {
            var until = deadline.MetOn ?? today;
            var escalatedOn = deadline.DueOn.AddDays(1);
            if (until <= deadline.DueOn || escalatedOn >= today || (deadline.MetOn is null && random.Bool(0.15f)))
            {
                continue;
            }
            var at = new DateTimeOffset(escalatedOn.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
            deadline.RemindedAt = at.AddDays(-4);
            deadline.EscalatedAt = at;
            Event(bundle.Case, CaseEventKind.DeadlineEscalated, at, null, TimelineLines.DeadlineEscalated(DeadlineService.Describe(deadline)));
        }
    }
}
