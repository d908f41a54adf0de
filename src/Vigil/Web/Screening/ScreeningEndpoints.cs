using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Access;
using Vigil.Core.Common;
using Vigil.Core.Screening;
using Vigil.Web.Access;
using Vigil.Web.Platform;

namespace Vigil.Web.Screening;

/// <summary>Screening for programs: the registry, runs and the adjudication queue, same use cases as the pages.</summary>
public static class ScreeningEndpoints
{
    public static void MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var officers = app.MapGroup("/api/v1/screening").WithTags("Screening").RequireAuthorization(Policies.ScreeningOfficers);
        var readers = app.MapGroup("/api/v1/screening").WithTags("Screening").RequireAuthorization(Policies.ScreeningReaders);

        officers.MapGet("/registry", async (string? name, string? finding, string? source, int? page, int? pageSize, RegistryCommands registry, CallerScope scope, CancellationToken ct) =>
                // A name in a URL ends up in logs, proxies and history: it is searched by POST only.
                name is not null
                    ? (Results<Ok<RegistryPage>, ProblemHttpResult, ValidationProblem>)ValidationError.For("name", "Search by name with POST /api/v1/screening/registry/search and a JSON body; a name is not accepted in the URL.").ToValidationProblem()
                    : (await registry.ListAsync(scope, new RegistryFilter(null, finding, source, page ?? 1, pageSize ?? 50), ct)).ToHttp())
            .WithSummary("Registry records, newest first; filters: finding, source (case, manual, import). To search by name, POST /registry/search.");
        officers.MapPost("/registry/search", async (RegistrySearch body, RegistryCommands registry, CallerScope scope, CancellationToken ct) =>
                (await registry.ListAsync(scope, new RegistryFilter(body.Name, body.Finding, body.Source, body.Page ?? 1, body.PageSize ?? 50), ct)).ToHttp())
            .WithSummary("Registry records, newest first, searched by a JSON body: name (part of the name, or a record id), finding, source, page, pageSize. POST keeps the name out of the URL.");
        officers.MapGet("/registry/{recordId}", async (string recordId, RegistryCommands registry, CallerScope scope, CancellationToken ct) =>
                (await registry.GetAsync(scope, recordId, ct)).ToHttp())
            .WithSummary("One registry record.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        officers.MapPost("/registry/{recordId}/withdrawal", async (string recordId, RegistryWithdrawalInput body, RegistryCommands registry, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await registry.WithdrawAsync(scope, UserId(user), recordId, body, ct)).ToHttp())
            .WithSummary("Withdraw a registry record (JSON: reason, required): kept for the audit trail with who, when and why, never screened again; its open candidates leave the queue (closed as withdrawn).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        officers.MapPost("/registry", async (RegistryInput body, RegistryCommands registry, CallerScope scope, CancellationToken ct) =>
                (await registry.AddAsync(scope, body, ct: ct)).ToCreated(r => $"/api/v1/screening/registry/{Uri.EscapeDataString(r.RecordId)}"))
            .WithSummary("Add a registry record by hand (fullName and finding required).");
        officers.MapPost("/registry/import", async (HttpRequest request, RegistryCommands registry, CallerScope scope, CancellationToken ct) =>
                NameInUrl(request) is { } refused
                    ? (Results<Ok<RegistryImported>, ProblemHttpResult, ValidationProblem>)refused.ToValidationProblem()
                    : (await registry.ImportAsync(scope, await BufferAsync(request, ct), FileName(request, "registry.csv"), ct)).ToHttp())
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(ScreeningSetup.MaxUploadBytes))
            .WithSummary("Import a registry CSV (spec/screening.md) as the request body, all or nothing; the first fault names its line, column and value. The file's name, if any, in a Content-Disposition header.");

        officers.MapGet("/runs", async (ScreeningRuns runs, CallerScope scope, CancellationToken ct) => TypedResults.Ok(await runs.ListAsync(scope, ct)))
            .WithSummary("The last 100 screening runs: kind, when, who, counts.");
        officers.MapPost("/runs/roster", async (HttpRequest request, string? kind, string? mission, ScreeningRuns runs, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (NameInUrl(request) is { } refused)
                {
                    return (Results<Ok<RunSummary>, ProblemHttpResult, ValidationProblem>)refused.ToValidationProblem();
                }
                var parsed = ScreeningRuns.ParseRosterKind(kind);
                if (parsed.Error is ValidationError invalid)
                {
                    return (Results<Ok<RunSummary>, ProblemHttpResult, ValidationProblem>)invalid.ToValidationProblem();
                }
                return (await runs.RunRosterAsync(scope, UserId(user), await BufferAsync(request, ct), FileName(request, "roster.csv"), parsed.Value, mission, ct)).ToHttp();
            })
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(ScreeningSetup.MaxUploadBytes))
            .WithSummary("Screen a roster CSV (spec/screening.md) sent as the body; query: kind (pre-deployment or arrival), mission. Candidates go to the queue. The file's name, if any, in a Content-Disposition header (it is kept sealed as the run's label).");
        officers.MapPost("/runs/person", async (PersonScreeningInput body, ScreeningRuns runs, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await runs.RunPersonAsync(scope, UserId(user), body, ct)).ToHttp())
            .WithSummary("Screen one person (hiring): fullName, aliases, dateOfBirth, nationality, idNumbers, mission (the mission hiring: required of a screening officer with several missions).");
        officers.MapPost("/runs/deployed", async (ScreeningRuns runs, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await runs.RunDeployedAsync(scope, UserId(user), ct)).ToHttp())
            .WithSummary("Re-screen everyone deployed now (the scheduler also does it when the registry changes and daily).");

        readers.MapGet("/candidates", async (string? status, string? mission, int? page, int? pageSize, Adjudication queue, CallerScope scope, CancellationToken ct) =>
                (await queue.ListAsync(scope, new CandidateFilter(status ?? "open", mission, page ?? 1, pageSize ?? 50), ct)).ToHttp())
            .WithSummary("The adjudication queue, highest score first; status open (default), confirmed, dismissed, withdrawn (its registry record was withdrawn) or all.");
        readers.MapGet("/candidates/{id:int}", async (int id, Adjudication queue, CallerScope scope, CancellationToken ct) =>
                (await queue.GetAsync(scope, id, ct)).ToHttp())
            .WithSummary("One candidate: both records side by side with the engine's reasons, and the decision.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        readers.MapPost("/candidates/{id:int}/decision", async (int id, DecisionInput body, Adjudication queue, CallerScope scope, ClaimsPrincipal user, CancellationToken ct) =>
                (await queue.DecideAsync(scope, UserId(user), id, body, ct)).ToHttp())
            .WithSummary("Decide: same-person or not-same-person, with a note (required). Screening officers only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The CSV readers are asynchronous, but buffering keeps Kestrel's body stream out of any synchronous read.</summary>
    private static async Task<MemoryStream> BufferAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The uploaded file's name from <c>Content-Disposition</c> (filename* first), else the fallback.</summary>
    private static string FileName(HttpRequest request, string fallback)
    {
        var given = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
        var name = Path.GetFileName(given ?? "");
        return string.IsNullOrWhiteSpace(name) || name.Length > 100 ? fallback : name;
    }

    /// <summary>
    /// File names are named after people often enough ("replacements-capt-….csv"), and a URL ends up in logs,
    /// proxies and history: like a searched name, a file name is refused there.
    /// </summary>
    private static ValidationError? NameInUrl(HttpRequest request) => request.Query.ContainsKey("fileName")
        ? ValidationError.For("fileName", "Send the file's name in a Content-Disposition header (attachment; filename=\"…\"); a file name is not accepted in the URL.")
        : null;

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
