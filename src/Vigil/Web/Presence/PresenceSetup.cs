using Vigil.Core.Presence;

namespace Vigil.Web.Presence;

public static class PresenceSetup
{
    public static IServiceCollection AddPresence(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PresenceOptions>(configuration.GetSection("Presence"));
        services.AddScoped<Coverage>();
        services.AddScoped<Evaluations>();
        services.AddScoped<Officials>();
        services.AddScoped<OfficerLeaves>();
        services.AddScoped<MissionChanges>();
        services.AddScoped<RecordCorrections>();
        services.AddScoped<ContingentChanges>();
        services.AddScoped<RecordAdditions>();
        services.AddScoped<RotationProblemBuilder>();
        services.AddScoped<RotationRuns>();
        services.AddSingleton<RotationProgressBoard>();
        services.AddSingleton<RotationQueue>();
        services.AddHostedService<RotationWorker>();
        return services;
    }
}

/// <summary>Wakes the worker when a run is queued on this host; other hosts' runs are found by polling.</summary>
public sealed class RotationQueue : IDisposable
{
    private readonly SemaphoreSlim signal = new(0);

    public void Notify() => signal.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}

/// <summary>
/// Plans queued rotation runs one at a time in the background, so that a request never waits for the solver.
/// The claim is a conditional update, so several hosts sharing one database never plan the same run twice.
/// </summary>
public sealed class RotationWorker(IServiceScopeFactory scopes, RotationQueue queue, ILogger<RotationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Runs a stopped host left running, once past their time limit (any host may pick them up).
                await using (var sweep = scopes.CreateAsyncScope())
                {
                    await sweep.ServiceProvider.GetRequiredService<RotationRuns>().RequeueInterruptedAsync(stoppingToken);
                }
                bool ran;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    ran = await scope.ServiceProvider.GetRequiredService<RotationRuns>().RunNextAsync(stoppingToken);
                }
                while (ran && !stoppingToken.IsCancellationRequested);
                await queue.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not yet migrated; try again after the poll interval.
                logger.LogWarning("Rotation run failed: {Error}", e.GetType().Name);
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }
}
