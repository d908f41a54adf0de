using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Platform;

/// <summary>
/// Every field of a JSON body that cannot be read, not only the first. System.Text.Json stops at the first fault, so a
/// client that fixed <c>"from": "2027-02-30"</c> learnt on the next try that <c>"strength": "x"</c> was wrong too. The body
/// of an endpoint that reads JSON is kept in memory (it is at most <see cref="Hosting.VigilHost.MaxRequestBodyBytes"/>, and
/// never goes to a temporary file: it may hold personal data), and when binding fails the error handler reads it again as
/// a document and tries each property alone against its type in the endpoint's body type, with the host's options and the
/// same messages. Only the framework's reading is repeated: the use case's own checks run once the body can be read.
/// </summary>
public static class JsonBodyFaults
{
    /// <summary>Before an endpoint that reads a JSON body: its body is kept so that the error handler can read it again.</summary>
    public static void UseJsonBodyBuffering(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.HasJsonContentType() && BodyType(context.GetEndpoint()) is not null)
        {
            context.Request.EnableBuffering(bufferThreshold: (int)Hosting.VigilHost.MaxRequestBodyBytes + 1);
        }
        await next();
    });

    /// <summary>The message for a value System.Text.Json could not read: a date's own value only (JsonDates), never another's.</summary>
    public static string Message(JsonException error) => error switch
    {
        NulGuard.NulException => NulGuard.Message,
        JsonDates.InvalidDateException date => JsonDates.Message(date),
        _ => "This is not valid JSON, or the value has the wrong type.",
    };

    /// <summary>
    /// The faulty fields of the request's body by JSON path (<c>from</c>, <c>languages[1]</c>): the one binding stopped at
    /// first, then each other property of the body's object that does not read as its type, in the body's order.
    /// </summary>
    internal static async Task<Dictionary<string, string[]>> FaultsAsync(HttpContext context, Endpoint? endpoint, string first, string message)
    {
        var faults = new Dictionary<string, string[]>(StringComparer.Ordinal) { [first] = [message] };
        var body = context.Request.Body;
        if (BodyType(endpoint) is not { } type || !body.CanSeek)
        {
            return faults;
        }
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            body.Position = 0;
            document = await JsonDocument.ParseAsync(body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return faults; // not JSON at all: the first fault says so
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return faults;
            }
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var properties = options.GetTypeInfo(type).Properties;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, comparison)) is not { } property)
                {
                    continue; // not a field of the body: ignored, as binding ignores it
                }
                try
                {
                    member.Value.Deserialize(property.PropertyType, options);
                }
                catch (JsonException e)
                {
                    // The path inside the value ("$[1]" for the second item of a list) follows the field's name as sent.
                    faults.TryAdd(member.Name + (e.Path ?? "$")[1..], [Message(e)]);
                }
            }
        }
        return faults;
    }

    /// <summary>The type of the endpoint's JSON body, or null when it reads none.</summary>
    private static Type? BodyType(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type } accepts
        && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
            ? type
            : null;
}
