using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Hosting;

/// <summary>
/// /health is unhealthy while the key file does not open the data: a key file that changed a known version's key under
/// the running host (<see cref="KeyRing.Problem"/>), or sampled values (oldest and newest of each sealed column) that it
/// cannot open. Checked at most once a minute: a sample is about sixty small queries.
/// </summary>
public sealed class KeyFileHealthCheck(KeyRing keys, IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck, IDisposable
{
    public const string Name = "key-file";

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, string? Problem)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (keys.Problem is { } changed)
        {
            return HealthCheckResult.Unhealthy(changed);
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (last is not { } cached || now - cached.At >= CacheFor)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
                var value = await new KeyRotation(db).FindUnopenableAsync(keys, thorough: false, cancellationToken);
                last = cached = (now, value is null ? null : $"The key file does not open the data: {value}.");
            }
            return cached.Problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(cached.Problem);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
