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
                TypedResults.Ok(await dashboard.GetAsync(scope, UserId(user), mission, ct)))
            .WithSummary("Open cases by stage and age, overdue member-state replies by country, and every overdue deadline.");

        group.MapGet("/{reference}", async (string reference, CaseQueries cases, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await cases.GetAsync(scope, UserId(user), reference, ct)).ToHttp())
            .WithSummary("One case: next step and deadline, subjects, victims, correspondence, deadlines and timeline.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        Command<TransitionRequest, CaseStatus>(group, "/{reference}/transitions", "Move the case along its workflow (closing needs a closure request).",
            (c, s, u, r, body, ct) => c.TransitionAsync(s, u, r, body, ct));
        Command<SubjectRequest, int>(group, "/{reference}/subjects", "Add a subject: a personnel record, or a description; routing and immunity follow from the category.",
            (c, s, u, r, body, ct) => c.AddSubjectAsync(s, u, r, body, ct));
        Command<VictimRequest, int>(group, "/{reference}/victims", "Record victims: age group, sex, count; identity sealed.",
            (c, s, u, r, body, ct) => c.AddVictimAsync(s, u, r, body, ct));
        Command<RoutingRequest, InvestigatingBody>(group, "/{reference}/routing", "Override the suggested investigating body, with a reason.",
            (c, s, u, r, body, ct) => c.SetRoutingAsync(s, u, r, body, ct));
        Command<NoteRequest, int>(group, "/{reference}/notes", "Record a note verbale sent or received; an NIO request starts the country's 10-working-day clock.",
            (c, s, u, r, body, ct) => c.RecordNoteAsync(s, u, r, body, ct));
        Command<FindingRequest, int>(group, "/{reference}/findings", "Record a finding for a subject; a change of finding needs a chief's approval.",
            (c, s, u, r, body, ct) => c.RecordFindingAsync(s, u, r, body, ct));
        group.MapPost("/{reference}/findings/{findingId:int}/approve", async (string reference, int findingId, CaseCommands commands, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await commands.ApproveFindingChangeAsync(scope, UserId(user), reference, findingId, ct)).ToHttp())
            .WithSummary("Approve a change of finding (a second person, conduct chief).");
        Command<ActionRequest, int>(group, "/{reference}/actions", "Record an interim or final action on a subject, by the UN or the member state.",
            (c, s, u, r, body, ct) => c.RecordActionAsync(s, u, r, body, ct));
        Command<WaiverRequest, int>(group, "/{reference}/waivers", "Request a waiver of a subject's immunity, with justification.",
            (c, s, u, r, body, ct) => c.RequestWaiverAsync(s, u, r, body, ct));
        Command<WaiverDecisionRequest, bool>(group, "/{reference}/waivers/decision", "Record the decision on a waiver (legal officer).",
            (c, s, u, r, body, ct) => c.DecideWaiverAsync(s, u, r, body, ct));
        Command<ClosureRequestInput, int>(group, "/{reference}/closure", "Request closure with a reason that fits the stage; a second person approves.",
            (c, s, u, r, body, ct) => c.RequestClosureAsync(s, u, r, body, ct));
        Command<ClosureDecisionInput, CaseStatus>(group, "/{reference}/closure/decision", "Approve or refuse the pending closure (a conduct chief other than the requester).",
            (c, s, u, r, body, ct) => c.DecideClosureAsync(s, u, r, body, ct));
        Command<AssignRequest, bool>(group, "/{reference}/assignments", "Assign an investigator, advocate or officer; conflicts of interest are refused and recorded.",
            (c, s, u, r, body, ct) => c.AssignAsync(s, u, r, body, ct));
        Command<UnassignRequest, bool>(group, "/{reference}/assignments/remove", "Take a user off the case, with a reason: their access through the assignment ends at once.",
            (c, s, u, r, body, ct) => c.UnassignAsync(s, u, r, body, ct));
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

        group.MapPost("/evidence", async Task<Results<Created<int>, ProblemHttpResult, ValidationProblem>> (
                string reference, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? description, CaseEvidence evidence, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return (await evidence.AddAsync(scope, UserId(user), reference, file.FileName, stream, description, ct))
                    .ToCreated(id => $"/api/v1/cases/{reference}/evidence/{id}");
            })
            .DisableAntiforgery() // programs post with a bearer token; the cookie is SameSite=Strict
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CaseEvidence.MaxBytes + 64 * 1024))
            .WithSummary("Add a file to the evidence register (multipart: file, description; up to 50 MiB). Sealed at rest; SHA-256 recorded.");

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
                (await assistance.ReferAsync(scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary("Refer a victim to medical, psychosocial, legal or material support, before and regardless of findings.");
        group.MapPost("/assistance/{id:int}", async (string reference, int id, ReferralUpdate body, CaseAssistance assistance, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await assistance.UpdateAsync(scope, UserId(user), reference, id, body, ct)).ToHttp())
            .WithSummary("Update a referral's status and note.");
    }

    private delegate Task<Result<TOut>> CaseCommand<TIn, TOut>(CaseCommands commands, CallerScope scope, string userId, string reference, TIn body, CancellationToken ct)
        where TIn : class;

    // TIn : class makes the body required: an unconstrained type parameter's nullability is unknown, so minimal APIs let a
    // "null" or empty body through as null.
    private static void Command<TIn, TOut>(RouteGroupBuilder group, string pattern, string summary, CaseCommand<TIn, TOut> command)
        where TIn : class =>
        group.MapPost(pattern, async (string reference, TIn body, CaseCommands commands, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await command(commands, scope, UserId(user), reference, body, ct)).ToHttp())
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
