using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// The form and API body of a correction of a contingent's record: every field as it should read (a wrong contributing
/// country, category, unit name, strength or arrival day). Its last day is recorded as a departure, not here.
/// </summary>
public sealed record ContingentCorrection
{
    /// <summary>ISO 3166-1 alpha-3 of the contributing country: no conduct officer of it serves at the contingent's site.</summary>
    public string? Country { get; init; }

    /// <summary>The category's token (<c>military-contingent</c>, <c>formed-police</c>, …), checked here so that a wrong one is named with the other faults.</summary>
    public string? Category { get; init; }

    /// <summary>Unit designation, e.g. "RWABATT 2".</summary>
    public string? Unit { get; init; }

    /// <summary>Authorised strength, at least 1.</summary>
    public int? Strength { get; init; }

    /// <summary>Arrival day (first day deployed), not after the last day.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Optional: the <see cref="ContingentRecord.Version"/> the correction was made from (see <see cref="OfficerCorrection.Version"/>).</summary>
    public string? Version { get; init; }
}

/// <summary>A contingent's record as kept (its site's code and mission), for the forms and <c>GET …/contingents/{code}</c>.</summary>
public sealed record ContingentRecord(string Code, string Mission, string Site, string Country, PersonnelCategory Category, string Unit, int Strength, DateOnly From, DateOnly? LastDay)
{
    /// <summary>A short digest of the corrected fields (see <see cref="OfficerRecord.Version"/>); the last day is the departure's, not the correction's.</summary>
    public string Version => RecordVersions.Of(Country, Category.Token(), Unit, Strength.ToString(System.Globalization.CultureInfo.InvariantCulture), From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A contingent's departure, its withdrawal or a correction, as recorded, with what it changes for presence: the conduct
/// officers posted at the site (today or later) whose conflict of interest with a contingent of their nationality it ends
/// (on some days at least: a departure ends it after the last day) or creates. The chief re-plans for them.
/// </summary>
public sealed record ContingentChanged(ContingentRecord Contingent, IReadOnlyList<string> ConflictsEnded, IReadOnlyList<string> ConflictsCreated);

/// <summary>
/// A contingent rotating out (its last day) and corrections of its record, by the mission's conduct chief; import only adds
/// (docs/import.md). A contingent's nationality is what conflict of interest reads: the coverage view stops flagging it after
/// the last day, the next problem built leaves it out of a horizon it is gone for, the scheduled re-screening no longer
/// counts its personnel as deployed, and a plan built before is checked at approval (<see cref="PlanRecheck"/>): refused when a
/// planned posting becomes co-national, said in its review (and approvable) when a nationality is gone.
/// A departure not yet reached may be withdrawn. Every change is in the audit log with the fields' values before and after
/// (by contingent code; a contingent's record holds no personal data).
/// </summary>
public sealed class ContingentChanges(VigilDbContext db, TimeProvider clock, IAuditTrail audit)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>A contingent of the caller's missions (conduct team), or null.</summary>
    public async Task<ContingentRecord?> FindAsync(CallerScope scope, string code, CancellationToken ct = default) =>
        await Contingents(scope).AsNoTracking().WithCode(c => c.Code, code.Trim()).Select(Record).FirstOrDefaultAsync(ct);

    /// <summary>The contingents of a site of the caller's missions that arrive after today (imported ahead), by arrival day.</summary>
    public async Task<IReadOnlyList<ContingentRecord>> ArrivingAsync(CallerScope scope, string siteCode, CancellationToken ct = default)
    {
        var today = Today;
        return await Contingents(scope).AsNoTracking().Where(c => c.Site!.Code == siteCode && c.From > today)
            .OrderBy(c => c.From).ThenBy(c => c.Code).Select(Record).ToListAsync(ct);
    }

    /// <summary>How many of a site's contingents that left its page lists (<see cref="LeftAsync"/>).</summary>
    public const int LeftShown = 10;

    /// <summary>
    /// The contingents of a site of the caller's missions whose last day is past, the most recent departure first (at most
    /// <see cref="LeftShown"/>), so that a chief can find one to correct; and how many left in all.
    /// </summary>
    public async Task<(IReadOnlyList<ContingentRecord> Shown, int Total)> LeftAsync(CallerScope scope, string siteCode, CancellationToken ct = default)
    {
        var today = Today;
        var left = Contingents(scope).AsNoTracking().Where(c => c.Site!.Code == siteCode && c.To < today);
        return (await left.OrderByDescending(c => c.To).ThenBy(c => c.Code).Take(LeftShown).Select(Record).ToListAsync(ct), await left.CountAsync(ct));
    }

    public async Task<Result<ContingentChanged>> RecordDepartureAsync(CallerScope scope, string code, LastDayInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await FindForChangeAsync(scope, code, ct);
        if (found.Error is { } error)
        {
            return error;
        }
        var contingent = found.Value!;
        if (MissionChanges.CheckDay(input.LastDay, Today) is { } refused)
        {
            return refused;
        }
        var day = input.LastDay!.Value;
        if (day < contingent.From)
        {
            return ValidationError.For("lastDay", $"'{day:yyyy-MM-dd}' is before the contingent's arrival ({contingent.From:yyyy-MM-dd}).");
        }
        return await ChangeAsync(contingent, "departure recorded", c => c.To = day, () => AlreadyLeft(contingent), ct);
    }

    public async Task<Result<ContingentChanged>> WithdrawDepartureAsync(CallerScope scope, string code, CancellationToken ct = default)
    {
        var found = await FindForChangeAsync(scope, code, ct);
        if (found.Error is { } error)
        {
            return error;
        }
        var contingent = found.Value!;
        return await ChangeAsync(contingent, "departure withdrawn", c => c.To = null, () => AlreadyLeft(contingent), ct);
    }

    /// <summary>A last day already past stays on record, as for officers and sites (the postings since were planned on it).</summary>
    private ConflictError? AlreadyLeft(Contingent contingent) =>
        contingent.To is { } left && left < Today ? new ConflictError($"{contingent.Code} left on {left:yyyy-MM-dd}: that stays on record.") : null;

    public async Task<Result<ContingentChanged>> CorrectAsync(CallerScope scope, string code, ContingentCorrection request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await FindForChangeAsync(scope, code, ct);
        if (found.Error is { } error)
        {
            return error;
        }
        var contingent = found.Value!;
        var errors = new Dictionary<string, Words[]>();
        var country = RecordFields.Country(errors, "country", request.Country, "Give the contributing country (ISO 3166-1 alpha-3, e.g. RWA).");
        var category = RecordFields.Category(errors, request.Category);
        var unit = RecordFields.Unit(errors, request.Unit);
        RecordFields.Strength(errors, request.Strength);
        if (RecordFields.Arrival(errors, "from", request.From, Today) is { } from && contingent.To is { } last && from > last)
        {
            errors["from"] = [$"'{from:yyyy-MM-dd}' is after the contingent's last day ({last:yyyy-MM-dd})."];
        }
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        var version = request.Version?.Trim();
        return await ChangeAsync(contingent, "corrected", c =>
        {
            c.ContributingCountry = country!;
            c.Category = category!.Value;
            c.UnitName = unit!;
            c.Strength = request.Strength!.Value;
            c.From = request.From!.Value;
        }, () =>
        {
            if (version is not null && !string.Equals(version, RecordOf(contingent).Version, StringComparison.OrdinalIgnoreCase))
            {
                return new ConflictError($"{contingent.Code}'s record was changed by someone else since this correction was opened: check what it says now and correct it again.");
            }
            // A departure recorded meanwhile may have moved the last day before the arrival given.
            return contingent.To is { } last && request.From!.Value > last
                ? ValidationError.For("from", $"'{request.From!.Value:yyyy-MM-dd}' is after the contingent's last day ({last:yyyy-MM-dd}).")
                : null;
        }, ct);
    }

    private async Task<Result<Contingent>> FindForChangeAsync(CallerScope scope, string code, CancellationToken ct)
    {
        var contingent = await Contingents(scope).Include(c => c.Site!).ThenInclude(s => s.Mission).WithCode(c => c.Code, code.Trim()).FirstOrDefaultAsync(ct);
        if (contingent is null)
        {
            return new NotFoundError($"No contingent '{code}' in your missions.");
        }
        if (!scope.Roles.Overlaps(PresenceRoles.Planners))
        {
            return new ForbiddenError("Only the conduct chief of the mission records a contingent's departure or corrects its record.");
        }
        return contingent;
    }

    /// <summary>
    /// Applies <paramref name="change"/> under the contingent's row lock (a second change at the same moment waits and then
    /// sees this one), after <paramref name="refuse"/> has looked at the record as it is now; audits the fields that changed,
    /// and answers with the conflicts of interest ended and created at the site.
    /// </summary>
    private async Task<Result<ContingentChanged>> ChangeAsync(Contingent contingent, string what, Action<Contingent> change, Func<Error?> refuse, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Contingents.Where(c => c.Id == contingent.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Code, c => c.Code), ct);
        await db.Entry(contingent).ReloadAsync(ct);
        if (refuse() is { } refused)
        {
            return refused;
        }
        var today = Today;
        var before = Span.Of(contingent);
        var beforeRecord = RecordOf(contingent);
        change(contingent);
        var after = Span.Of(contingent);
        await db.SaveChangesAsync(ct);
        var record = RecordOf(contingent);
        if (Differences(beforeRecord, record) is { Count: > 0 } changed)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(Contingent), contingent.Code, what + ": " + string.Join("; ", changed)), ct);
        }
        await transaction.CommitAsync(ct);

        var (ended, created) = await ConflictsAsync(db, today, contingent.SiteId, contingent.Id, before, after, ct);
        return new ContingentChanged(record, ended, created);
    }

    /// <summary>
    /// The conduct officers posted at a site from <paramref name="today"/> on whose conflict of interest with a contingent of
    /// their nationality ends or begins (on some day at least) when the contingent <paramref name="contingentId"/> reads
    /// <paramref name="after"/> instead of <paramref name="before"/> (null: not there at all, for an arrival just registered).
    /// </summary>
    internal static async Task<(IReadOnlyList<string> Ended, IReadOnlyList<string> Created)> ConflictsAsync(VigilDbContext db, DateOnly today, int siteId, int contingentId,
        Span? before, Span? after, CancellationToken ct)
    {
        // The officers posted at the site from today on, and every other contingent there that may overlap them.
        var postings = await db.Postings.AsNoTracking().Where(p => p.SiteId == siteId && (p.To == null || p.To >= today))
            .Select(p => new { p.Officer!.Code, p.Officer.Nationality, p.From, p.To }).ToListAsync(ct);
        var others = (await db.Contingents.AsNoTracking().Where(c => c.SiteId == siteId && c.Id != contingentId && (c.To == null || c.To >= today))
            .Select(c => new { c.ContributingCountry, c.From, c.To }).ToListAsync(ct))
            .Select(c => new Span(c.ContributingCountry, c.From, c.To)).ToList();
        var ended = new SortedSet<string>(StringComparer.Ordinal);
        var created = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var officer in postings.GroupBy(p => (p.Code, p.Nationality)))
        {
            var posted = officer.Select(p => (From: p.From < today ? today : p.From, To: p.To ?? DateOnly.MaxValue)).ToList();
            var was = ConflictDays(posted, before is null ? others : others.Append(before), officer.Key.Nationality);
            var now = ConflictDays(posted, after is null ? others : others.Append(after), officer.Key.Nationality);
            if (!Covers(now, was))
            {
                ended.Add(officer.Key.Code);
            }
            if (!Covers(was, now))
            {
                created.Add(officer.Key.Code);
            }
        }
        return ([.. ended], [.. created]);
    }

    /// <summary>A contingent's nationality and days, open-ended as <see cref="DateOnly.MaxValue"/>.</summary>
    internal sealed record Span(string Country, DateOnly From, DateOnly? To)
    {
        public static Span Of(Contingent c) => new(c.ContributingCountry, c.From, c.To);
    }

    /// <summary>The days an officer of <paramref name="nationality"/> posted on <paramref name="posted"/> shares the site with a contingent of it, merged.</summary>
    private static List<(DateOnly From, DateOnly To)> ConflictDays(List<(DateOnly From, DateOnly To)> posted, IEnumerable<Span> contingents, string nationality)
    {
        var days = new List<(DateOnly From, DateOnly To)>();
        foreach (var c in contingents.Where(c => string.Equals(c.Country, nationality, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var p in posted)
            {
                var from = p.From > c.From ? p.From : c.From;
                var to = c.To is { } end && end < p.To ? end : p.To;
                if (from <= to)
                {
                    days.Add((from, to));
                }
            }
        }
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var d in days.OrderBy(d => d.From))
        {
            if (merged.Count > 0 && d.From.DayNumber <= merged[^1].To.DayNumber + 1)
            {
                merged[^1] = (merged[^1].From, d.To > merged[^1].To ? d.To : merged[^1].To);
            }
            else
            {
                merged.Add(d);
            }
        }
        return merged;
    }

    /// <summary>Whether every day of <paramref name="inner"/> is in <paramref name="outer"/> (both merged).</summary>
    private static bool Covers(List<(DateOnly From, DateOnly To)> outer, List<(DateOnly From, DateOnly To)> inner) =>
        inner.All(i => outer.Any(o => o.From <= i.From && i.To <= o.To));

    /// <summary>The audit entry's words: each field that changed with its values before and after (a departure as the last day's).</summary>
    private static List<string> Differences(ContingentRecord before, ContingentRecord after)
    {
        var changed = new List<string>();
        void Compare(string name, string was, string now)
        {
            if (was != now)
            {
                changed.Add($"{name} {was} -> {now}");
            }
        }
        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        Compare("country", before.Country, after.Country);
        Compare("category", before.Category.Token(), after.Category.Token());
        Compare("unit", before.Unit, after.Unit);
        Compare("strength", before.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("from", Day(before.From), Day(after.From));
        Compare("last day", Day(before.LastDay), Day(after.LastDay));
        return changed;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Contingent, ContingentRecord>> Record =
        c => new ContingentRecord(c.Code, c.Site!.Mission!.Code, c.Site.Code, c.ContributingCountry, c.Category, c.UnitName, c.Strength, c.From, c.To);

    internal static readonly Func<Contingent, ContingentRecord> RecordOf = Record.Compile();

    private IQueryable<Contingent> Contingents(CallerScope scope)
    {
        if (!scope.Roles.Overlaps(PresenceRoles.ConductTeam))
        {
            return db.Contingents.Where(_ => false);
        }
        var sites = db.Sites.VisibleToMissionScope(scope).Select(s => s.Id);
        return db.Contingents.Where(c => sites.Contains(c.SiteId));
    }
}
