using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
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
/// </summary>
public static class FormKeys
{
    public const string Field = "__FormKey";

    private const string WrittenItem = "Vigil.FormKeys.Written";

    /// <summary>How long a retry waits for the first send to finish before it is answered 409.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// For a page that answers a successful write with the page itself (not a redirect): the answer may be kept for
    /// the form's retries.
    /// </summary>
    public static void Written(HttpContext context) => context.Items[WrittenItem] = true;

    public static void UseFormKeys(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account")
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
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
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
        var keyHash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"form-key:{userId}:{key}"));
        var requestHash = await IdempotencyKeys.RequestHashAsync(context, secret);
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
                case ReplayStart.Mismatch:
                    // The same form page sent with other values (back, edit, send): a new submission, run without a key.
                    await next(context);
                    return;
                case ReplayStart.First first:
                    await IdempotencyKeys.RunAndKeepAsync(context, next, replays, first.Id,
                        response => response.StatusCode is >= 300 and < 400 || (response.StatusCode is >= 200 and < 300 && context.Items.ContainsKey(WrittenItem)));
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
                    await context.Response.WriteAsync(StatusPage.Render(StatusCodes.Status409Conflict,
                        "This form is still being processed from when you first sent it. Open the page again in a minute to see what was recorded; do not send it again."),
                        context.RequestAborted);
                    return;
            }
        }
    });
}

/// <summary>
/// Adds the one-time key (<see cref="FormKeys"/>) to every <c>&lt;form method="post"&gt;</c> of the pages, except those
/// marked <c>no-form-key</c> (the layout's language switch and sign-out, which record nothing).
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class FormKeyTagHelper : TagHelper
{
    private const string OptOut = "no-form-key";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes.RemoveAll(OptOut))
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
