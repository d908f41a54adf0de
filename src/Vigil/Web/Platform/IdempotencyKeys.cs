using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Replay;
using Vigil.Core.Security;

namespace Vigil.Web.Platform;

/// <summary>Marks an endpoint that handles <c>Idempotency-Key</c> itself (the public and the staff report intake).</summary>
public sealed class OwnIdempotencyMetadata
{
    public static readonly OwnIdempotencyMetadata Instance = new();
}

/// <summary>
/// <c>Idempotency-Key</c> on every staff API write (POST, PUT, PATCH, DELETE under /api/v1, signed in). A field officer
/// whose connection dropped before the answer sends the same request again with the same key, and gets the first
/// answer instead of a second note verbale, action, evidence item or deadline. Keys are per account and kept 24 hours;
/// only successful answers are kept, so a refused request can be corrected and sent again with its key. The same key
/// on another request is 422; a retry while the first still runs is 409.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>The audit action of an answer shown again to a retry.</summary>
    public const string Replayed = "replay";

    // Answers above this are passed through but not kept: no API write answers with this much.
    private const int MaxKeptBody = 256 * 1024;

    public static void UseIdempotencyKeys(this WebApplication app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue(Header, out var values)
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api/v1")
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<OwnIdempotencyMetadata>() is not null)
        {
            await next(context);
            return;
        }
        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > 255 || key.Any(c => c is < ' ' or > '~'))
        {
            await ProblemAsync(context, 400, ErrorHandling.TitleFor(400),
                "The Idempotency-Key header must be one value of 1 to 255 printable ASCII characters.");
            return;
        }

        var secret = context.RequestServices.GetRequiredService<KeyRing>().ReceiptKey;
        var keyHash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"api-idempotency:{userId}:{key}"));
        byte[] requestHash;
        try
        {
            requestHash = await RequestHashAsync(context, secret);
        }
        catch (InvalidDataException)
        {
            // A multipart body that cannot be parsed; the endpoint would have refused it too.
            context.Response.StatusCode = 400;
            await ErrorHandling.WriteFieldProblemAsync(context, "body", ErrorHandling.TitleFor(400), "The form in the request body could not be read.");
            return;
        }
        var replays = context.RequestServices.GetRequiredService<ApiReplays>();
        var ct = context.RequestAborted;
        switch (await replays.BeginAsync(keyHash, requestHash, ct))
        {
            case ReplayStart.Answer answer:
                await ReplayAsync(context, answer);
                return;
            case ReplayStart.Mismatch:
                await ProblemAsync(context, 422, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for another request in the last 24 hours; use a new key for a new request.");
                return;
            case ReplayStart.InProgress:
                await ProblemAsync(context, 409, ErrorHandling.TitleFor(409),
                    "The first request with this Idempotency-Key is still being processed; send it again in a moment.");
                return;
            case ReplayStart.First first:
                await RunAndKeepAsync(context, next, replays, first.Id, response => response.StatusCode is >= 200 and < 300);
                return;
        }
    });

    /// <summary>
    /// Answers a retry with the first request's answer. The first answer's reads were audited when it was made; showing it
    /// again is audited too ("replay", with the route, never the values), since it may hold unsealed text.
    /// </summary>
    internal static async Task ReplayAsync(HttpContext context, ReplayStart.Answer answer)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.GetEndpoint()?.DisplayName ?? "(no route)";
        await context.RequestServices.GetRequiredService<Vigil.Core.Audit.IAuditTrail>().RecordAsync(
            new Vigil.Core.Audit.AuditEvent(Replayed, nameof(ApiReplay), null, $"{context.Request.Method} {route}"), context.RequestAborted);
        context.Response.StatusCode = answer.Status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location;
        }
        if (answer.ContentType is not null)
        {
            context.Response.ContentType = answer.ContentType;
        }
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        return ErrorHandling.WriteFieldProblemAsync(context, Header, title, message, status);
    }

    /// <summary>Runs the request, keeping its answer for the key's retries when <paramref name="keep"/> says so; else frees the key.</summary>
    internal static async Task RunAndKeepAsync(HttpContext context, RequestDelegate next, ApiReplays replays, int id, Func<HttpResponse, bool> keep,
        int maxKeptBody = MaxKeptBody)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            var response = context.Response;
            if (keep(response) && buffer.Length <= maxKeptBody)
            {
                // CancellationToken.None: the write happened; its answer must be kept even if the client has gone.
                await replays.CompleteAsync(id, response.StatusCode, response.ContentType, response.Headers.Location.FirstOrDefault(), buffer.ToArray(), CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await replays.AbandonAsync(id, CancellationToken.None);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // Method, path, query and body. A form is hashed by its fields and files, not its bytes: a client retrying a
    // multipart upload picks a new boundary each time.
    internal static async Task<byte[]> RequestHashAsync(HttpContext context, byte[] secret)
    {
        var request = context.Request;
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        Append(hash, $"{request.Method}\n{request.Path}\n{request.QueryString}\n");
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var field in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Append(hash, $"field\n{field.Key}\n{field.Value.Count}\n");
                foreach (var value in field.Value)
                {
                    Append(hash, $"{value?.Length}\n{value}\n");
                }
            }
            foreach (var file in form.Files)
            {
                Append(hash, $"file\n{file.Name}\n{file.FileName}\n{file.ContentType}\n{file.Length}\n");
                await using var content = file.OpenReadStream();
                await AppendAsync(hash, content, context.RequestAborted);
            }
        }
        else
        {
            Append(hash, $"{request.ContentType}\n");
            request.EnableBuffering();
            await AppendAsync(hash, request.Body, context.RequestAborted);
            request.Body.Position = 0;
        }
        return hash.GetHashAndReset();
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    private static async Task AppendAsync(IncrementalHash hash, Stream stream, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
    }
}
