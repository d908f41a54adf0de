using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Governance;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Governance;

/// <summary>Break-glass requests, decisions, exports and the auditor's review, for programs. Never cached.</summary>
public static class BreakGlassEndpoints
{
    public static void MapBreakGlassEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/break-glass").WithTags("Break-glass").RequireAuthorization(Policies.Staff)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });

        group.MapPost("/", async (BreakGlassInput body, BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.RequestAsync(scope, UserId(user), body, ct)).ToCreated(v => $"/api/v1/break-glass/{v.Id}"))
            .WithSummary("Ask for break-glass access (unmask-victim, personnel-export, case-override, mission-override) with a justification; a second person decides.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/mine", async (BreakGlassService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.MineAsync(UserId(user), ct)))
            .WithSummary("The caller's own requests, newest first, with their decision and expiry.");

        group.MapGet("/pending", async (BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.ToDecideAsync(scope, UserId(user), ct)))
            .WithSummary("Requests waiting for the caller's decision (conduct chiefs and legal officers of the mission).");

        group.MapGet("/review", async (string? status, BreakGlassService service, CallerScope scope, CancellationToken ct) =>
            {
                BreakGlassReview? wanted = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<BreakGlassReview>(status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
                        || parsed == BreakGlassReview.NotDue)
                    {
                        return (Results<Ok<IReadOnlyList<BreakGlassView>>, ProblemHttpResult, ValidationProblem>)
                            Core.Common.ValidationError.For("status", "One of: pending, reviewed, flagged.").ToValidationProblem();
                    }
                    wanted = parsed;
                }
                return (await service.ReviewQueueAsync(scope, wanted, ct)).ToHttp();
            })
            .WithSummary("The auditor's review queue: approved requests by review state (pending by default) with every use.");

        group.MapGet("/{id:int}", async (int id, BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.GetAsync(scope, UserId(user), id, ct)).ToHttp())
            .WithSummary("One request: for its requester, or an approver or auditor of its mission.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:int}/decision", async (int id, BreakGlassDecisionInput body, BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.DecideAsync(scope, UserId(user), id, body, ct)).ToHttp())
            .WithSummary("Approve, or refuse with a reason (a conduct chief or legal officer of the mission, never the requester).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/end", async (int id, BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.EndAsync(scope, UserId(user), id, ct)).ToHttp())
            .WithSummary("Give an active grant back before it expires (the requester).");

        group.MapPost("/{id:int}/review", async (int id, BreakGlassReviewInput body, BreakGlassService service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.ReviewAsync(scope, UserId(user), id, body, ct)).ToHttp())
            .WithSummary("Mark an approved request reviewed, or flag it, with a note (auditor).");

        group.MapGet("/{id:int}/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                int id, PersonnelExport export, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await export.ExportAsync(scope, UserId(user), id, ct);
                return result.Error is { } error
                    ? error.ToProblemHttp()
                    : TypedResults.File(result.Value!.Content, "text/csv; charset=utf-8", result.Value.FileName);
            })
            .WithSummary("Download the approved personnel export as CSV (the requester, while the grant lasts); every download is recorded.");
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
