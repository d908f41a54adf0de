using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Web.Platform;

/// <summary>
/// U+0000 in a request value. PostgreSQL's text cannot store it (the write fails with SQLSTATE 22021, a 500), SQLite
/// would keep it, and no name, date or note has one. So it is refused at the edge on both databases, naming the field:
/// JSON strings by <see cref="StringConverter"/>, query values by <see cref="UseNulCheck"/>, form fields by
/// <see cref="FormBindingFilter"/>, CSV files by their readers. (Kestrel itself answers 400 to %00 in a path.)
/// </summary>
public static class NulGuard
{
    public const string Message = "This value holds a NUL character (U+0000), which no field accepts.";

    public static bool Holds(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>Query values, before an endpoint binds them.</summary>
    public static void UseNulCheck(this WebApplication app) => app.Use(async (context, next) =>
    {
        var query = context.Request.Query.Where(q => Holds(q.Key) || q.Value.Any(Holds)).Select(q => Holds(q.Key) ? "query" : q.Key);
        if (query.FirstOrDefault() is { } field)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorHandling.WriteFieldProblemAsync(context, field, ErrorHandling.TitleFor(400), Message);
            return;
        }
        await next();
    });

    /// <summary>Every JSON string a request body carries; the failure reaches the error handler with the JSON path.</summary>
    public sealed class StringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // Dictionary keys pass through here too; without these overrides a custom string converter refuses them.
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString())!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string? Checked(string? value) => Holds(value) ? throw new NulException() : value;
    }

    /// <summary>Thrown by <see cref="StringConverter"/>; System.Text.Json fills in the path of the field.</summary>
    public sealed class NulException() : JsonException(NulGuard.Message);
}
