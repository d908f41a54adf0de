using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Intake;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Intake;

public sealed record RecordedReport(string Reference);

/// <summary>Intake for the conduct team: every channel, the inbox, replies and triage.</summary>
public static class StaffReportEndpoints
{
    public static void MapStaffReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.IntakeHandlers);

        group.MapGet("/", async (string? mission, QueryEnum<ReportStatus>? status, bool? overdue, bool? unanswered, QueryEnum<Channel>? channel, bool? all,
                StaffReports reports, CallerScope scope, CancellationToken ct) =>
                TypedResults.Ok(await reports.InboxAsync(scope,
                    new InboxFilter(mission, all == true ? null : status?.Value ?? ReportStatus.Received, overdue == true, unanswered == true, channel?.Value), ct)))
            .WithSummary("The inbox: reports in the caller's missions, untriaged by default (all=true for every status); overdue ones first.");

        group.MapPost("/", async Task<Results<Created<RecordedReport>, ProblemHttpResult, ValidationProblem>> (
                StaffReportRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, StaffReports reports, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await reports.RecordAsync(scope, UserId(user), request, idempotencyKey, ct);
                return result.Error is null
                    ? TypedResults.Created($"/api/v1/reports/{result.Value}", new RecordedReport(result.Value!))
                    : ((Core.Common.Result<RecordedReport>)result.Error).ToCreated();
            })
            .WithSummary("Record a report received by hotline, email, complaint box, in person, CBCM focal point, referral, self-report or media. "
                + "An Idempotency-Key header makes a retry answer the first report's reference (24 hours).")
            .WithMetadata(OwnIdempotencyMetadata.Instance)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{reference}", async (string reference, StaffReports reports, CallerScope scope, CancellationToken ct) =>
                (await reports.GetAsync(scope, reference, ct)).ToHttp())
            .WithSummary("One report with its narrative, messages and triage decisions.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // A JSON object, as the case routes answer: the message's id and when it was sent; the Location is the report, whose
        // messages list it (a message has no route of its own).
        group.MapPost("/{reference}/messages", async Task<Results<Created<ReportMessageSent>, ProblemHttpResult, ValidationProblem>> (
                string reference, MessageRequest message, StaffReports reports, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await reports.ReplyAsync(scope, UserId(user), reference, message.Text, ct)).ToCreated(sent => $"/api/v1/reports/{Uri.EscapeDataString(sent.Report)}"))
            .WithSummary("Send a message to the reporter (they read it with their receipt). 201 { id, report, sentAt }, Location: the report.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{reference}/candidates", async (string reference, StaffReports reports, CallerScope scope, CancellationToken ct) =>
                (await reports.CandidatesAsync(scope, reference, ct)).ToHttp())
            .WithSummary("Open cases that may be the same incident, most likely first.");

        group.MapPost("/{reference}/triage", async (string reference, TriageRequest request, StaffReports reports, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await reports.TriageAsync(scope, UserId(user), reference, request, ct)).ToHttp())
            .WithSummary("Link the report to a case, open a new case from it, or close it with a reason. Recorded with who, when and why.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
