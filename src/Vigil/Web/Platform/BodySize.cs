using Microsoft.AspNetCore.Http.Features;
using Vigil.Core.Common;

namespace Vigil.Web.Platform;

/// <summary>
/// A body that declares a length over what its endpoint accepts is answered 413 before it is read. Kestrel, left to
/// find out while reading, closes the connection with the rest unread, so a client still sending (a browser posting a
/// form a little too large) gets "connection reset" instead of the answer. Here, for a body at most
/// <see cref="MaxOver"/> over the limit, the limit is raised to the declared length, so that after the answer Kestrel
/// reads and discards the rest (for at most its five-second drain) and the client reads the 413. A larger one, or a
/// client waiting for "100 Continue" (which it will not get once the answer has started), is answered and the
/// connection closed, as Kestrel would. Nothing of the body reaches the application.
/// </summary>
public static class BodySize
{
    /// <summary>How far over its limit a body is still read and discarded (a few megabytes: a form, not an upload).</summary>
    private const long MaxOver = 4L * 1024 * 1024;

    public static void UseBodySizeCheck(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is not { } length || feature is not { IsReadOnly: false, MaxRequestBodySize: { } limit }
            || length <= limit)
        {
            await next(context);
            return;
        }
        if (length - limit <= MaxOver && !context.Request.Headers.Expect.Any(e => "100-continue".Equals(e, StringComparison.OrdinalIgnoreCase)))
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
