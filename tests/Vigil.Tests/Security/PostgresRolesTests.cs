using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Vigil.Core.Access;
using Vigil.Core.Data;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests.Security;

/// <summary>
/// Production's role split on PostgreSQL (docs/audit.md, deploy/postgres-grants.sql): an owner role migrates, an
/// application role that owns nothing serves. The app must work under its grants, and must not be able to rewrite
/// the audit log, not even by dropping the triggers that the owner could drop.
/// </summary>
public sealed class PostgresRolesTests
{
    // Leave and appointment ends are refused beyond ten years ahead, so a fixed far-future date would age into a 400.
    private static DateOnly NextYear => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppRole_ServesUnderTheDocumentedGrants_AndCannotRewriteTheAuditLog()
    {
        var admin = TestDatabase.RequirePostgres();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var owner = $"vigil_owner_{suffix}";
        var app = $"vigil_app_{suffix}";
        string? ownerConnection = null;
        string? appConnection = null;
        await ExecuteAsync(admin, $"CREATE ROLE {owner} LOGIN PASSWORD 'owner-{suffix}'; CREATE ROLE {app} LOGIN PASSWORD 'app-{suffix}'; GRANT {owner} TO CURRENT_USER;");
        try
        {
            await using (var host = await TestHost.StartAsync("postgres", serveAs: async database =>
            {
                var name = new NpgsqlConnectionStringBuilder(database.Storage.ConnectionString).Database!;
                await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" OWNER TO {owner};");
                ownerConnection = new NpgsqlConnectionStringBuilder(database.Storage.ConnectionString) { Username = owner, Password = $"owner-{suffix}" }.ToString();
                appConnection = new NpgsqlConnectionStringBuilder(database.Storage.ConnectionString) { Username = app, Password = $"app-{suffix}" }.ToString();

                // The owner migrates with the CLI verb, then applies the grants file as the docs say.
                Assert.Equal(0, await Cli.VigilCli.RunAsync(["db", "migrate", "--database", ownerConnection, "--data-dir", database.Directory]));
                var grants = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "postgres-grants.sql"), Ct);
                await ExecuteAsync(ownerConnection, Regex.Replace(Regex.Replace(grants, @"\bvigil_app\b", app), @"\bvigil_owner\b", owner));
                return new StorageSettings(DatabaseProvider.Postgres, appConnection);
            }))
            {
                // The app role starts (pending-migration check, audit worker), seeds, signs users in and writes audited rows.
                await host.WithDbAsync(TwoMissions.SeedAsync);
                await host.CreateUserAsync("chief-roles", Roles.ConductChief, "mission:MINUSCA");
                await host.CreateUserAsync("auditor-roles", Roles.Auditor, "global");
                using var chief = await host.ApiAsync("chief-roles");
                var leave = await chief.PostAsJsonAsync("/api/v1/presence/leave", new { officer = "CDO-T001", from = NextYear, to = NextYear.AddDays(9) }, Ct);
                Assert.Equal(HttpStatusCode.Created, leave.StatusCode);
                using var auditor = await host.ApiAsync("auditor-roles");
                var verification = await (await auditor.PostAsync("/api/v1/audit/verification", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Empty(verification.GetProperty("problems").EnumerateArray());
                Assert.True(verification.GetProperty("entries").GetInt64() > 10);

                // The app role may not change or remove audit entries, nor drop the triggers that guard them.
                foreach (var sql in new[]
                {
                    "UPDATE \"AuditEntries\" SET \"Actor\" = 'someone else'",
                    "DELETE FROM \"AuditEntries\"",
                    "TRUNCATE \"AuditEntries\"",
                    "DELETE FROM \"AuditCheckpoints\"",
                    "DELETE FROM \"AuditHead\"",
                    "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER ALL",
                    "DROP TABLE \"AuditEntries\"",
                })
                {
                    var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(appConnection!, sql));
                    Assert.True(refused.SqlState is "42501", $"{sql}: expected permission denied (42501), got {refused.SqlState}");
                }

                // A table a later migration adds (as the owner) is usable by the app role through the default privileges.
                await ExecuteAsync(ownerConnection!, "CREATE TABLE \"LaterFeature\" (\"Id\" serial PRIMARY KEY, \"Value\" int NOT NULL)");
                await ExecuteAsync(appConnection!, "INSERT INTO \"LaterFeature\" (\"Value\") VALUES (1); UPDATE \"LaterFeature\" SET \"Value\" = 2; DELETE FROM \"LaterFeature\"");

                // The owner is refused by the append-only triggers instead (it could drop them: hence the split).
                var byOwner = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(ownerConnection!, "UPDATE \"AuditEntries\" SET \"Actor\" = 'someone else'"));
                Assert.Contains("append-only", byOwner.MessageText, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {app}; DROP ROLE IF EXISTS {owner};");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
