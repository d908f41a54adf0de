using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Presence;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Presence;

/// <summary>Coverage, rotation planning runs and evaluations of officials, for programs. Scope is applied inside each query.</summary>
public static class PresenceEndpoints
{
    public static void MapPresenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/presence").WithTags("Presence and rotation").RequireAuthorization(Policies.Staff)
            .MapGet("/coverage", async Task<Results<Ok<CoverageView>, ProblemHttpResult>> (string? mission, bool? uncovered, Coverage coverage, CallerScope scope, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                var view = await coverage.GetAsync(scope, mission, uncovered ?? false, ct);
                // A mistyped or out-of-scope mission is a 404, as for rotation runs, not an empty list that reads as "all covered".
                if (view.UnknownMission(mission) is { } code)
                {
                    return new NotFoundError($"No mission {code} in your scope.").ToProblemHttp();
                }
                return TypedResults.Ok(view);
            })
            .WithSummary("Every site of the missions in scope: officers posted today, tenure, days since the last evaluation, overdue evaluations; sites without an officer first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var rotation = app.MapGroup("/api/v1/rotation/runs").WithTags("Presence and rotation").RequireAuthorization(Policies.IntakeHandlers)
            .NoStore();

        rotation.MapGet("/", async (string? mission, RotationRuns runs, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok(await runs.ListAsync(scope, mission, ct)))
            .WithSummary("Planning runs in the caller's missions, newest first, with objective, breakdown and changed postings (what-if side by side).");

        rotation.MapPost("/", async Task<Results<Accepted<RotationRunSummary>, ProblemHttpResult, ValidationProblem>> (
                NewRotationRun request, RotationRuns runs, RotationQueue queue, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await runs.CreateAsync(scope, UserName(user), request, ct);
                if (result.Error is ValidationError v)
                {
                    return v.ToValidationProblem();
                }
                if (result.Error is { } error)
                {
                    return error.ToProblemHttp();
                }
                queue.Notify();
                return TypedResults.Accepted($"/api/v1/rotation/runs/{result.Value!.Id}", result.Value);
            })
            .WithSummary("Build a problem from the database for a mission (or re-plan a run with other weights: basedOn) and queue it; planned in the background.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        rotation.MapGet("/{id:int}", async (int id, RotationRuns runs, CallerScope scope, CancellationToken ct) =>
                (await runs.ReviewAsync(scope, id, ct)).ToHttp())
            .WithSummary("A run: status and progress, then the plan per officer and per site, uncovered site-periods and changes against the postings on record.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        rotation.MapPost("/{id:int}/cancel", async (int id, RotationRuns runs, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await runs.CancelAsync(scope, UserName(user), id, ct)).ToHttp())
            .WithSummary("Cancel a queued or running run (conduct chief): state cancelled, no plan kept; a running run's planner stops within seconds. A run that has ended: 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rotation.MapPost("/{id:int}/approve", async (int id, RotationRuns runs, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await runs.ApproveAsync(scope, UserName(user), id, ct)).ToHttp())
            .WithSummary("Approve a plan (conduct chief): its postings become the officers' postings from the horizon's start.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rotation.MapGet("/{id:int}/problem.json", async (int id, RotationRuns runs, CallerScope scope, CancellationToken ct) =>
                File(await runs.ProblemJsonAsync(scope, id, ct), "application/json", $"rotation-problem-{id}.json"))
            .WithSummary("The problem file the run planned (spec/rotation.md).");

        rotation.MapGet("/{id:int}/plan.json", async (int id, RotationRuns runs, CallerScope scope, CancellationToken ct) =>
                File(await runs.PlanJsonAsync(scope, id, ct), "application/json", $"rotation-plan-{id}.json"))
            .WithSummary("The plan file (spec/rotation.md).");

        rotation.MapGet("/{id:int}/postings.csv", async (int id, RotationRuns runs, CallerScope scope, CancellationToken ct) =>
                File(await runs.PostingsCsvAsync(scope, id, ct), "text/csv; charset=utf-8", $"rotation-postings-{id}.csv"))
            .WithSummary("The plan as postings (officer, site, from, to), one row per stay; formula-looking cells are neutralised.");

        var evaluations = app.MapGroup("/api/v1/evaluations").WithTags("Presence and rotation").RequireAuthorization(Policies.IntakeHandlers)
            .NoStore();

        evaluations.MapGet("/officials", async (string? mission, string? site, Evaluations service, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(scope, mission, site, ct)))
            .WithSummary("Commanders and heads of office in post (or appointed from a later day: see from) at sites in the caller's missions, with their last evaluation and any overdue period.");

        evaluations.MapGet("/officials/{id:int}", async (int id, Evaluations service, CallerScope scope, CancellationToken ct) =>
                (await service.HistoryAsync(scope, id, ct)).ToHttp())
            .WithSummary("One official's evaluations, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        evaluations.MapPost("/officials", async (NewOfficial request, Officials service, CallerScope scope, CancellationToken ct) =>
            {
                var added = await service.AddAsync(scope, request, ct);
                Result<CreatedOfficial> created = added.Error is { } error ? error : new CreatedOfficial(added.Value);
                return created.ToCreated(c => $"/api/v1/evaluations/officials/{c.Id}");
            })
            .WithSummary("Add a commander or head of office at a site of the caller's missions (conduct chief). Answers 201 with its id and a Location (its evaluations).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        evaluations.MapPost("/officials/{id:int}/correction", async (int id, OfficialCorrection request, Officials service, CallerScope scope, CancellationToken ct) =>
                (await service.CorrectAsync(scope, id, request, ct)).ToHttp())
            .WithSummary("Correct an official's name, title, role, nationality or first day (conduct chief); the answer counts the evaluations the corrected nationality makes co-national.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        evaluations.MapPost("/officials/{id:int}/end", async (int id, OfficialEnd request, Officials service, CallerScope scope, CancellationToken ct) =>
                (await service.EndAsync(scope, id, request, ct)).ToNoContent())
            .WithSummary("End an official's appointment on its last day in post (conduct chief); the evaluations stay on record. Answers 204.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        evaluations.MapGet("/overdue", async (string? mission, Evaluations service, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok(await service.OverdueAsync(scope, mission, ct)))
            .WithSummary("Officials whose last ended period (past the grace days) has no evaluation.");

        evaluations.MapPost("/", async (NewEvaluation request, Evaluations service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.RecordAsync(scope, UserName(user), request, ct)).ToCreated(v => $"/api/v1/evaluations/officials/{v.OfficialId}"))
            .WithSummary("Record a period's evaluation of an official by a conduct officer posted at the site who is not a co-national.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var leave = app.MapGroup("/api/v1/presence/leave").WithTags("Presence and rotation").RequireAuthorization(Policies.IntakeHandlers)
            .NoStore();

        leave.MapGet("/", async (string? mission, OfficerLeaves service, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(scope, mission, ct)))
            .WithSummary("Officers' leave, current and coming, in the caller's missions, soonest first.");

        leave.MapPost("/", async (NewLeave request, OfficerLeaves service, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var added = await service.AddAsync(scope, user.FindFirstValue(ClaimTypes.NameIdentifier)!, request, ct);
                Result<CreatedLeave> created = added.Error is { } error ? error : new CreatedLeave(added.Value);
                return created.ToCreated(c => $"/api/v1/presence/leave/{c.Id}");
            })
            .WithSummary("Record an officer's leave (conduct chief); a period half or more on leave is unavailable to the next planning run. Answers 201 with its id (for DELETE) and a Location.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        leave.MapGet("/{id:int}", async (int id, OfficerLeaves service, CallerScope scope, CancellationToken ct) =>
                (await service.GetAsync(scope, id, ct)).ToHttp())
            .WithSummary("One officer's leave in the caller's missions (where POST answers it was created).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        leave.MapDelete("/{id:int}", async (int id, OfficerLeaves service, CallerScope scope, CancellationToken ct) =>
                (await service.CancelAsync(scope, id, ct)).ToNoContent())
            .WithSummary("Cancel leave that has not started (conduct chief). Answers 204.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        leave.MapPost("/{id:int}/last-day", async (int id, LeaveLastDay request, OfficerLeaves service, CallerScope scope, CancellationToken ct) =>
            {
                var changed = await service.ChangeLastDayAsync(scope, id, request, ct);
                // The leave as it now stands, as GET answers it (it was a bare true).
                Result<LeaveView> answer = changed.Error is { } error ? error : await service.GetAsync(scope, id, ct);
                return answer.ToHttp();
            })
            .WithSummary("Move the last day of leave not yet over (conduct chief): earlier when the officer came back early, later when it was extended. Answers the leave as it now stands.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // An officer leaving and a site closing: what a re-plan is for, besides leave and arrivals.
        var changes = app.MapGroup("/api/v1/presence").WithTags("Presence and rotation").RequireAuthorization(Policies.IntakeHandlers).NoStore();

        changes.MapPost("/officers/{code}/departure", async (string code, LastDayInput request, MissionChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.RecordDepartureAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Record an officer's last day in the mission (conduct chief): postings past it end on it, later ones are removed, and the next plan treats the officer as away in every period half or more past it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapDelete("/officers/{code}/departure", async (string code, MissionChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.WithdrawDepartureAsync(scope, code, ct)).ToHttp())
            .WithSummary("Withdraw a departure not yet reached (conduct chief); postings it removed are not restored: plan again.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        changes.MapPost("/sites/{code}/closure", async (string code, LastDayInput request, MissionChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.CloseSiteAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Record a site's last day open (conduct chief): postings past it end on it, later ones are removed, and the next plan leaves the site out of any horizon it does not stay open through.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapDelete("/sites/{code}/closure", async (string code, MissionChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.ReopenSiteAsync(scope, code, ct)).ToHttp())
            .WithSummary("Withdraw a closure not yet reached (conduct chief); postings it removed are not restored: plan again.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // What vigil import adds on the server, the mission's chief adds here: a site that opens, an officer who joins, a
        // contingent that arrives (docs/import.md's rules). 201 with the record and its Location.
        changes.MapPost("/sites", async (NewSite request, RecordAdditions service, CallerScope scope, CancellationToken ct) =>
                (await service.OpenSiteAsync(scope, request, ct)).ToCreated(s => $"/api/v1/presence/sites/{Uri.EscapeDataString(s.Code)}"))
            .WithSummary("Open a site in one of the caller's missions (conduct chief; the fields of sites.csv, every fault named at once). It shows uncovered on the coverage view until an officer is posted there, and is in the next problem built; a plan built before does not post anyone there (plan again). A code already taken: 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        changes.MapGet("/sites/{code}", async Task<Results<Ok<SiteRecord>, ProblemHttpResult>> (string code, RecordCorrections service, CallerScope scope, CancellationToken ct) =>
                await service.FindSiteAsync(scope, code, ct) is { } record ? TypedResults.Ok(record) : new NotFoundError($"No site '{code}' in your missions.").ToProblemHttp())
            .WithSummary("A site of the caller's missions (conduct team): name, kind, position, community languages, and the version a correction may name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapPost("/officers", async (NewOfficer request, RecordAdditions service, CallerScope scope, CancellationToken ct) =>
                (await service.AddOfficerAsync(scope, request, ct)).ToCreated(o => $"/api/v1/presence/officers/{Uri.EscapeDataString(o.Officer.Code)}"))
            .WithSummary("Add a conduct officer to one of the caller's missions (conduct chief; the fields of officers.csv, with currentSite and postedSince for where they serve now). The answer lists the contingents of the officer's nationality at that site (post them elsewhere). A code already taken: 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        changes.MapGet("/officers/{code}", async Task<Results<Ok<OfficerRecord>, ProblemHttpResult>> (string code, RecordCorrections service, CallerScope scope, CancellationToken ct) =>
                await service.FindOfficerAsync(scope, code, ct) is { } record ? TypedResults.Ok(record) : new NotFoundError($"No conduct officer '{code}' in your missions.").ToProblemHttp())
            .WithSummary("A conduct officer of the caller's missions (conduct team): name, nationality, grade, languages, last day if leaving, and the version a correction may name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapPost("/contingents", async (NewContingent request, RecordAdditions service, CallerScope scope, CancellationToken ct) =>
                (await service.RegisterContingentAsync(scope, request, ct)).ToCreated(c => $"/api/v1/presence/contingents/{Uri.EscapeDataString(c.Contingent.Code)}"))
            .WithSummary("Register a contingent's arrival at a site of the caller's missions (conduct chief; the fields of contingents.csv). The answer names the conduct officers at the site, now or in its dates, who share its nationality (conflictsCreated: plan again); a plan built before that posts one of them there is refused at approval. A code already taken: 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Import only adds: a record imported wrong is put right here.
        changes.MapPost("/officers/{code}/correction", async (string code, OfficerCorrection request, RecordCorrections service, CallerScope scope, CancellationToken ct) =>
                (await service.CorrectOfficerAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Correct an officer's full name, nationality, grade and languages (conduct chief; every field as it should read). The answer lists the contingents of the corrected nationality at the officer's sites today or later, and counts the evaluations it makes co-national.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapPost("/sites/{code}/correction", async (string code, SiteCorrection request, RecordCorrections service, CallerScope scope, CancellationToken ct) =>
                (await service.CorrectSiteAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Correct a site's name, kind, latitude, longitude and community languages (conduct chief; every field as it should read).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // A contingent rotating out, and its record put right: what conflict of interest reads.
        changes.MapGet("/contingents/{code}", async Task<Results<Ok<ContingentRecord>, ProblemHttpResult>> (string code, ContingentChanges service, CallerScope scope, CancellationToken ct) =>
                await service.FindAsync(scope, code, ct) is { } record ? TypedResults.Ok(record) : new NotFoundError($"No contingent '{code}' in your missions.").ToProblemHttp())
            .WithSummary("A contingent of the caller's missions (conduct team): country, category, unit, strength, arrival and last day, and the version a correction may name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapPost("/contingents/{code}/departure", async (string code, LastDayInput request, ContingentChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.RecordDepartureAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Record a contingent's last day at its site (conduct chief; at most 90 days ago, not before its arrival). The answer names the conduct officers at the site whose conflict of interest it ends (plan again); the next plan no longer sees its nationality in a horizon it is gone for.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        changes.MapDelete("/contingents/{code}/departure", async (string code, ContingentChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.WithdrawDepartureAsync(scope, code, ct)).ToHttp())
            .WithSummary("Withdraw a contingent's departure not yet reached (conduct chief). The answer names the conduct officers whose conflict of interest it brings back.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        changes.MapPost("/contingents/{code}/correction", async (string code, ContingentCorrection request, ContingentChanges service, CallerScope scope, CancellationToken ct) =>
                (await service.CorrectAsync(scope, code, request, ct)).ToHttp())
            .WithSummary("Correct a contingent's contributing country, category, unit, strength and arrival day (conduct chief; every field as it should read; optional version). The answer names the conduct officers at the site whose conflict of interest the correction ends or creates.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> File(Result<string> result, string contentType, string name) =>
        result.Error is { } error
            ? error.ToProblemHttp()
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(result.Value!), contentType, name);

    /// <summary>Every answer of the group carries personal data or plans: never cached.</summary>
    private static RouteGroupBuilder NoStore(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

    internal static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
}

/// <summary>The leave just recorded: its id, which DELETE /api/v1/presence/leave/{id} takes to cancel it.</summary>
public sealed record CreatedLeave(int Id);

/// <summary>The official just added: its id, which the correction, end and evaluation routes take.</summary>
public sealed record CreatedOfficial(int Id);
