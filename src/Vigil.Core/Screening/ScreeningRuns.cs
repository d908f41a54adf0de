using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;
using Vigil.Matching;

namespace Vigil.Core.Screening;

/// <summary>Settings under <c>Screening:*</c>.</summary>
public sealed record ScreeningPolicy
{
    /// <summary>Lowest score put in the queue (the engine's default, see docs/screening.md).</summary>
    public double Threshold { get; set; } = ScreeningOptions.DefaultThreshold;

    /// <summary>Everyone deployed is re-screened at least this often, registry change or not.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a host checks whether a re-screening is due (registry changed or interval passed).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A host that claimed a run and died frees it after this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether this host runs the re-screening worker (tests that drive the scheduler themselves turn it off).</summary>
    public bool RunWorker { get; set; } = true;
}

/// <summary>
/// A screening run: kind, label, mission, who started it (the account name; null for the scheduler), when, and counts.
/// <c>Candidates</c> counts the pairs at or above the threshold other than <c>OwnCase</c>'s: the people the re-screening
/// of everyone deployed met with a registry record fed from their own case (the case tracks them; 0 for other runs).
/// </summary>
public sealed record RunSummary(int Id, string Kind, string? Label, string? Mission, string? StartedBy, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    int People, int Records, int Candidates, int Raised, int BirthDatesSetAside, int OwnCase)
{
    /// <summary>
    /// The candidates the run found, each with its standing (<see cref="RunCandidate"/>), person id then score descending;
    /// given in the answer to the run itself, null in the list of past runs (which keeps counts only). A person met with
    /// the record of their own case is not among them (<see cref="OwnCaseFound"/>).
    /// </summary>
    public IReadOnlyList<RunCandidate>? Found { get; init; }

    /// <summary>
    /// The pairs behind <c>OwnCase</c> (standing <c>own-case</c>, no candidate id), in the answer to the run itself only,
    /// for the officer who wants to see them; null in the list of past runs.
    /// </summary>
    public IReadOnlyList<RunCandidate>? OwnCaseFound { get; init; }
}

/// <summary>
/// A candidate a run found: the screened person's key (person number, roster person_id or applicant key), the registry
/// record, the score, the record's finding, and where the pair stands: <c>new</c> (put in the queue by this run),
/// <c>open</c> (already in the queue), <c>already-confirmed</c> (decided earlier: the same person; not queued again),
/// <c>dismissed-earlier</c> (decided earlier: not the same person, and neither record has changed since), or
/// <c>own-case</c> (a record fed from a case about this very personnel record, met by the re-screening of everyone
/// deployed: the case tracks that person; listed apart, in <see cref="RunSummary.OwnCaseFound"/>). <c>CandidateId</c> is the queue's candidate (the new one, the open one, or
/// the earlier decision); null for <c>own-case</c>.
/// </summary>
public sealed record RunCandidate(string PersonId, string RecordId, double Score, string Finding, string Standing, int? CandidateId)
{
    /// <summary>
    /// The screened person's name as screened (the roster's full_name, the name the officer typed for a hire, the
    /// personnel record's): a hire's key is a digest, meaningless to the officer. Only in this answer; nothing more is kept.
    /// </summary>
    public string? PersonName { get; init; }
}

/// <summary>One person to screen (hiring). Lists may also be one string separated by <c>|</c>.</summary>
public sealed record PersonScreeningInput
{
    /// <summary>
    /// The mission hiring (its code): its queue gets the candidates. Optional for a screening officer of global scope or
    /// of one mission (theirs); required of one with several missions.
    /// </summary>
    public string? Mission { get; init; }

    public string? FullName { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Nationality { get; init; }
    public IReadOnlyList<string>? IdNumbers { get; init; }
}

/// <summary>
/// Screening runs: a roster upload (pre-deployment or on arrival), one person (hiring), and everyone
/// deployed (the scheduler). The registry is read and the index built in memory for each run;
/// candidates go to the adjudication queue unless the same pair, with both records unchanged, is
/// already there or decided.
/// </summary>
public sealed class ScreeningRuns(VigilDbContext db, FieldProtector protector, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ScreeningPolicy> policy)
{
    private static readonly ForbiddenError NotScreening = new("Only screening officers run screenings.");

    /// <summary>Why a re-screening of everyone deployed ran: its label (the pages show it in their language).</summary>
    public const string StartedByHand = "started by hand", RegistryChanged = "registry changed", OnSchedule = "schedule";

    /// <summary>The label of a one-person run (a hire): the pages show it in their language.</summary>
    public const string OnePerson = "one person";

    /// <summary>How a hire's key begins (<see cref="RunPersonAsync"/>): the prefix, then 16 hexadecimal digits of what was typed.</summary>
    public const string ApplicantPrefix = "APPLICANT-";

    /// <summary>
    /// True for a hire's key: a digest of what was typed, meaningless to the officer, so pages show the name alone. (A roster
    /// person_id written exactly so is taken for one; its name is still shown.)
    /// </summary>
    public static bool IsApplicantKey(string? key) =>
        key is { Length: 26 } && key.StartsWith(ApplicantPrefix, StringComparison.Ordinal) && !key.AsSpan(ApplicantPrefix.Length).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEF");

    /// <summary>The labels of re-screenings of everyone deployed (a roster run's label is its file name).</summary>
    public static readonly IReadOnlySet<string> DeployedRunLabels = new HashSet<string>(StringComparer.Ordinal) { StartedByHand, RegistryChanged, OnSchedule };

    public static string Token(ScreeningRunKind kind) => kind switch
    {
        ScreeningRunKind.PreDeployment => "pre-deployment",
        ScreeningRunKind.Arrival => "arrival",
        ScreeningRunKind.Person => "person",
        ScreeningRunKind.Deployed => "deployed",
    };

    /// <summary>A kind of run in a refusal: its token in the API's English, on a page the label the roster form shows (<c>run:arrival</c>).</summary>
    private static Term KindTerm(ScreeningRunKind kind) => new($"run:{Token(kind)}", Token(kind));

    /// <summary>
    /// The kind of a roster run as a form or query gives it: empty is pre-deployment; anything but
    /// pre-deployment or arrival is an error naming <c>kind</c> (never silently a pre-deployment run).
    /// </summary>
    public static Result<ScreeningRunKind> ParseRosterKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        null or "" or "pre-deployment" => ScreeningRunKind.PreDeployment,
        "arrival" => ScreeningRunKind.Arrival,
        _ => ValidationError.For("kind", $"kind '{kind}' is not {KindTerm(ScreeningRunKind.PreDeployment)} or {KindTerm(ScreeningRunKind.Arrival)}."),
    };

    /// <summary>Standings of a candidate a run found (<see cref="RunCandidate.Standing"/>).</summary>
    public const string StandingNew = "new", StandingOpen = "open", StandingConfirmed = "already-confirmed", StandingDismissed = "dismissed-earlier", StandingOwnCase = "own-case";

    /// <summary>A person to screen, with the snapshot kept on their candidates.</summary>
    private sealed record Screened(ScreeningSubject Subject, int? PersonId, int? MissionId, string FullName, List<string> Aliases,
        PartialDate? Birth, string? Nationality, List<string> Ids, string? Category, string? Unit)
    {
        public string Fingerprint { get; } = RegistryCommands.SubjectFingerprint(FullName, Aliases, Birth, Nationality, Ids);

        /// <summary>A roster row whose person_id is a personnel record that disagrees with it on name and date of birth (not linked).</summary>
        public bool NumberDisagrees { get; init; }
    }

    /// <summary>What an earlier candidate of the same pair says: its id, status, and the fingerprints it was raised with.</summary>
    private sealed record Earlier(int Id, CandidateStatus Status, HashSet<(string Subject, string Record)> Prints, int? PersonId)
    {
        /// <summary>
        /// Whether this earlier candidate was about the person screened now: the same personnel record when both are
        /// linked to one, otherwise the same details. A roster's person_id is unique within its file only: two
        /// contingents' rosters may both hold an "R-001", who must not inherit each other's decisions.
        /// </summary>
        public bool About(Screened person) =>
            person.PersonId is { } id && PersonId == id || Prints.Any(p => p.Subject == person.Fingerprint);
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(CallerScope scope, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return [];
        }
        var query = db.ScreeningRuns.AsNoTracking();
        if (!scope.Global)
        {
            // A run for another mission is that mission's business. Of the runs for no mission only the everyone-deployed
            // runs cover this officer's people; a global officer's roster or hiring run is not theirs (its label is a file name).
            var own = db.Missions.VisibleToMissionScope(scope).Select(m => m.Id);
            query = query.Where(r => (r.MissionId == null && r.Kind == ScreeningRunKind.Deployed) || (r.MissionId != null && own.Contains(r.MissionId.Value)));
        }
        var runs = await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(100).ToListAsync(ct);
        var missions = await db.Missions.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Code, ct);
        var userIds = runs.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        return [.. runs.Select(r => ToSummary(r, r.MissionId is { } m ? missions.GetValueOrDefault(m) : null, r.UserId is { } u ? users.GetValueOrDefault(u, "?") : null))];
    }

    public async Task<Result<RunSummary>> RunRosterAsync(CallerScope scope, string userId, Stream csv, string fileName, ScreeningRunKind kind, string? mission, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        if (kind is not (ScreeningRunKind.PreDeployment or ScreeningRunKind.Arrival))
        {
            return ValidationError.For("kind", $"kind is {KindTerm(ScreeningRunKind.PreDeployment)} or {KindTerm(ScreeningRunKind.Arrival)}.");
        }
        int? missionId = null;
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            missionId = await db.Missions.VisibleToMissionScope(scope).Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (missionId is null)
            {
                return ValidationError.For("mission", $"mission '{code}' is not a mission you can see.");
            }
        }
        else if (!scope.Global)
        {
            // Candidates of a run for no mission go to the global queue, which a mission's screening officer does not see.
            return ValidationError.For("mission", "Name the mission this roster is for: its candidates go to that mission's queue.");
        }
        var read = await ScreeningFiles.ReadRosterAsync(csv, fileName, ct);
        if (read.Error is { } error)
        {
            return ValidationError.For("file", error.Text);
        }
        var rows = read.Rows!;
        if (rows.Count == 0)
        {
            return ValidationError.For("file", $"{fileName}: the roster holds no person.");
        }
        if (rows.FirstOrDefault(r => r.Subject.Id.Length > 80) is { } longId)
        {
            return ValidationError.For("file", $"{fileName}: a person_id is longer than 80 characters ('{longId.Subject.Id[..40]}…').");
        }
        // A roster row whose person_id is a personnel record keeps its link (and its mission, for the chief), but only when
        // the record agrees with the row on the name or the date of birth: a mistyped or hostile number must not tie a
        // match to someone else, nor alert another mission about them.
        var numbers = rows.Select(r => r.Subject.Id).ToList();
        var known = new Dictionary<string, (int Id, int MissionId, string FullName, PartialDate? Birth)>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            foreach (var p in await db.Personnel.AsNoTracking().Where(p => chunk.Contains(p.PersonNumber))
                .Select(p => new { p.PersonNumber, p.Id, p.MissionId, p.FullName, p.DateOfBirth }).ToListAsync(ct))
            {
                known[p.PersonNumber] = (p.Id, p.MissionId, p.FullName, p.DateOfBirth);
            }
        }
        var names = new NameComparer(NamePartFrequencies.Uniform);
        var people = rows.Select(r =>
        {
            var birth = r.Subject.BirthDate is { } b ? new PartialDate(b.Year, b.Month, b.Day) : (PartialDate?)null;
            var numbered = known.TryGetValue(r.Subject.Id, out var k) ? k : ((int Id, int MissionId, string FullName, PartialDate? Birth)?)null;
            var agrees = numbered is { } n && (BirthDatesAgree(birth, n.Birth) || NamesAgree(names, r.Subject, n.FullName));
            var link = agrees ? numbered : null;
            return new Screened(r.Subject, link?.Id, missionId ?? link?.MissionId, r.Subject.Names[0].Text,
                [.. r.Subject.Names.Skip(1).Select(n => n.Text)], birth, r.Subject.Nationality, [.. r.Subject.Identifiers], r.Category, r.Unit)
            { NumberDisagrees = numbered is not null && !agrees };
        }).ToList();
        return await RunAsync(kind, userId, missionId, Path.GetFileName(fileName), people, ct);
    }

    public async Task<Result<RunSummary>> RunPersonAsync(CallerScope scope, string userId, PersonScreeningInput input, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        var errors = new Dictionary<string, Words[]>();
        var fullName = input.FullName?.Trim() ?? "";
        if (fullName.Length == 0 || fullName.Length > 300 || PersonName.Parse(fullName).Parts.IsEmpty)
        {
            errors["fullName"] = [fullName.Length == 0 ? "fullName is required." : fullName.Length > 300 ? "fullName is longer than 300 characters." : "fullName holds no letter."];
        }
        else if (NameText.ControlIn(fullName) is { } control)
        {
            errors["fullName"] = [NameText.OneLine(control)];
        }
        PartialDate? birth = null;
        if (!string.IsNullOrWhiteSpace(input.DateOfBirth))
        {
            if (PartialDate.TryParse(input.DateOfBirth, out var parsed))
            {
                birth = parsed;
                // Typed by hand, a placeholder (1900-01-01) or a slipped year is refused, as in the registry: screening
                // would set it aside, and the officer would believe the date had been compared.
                if (!CandidateScorer.IsPlausibleBirthYear(parsed.Year, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), onRecord: false))
                {
                    errors["dateOfBirth"] = [
                        $"dateOfBirth makes the person younger than {CandidateScorer.YoungestAge} or older than {CandidateScorer.OldestScreenedAge} today, so screening would set it aside; leave it empty when it is not known."];
                }
            }
            else
            {
                errors["dateOfBirth"] = ["dateOfBirth is not a date written YYYY-MM-DD, YYYY-MM or YYYY."]; // never echo a date of birth
            }
        }
        var nationality = string.IsNullOrWhiteSpace(input.Nationality) ? null : input.Nationality.Trim().ToUpperInvariant();
        if (nationality is not null && !Countries.IsKnown(nationality))
        {
            errors["nationality"] = [$"nationality '{nationality}' is not an ISO 3166-1 alpha-3 country code (such as SEN)."];
        }
        List<string> aliases = [.. Split(input.Aliases)];
        List<string> ids = [.. Split(input.IdNumbers)];
        // The registry's limits (RegistryCommands.AddAsync): the values are kept with every candidate raised.
        if (aliases.Any(a => a.Length > 300) || aliases.Count > 50)
        {
            errors["aliases"] = [aliases.Count > 50 ? "at most 50 aliases." : "an alias is longer than 300 characters."];
        }
        else if (aliases.Select(NameText.ControlIn).FirstOrDefault(c => c is not null) is { } aliasControl)
        {
            errors["aliases"] = [NameText.OneLine(aliasControl)];
        }
        if (ids.Any(i => i.Length > 100) || ids.Count > 20)
        {
            errors["idNumbers"] = [ids.Count > 20 ? "at most 20 identifiers." : "an identifier is longer than 100 characters."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        // An applicant has no number yet: the key is derived from what was typed, so screening the
        // same applicant again finds the earlier decisions.
        var key = ApplicantPrefix + RegistryCommands.SubjectFingerprint(fullName, aliases, birth, nationality, ids)[..16];
        var subject = RegistryCommands.ToSubject(key, fullName, aliases, birth, nationality, ids)!;
        // The mission hiring: the candidate goes to its queue. Named (any mission the officer sees), or the officer's one
        // mission; an officer of several missions must name it, or the candidate would go to a queue they cannot see.
        int? missionId = null;
        if (!string.IsNullOrWhiteSpace(input.Mission))
        {
            var code = input.Mission.Trim().ToUpperInvariant();
            missionId = await db.Missions.VisibleToMissionScope(scope).Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (missionId is null)
            {
                return ValidationError.For("mission", $"mission '{(code.Length > 20 ? code[..20] + "…" : code)}' is not a mission you can see.");
            }
        }
        else if (!scope.Global && scope.Missions.Count == 1)
        {
            var code = scope.Missions.Single();
            missionId = await db.Missions.Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        }
        if (missionId is null && !scope.Global)
        {
            return ValidationError.For("mission", "Name the mission you are hiring for: its candidates go to that mission's queue.");
        }
        return await RunAsync(ScreeningRunKind.Person, userId, missionId, OnePerson, [new Screened(subject, null, missionId, fullName, aliases, birth, nationality, ids, null, null)], ct);
    }

    /// <summary>Screens everyone deployed today: personnel in a contingent deployed today, and those serving outside contingents.</summary>
    /// <param name="userId">Who started it (null: the scheduler).</param>
    /// <param name="label">Why it ran.</param>
    /// <param name="visibleMissions">The missions whose people the answer may list (null: every mission).</param>
    /// <param name="ct">Cancels the run.</param>
    public async Task<RunSummary> RunEveryoneDeployedAsync(string? userId, string label, IReadOnlySet<int>? visibleMissions = null, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var personnel = await db.Personnel.AsNoTracking()
            .Where(p => p.ContingentId == null || (p.Contingent!.From <= today && (p.Contingent.To == null || p.Contingent.To >= today)))
            .Select(p => new { p.Id, p.PersonNumber, p.FullName, p.Aliases, p.DateOfBirth, p.Nationality, p.IdNumbers, p.Category, p.Unit, p.MissionId })
            .ToListAsync(ct);
        var people = new List<Screened>(personnel.Count);
        foreach (var p in personnel)
        {
            if (RegistryCommands.ToSubject(p.PersonNumber, p.FullName, p.Aliases, p.DateOfBirth, p.Nationality, p.IdNumbers) is { } subject)
            {
                people.Add(new Screened(subject, p.Id, p.MissionId, p.FullName, p.Aliases, p.DateOfBirth, p.Nationality, p.IdNumbers, p.Category.Token(), p.Unit));
            }
        }
        return await RunAsync(ScreeningRunKind.Deployed, userId, null, label, people, ct, visibleMissions);
    }

    public async Task<Result<RunSummary>> RunDeployedAsync(CallerScope scope, string userId, CancellationToken ct = default)
    {
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return NotScreening;
        }
        // The run screens everyone (one registry, one queue per mission), but an officer of some missions is told only
        // of their missions' people: the others' numbers, findings and standings are those missions' business.
        HashSet<int>? visible = scope.Global ? null : [.. await db.Missions.VisibleToMissionScope(scope).Select(m => m.Id).ToListAsync(ct)];
        return await RunEveryoneDeployedAsync(userId, StartedByHand, visible, ct);
    }

    private async Task<RunSummary> RunAsync(ScreeningRunKind kind, string? userId, int? missionId, string label, List<Screened> people, CancellationToken ct,
        IReadOnlySet<int>? visibleMissions = null)
    {
        var started = clock.GetUtcNow();
        // A withdrawn record is kept for the audit trail, never screened.
        var records = await db.Registry.AsNoTracking().Where(r => r.WithdrawnAt == null).ToListAsync(ct);
        var byRecordId = new Dictionary<string, RegistryRecord>(StringComparer.Ordinal);
        var registry = new List<ScreeningSubject>(records.Count);
        foreach (var r in records)
        {
            if (RegistryCommands.ToSubject(r.RecordId, r.FullName, r.Aliases, r.DateOfBirth, r.Nationality, r.IdNumbers) is { } subject)
            {
                registry.Add(subject);
                byRecordId[r.RecordId] = r;
            }
        }
        // Two engineers' hosts share two cores: one thread per run is enough for a mission's roster.
        var today = DateOnly.FromDateTime(started.UtcDateTime);
        var candidates = await Task.Run(() => Screener.Screen([.. people.Select(p => p.Subject)], registry,
            new ScreeningOptions { Threshold = policy.Value.Threshold, MaxDegreeOfParallelism = 1, ScreeningDate = today }, progress: null, ct), ct);

        var bySubject = people.ToDictionary(p => p.Subject.Id, StringComparer.Ordinal);
        var earlier = await EarlierAsync(candidates.Select(c => c.PersonId).Distinct(StringComparer.Ordinal).ToList(), ct);
        var run = new ScreeningRun
        {
            Kind = kind,
            UserId = userId,
            MissionId = missionId,
            LabelSealed = protector.Seal(label.Length > 200 ? label[..200] : label, ScreeningRun.LabelPurpose),
            StartedAt = started,
            People = people.Count,
            Records = registry.Count,
            BirthDatesSetAside = people.Count(p => p.Subject.BirthDate is { } b && !CandidateScorer.IsPlausibleBirthYear(b.Year, today, onRecord: false)),
        };
        var now = clock.GetUtcNow();
        var raised = new List<ScreeningMatch>();
        var found = new List<(RunCandidate Candidate, ScreeningMatch? Raised, int? MissionId)>();
        var alerts = new List<Notification>();
        var roster = kind is ScreeningRunKind.PreDeployment or ScreeningRunKind.Arrival or ScreeningRunKind.Person;
        var adopted = new List<int>();
        foreach (var c in candidates)
        {
            var person = bySubject[c.PersonId];
            var record = byRecordId[c.RecordId];
            var score = Math.Round(c.Score, 3);
            var finding = RegistryFeed.Describe(record.Finding);
            RunCandidate Standing(string standing, int? id) => new(c.PersonId, record.RecordId, score, finding, standing, id) { PersonName = person.FullName };
            if (kind == ScreeningRunKind.Deployed && person.PersonId is { } personId && record.PersonId == personId)
            {
                // The re-screening of everyone deployed meets a record fed from a case about this very personnel record:
                // the case tracks that person. A roster or a hire is another deployment, which that case does not track.
                found.Add((Standing(StandingOwnCase, null), null, person.MissionId));
                continue;
            }
            var recordPrint = RegistryCommands.Fingerprint(record);
            var history = earlier.TryGetValue((c.PersonId, record.Id), out var h) ? h : [];
            if (history.FirstOrDefault(e => e.Status == CandidateStatus.Confirmed && e.About(person)) is { } confirmed)
            {
                // Decided: the same person. Not a question for the queue again, but this run must say so, and a roster's
                // mission must hear of it: the person is coming to it.
                found.Add((Standing(StandingConfirmed, confirmed.Id), null, person.MissionId));
                if (roster && person.MissionId is { } rosterMission)
                {
                    alerts.Add(new Notification
                    {
                        Role = Roles.ConductChief,
                        MissionId = rosterMission,
                        Notice = kind switch
                        {
                            ScreeningRunKind.Arrival => (Words)$"Screening: {c.PersonId}, on an arrival roster for your mission, was confirmed earlier as the person of registry record {record.RecordId} ({RegistryFeed.Said(record.Finding)}).",
                            ScreeningRunKind.Person => (Words)$"Screening: {c.PersonId}, to be hired for your mission, was confirmed earlier as the person of registry record {record.RecordId} ({RegistryFeed.Said(record.Finding)}).",
                            _ => (Words)$"Screening: {c.PersonId}, on a pre-deployment roster for your mission, was confirmed earlier as the person of registry record {record.RecordId} ({RegistryFeed.Said(record.Finding)}).",
                        },
                        CreatedAt = now,
                    });
                }
                continue;
            }
            if (history.FirstOrDefault(e => e.Status == CandidateStatus.Open && e.About(person)) is { } open)
            {
                // One open candidate per pair: its decision will settle this meeting too. Raised without a mission (a hire
                // by a screening officer of global scope), it takes this run's: that mission's chief must see it and hear of it.
                found.Add((Standing(StandingOpen, open.Id), null, person.MissionId));
                if (person.MissionId is not null && open.Id > 0)
                {
                    adopted.Add(open.Id);
                }
                continue;
            }
            if (history.FirstOrDefault(e => e.Status == CandidateStatus.Dismissed && e.Prints.Contains((person.Fingerprint, recordPrint))) is { } dismissed)
            {
                found.Add((Standing(StandingDismissed, dismissed.Id), null, person.MissionId));
                continue;
            }
            var match = new ScreeningMatch
            {
                SubjectKey = c.PersonId,
                PersonId = person.PersonId,
                PersonNumberDisagrees = person.NumberDisagrees,
                MissionId = person.MissionId,
                SubjectName = person.FullName,
                SubjectAliases = person.Aliases,
                SubjectDateOfBirth = person.Birth,
                SubjectNationality = person.Nationality,
                SubjectIdNumbers = person.Ids,
                SubjectCategory = person.Category,
                SubjectUnit = person.Unit,
                SubjectFingerprint = person.Fingerprint,
                RegistryRecordId = record.Id,
                RecordFingerprint = recordPrint,
                Score = score,
                Reasons = c.Reasons.Length > 2000 ? c.Reasons[..2000] : c.Reasons,
                RaisedAt = now,
                Status = CandidateStatus.Open,
            };
            raised.Add(match);
            found.Add((Standing(StandingNew, null), match, person.MissionId));
            // The same pair met twice in one run (never from one file, whose ids are unique): one candidate.
            earlier[(c.PersonId, record.Id)] = [.. history, new Earlier(0, CandidateStatus.Open, [(person.Fingerprint, recordPrint)], person.PersonId)];
        }
        run.Raised = raised.Count;
        var ownCase = found.Where(f => f.Candidate.Standing == StandingOwnCase).ToList();
        run.Candidates = found.Count - ownCase.Count;
        run.OwnCase = ownCase.Select(f => f.Candidate.PersonId).Distinct(StringComparer.Ordinal).Count();
        run.FinishedAt = clock.GetUtcNow();
        // The run first, for its id; then its candidates and alerts, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync(ct);
        foreach (var match in raised)
        {
            match.RunId = run.Id;
        }
        db.ScreeningMatches.AddRange(raised);
        db.Notifications.AddRange(alerts);
        await db.SaveChangesAsync(ct);
        if (adopted.Count > 0 && missionId is { } adopting)
        {
            // Tracked, not a bulk update: which mission's team sees a candidate is an audited change.
            foreach (var open in await db.ScreeningMatches.Where(m => adopted.Contains(m.Id) && m.MissionId == null).ToListAsync(ct))
            {
                open.MissionId = adopting;
            }
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        var missionCode = missionId is { } id ? await db.Missions.Where(m => m.Id == id).Select(m => m.Code).FirstOrDefaultAsync(ct) : null;
        var startedBy = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? "?";
        var shown = found.Where(f => visibleMissions is null || f.MissionId is { } m && visibleMissions.Contains(m))
            .Select(f => f.Raised is { } m ? f.Candidate with { CandidateId = m.Id } : f.Candidate).ToList();
        // A person met with the record of their own case is no question for the officer: counted and listed apart, so that
        // the few new candidates of a re-screening are not lost among them.
        return ToSummary(run, missionCode, startedBy) with
        {
            Found = [.. shown.Where(f => f.Standing != StandingOwnCase)],
            OwnCaseFound = [.. shown.Where(f => f.Standing == StandingOwnCase)],
        };
    }

    /// <summary>
    /// The earlier candidates of the people met, by pair, with the fingerprints each was raised with: as stored, and as the
    /// snapshot kept with it reads today (an older, less canonical print, or a pair first met through another path, is
    /// still known).
    /// </summary>
    private async Task<Dictionary<(string Key, int Record), List<Earlier>>> EarlierAsync(List<string> keys, CancellationToken ct)
    {
        var earlier = new Dictionary<(string, int), List<Earlier>>();
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var m in await db.ScreeningMatches.AsNoTracking().Where(m => chunk.Contains(m.SubjectKey))
                .Select(m => new { m.Id, m.Status, m.SubjectKey, m.PersonId, m.RegistryRecordId, m.SubjectFingerprint, m.RecordFingerprint, m.SubjectName, m.SubjectAliases, m.SubjectDateOfBirth, m.SubjectNationality, m.SubjectIdNumbers })
                .OrderBy(m => m.Id)
                .ToListAsync(ct))
            {
                var prints = new HashSet<(string, string)>
                {
                    (m.SubjectFingerprint, m.RecordFingerprint),
                    (RegistryCommands.SubjectFingerprint(m.SubjectName, m.SubjectAliases, m.SubjectDateOfBirth, m.SubjectNationality, m.SubjectIdNumbers), m.RecordFingerprint),
                };
                var pair = (m.SubjectKey, m.RegistryRecordId);
                if (!earlier.TryGetValue(pair, out var list))
                {
                    earlier[pair] = list = [];
                }
                list.Add(new Earlier(m.Id, m.Status, prints, m.PersonId));
            }
        }
        return earlier;
    }

    /// <summary>Whether two dates of birth agree as far as both go (year; month and day where both have them); false when either is unknown.</summary>
    internal static bool BirthDatesAgree(PartialDate? a, PartialDate? b) =>
        a is { } x && b is { } y && x.Year == y.Year
        && (x.Month is null || y.Month is null || x.Month == y.Month)
        && (x.Day is null || y.Day is null || x.Day == y.Day);

    /// <summary>Whether the engine reads a roster row's name as the personnel record's (a score at the default threshold or above).</summary>
    private static bool NamesAgree(NameComparer names, ScreeningSubject row, string personnelName)
    {
        var theirs = PersonName.Parse(personnelName);
        return row.Names.Any(n => names.Compare(n, theirs).Score >= ScreeningOptions.DefaultThreshold);
    }

    private RunSummary ToSummary(ScreeningRun r, string? mission, string? startedBy) =>
        new(r.Id, Token(r.Kind), protector.UnsealOptional(r.LabelSealed, ScreeningRun.LabelPurpose), mission, startedBy, r.StartedAt, r.FinishedAt, r.People, r.Records, r.Candidates, r.Raised, r.BirthDatesSetAside, r.OwnCase);

    private static IEnumerable<string> Split(IReadOnlyList<string>? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split(['|', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Decides whether a re-screening of everyone deployed is due (the registry changed since the last
/// run, or the interval passed) and claims it with one conditional UPDATE of the schedule row, so
/// that of several hosts exactly one runs it; a lease frees the claim if that host dies.
/// </summary>
public sealed class ScreeningScheduler(VigilDbContext db, ScreeningRuns runs, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ScreeningPolicy> policy)
{
    /// <summary>Runs a re-screening if one is due and this host wins the claim; otherwise returns null.</summary>
    public async Task<RunSummary?> RunIfDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var dueBefore = now - policy.Value.Interval;
        var state = await db.ScreeningSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ScreeningSchedule.SingletonId, ct);
        if (state is null)
        {
            return null;
        }
        var registryChanged = state.RegistryChangedAt is { } changed && (state.LastRunAt is null || changed > state.LastRunAt);
        var claimed = await db.ScreeningSchedules
            .Where(s => s.Id == ScreeningSchedule.SingletonId
                && (s.LeaseUntil == null || s.LeaseUntil < now)
                && (s.LastRunAt == null || s.LastRunAt <= dueBefore || (s.RegistryChangedAt != null && s.RegistryChangedAt > s.LastRunAt)))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastRunAt, now).SetProperty(s => s.LeaseUntil, now + policy.Value.Lease), ct);
        if (claimed == 0)
        {
            return null;
        }
        try
        {
            return await runs.RunEveryoneDeployedAsync(null, registryChanged ? ScreeningRuns.RegistryChanged : ScreeningRuns.OnSchedule, ct: ct);
        }
        finally
        {
            await db.ScreeningSchedules.Where(s => s.Id == ScreeningSchedule.SingletonId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }
}
