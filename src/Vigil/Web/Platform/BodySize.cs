using Microsoft.AspNetCore.Http.Features;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// A body that declares a length over what its endpoint accepts is answered 413 before it is read. Kestrel, left to
/// find out while reading, closes the connection with the rest unread, so a client still sending (a browser, an upload
/// on a slow link) gets "connection reset" instead of the answer. Here the limit is raised to the declared length, so
/// that after the answer Kestrel reads and discards the rest (for at most its five-second drain) and the client reads
/// the 413. Nothing of the body reaches the application.
/// </summary>
public static class BodySize
{
    /// <summary>Declared lengths past this are not drained: the connection is closed after the answer, as Kestrel would.</summary>
    private const long MaxDrained = 64L * 1024 * 1024;

    public static void UseBodySizeCheck(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is not { } length || feature is not { IsReadOnly: false, MaxRequestBodySize: { } limit }
            || length <= limit)
        {
            await next(context);
            return;
        }
        if (length <= MaxDrained)
        {
            feature.MaxRequestBodySize = length;
        }
        else
        {
            context.Response.Headers.Connection = "close";
        }
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await WriteTooLargeAsync(context, limit);
    });

    /// <summary>The 413 answer with the limit: a status page for a person, a problem for the API and scripts.</summary>
    public static async Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (!context.Request.Path.StartsWithSegments("/api") && (context.Request.HasFormContentType || ErrorHandling.AcceptsHtml(context.Request)))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(StatusPage.Render(context, StatusCodes.Status413PayloadTooLarge,
                $"What you sent is larger than this form accepts: at most {limit / (1024.0 * 1024):0.#} MiB, a file included. Nothing was saved."),
                CancellationToken.None);
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = ErrorHandling.TitleFor(StatusCodes.Status413PayloadTooLarge),
                Detail = ((Words)$"The request body is larger than this endpoint accepts: at most {limit} bytes. Nothing was saved.").ToString(),
            },
        });
    }
}
