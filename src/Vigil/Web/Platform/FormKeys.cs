using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Vigil.Core.Replay;
using Vigil.Core.Security;

namespace Vigil.Web.Platform;

/// <summary>
/// A one-time key in every staff form, the pages' counterpart of the API's <c>Idempotency-Key</c>. A field officer on a
/// poor connection who sends a form again (a second press while the first is slow, a resend after a timeout) gets the
/// first answer, not a second roster run, action or leave record. Each form carries its own key (hidden field
/// <see cref="Field"/>, put there by <see cref="FormKeyTagHelper"/>); answers are kept sealed, per account, for 24
/// hours, in the same store as the API's. Kept: a redirect (the pages answer a write with one) or a page that says it
/// recorded something (<see cref="Written"/>); a refused form is not kept, so it can be corrected and sent again.
/// A submission is the key and the form's values together: the page sent back with other values (back, edit, send) is a
/// new submission, itself protected against its own resend.
/// </summary>
public static class FormKeys
{
    public const string Field = "__FormKey";

    private const string WrittenItem = "Vigil.FormKeys.Written";

    /// <summary>How long a retry waits for the first send to finish before it is answered 409.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    // A page answer kept for a resend: a roster run's page lists every candidate it found (hundreds of rows for a
    // contingent), far more than an API write answers with.
    private const int MaxKeptPage = 8 * 1024 * 1024;

    /// <summary>
    /// For a page that answers a successful write with the page itself (not a redirect): the answer may be kept for
    /// the form's retries.
    /// </summary>
    public static void Written(HttpContext context) => context.Items[WrittenItem] = true;

    /// <summary>
    /// Staff pages only: not the API (its own header), the account pages (sign-in, codes: nothing to replay) or the
    /// public report pages (anonymous, with their own one-time key).
    /// </summary>
    public static bool Applies(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/report");

    public static void UseFormKeys(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || !Applies(request.Path)
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            await next(context);
            return;
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without a declared length (chunked) found too large while read; BodySize answers the others earlier.
            await BodySize.WriteTooLargeAsync(context, context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? Hosting.VigilHost.MaxRequestBodyBytes);
            return;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // The page reads the form again and answers for it as it would have without a key.
            await next(context);
            return;
        }
        if (!form.TryGetValue(Field, out var values) || values.Count != 1 || values[0] is not { Length: 32 } key || !key.All(char.IsAsciiHexDigit))
        {
            await next(context);
            return;
        }

        var secret = context.RequestServices.GetRequiredService<KeyRing>().ReceiptKey;
        var requestHash = await IdempotencyKeys.RequestHashAsync(context, secret);
        var keyHash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"form-key:{userId}:{key}:{Convert.ToHexString(requestHash)}"));
        var replays = context.RequestServices.GetRequiredService<ApiReplays>();
        // Real time, not the injected clock: this is how long a person's browser is kept waiting.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        wait.CancelAfter(MaxWait);
        while (true)
        {
            switch (await replays.BeginAsync(keyHash, requestHash, context.RequestAborted))
            {
                case ReplayStart.Answer answer:
                    await IdempotencyKeys.ReplayAsync(context, answer);
                    return;
                case ReplayStart.First first:
                    await IdempotencyKeys.RunAndKeepAsync(context, next, replays, first.Id,
                        response => response.StatusCode is >= 300 and < 400 || (response.StatusCode is >= 200 and < 300 && context.Items.ContainsKey(WrittenItem)),
                        MaxKeptPage);
                    return;
                case ReplayStart.InProgress when !wait.IsCancellationRequested:
                    // A second press while the first still runs: the browser shows this answer, so wait for the first's.
                    try
                    {
                        await Task.Delay(PollEvery, wait.Token);
                    }
                    catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                    {
                    }
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status409Conflict;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(StatusPage.Render(context, StatusCodes.Status409Conflict,
                        "This form is still being processed from when you first sent it. Open the page again in a minute to see what was recorded; do not send it again."),
                        context.RequestAborted);
                    return;
            }
        }
    });
}

/// <summary>
/// Adds the one-time key (<see cref="FormKeys"/>) to every <c>&lt;form method="post"&gt;</c> of the staff pages, except
/// those marked <c>no-form-key</c> (the layout's language switch and sign-out, which record nothing).
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class FormKeyTagHelper : TagHelper
{
    private const string OptOut = "no-form-key";

    [ViewContext]
    [HtmlAttributeNotBound]
    public Microsoft.AspNetCore.Mvc.Rendering.ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes.RemoveAll(OptOut) || ViewContext is null || !FormKeys.Applies(ViewContext.HttpContext.Request.Path))
        {
            return;
        }
        if (!string.Equals(context.AllAttributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{FormKeys.Field}\" value=\"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\">");
    }
}
