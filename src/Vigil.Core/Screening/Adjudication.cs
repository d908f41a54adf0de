using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;
using Vigil.Core.Security;

namespace Vigil.Core.Screening;

public sealed record CandidateRow(int Id, double Score, string Reasons, string SubjectKey, string SubjectName, string RecordId, string RecordName,
    string Finding, string Status, string? Mission, DateTimeOffset RaisedAt);

/// <summary>
/// The person screened, as screened: <c>Deployed</c> when the row is linked to a personnel record. <c>NumberNotLinked</c>
/// when a roster row's person_id is the number of a personnel record whose name and date of birth both disagree with the
/// row: the row was not linked to it (the number is likely mistyped, or not this person's).
/// </summary>
public sealed record CandidateSide(string Id, string FullName, IReadOnlyList<string> Aliases, string? DateOfBirth, string? Nationality,
    IReadOnlyList<string> IdNumbers, string? Category, string? Unit, bool Deployed)
{
    public bool NumberNotLinked { get; init; }
}

/// <summary>The registry record of a candidate, as it is now: the same fields as a registry file's row.</summary>
public sealed record CandidateRecordSide(string Id, string FullName, IReadOnlyList<string> Aliases, string? DateOfBirth, string? Nationality,
    IReadOnlyList<string> IdNumbers, string Finding, string? CaseReference);

public sealed record CandidateDetail(int Id, double Score, string Reasons, string Status, string? Mission, DateTimeOffset RaisedAt, int RunId,
    CandidateSide Person, CandidateRecordSide Record, RegistryRecordView Registry, bool RecordChangedSince, string? DecisionNote, DateTimeOffset? DecidedAt,
    bool CanDecide)
{
    /// <summary>The account name of whoever decided (null while open, and for a candidate withdrawn with its record).</summary>
    public string? DecidedBy { get; init; }
}

public sealed record CandidateFilter(string? Status = "open", string? Mission = null, int Page = 1, int PageSize = 50);

public sealed record CandidatePage(IReadOnlyList<CandidateRow> Items, int Total, int Page, int PageSize);

/// <summary>"same-person" or "not-same-person", and why (required).</summary>
public sealed record DecisionInput
{
    public string? Decision { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The adjudication queue. Screening officers with global scope see every candidate; with mission
/// scope, and conduct chiefs, those of people in their missions. Only screening officers decide.
/// </summary>
public sealed class Adjudication(VigilDbContext db, FieldProtector protector, TimeProvider clock, IAuditTrail audit)
{
    public const string SamePerson = "same-person";
    public const string NotSamePerson = "not-same-person";

    private static Term StatusTerm(string token) => new($"candidate:{token}", token);

    public static string Token(CandidateStatus status) => status switch
    {
        CandidateStatus.Open => "open",
        CandidateStatus.Confirmed => "confirmed",
        CandidateStatus.Dismissed => "dismissed",
        CandidateStatus.Withdrawn => "withdrawn",
    };

    private IQueryable<ScreeningMatch> Visible(CallerScope scope)
    {
        if (scope.IsInRole(Roles.ScreeningOfficer) && scope.Global)
        {
            return db.ScreeningMatches;
        }
        if (!scope.IsInRole(Roles.ScreeningOfficer) && !scope.IsInRole(Roles.ConductChief))
        {
            return db.ScreeningMatches.Where(_ => false);
        }
        var missionIds = db.Missions.VisibleToMissionScope(scope).Select(m => m.Id);
        // The run's mission (a roster for it), or the mission the person serves in (a roster of another mission's arrivals).
        var serving = db.Personnel.Where(p => missionIds.Contains(p.MissionId)).Select(p => p.Id);
        return db.ScreeningMatches.Where(m => (m.MissionId != null && missionIds.Contains(m.MissionId.Value))
            || (m.PersonId != null && serving.Contains(m.PersonId.Value)));
    }

    public async Task<Result<CandidatePage>> ListAsync(CallerScope scope, CandidateFilter filter, CancellationToken ct = default)
    {
        if (Paging.Check(filter.Page, filter.PageSize) is { } paging)
        {
            return paging;
        }
        var query = Visible(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status) && !string.Equals(filter.Status, "all", StringComparison.OrdinalIgnoreCase))
        {
            var match = Enum.GetValues<CandidateStatus>().Where(s => string.Equals(Token(s), filter.Status.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                // Named by the queue's filter labels on a page (candidate:open), by the tokens in the API.
                return ValidationError.For("status",
                    $"status '{filter.Status}' is not {StatusTerm("open")}, {StatusTerm("confirmed")}, {StatusTerm("dismissed")}, {StatusTerm("withdrawn")} or {StatusTerm("all")}.");
            }
            var status = match[0];
            query = query.Where(m => m.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Mission))
        {
            var code = filter.Mission.Trim().ToUpperInvariant();
            if (await db.Missions.Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct) is not { } id)
            {
                // Not a null id: that would list the candidates of no mission (hiring) under any unknown code.
                return ValidationError.For("mission", $"mission '{code}' is not a mission code.");
            }
            var serving = db.Personnel.Where(p => p.MissionId == id).Select(p => p.Id);
            query = query.Where(m => m.MissionId == id || (m.PersonId != null && serving.Contains(m.PersonId.Value)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Score).ThenBy(m => m.Id).Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize)
            .Select(m => new
            {
                m.Id,
                m.Score,
                m.Reasons,
                m.SubjectKey,
                m.SubjectName,
                m.RegistryRecord!.RecordId,
                RecordName = m.RegistryRecord.FullName,
                m.RegistryRecord.Finding,
                m.Status,
                Mission = db.Missions.Where(x => x.Id == m.MissionId).Select(x => x.Code).FirstOrDefault(),
                m.RaisedAt,
            })
            .ToListAsync(ct);
        // The queue shows both names and the finding: a read of each candidate on the page, like its own page.
        await audit.RecordReadsAsync(nameof(ScreeningMatch), rows.Select(r => (object)r.Id), "in the adjudication queue", ct);
        return new CandidatePage([.. rows.Select(r => new CandidateRow(r.Id, r.Score, r.Reasons, r.SubjectKey, r.SubjectName, r.RecordId, r.RecordName,
            RegistryFeed.Describe(r.Finding), Token(r.Status), r.Mission, r.RaisedAt))], total, filter.Page, filter.PageSize);
    }

    public async Task<Result<CandidateDetail>> GetAsync(CallerScope scope, int id, CancellationToken ct = default)
    {
        var m = await Visible(scope).AsNoTracking().Include(x => x.RegistryRecord).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return new NotFoundError();
        }
        var r = m.RegistryRecord!;
        // Both sides' names, dates of birth and identifiers are shown: a read, audited as a person's or a case's is.
        await audit.RecordReadAsync(nameof(ScreeningMatch), m.Id, detail: "candidate: both records side by side", ct: ct);
        var mission = m.MissionId is { } missionId ? await db.Missions.Where(x => x.Id == missionId).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        var person = new CandidateSide(m.SubjectKey, m.SubjectName, m.SubjectAliases, m.SubjectDateOfBirth?.ToString(), m.SubjectNationality, m.SubjectIdNumbers,
            m.SubjectCategory, m.SubjectUnit, m.PersonId is not null)
        { NumberNotLinked = m.PersonNumberDisagrees };
        var record = new CandidateRecordSide(r.RecordId, r.FullName, r.Aliases, r.DateOfBirth?.ToString(), r.Nationality, r.IdNumbers,
            RegistryFeed.Describe(r.Finding), r.CaseReference);
        var registry = (await RegistryCommands.ViewsAsync(db, protector, [r], ct))[0];
        return new CandidateDetail(m.Id, m.Score, m.Reasons, Token(m.Status), mission, m.RaisedAt, m.RunId, person, record, registry,
            RegistryCommands.Fingerprint(r) != m.RecordFingerprint, protector.UnsealOptional(m.DecisionNoteSealed, ScreeningMatch.DecisionNotePurpose), m.DecidedAt, scope.IsInRole(Roles.ScreeningOfficer) && m.Status == CandidateStatus.Open)
        {
            DecidedBy = m.DecidedByUserId is { } by ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? "?" : null,
        };
    }

    /// <summary>
    /// Records the decision with its note. A confirmed match alerts the conduct chief of the mission the person serves in
    /// (when the row is a personnel record) and the chief of the mission whose pre-deployment or arrival roster or hire found
    /// them (whether or not the row is in Vigil's personnel: a contingent arriving is deployed there); a notification naming
    /// the person number or roster id only.
    /// </summary>
    public async Task<Result<string>> DecideAsync(CallerScope scope, string userId, int id, DecisionInput input, CancellationToken ct = default)
    {
        var m = await Visible(scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return new NotFoundError();
        }
        if (!scope.IsInRole(Roles.ScreeningOfficer))
        {
            return new ForbiddenError("Only screening officers decide on candidates.");
        }
        var errors = new Dictionary<string, Words[]>();
        var decision = input.Decision?.Trim().ToLowerInvariant();
        if (decision is not (SamePerson or NotSamePerson))
        {
            errors["decision"] = [string.IsNullOrEmpty(decision)
                ? (Words)$"decision is required: {SamePerson} or {NotSamePerson}."
                : (Words)$"decision '{input.Decision}' is not {SamePerson} or {NotSamePerson}."];
        }
        var note = input.Note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["note"] = ["note is required: say what settled the decision."];
        }
        else if (note.Length > 2000)
        {
            errors["note"] = ["note is longer than 2000 characters."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        if (m.Status != CandidateStatus.Open)
        {
            return new ConflictError($"This candidate was already decided ({Token(m.Status)}).");
        }
        var now = clock.GetUtcNow();
        m.Status = decision == SamePerson ? CandidateStatus.Confirmed : CandidateStatus.Dismissed;
        m.DecisionNoteSealed = protector.Seal(note, ScreeningMatch.DecisionNotePurpose);
        m.DecidedByUserId = userId;
        m.DecidedAt = now;
        if (m.Status == CandidateStatus.Confirmed)
        {
            var record = await db.Registry.Where(r => r.Id == m.RegistryRecordId).Select(r => new { r.RecordId, r.Finding }).FirstAsync(ct);
            // The chief of the mission the person serves in today; and, when the run was a mission's roster (a contingent
            // arriving there, or about to deploy), that mission's chief too, linked or not: both must act on it.
            var serving = m.PersonId is { } personId
                ? await db.Personnel.Where(p => p.Id == personId).Select(p => (int?)p.MissionId).FirstOrDefaultAsync(ct)
                : null;
            // A hire for a mission is a deployment to come, as a roster is.
            var kind = await db.ScreeningRuns.Where(r => r.Id == m.RunId).Select(r => (ScreeningRunKind?)r.Kind).FirstOrDefaultAsync(ct);
            var coming = kind switch
            {
                ScreeningRunKind.PreDeployment or ScreeningRunKind.Arrival => (Words)"on a roster for your mission",
                ScreeningRunKind.Person => (Words)"to be hired for your mission",
                _ => null,
            };
            foreach (var (missionId, where) in new[] { (serving, (Words)"serving in your mission"), (coming is null ? null : m.MissionId, coming ?? "") }
                .Where(x => x.Item1 is not null).DistinctBy(x => x.Item1).Select(x => (x.Item1!.Value, x.Item2)))
            {
                db.Notifications.Add(new Notification
                {
                    Role = Roles.ConductChief,
                    MissionId = missionId,
                    Notice = (Words)$"Screening: {m.SubjectKey}, {where}, is confirmed as the person of registry record {record.RecordId} ({RegistryFeed.Said(record.Finding)}). See /screening/candidates/{m.Id}.",
                    CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return Token(m.Status);
    }
}
