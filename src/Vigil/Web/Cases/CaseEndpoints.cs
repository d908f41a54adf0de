using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Access;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Reference;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Cases;

/// <summary>Cases for programs: the same use cases as the pages, scope applied inside each query.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(Policies.Staff);

        group.MapGet("/", async (string? mission, QueryEnum<CaseStatus>? status, QueryEnum<AllegationCategory>? category, bool? overdue, bool? childVictim,
                string? subjectCategory, string? subjectNationality, int? page, int? pageSize, CaseQueries cases, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                PersonnelCategory? parsed = null;
                if (subjectCategory is not null)
                {
                    if (!PersonnelCategories.TryParse(subjectCategory, out var c))
                    {
                        return (Results<Ok<CasePage>, ProblemHttpResult, ValidationProblem>)ValidationError.For("subjectCategory", $"One of: {PersonnelCategories.AllTokens}.").ToValidationProblem();
                    }
                    parsed = c;
                }
                return (await cases.ListAsync(scope, UserId(user), new CaseFilter(mission, status?.Value, category?.Value, overdue == true, childVictim == true, parsed, subjectNationality,
                    page ?? 1, pageSize ?? 50), ct)).ToHttp();
            })
            .WithSummary("Cases in the caller's scope, newest first, with filters.");

        group.MapGet("/dashboard", async (string? mission, OverdueDashboard dashboard, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await dashboard.GetAsync(scope, UserId(user), mission, ct)).ToHttp())
            .WithSummary("Open cases by stage and age, overdue member-state replies by country, and every overdue deadline; a mission code no mission has is refused (400, naming mission).");

        group.MapGet("/{reference}", async (string reference, CaseQueries cases, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await cases.GetAsync(scope, UserId(user), reference, ct)).ToHttp())
            .WithSummary("One case: next step and deadline, subjects, victims, correspondence, deadlines and timeline.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        Changed<TransitionRequest, CaseStatus, CaseStage>(group, "/{reference}/transitions", "Move the case along its workflow (closing needs a closure request). Answers the case's stage.",
            (c, s, u, r, body, ct) => c.TransitionAsync(s, u, r, body, ct), (r, _, status) => new CaseStage(r, status));
        Created<SubjectRequest>(group, "/{reference}/subjects", "Add a subject: a personnel record, or a description; routing and immunity follow from the category. Answers 201 with its id (a finding's subjectId).",
            (c, s, u, r, body, ct) => c.AddSubjectAsync(s, u, r, body, ct));
        Created<VictimRequest>(group, "/{reference}/victims", "Record victims: age group, sex, count; identity sealed. Answers 201 with its id (an assistance referral's victimId).",
            (c, s, u, r, body, ct) => c.AddVictimAsync(s, u, r, body, ct));
        Changed<RoutingRequest, InvestigatingBody, CaseRouting>(group, "/{reference}/routing", "Override the suggested investigating body, with a reason. Answers the routing now in force.",
            (c, s, u, r, body, ct) => c.SetRoutingAsync(s, u, r, body, ct),
            (r, body, investigator) => new CaseRouting(r, investigator, investigator == InvestigatingBody.TroopContributingCountry ? body.Country?.Trim().ToUpperInvariant() : null));
        Created<NoteRequest>(group, "/{reference}/notes", "Record a note verbale sent or received; an NIO request starts the country's 10-working-day clock. Answers 201 with its id.",
            (c, s, u, r, body, ct) => c.RecordNoteAsync(s, u, r, body, ct));
        Created<FindingRequest>(group, "/{reference}/findings", "Record a finding for a subject; a change of finding needs a chief's approval (…/findings/{id}/approve). Answers 201 with its id.",
            (c, s, u, r, body, ct) => c.RecordFindingAsync(s, u, r, body, ct));
        group.MapPost("/{reference}/findings/{findingId:int}/approve", async (string reference, int findingId, CaseCommands commands, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                Answer(await commands.ApproveFindingChangeAsync(scope, UserId(user), reference, findingId, ct), _ => new FindingChangeApproved(findingId, true)).ToHttp())
            .WithSummary("Approve a change of finding (a second person, conduct chief). Answers the finding's id, approved.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Created<ActionRequest>(group, "/{reference}/actions", "Record an interim or final action on a subject, by the UN or the member state. Answers 201 with its id.",
            (c, s, u, r, body, ct) => c.RecordActionAsync(s, u, r, body, ct));
        Created<WaiverRequest>(group, "/{reference}/waivers", "Request a waiver of a subject's immunity, with justification. Answers 201 with its id (the decision's waiverId).",
            (c, s, u, r, body, ct) => c.RequestWaiverAsync(s, u, r, body, ct));
        Changed<WaiverDecisionRequest, bool, WaiverDecided>(group, "/{reference}/waivers/decision", "Record the decision on a waiver (legal officer). Answers the waiver's id and the decision.",
            (c, s, u, r, body, ct) => c.DecideWaiverAsync(s, u, r, body, ct), (_, body, _) => new WaiverDecided(body.WaiverId, body.Decision));
        Created<ClosureRequestInput>(group, "/{reference}/closure", "Request closure with a reason that fits the stage; a second person approves (…/closure/decision). Answers 201 with the request's id.",
            (c, s, u, r, body, ct) => c.RequestClosureAsync(s, u, r, body, ct));
        Changed<ClosureDecisionInput, CaseStatus, CaseStage>(group, "/{reference}/closure/decision", "Approve or refuse the pending closure (a conduct chief other than the requester). Answers the case's stage.",
            (c, s, u, r, body, ct) => c.DecideClosureAsync(s, u, r, body, ct), (r, _, status) => new CaseStage(r, status));
        Changed<AssignRequest, bool, CaseAssignment>(group, "/{reference}/assignments", "Assign an investigator, advocate or officer; conflicts of interest are refused and recorded. Answers the assignment.",
            (c, s, u, r, body, ct) => c.AssignAsync(s, u, r, body, ct),
            (r, body, _) => new CaseAssignment(r, body.UserName!.Trim(), body.Role?.Trim() is { Length: > 0 } role ? role : Roles.Investigator, true));
        Changed<UnassignRequest, bool, CaseAssignment>(group, "/{reference}/assignments/remove", "Take a user off the case, with a reason: their access through the assignment ends at once. Answers the user, no longer assigned.",
            (c, s, u, r, body, ct) => c.UnassignAsync(s, u, r, body, ct), (r, body, _) => new CaseAssignment(r, body.UserName!.Trim(), null, false));
    }

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        group.MapGet("/", async (bool? unread, Notifications notifications, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await notifications.ListAsync(scope, UserId(user), unread == true, ct)))
            .WithSummary("Reminders, escalations and approval requests for the caller, newest first.");
        group.MapPost("/read", async (int? upTo, Notifications notifications, CallerScope scope, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await notifications.MarkReadAsync(scope, UserId(user), clock.GetUtcNow(), upTo, ct)))
            .WithSummary("Mark the caller's notifications as read, up to ?upTo= (the newest id the caller was shown) when given; answers how many.");
    }

    public static void MapEvidenceAndAssistanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{reference}").WithTags("Cases").RequireAuthorization(Policies.Staff);

        group.MapPost("/evidence", async Task<Results<Created<CaseRecordCreated>, ProblemHttpResult, ValidationProblem>> (
                string reference, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? description, CaseEvidence evidence, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return Answer(await evidence.AddAsync(scope, UserId(user), reference, file.FileName, stream, description, ct), id => new CaseRecordCreated(id, reference))
                    .ToCreated(created => $"{CasePath(reference)}/evidence/{created.Id}/content");
            })
            .DisableAntiforgery() // programs post with a bearer token; the cookie is SameSite=Strict
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CaseEvidence.MaxBytes + 64 * 1024))
            .WithSummary("Add a file to the evidence register (multipart: file, description; up to 50 MiB). Sealed at rest; SHA-256 recorded. Answers 201 with its id; Location is its download.");

        group.MapGet("/evidence", async (string reference, CaseEvidence evidence, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await evidence.ListAsync(scope, UserId(user), reference, ct)).ToHttp())
            .WithSummary("The evidence register with each item's chain of custody.");

        group.MapGet("/evidence/{id:int}/content", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string reference, int id, CaseEvidence evidence, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await evidence.DownloadAsync(scope, UserId(user), reference, id, ct);
                return result.Error is { } error
                    ? error.ToProblemHttp()
                    : TypedResults.File(result.Value!.Content, result.Value.ContentType, result.Value.Name);
            })
            .WithSummary("Download an item; the download is written to its chain of custody.");

        group.MapGet("/assistance", async (string reference, CaseAssistance assistance, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await assistance.ListAsync(scope, UserId(user), reference, ct)).ToHttp())
            .WithSummary("The victim assistance track (victims' rights advocates and conduct chiefs only).");
        group.MapPost("/assistance", async (string reference, ReferralRequest body, CaseAssistance assistance, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                Answer(await assistance.ReferAsync(scope, UserId(user), reference, body, ct), id => new CaseRecordCreated(id, reference))
                    .ToCreated(_ => $"{CasePath(reference)}/assistance"))
            .WithSummary("Refer a victim to medical, psychosocial, legal or material support, before and regardless of findings. Answers 201 with its id; Location is the assistance track.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/assistance/{id:int}", async (string reference, int id, ReferralUpdate body, CaseAssistance assistance, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                Answer(await assistance.UpdateAsync(scope, UserId(user), reference, id, body, ct), _ => new ReferralUpdated(id, body.Status)).ToHttp())
            .WithSummary("Update a referral's status and note. Answers its id and status.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private delegate Task<Result<TOut>> CaseCommand<TIn, TOut>(CaseCommands commands, CallerScope scope, string userId, string reference, TIn body, CancellationToken ct)
        where TIn : class;

    // TIn : class makes the body required: an unconstrained type parameter's nullability is unknown, so minimal APIs let a
    // "null" or empty body through as null.

    /// <summary>A route that adds a record to the case: 201 with its id, and the case (where the record is shown) as Location.</summary>
    private static void Created<TIn>(RouteGroupBuilder group, string pattern, string summary, CaseCommand<TIn, int> command)
        where TIn : class =>
        group.MapPost(pattern, async (string reference, TIn body, CaseCommands commands, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                Answer(await command(commands, scope, UserId(user), reference, body, ct), id => new CaseRecordCreated(id, reference)).ToCreated(_ => CasePath(reference)))
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A route that changes the case: 200 with what now stands (<paramref name="answer"/>: the reference, the body, the use case's value).</summary>
    private static void Changed<TIn, TOut, TAnswer>(RouteGroupBuilder group, string pattern, string summary, CaseCommand<TIn, TOut> command, Func<string, TIn, TOut, TAnswer> answer)
        where TIn : class =>
        group.MapPost(pattern, async (string reference, TIn body, CaseCommands commands, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                Answer(await command(commands, scope, UserId(user), reference, body, ct), value => answer(reference, body, value)).ToHttp())
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The use case's error as it is, or its value as the route answers it.</summary>
    private static Result<TAnswer> Answer<TOut, TAnswer>(Result<TOut> result, Func<TOut, TAnswer> answer) =>
        result.Error is { } error ? error : answer(result.Value!);

    /// <summary>The case's own route (the reference matched exactly, so it is the case's; escaped all the same for the header).</summary>
    private static string CasePath(string reference) => $"/api/v1/cases/{Uri.EscapeDataString(reference)}";

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
