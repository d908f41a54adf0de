using Vigil.Core.Screening;

namespace Vigil.Web.Screening;

public static class ScreeningSetup
{
    /// <summary>Largest roster or registry file accepted (a contingent's roster is a few hundred kilobytes).</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The largest form the screening pages read (four times <see cref="MaxUploadBytes"/>): a file over the limit but under
    /// this is read, to disk, and refused on the page with its name; only a larger body gets the bare 413.
    /// </summary>
    public const long MaxPageFormBytes = 4 * MaxUploadBytes;

    /// <summary>The page error for an uploaded file over <see cref="MaxUploadBytes"/>, naming the file; null when it is within.</summary>
    public static Vigil.Core.Common.ValidationError? TooLarge(IFormFile file) => file.Length > MaxUploadBytes
        ? Vigil.Core.Common.ValidationError.For("file", $"{Path.GetFileName(file.FileName)}: the file is larger than {MaxUploadBytes / (1024 * 1024)} MiB; split it and send the parts one by one.")
        : null;

    public static IServiceCollection AddScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ScreeningPolicy>(configuration.GetSection("Screening"));
        services.AddScoped<RegistryCommands>();
        services.AddScoped<ScreeningRuns>();
        services.AddScoped<ScreeningScheduler>();
        services.AddScoped<Adjudication>();
        services.AddHostedService<ScreeningWorker>();
        return services;
    }
}

/// <summary>
/// Re-screens everyone deployed when the registry changed or the interval passed: checks every
/// minute (one cheap conditional UPDATE) on the injected clock; the claim makes it safe with several hosts.
/// </summary>
public sealed class ScreeningWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ScreeningPolicy> policy, ILogger<ScreeningWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!policy.Value.RunWorker)
        {
            return;
        }
        using var timer = new PeriodicTimer(policy.Value.CheckEvery, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<ScreeningScheduler>().RunIfDueAsync(stoppingToken) is { } run)
                {
                    logger.LogInformation("Re-screening ({Label}): {People} people, {Records} records, {Raised} new candidate(s), {OwnCase} already tracked by their own case, {SetAside} date(s) of birth set aside",
                        run.Label, run.People, run.Records, run.Raised, run.OwnCase, run.BirthDatesSetAside);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not yet migrated; try again at the next tick.
                logger.LogWarning("Re-screening failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
