using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Intake;
using Vigil.Web.Platform;

namespace Vigil.Web.Intake;

public sealed record ReceiptResponse(string Receipt, string Status);

public sealed record MessageRequest(string? Text);

/// <summary>The anonymous routes of spec/http.md. No account, no cookie, nothing about the sender stored.</summary>
public static class PublicReportEndpoints
{
    public static void MapPublicReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/reports").WithTags("Public reporting").AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                // Receipts and statuses must not linger in caches.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });

        group.MapPost("/", async Task<Results<Created<ReceiptResponse>, ProblemHttpResult, ValidationProblem>> (
                PublicReportRequest report, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, PublicReports reports, SubmissionQuota quota,
                HttpContext http, CancellationToken ct) =>
            {
                // Committed before this answer; a replay answers the same receipt with 201 too, as the first answer did.
                var result = await reports.SubmitAsync(report, idempotencyKey, () => quota.TryAdmit(http), ct);
                if (result.Error is TooManyReports)
                {
                    http.Response.Headers.RetryAfter = quota.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return result.Error is null
                    ? TypedResults.Created((string?)null, new ReceiptResponse(result.Value!.Receipt, result.Value.Status))
                    : ((Core.Common.Result<ReceiptResponse>)result.Error).ToCreated();
            })
            .RequireRateLimiting(IntakeSetup.SubmitPolicy)
            .WithSummary("Submit a community report, anonymously. Answers a receipt to follow it; keep it safe.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/status", async ([FromHeader(Name = "X-Receipt")] string? receipt, PublicReports reports, CancellationToken ct) =>
                (await reports.GetStatusAsync(receipt, ct)).ToHttp())
            .RequireRateLimiting(IntakeSetup.ReceiptPolicy)
            .WithSummary("The status of a report and the messages exchanged, for the holder of its receipt (header X-Receipt).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/messages", async ([FromHeader(Name = "X-Receipt")] string? receipt, MessageRequest message, PublicReports reports, CancellationToken ct) =>
                (await reports.AddMessageAsync(receipt, message.Text, ct)).ToCreatedEmpty())
            .RequireRateLimiting(IntakeSetup.ReceiptPolicy)
            .WithSummary("Send a message to the conduct team about a report (header X-Receipt).");
    }
}
