using Vigil.Core.Access;
using Vigil.Core.Data;
using Vigil.Core.Demo;
using Vigil.Core.Security;

namespace Vigil.Hosting;

// UnreachableReports: reports without a mission that no active headquarters intake account can see (Core.Intake.HeadquartersIntake).
public sealed record StartupReport(IReadOnlyList<string> MigrationsApplied, DemoSeedResult? Seeded, bool DemoAccountsCreated, DemoReportsSeeded? DemoReports = null, DemoCasesSeeded? DemoCases = null, DemoRegistrySeeded? DemoRegistry = null,
    int UnreachableReports = 0, Core.Audit.AuditLogBrokenException? AuditRefusal = null);

/// <summary>What `serve` does before it listens: migrate (SQLite, or when asked), then seed the demo data.</summary>
public static class StartupTasks
{
    public static async Task<StartupReport> RunAsync(IServiceProvider services, HostSettings settings, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        IReadOnlyList<string> applied = [];
        if (settings.Migrate || settings.Storage.Provider == DatabaseProvider.Sqlite)
        {
            applied = (await DatabaseStartup.MigrateAsync(db, ct)).Applied;
        }
        else
        {
            var pending = (await DatabaseStartup.CheckAsync(db, ct)).Pending;
            if (pending.Count > 0)
            {
                throw new StartupException(
                    $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). Run `vigil db migrate` first, or start with --migrate.");
            }
        }

        // The check every append makes, once now: a log that fails it is reported at start (and /health is unhealthy);
        // the host still starts, so that an auditor can look, but every audited write and read answers 503.
        var refusal = await scope.ServiceProvider.GetRequiredService<Core.Audit.AuditWriter>().ProbeAsync(db, ct);
        if (refusal is not null && settings.Demo)
        {
            throw new StartupException($"--demo: {refusal.Message}");
        }

        await LegacyClearText.SealAsync(db, scope.ServiceProvider.GetRequiredService<FieldProtector>(), ct);

        DemoSeedResult? seeded = null;
        var accountsCreated = false;
        DemoReportsSeeded? demoReports = null;
        DemoCasesSeeded? demoCases = null;
        DemoRegistrySeeded? demoRegistry = null;
        if (settings.Demo)
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            seeded = await seeder.SeedAsync(ct: ct);
            if (seeded is DemoAlreadySeeded { IsDemoDataSet: false })
            {
                // Never the published demo accounts (some of them global) next to real data.
                throw new StartupException($"--demo: {seeded.Describe()} Start without --demo, or give an empty database (--data-dir or --database).")
                {
                    IsInvalidInput = true,
                };
            }
            var demoAccounts = scope.ServiceProvider.GetRequiredService<DemoAccounts>();
            accountsCreated = await demoAccounts.EnsureAsync(ct) > 0;
            if (seeded is DemoSeeded)
            {
                demoReports = await ActivatorUtilities.CreateInstance<DemoReports>(scope.ServiceProvider).SeedAsync(ct: ct);
                demoCases = await ActivatorUtilities.CreateInstance<DemoCases>(scope.ServiceProvider).SeedAsync(ct: ct);
                await ActivatorUtilities.CreateInstance<DemoAssignments>(scope.ServiceProvider).SeedAsync(ct);
                await ActivatorUtilities.CreateInstance<DemoBreakGlass>(scope.ServiceProvider).SeedAsync(ct);
                await ActivatorUtilities.CreateInstance<DemoOfficials>(scope.ServiceProvider).SeedAsync(ct: ct);
                demoRegistry = await ActivatorUtilities.CreateInstance<DemoRegistry>(scope.ServiceProvider).SeedAsync(ct: ct);
            }
        }
        var unreachable = await Core.Intake.HeadquartersIntake.UnreachableReportsAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        return new StartupReport(applied, seeded, accountsCreated, demoReports, demoCases, demoRegistry, unreachable, refusal);
    }

    public static async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VigilDbContext>().Database.CanConnectAsync(ct);
    }
}

/// <summary>A start-up condition the operator must fix; its message is shown as is.</summary>
public sealed class StartupException(string message) : Exception(message)
{
    /// <summary>True when what the operator asked for cannot be done on this database (exit 2 rather than 1).</summary>
    public bool IsInvalidInput { get; init; }
}
