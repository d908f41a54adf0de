using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Presence;

/// <summary>
/// An official on the list. <c>From</c> is the first day in post: after today the official is listed as not yet in
/// post (an appointment recorded ahead) and cannot be evaluated yet. <c>MissingPeriod</c> is the first day of the period
/// whose evaluation is overdue, <c>OverdueSince</c> the day it was due by (the period's end and the grace days).
/// </summary>
public sealed record OfficialRow(int Id, string SiteCode, string SiteName, string MissionCode, string FullName, string Title,
    OfficialRole Role, string Nationality, DateOnly From, DateOnly? LastEvaluatedPeriod, EvaluationRating? LastRating, DateOnly? MissingPeriod,
    DateOnly? OverdueSince)
{
    public bool NotYetInPost(DateOnly today) => From > today;
}

public sealed record OverdueEvaluation(int OfficialId, string MissionCode, string SiteCode, string SiteName, string OfficialName,
    string Title, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueBy);

public sealed record EvaluationView(int Id, int OfficialId, string OfficialName, string SiteCode, DateOnly PeriodStart,
    string EvaluatorCode, string EvaluatorName, bool OffLimitsEnforced, bool CurfewEnforced, int TrainingCoveragePercent,
    bool WelfareAdequate, int CommunityComplaints, string Findings, string Recommendations, EvaluationRating Rating,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The form and API body of an evaluation.</summary>
public sealed record NewEvaluation
{
    /// <summary>Required: the official evaluated. Left out, the 400 names <c>officialId</c> (not the whole body).</summary>
    public int? OfficialId { get; init; }

    /// <summary>
    /// Required: the evaluating conduct officer's code (e.g. CDO-0042): posted at the official's site, not a co-national.
    /// A recorder whose account is linked to an officer record may name only that officer.
    /// </summary>
    public string? Evaluator { get; init; }

    /// <summary>Any day of the evaluated period; default: the current period.</summary>
    public DateOnly? Period { get; init; }

    public bool OffLimitsEnforced { get; init; }
    public bool CurfewEnforced { get; init; }
    public int TrainingCoveragePercent { get; init; }
    public bool WelfareAdequate { get; init; }
    public int CommunityComplaints { get; init; }
    public string? Findings { get; init; }
    public string? Recommendations { get; init; }
    /// <summary>Required: a missing rating is an error, never read as the first value.</summary>
    public EvaluationRating? Rating { get; init; }
}

/// <summary>
/// Officials at sites and their periodic evaluations by conduct officers. Conduct officers and chiefs
/// see and record them in their missions; findings and recommendations are sealed at rest.
/// </summary>
public sealed class Evaluations(VigilDbContext db, FieldProtector protector, TimeProvider clock, IOptions<PresenceOptions> options, Audit.IAuditTrail audit)
{
    public const string FindingsPurpose = "evaluation.findings";
    public const string RecommendationsPurpose = "evaluation.recommendations";
    private readonly PresenceOptions settings = options.Value;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<Official> VisibleOfficials(CallerScope scope)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.ConductTeam))
        {
            return db.Officials.Where(_ => false);
        }
        if (scope.Global)
        {
            return db.Officials;
        }
        var missions = scope.Missions.ToList();
        return db.Officials.Where(o => missions.Contains(o.Site!.Mission!.Code));
    }

    /// <summary>
    /// Officials in post today or appointed from a later day, with their last evaluation and whether one is overdue;
    /// optionally one mission or site.
    /// </summary>
    public async Task<IReadOnlyList<OfficialRow>> ListAsync(CallerScope scope, string? mission = null, string? site = null, CancellationToken ct = default)
    {
        var today = Today;
        // Officials who have left stay listed while their last due period is unevaluated: ending an appointment must
        // not make an evaluation already overdue disappear from the lists and the dashboard.
        var lastDue = LastDuePeriodStart(today);
        // Officials appointed from a later day are listed too: an appointment recorded ahead must be seen to be on record.
        // A site's closure ends its officials' appointments as far as evaluations go: nobody is posted there to evaluate.
        var query = VisibleOfficials(scope).AsNoTracking().Where(o => (o.To == null || o.To >= lastDue) && (o.Site!.ClosedOn == null || o.Site.ClosedOn >= lastDue));
        if (!string.IsNullOrWhiteSpace(mission))
        {
            var code = mission.Trim().ToUpperInvariant();
            query = query.Where(o => o.Site!.Mission!.Code == code);
        }
        if (!string.IsNullOrWhiteSpace(site))
        {
            query = query.WithCode(o => o.Site!.Code, site.Trim());
        }
        var rows = await query
            .Select(o => new
            {
                o.Id,
                SiteCode = o.Site!.Code,
                SiteName = o.Site.Name,
                MissionCode = o.Site.Mission!.Code,
                o.FullName,
                o.Title,
                o.Role,
                o.Nationality,
                o.From,
                o.To,
                o.Site.ClosedOn,
                Evaluations = o.Evaluations.Select(e => new { e.PeriodStart, e.Rating }).ToList(),
            })
            .ToListAsync(ct);
        return rows
            .Select(r => r.ClosedOn is { } shut && (r.To is null || r.To > shut) ? r with { To = shut } : r)
            .Select(o =>
            {
                var last = o.Evaluations.OrderByDescending(e => e.PeriodStart).FirstOrDefault();
                var overdue = OverduePeriod(o.From, o.To, o.Evaluations.Select(e => e.PeriodStart).ToHashSet(), today);
                return (o.To, Row: new OfficialRow(o.Id, o.SiteCode, o.SiteName, o.MissionCode, o.FullName, o.Title, o.Role, o.Nationality,
                    o.From, last?.PeriodStart, last?.Rating, overdue, overdue is { } missing ? DueBy(missing) : null));
            })
            .Where(o => o.To is null || o.To >= today || o.Row.MissingPeriod is not null)
            .Select(o => o.Row)
            .OrderBy(o => o.MissionCode, StringComparer.Ordinal).ThenBy(o => o.SiteName, StringComparer.Ordinal).ThenBy(o => o.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Every official in post whose last ended period (ended more than the grace days ago) has no evaluation.
    /// </summary>
    public async Task<IReadOnlyList<OverdueEvaluation>> OverdueAsync(CallerScope scope, string? mission = null, CancellationToken ct = default)
    {
        var months = settings.EvaluationPeriodMonths;
        return (await ListAsync(scope, mission, null, ct))
            .Where(o => o.MissingPeriod is not null)
            .Select(o =>
            {
                var start = o.MissingPeriod!.Value;
                var end = EvaluationPeriods.EndOf(start, months);
                return new OverdueEvaluation(o.Id, o.MissionCode, o.SiteCode, o.SiteName, o.FullName, o.Title, start, end, DueBy(start));
            })
            .OrderBy(o => o.DueBy).ThenBy(o => o.SiteCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The last day to evaluate the period starting on <paramref name="start"/>: its end and the grace days.</summary>
    private DateOnly DueBy(DateOnly start) => EvaluationPeriods.EndOf(start, settings.EvaluationPeriodMonths).AddDays(settings.EvaluationGraceDays);

    /// <summary>The start of the most recent period whose end plus the grace days has passed.</summary>
    private DateOnly LastDuePeriodStart(DateOnly today)
    {
        var months = settings.EvaluationPeriodMonths;
        var start = EvaluationPeriods.StartOf(today, months);
        while (EvaluationPeriods.EndOf(start, months).AddDays(settings.EvaluationGraceDays) >= today)
        {
            start = start.AddMonths(-months);
        }
        return start;
    }

    /// <summary>The start of the last period past its grace days that has no evaluation and in which the official was in post, else null.</summary>
    private DateOnly? OverduePeriod(DateOnly from, DateOnly? to, HashSet<DateOnly> evaluated, DateOnly today)
    {
        var start = LastDuePeriodStart(today);
        var end = EvaluationPeriods.EndOf(start, settings.EvaluationPeriodMonths);
        var inPost = from <= end && (to is null || to >= start);
        return inPost && !evaluated.Contains(start) ? start : null;
    }

    /// <summary>Evaluations of one official, newest first, findings unsealed (each an audited read).</summary>
    public async Task<Result<IReadOnlyList<EvaluationView>>> HistoryAsync(CallerScope scope, int officialId, CancellationToken ct = default)
    {
        if (!await VisibleOfficials(scope).AnyAsync(o => o.Id == officialId, ct))
        {
            return new NotFoundError("No such official in your scope.");
        }
        var rows = await db.OfficialEvaluations.AsNoTracking().Where(e => e.OfficialId == officialId)
            .OrderByDescending(e => e.PeriodStart)
            .Select(e => new
            {
                e.Id,
                e.OfficialId,
                OfficialName = e.Official!.FullName,
                SiteCode = e.Official.Site!.Code,
                e.PeriodStart,
                EvaluatorCode = e.Evaluator!.Code,
                EvaluatorName = e.Evaluator.FullName,
                e.OffLimitsEnforced,
                e.CurfewEnforced,
                e.TrainingCoveragePercent,
                e.WelfareAdequate,
                e.CommunityComplaints,
                e.FindingsSealed,
                e.RecommendationsSealed,
                e.Rating,
                e.RecordedBy,
                e.RecordedAt,
            })
            .ToListAsync(ct);
        // The findings and recommendations are sealed at rest: showing them is a read of each evaluation.
        await Audit.AuditTrailExtensions.RecordReadsAsync(audit, nameof(OfficialEvaluation), rows.Select(e => (object)e.Id), detail: "findings, recommendations", ct: ct);
        return rows.Select(e => new EvaluationView(e.Id, e.OfficialId, e.OfficialName, e.SiteCode, e.PeriodStart, e.EvaluatorCode, e.EvaluatorName,
            e.OffLimitsEnforced, e.CurfewEnforced, e.TrainingCoveragePercent, e.WelfareAdequate, e.CommunityComplaints,
            protector.Unseal(e.FindingsSealed, FindingsPurpose), protector.Unseal(e.RecommendationsSealed, RecommendationsPurpose),
            e.Rating, e.RecordedBy, e.RecordedAt)).ToList();
    }

    /// <summary>
    /// Records one period's evaluation. The evaluator must be a conduct officer posted at the official's site
    /// during the period (or today) and must never share the official's nationality. The signed-in recorder is held to
    /// the rule as well: an account whose nationality is the official's is refused, and an account linked to a conduct
    /// officer record may record only that officer's own evaluations.
    /// </summary>
    public async Task<Result<EvaluationView>> RecordAsync(CallerScope scope, string userName, NewEvaluation input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.OfficialId is not { } officialId)
        {
            return ValidationError.For("officialId", "Choose the official evaluated (officialId).");
        }
        var official = await VisibleOfficials(scope).Include(o => o.Site).FirstOrDefaultAsync(o => o.Id == officialId, ct);
        if (official is null)
        {
            return new NotFoundError("No such official in your scope.");
        }
        var errors = new Dictionary<string, Words[]>();
        if (input.TrainingCoveragePercent is < 0 or > 100)
        {
            errors["trainingCoveragePercent"] = [$"'{input.TrainingCoveragePercent}' is not a percentage between 0 and 100."];
        }
        if (input.CommunityComplaints < 0)
        {
            errors["communityComplaints"] = [$"'{input.CommunityComplaints}' is not a count of 0 or more."];
        }
        if (string.IsNullOrWhiteSpace(input.Findings))
        {
            errors["findings"] = ["Findings are required."];
        }
        else if (input.Findings.Length > 20_000)
        {
            errors["findings"] = ["Findings are limited to 20,000 characters."];
        }
        if (input.Recommendations?.Length > 20_000)
        {
            errors["recommendations"] = ["Recommendations are limited to 20,000 characters."];
        }
        if (input.Rating is not { } rating || !Enum.IsDefined(rating))
        {
            errors["rating"] = [$"Choose {EvaluationRating.Satisfactory.Term()}, {EvaluationRating.NeedsImprovement.Term()} or {EvaluationRating.Unsatisfactory.Term()}."];
        }
        var today = Today;
        var months = settings.EvaluationPeriodMonths;
        var periodStart = EvaluationPeriods.StartOf(input.Period ?? today, months);
        // A period far in the future (9999-12-31) has no end a date can hold: it is refused below as not begun.
        var periodEnd = periodStart > today ? periodStart : EvaluationPeriods.EndOf(periodStart, months);
        if (periodStart > today)
        {
            errors["period"] = [$"The period starting {periodStart:yyyy-MM-dd} has not begun."];
        }
        else if (official.From > today)
        {
            // Appointed from a later day (recorded ahead): there is nothing yet to evaluate, even in a period it falls in.
            errors["officialId"] = [$"{official.FullName} is in post from {official.From:yyyy-MM-dd}: evaluate from then."];
        }
        else if (periodEnd < official.From || (official.To is { } left && periodStart > left))
        {
            Words text = official.To is { } to
                ? (Words)$"The official was not in post during the period starting {periodStart:yyyy-MM-dd} (in post from {official.From:yyyy-MM-dd} to {to:yyyy-MM-dd})."
                : (Words)$"The official was not in post during the period starting {periodStart:yyyy-MM-dd} (in post from {official.From:yyyy-MM-dd}).";
            errors["period"] = [text];
        }
        var code = input.Evaluator?.Trim() ?? "";
        // The person who writes the findings is held to the rule too, not only the officer named: an account with a
        // nationality recorded never records an evaluation of a co-national, and an account linked to an officer
        // record records only that officer's own evaluations (it cannot name a colleague to get round the rule).
        var recorder = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => new { u.Nationality, u.OfficerId }).FirstOrDefaultAsync(ct);
        var linked = recorder?.OfficerId is { } linkedId
            ? await db.ConductOfficers.AsNoTracking().Where(o => o.Id == linkedId).Select(o => o.Code).FirstOrDefaultAsync(ct)
            : null;
        var evaluator = code.Length == 0
            ? null
            // Only officers of the official's mission are looked up: an officer elsewhere gets the answer an unknown code
            // gets, so the rules below (nationality, posting) never tell anything about officers outside the caller's scope.
            // Codes as typed (cdo-0042) are found too.
            : await db.ConductOfficers.Where(o => o.MissionId == official.Site!.MissionId).WithCode(o => o.Code, code).FirstOrDefaultAsync(ct);
        if (code.Length == 0)
        {
            errors["evaluator"] = ["Give the evaluating officer's code, e.g. CDO-0042."];
        }
        else if (recorder?.Nationality is { } own && string.Equals(own, official.Nationality, StringComparison.Ordinal))
        {
            errors["evaluator"] = [$"Your account's nationality is the official's ({official.Nationality}): an evaluation of a co-national is never recorded by a co-national. Ask a colleague of another nationality to record it."];
        }
        else if (linked is not null && !string.Equals(linked, evaluator?.Code ?? code, StringComparison.Ordinal))
        {
            errors["evaluator"] = [$"Your account is conduct officer {linked}'s: record your own evaluations (evaluator {linked}), not another officer's."];
        }
        else if (evaluator is null)
        {
            errors["evaluator"] = [$"'{code}' is not a conduct officer of this official's mission."];
        }
        else if (string.Equals(evaluator.Nationality, official.Nationality, StringComparison.Ordinal))
        {
            // The rule of the reform: an evaluator never evaluates a co-national.
            errors["evaluator"] = [$"{evaluator.Code} shares the official's nationality ({official.Nationality}); an officer never evaluates a co-national. Choose another officer posted at {official.Site!.Code}."];
        }
        else
        {
            var last = today < periodEnd ? today : periodEnd;
            var posted = await db.Postings.AnyAsync(p => p.OfficerId == evaluator.Id && p.SiteId == official.SiteId
                && p.From <= last && (p.To == null || p.To >= periodStart), ct);
            if (!posted)
            {
                errors["evaluator"] = [$"{evaluator.Code} was not posted at {official.Site!.Code} during the period starting {periodStart:yyyy-MM-dd}."];
            }
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        if (await db.OfficialEvaluations.AnyAsync(e => e.OfficialId == official.Id && e.PeriodStart == periodStart, ct))
        {
            return new ConflictError($"This official already has an evaluation for the period starting {periodStart:yyyy-MM-dd}.");
        }
        var evaluation = new OfficialEvaluation
        {
            OfficialId = official.Id,
            EvaluatorId = evaluator!.Id,
            PeriodStart = periodStart,
            OffLimitsEnforced = input.OffLimitsEnforced,
            CurfewEnforced = input.CurfewEnforced,
            TrainingCoveragePercent = input.TrainingCoveragePercent,
            WelfareAdequate = input.WelfareAdequate,
            CommunityComplaints = input.CommunityComplaints,
            FindingsSealed = protector.Seal(input.Findings!.Trim(), FindingsPurpose),
            RecommendationsSealed = protector.Seal(input.Recommendations?.Trim() ?? "", RecommendationsPurpose),
            Rating = input.Rating!.Value,
            RecordedBy = userName,
            RecordedAt = clock.GetUtcNow(),
        };
        db.OfficialEvaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        return new EvaluationView(evaluation.Id, official.Id, official.FullName, official.Site!.Code, periodStart, evaluator.Code, evaluator.FullName,
            evaluation.OffLimitsEnforced, evaluation.CurfewEnforced, evaluation.TrainingCoveragePercent, evaluation.WelfareAdequate,
            evaluation.CommunityComplaints, input.Findings.Trim(), input.Recommendations?.Trim() ?? "", evaluation.Rating, userName, evaluation.RecordedAt);
    }

    /// <summary>Seals evaluation text for the demo seeder, which writes rows directly.</summary>
    internal static (byte[] Findings, byte[] Recommendations) Seal(FieldProtector protector, string findings, string recommendations) =>
        (protector.Seal(findings, FindingsPurpose), protector.Seal(recommendations, RecommendationsPurpose));
}
