using Microsoft.EntityFrameworkCore;
using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Intake;
using Vigil.Core.Security;

namespace Vigil.Core.Retention;

public sealed record HoldRequest(string? Reason);

/// <summary>A legal hold. <c>ReasonWithheld</c>: the reasons (staff free text, which may name the victim) are left out for
/// this caller, a member-state liaison (<see cref="CaseAccess.MaySeeStaffText"/>): Reason is empty, ReleaseReason null.</summary>
public sealed record HoldView(int Id, string Reason, DateTimeOffset SetAt, DateTimeOffset? ReleasedAt, string? ReleaseReason, bool ReasonWithheld = false, bool SetByLegalOffice = false);

public sealed record HoldAlreadyActive() : ConflictError("A legal hold is already active on this record.");

public sealed record NoActiveHold() : ConflictError("There is no active legal hold on this record.");

public sealed record HoldNotPermitted() : ForbiddenError("Only a conduct chief or a legal officer may set or release a legal hold.");

public sealed record HoldSetByLegalOffice() : ForbiddenError("This hold was set by the legal office: only a legal officer may release it.");

/// <summary>
/// Sets and releases legal holds on cases and reports. The record is looked up within the caller's
/// scope (out of scope is "not found"); only conduct chiefs and legal officers may act, with a reason, and a hold the
/// legal office set only a legal officer releases.
/// Reading a case's holds unseals their reasons: each is an audited read, and a liaison gets them withheld.
/// </summary>
public sealed class LegalHolds(VigilDbContext db, CaseAccess cases, StaffReports reports, FieldProtector protector, TimeProvider clock, IAuditTrail audit)
{
    public const int MaxReasonLength = 1000;

    public static bool MayHold(CallerScope scope) => scope.IsInRole(Roles.ConductChief) || scope.IsInRole(Roles.LegalOfficer);

    public async Task<Result<IReadOnlyList<HoldView>>> ListForCaseAsync(CallerScope scope, string? userId, string reference, CancellationToken ct)
    {
        var id = await cases.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return id is null ? new NotFoundError() : await ListAsync(scope, h => h.CaseId == id, ct);
    }

    /// <summary>Holds on a report, active and released, for those who may hold it (<see cref="HoldableReports"/>).</summary>
    public async Task<Result<IReadOnlyList<HoldView>>> ListForReportAsync(CallerScope scope, string reference, CancellationToken ct)
    {
        var id = await HoldableReports(scope).Where(r => r.Reference == reference).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return id is null ? new NotFoundError() : await ListAsync(scope, h => h.ReportId == id, ct);
    }

    private async Task<Result<IReadOnlyList<HoldView>>> ListAsync(CallerScope scope, System.Linq.Expressions.Expression<Func<LegalHold, bool>> of, CancellationToken ct)
    {
        var holds = await db.LegalHolds.AsNoTracking().Where(of).OrderBy(h => h.Id).ToListAsync(ct);
        if (!CaseAccess.MaySeeStaffText(scope))
        {
            return holds.Select(h => new HoldView(h.Id, "", h.SetAt, h.ReleasedAt, null, ReasonWithheld: true, h.SetByLegalOffice)).ToList();
        }
        await audit.RecordReadsAsync(nameof(LegalHold), holds.Select(h => (object)h.Id), detail: "reason", ct: ct);
        return holds.Select(View).ToList();
    }

    /// <summary>
    /// Reports a caller may put under hold: an intake handler's (<see cref="StaffReports.Visible"/>), and for a legal
    /// officer, who does not triage reports, those of their missions (all with a global scope).
    /// </summary>
    private IQueryable<Report> HoldableReports(CallerScope scope)
    {
        if (scope.Roles.Overlaps(Roles.IntakeHandlers) || !scope.IsInRole(Roles.LegalOfficer))
        {
            return reports.Visible(scope);
        }
        if (scope.Global)
        {
            return db.Reports;
        }
        var missions = scope.Missions.ToList();
        return db.Reports.Where(r => r.Mission != null && missions.Contains(r.Mission.Code));
    }

    public Task<Result<HoldView>> SetOnCaseAsync(CallerScope scope, string userId, string reference, HoldRequest request, CancellationToken ct) =>
        ChangeAsync(scope, userId, request, () => cases.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct),
            id => h => h.CaseId == id, id => new LegalHold { CaseId = id, ReasonSealed = [], SetByUserId = userId }, release: false, ct);

    public Task<Result<HoldView>> ReleaseOnCaseAsync(CallerScope scope, string userId, string reference, HoldRequest request, CancellationToken ct) =>
        ChangeAsync(scope, userId, request, () => cases.Visible(scope, userId).Where(c => c.Reference == reference).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct),
            id => h => h.CaseId == id, id => null, release: true, ct);

    public Task<Result<HoldView>> SetOnReportAsync(CallerScope scope, string userId, string reference, HoldRequest request, CancellationToken ct) =>
        ChangeAsync(scope, userId, request, () => HoldableReports(scope).Where(r => r.Reference == reference).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct),
            id => h => h.ReportId == id, id => new LegalHold { ReportId = id, ReasonSealed = [], SetByUserId = userId }, release: false, ct);

    public Task<Result<HoldView>> ReleaseOnReportAsync(CallerScope scope, string userId, string reference, HoldRequest request, CancellationToken ct) =>
        ChangeAsync(scope, userId, request, () => HoldableReports(scope).Where(r => r.Reference == reference).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct),
            id => h => h.ReportId == id, id => null, release: true, ct);

    private async Task<Result<HoldView>> ChangeAsync(CallerScope scope, string userId, HoldRequest request,
        Func<Task<int?>> find, Func<int, System.Linq.Expressions.Expression<Func<LegalHold, bool>>> of, Func<int, LegalHold?> create, bool release, CancellationToken ct)
    {
        if (await find() is not { } id)
        {
            return new NotFoundError();
        }
        if (!MayHold(scope))
        {
            return new HoldNotPermitted();
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return ValidationError.For("reason", "A reason is required.");
        }
        if (reason.Length > MaxReasonLength)
        {
            return ValidationError.For("reason", $"At most {MaxReasonLength} characters.");
        }
        var active = await db.LegalHolds.Where(of(id)).Where(h => h.ReleasedAt == null).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        if (release)
        {
            if (active is null)
            {
                return new NoActiveHold();
            }
            if (active.SetByLegalOffice && !scope.IsInRole(Roles.LegalOfficer))
            {
                return new HoldSetByLegalOffice();
            }
            active.ReleasedAt = now;
            active.ReleasedByUserId = userId;
            active.ReleaseReasonSealed = protector.Seal(reason, LegalHold.ReleaseReasonPurpose);
        }
        else
        {
            if (active is not null)
            {
                return new HoldAlreadyActive();
            }
            active = create(id)!;
            active.ReasonSealed = protector.Seal(reason, LegalHold.ReasonPurpose);
            active.SetAt = now;
            active.SetByLegalOffice = scope.IsInRole(Roles.LegalOfficer);
            db.LegalHolds.Add(active);
        }
        await db.SaveChangesAsync(ct);
        return View(active);
    }

    private HoldView View(LegalHold h) =>
        new(h.Id, protector.Unseal(h.ReasonSealed, LegalHold.ReasonPurpose), h.SetAt, h.ReleasedAt, protector.UnsealOptional(h.ReleaseReasonSealed, LegalHold.ReleaseReasonPurpose),
            SetByLegalOffice: h.SetByLegalOffice);
}
