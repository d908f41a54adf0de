using Vigil.Core.Cases;

namespace Vigil.Web.Cases;

public static class CaseSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeadlinePolicy>(configuration.GetSection("Deadlines"));
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<DeadlineService>();
        services.AddScoped<OverdueDashboard>();
        services.AddScoped<CaseEvidence>();
        services.AddScoped<CaseAssistance>();
        services.AddScoped<Notifications>();
        services.AddScoped<Vigil.Core.Screening.RegistryFeed>();
        services.AddHostedService<DeadlineWorker>();
        return services;
    }
}

/// <summary>
/// Runs the deadline engine and the escalation of untriaged reports at start and then every hour (both are
/// idempotent), on the injected clock: hourly, as a child's report is late after 24 hours.
/// </summary>
public sealed class DeadlineWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<DeadlineService>().RunAsync(stoppingToken);
                if (run.Escalated + run.Reminded > 0)
                {
                    logger.LogInformation("Deadlines: {Reminded} reminded, {Escalated} escalated", run.Reminded, run.Escalated);
                }
                var reports = await scope.ServiceProvider.GetRequiredService<Vigil.Core.Intake.TriageEscalation>().RunAsync(stoppingToken);
                if (reports > 0)
                {
                    logger.LogInformation("Untriaged reports escalated: {Reports}", reports);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not yet migrated; try again next time.
                logger.LogWarning("Deadline run failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
