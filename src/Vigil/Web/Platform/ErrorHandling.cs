using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// The one place where expected failures become RFC 9457 problems, and where anything unexpected
/// becomes a plain 500 problem without a stack trace. People get an HTML status page instead.
/// </summary>
public static partial class ErrorHandling
{
    public static void UseVigilErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when Vigil.Core.Audit.AuditLogBrokenException.Find(exception) is not null => StatusCodes.Status503ServiceUnavailable,
                _ => Vigil.Core.Data.DatabaseErrors.Classify(exception) switch
                {
                    Vigil.Core.Data.DatabaseFault.Conflict => StatusCodes.Status409Conflict,
                    Vigil.Core.Data.DatabaseFault.TooLong => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status500InternalServerError,
                },
            },
            ExceptionHandler = async context =>
            {
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var status = context.Response.StatusCode;
                var fault = Vigil.Core.Data.DatabaseErrors.Classify(feature?.Error);
                if (Vigil.Core.Audit.AuditLogBrokenException.Find(feature?.Error) is { } broken)
                {
                    // Sequence numbers only: the message names no record and no person.
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Audit").LogCritical(
                        "Audited write refused on {Method} {Route}: {Problem}", context.Request.Method,
                        (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)", broken.Message);
                    await WriteDetailProblemAsync(context, StatusCodes.Status503ServiceUnavailable,
                        "Vigil cannot record this in its audit log, which failed its integrity check. Nothing was saved. An administrator must run `vigil audit verify`.");
                    return;
                }
                if (feature?.Error is not BadHttpRequestException)
                {
                    // Exception messages can hold data from the request; log the type and route only. The handler runs with
                    // the endpoint cleared, so the route comes from the feature.
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Errors").Log(
                        fault == Vigil.Core.Data.DatabaseFault.None ? LogLevel.Error : LogLevel.Warning,
                        "Unhandled {Exception} ({Fault}) on {Method} {Route}", feature?.Error.GetType().Name, fault, context.Request.Method,
                        (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? feature?.Endpoint?.DisplayName ?? "(no route)");
                }
                if (fault == Vigil.Core.Data.DatabaseFault.Conflict)
                {
                    await WriteDetailProblemAsync(context, status, "Someone else changed or recorded this at the same moment. Reload and try again: nothing of yours was saved.");
                    return;
                }
                if (fault == Vigil.Core.Data.DatabaseFault.TooLong)
                {
                    await WriteDetailProblemAsync(context, status, "A value is longer than its field allows. Shorten it and send again: nothing was saved.");
                    return;
                }
                if (feature?.Error is BadHttpRequestException { InnerException: global::System.Text.Json.JsonException json })
                {
                    // Name the field (JSON path) that could not be read, without echoing its value (a date's aside: JsonDates),
                    // and every other field of the body that cannot be read either (JsonBodyFaults).
                    var field = json.Path?.TrimStart('$', '.');
                    var faults = await JsonBodyFaults.FaultsAsync(context, feature.Endpoint, string.IsNullOrEmpty(field) ? "body" : field, JsonBodyFaults.Message(json));
                    await WriteFieldProblemAsync(context, faults, "The request body could not be read.");
                    return;
                }
                if (feature?.Error is BadHttpRequestException { StatusCode: 400 } bad && ParameterName(bad.Message) is { } parameter)
                {
                    // A required body or a route or query value missing or of the wrong type: name the parameter, not its value.
                    await WriteFieldProblemAsync(context, parameter, "The request could not be read.", "This value is missing or has the wrong type.");
                    return;
                }
                await WriteProblemAsync(context, status);
            },
        });
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            await WriteProblemAsync(context, context.Response.StatusCode);
        });
    }

    /// <summary>
    /// Before an endpoint that reads a JSON body: a Content-Type naming a charset that cannot be decoded
    /// (<c>application/json; charset=foo</c>) is answered 415 naming the header. The framework's JSON reader threw
    /// InvalidOperationException for it, a 500. The charset is not echoed: it is whatever the client sent.
    /// </summary>
    public static void UseJsonCharsetCheck(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.HasJsonContentType()
            && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
            && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && !Microsoft.Extensions.Primitives.StringSegment.IsNullOrEmpty(mediaType.Charset)
            && mediaType.Encoding is null)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await WriteFieldProblemAsync(context, "Content-Type", TitleFor(415),
                "The charset in this header is not one the server can read: send JSON as UTF-8 (charset=utf-8, or no charset).", 415);
            return;
        }
        await next();
    });

    /// <summary>
    /// Anyone may call the public routes, so a path under them that matches no route is "not found", not the fallback
    /// policy's "sign in". Routing has run: a known path with another method or content type has its own endpoint (405,
    /// 415) and is left to it; nothing else is answered here.
    /// </summary>
    public static void UsePublicNotFound(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (context.GetEndpoint() is null && context.Request.Path.StartsWithSegments("/api/v1/public"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteProblemAsync(context, StatusCodes.Status404NotFound);
            return;
        }
        await next(context);
    });

    /// <summary>A 400 (or <paramref name="status"/>) problem whose <c>errors</c> names <paramref name="field"/> (spec/http.md).</summary>
    internal static Task WriteFieldProblemAsync(HttpContext context, string field, string title, string message, int status = 400) =>
        WriteFieldProblemAsync(context, new Dictionary<string, string[]> { [field] = [message] }, title, status);

    /// <summary>A 400 (or <paramref name="status"/>) problem whose <c>errors</c> names each field of <paramref name="errors"/>.</summary>
    internal static Task WriteFieldProblemAsync(HttpContext context, Dictionary<string, string[]> errors, string title, int status = 400) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = status,
                Title = title,
            },
        }).AsTask();

    /// <summary>The parameter a minimal-API binding message names (<c>Failed to bind parameter "int page" from …</c> → page).</summary>
    private static string? ParameterName(string message) =>
        BindingParameter().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]* )?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BindingParameter();

    /// <summary>A problem with a sentence for the person (HTML for a browser outside the API).</summary>
    private static async Task WriteDetailProblemAsync(HttpContext context, int status, Words detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && AcceptsHtml(context.Request))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(StatusPage.Render(context, status, detail));
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = TitleFor(status), Detail = detail.ToString() },
        });
    }

    private static async Task WriteProblemAsync(HttpContext context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && AcceptsHtml(context.Request))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(StatusPage.Render(context, status));
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = TitleFor(status) },
        });
    }

    internal static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Sign-in required",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request body too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => status >= 500 ? "Server error" : "Error",
    };

    /// <summary>Maps a use case's result to 200 or its problem response: the one place errors become HTTP.</summary>
    public static Results<Ok<T>, ProblemHttpResult, ValidationProblem> ToHttp<T>(this Result<T> result)
    {
        if (result.Error is null)
        {
            return TypedResults.Ok(result.Value!);
        }
        if (result.Error is ValidationError v)
        {
            return v.ToValidationProblem();
        }
        return result.Error.ToProblemHttp();
    }

    /// <summary>201 with the value (and a location when given), or the error's problem response.</summary>
    public static Results<Created<T>, ProblemHttpResult, ValidationProblem> ToCreated<T>(this Result<T> result, Func<T, string?>? location = null)
    {
        if (result.Error is ValidationError v)
        {
            return v.ToValidationProblem();
        }
        return result.Error is { } error ? error.ToProblemHttp() : TypedResults.Created(location?.Invoke(result.Value!), result.Value);
    }

    /// <summary>201 without a body, or the error's problem response.</summary>
    public static Results<Created, ProblemHttpResult, ValidationProblem> ToCreatedEmpty<T>(this Result<T> result)
    {
        if (result.Error is ValidationError v)
        {
            return v.ToValidationProblem();
        }
        return result.Error is { } error ? error.ToProblemHttp() : TypedResults.Created();
    }

    /// <summary>204 for a change that has nothing more to say than that it was made, or the error's problem response.</summary>
    public static Results<NoContent, ProblemHttpResult, ValidationProblem> ToNoContent<T>(this Result<T> result)
    {
        if (result.Error is ValidationError v)
        {
            return v.ToValidationProblem();
        }
        return result.Error is { } error ? error.ToProblemHttp() : TypedResults.NoContent();
    }

    public static ValidationProblem ToValidationProblem(this ValidationError error) =>
        TypedResults.ValidationProblem(error.Fields.ToDictionary(), title: error.Message);

    /// <summary>Every error but validation, which has its own shape (<see cref="ToValidationProblem"/>).</summary>
    public static ProblemHttpResult ToProblemHttp(this Error error)
    {
        var (status, title) = error switch
        {
            Core.Intake.IdempotencyMismatch => (422, "Idempotency-Key reused"),
            Core.Intake.TooManyReports => (429, TitleFor(429)),
            NotFoundError => (404, TitleFor(404)),
            ForbiddenError => (403, TitleFor(403)),
            ConflictError => (409, TitleFor(409)),
            _ => (400, TitleFor(400)),
        };
        return TypedResults.Problem(title: title, detail: error.Message, statusCode: status);
    }
}
