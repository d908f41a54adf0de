using Vigil.Core.Audit;
using Vigil.Core.Security;
using Vigil.Web.Platform;

namespace Vigil.Web.Audit;

/// <summary>The audit log for auditors: entries with filters, the chain's status, verification on demand, checkpoints to keep elsewhere.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(AuditSetup.Policy);

        group.MapGet("/", async (string? actor, string? action, string? recordType, string? recordId, DateTimeOffset? from, DateTimeOffset? to,
                int? page, int? pageSize, AuditQueries queries, CancellationToken ct) =>
                (await queries.ListAsync(new AuditFilter(actor, action, recordType, recordId, from, to, page ?? 1, pageSize ?? 50), ct)).ToHttp())
            .WithSummary("Audit entries, newest first; filters: actor (user id, user name, system, anonymous), action, recordType, recordId, from, to (ISO 8601).");

        group.MapGet("/status", async (AuditQueries queries, AuditStatus status, CancellationToken ct) =>
                TypedResults.Ok(await queries.SummaryAsync(status.Last, ct)))
            .WithSummary("Entries, the latest signed checkpoint and the latest full verification.");

        group.MapPost("/verification", async (AuditVerifier verifier, AuditStatus status, CancellationToken ct) =>
            {
                var verification = await verifier.VerifyAsync(ct: ct);
                status.Set(verification);
                return TypedResults.Ok(verification);
            })
            .WithSummary("Verify the whole chain, the head record and every checkpoint now.");

        group.MapGet("/checkpoints", async (Core.Data.VigilDbContext db, KeyRing keys, CancellationToken ct) =>
            {
                var lines = await AuditExport.LinesAsync(db, keys, ct);
                return TypedResults.Text(string.Join('\n', lines) + (lines.Count > 0 ? "\n" : ""), "application/x-ndjson");
            })
            .WithSummary("Every signed checkpoint as JSON lines with the public key, to keep elsewhere (same format as `vigil audit checkpoints`).");
    }
}
