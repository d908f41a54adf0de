using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Core.Data;
using Vigil.Core.Intake;

namespace Vigil.Web.Intake;

/// <summary>
/// Degraded while reports without a mission wait in intake and no active headquarters intake account
/// can see them (<see cref="HeadquartersIntake"/>): /health answers "degraded" (still 200) and the
/// health-check log line at warning level gives the count. A count only, never report content.
/// </summary>
public sealed class HeadquartersIntakeCheck(VigilDbContext db, TimeProvider clock) : IHealthCheck
{
    public const string Name = "headquarters-intake";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unreachable = await HeadquartersIntake.UnreachableReportsAsync(db, clock.GetUtcNow(), cancellationToken);
        return unreachable == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(HeadquartersIntake.Describe(unreachable));
    }
}
