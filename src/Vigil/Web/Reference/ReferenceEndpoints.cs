using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Reference;

/// <summary>Missions, sites and personnel for programs. Every query is filtered by the caller's scope.</summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Missions and personnel").RequireAuthorization(Policies.Staff);

        api.MapGet("/missions", async (PresenceOverview overview, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok((await overview.ListAsync(scope, ct)).Select(m => m.Summary).ToList()))
            .WithSummary("Missions in the caller's scope, with site coverage and deployed strength.");

        api.MapGet("/missions/{code}", async (string code, PresenceOverview overview, CallerScope scope, CancellationToken ct) =>
                (await overview.GetMissionAsync(scope, code, ct)).ToHttp())
            .WithSummary("One mission with its sites, the contingents deployed today and the officers posted today.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/sites/{code}", async (string code, PresenceOverview overview, CallerScope scope, CancellationToken ct) =>
                (await overview.GetSiteAsync(scope, code, ct)).ToHttp())
            .WithSummary("One site: contingents deployed and conduct officers posted today.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var personnel = api.MapGroup("/personnel").RequireAuthorization(Policies.PersonnelReaders);

        personnel.MapGet("/", async (string? mission, int? page, int? pageSize, PersonnelQueries queries, CallerScope scope, CancellationToken ct) =>
                (await queries.ListAsync(scope, mission, page ?? 1, pageSize ?? 50, ct)).ToHttp())
            .WithSummary("Personnel in the caller's scope, optionally of one mission; paged by person number.")
            .ProducesValidationProblem();

        personnel.MapGet("/{personNumber}", async (string personNumber, PersonnelQueries queries, CallerScope scope, CancellationToken ct) =>
                (await queries.GetAsync(scope, personNumber, ct)).ToHttp())
            .WithSummary("One person's record.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
