using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Core.Intake;
using Vigil.Web.Platform;

namespace Vigil.Web.Intake;

/// <summary>Limits for the anonymous routes, configurable under "RateLimits".</summary>
public sealed class PublicRateLimits
{
    /// <summary>Reports one address may file per window (valid reports only: refused attempts do not count).</summary>
    public int SubmissionsPerWindow { get; set; } = 10;

    /// <summary>Posts of the report form or API one address may make per window, valid or not.</summary>
    public int SubmitAttemptsPerWindow { get; set; } = 60;

    /// <summary>Receipt checks and messages one address may make per window.</summary>
    public int ReceiptAttemptsPerWindow { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

public static class IntakeSetup
{
    public const string SubmitPolicy = "public-submit";
    public const string ReceiptPolicy = "public-receipt";

    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection("Intake"));
        services.Configure<PublicRateLimits>(configuration.GetSection("RateLimits"));
        services.AddScoped<PublicReports>();
        services.AddScoped<StaffReports>();
        services.AddScoped<TriageEscalation>();
        services.AddSingleton<SubmissionQuota>();

        services.AddRateLimiter(o =>
        {
            // The address is used in memory to count attempts and never stored with a report.
            // Reading a blank form costs nothing; only posts and receipt checks count.
            static PublicRateLimits Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<PublicRateLimits>>().Value;
            o.AddPolicy(SubmitPolicy, context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api")
                ? RateLimitPartition.GetNoLimiter("form")
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + PartitionKey(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(Limits(context).SubmitAttemptsPerWindow, Limits(context).SubmissionsPerWindow), Window = Limits(context).Window }));
            o.AddPolicy(ReceiptPolicy, context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api")
                ? RateLimitPartition.GetNoLimiter("form")
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + PartitionKey(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).ReceiptAttemptsPerWindow, Window = Limits(context).Window }));
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = ((int)Limits(context).Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 429, Title = ErrorHandling.TitleFor(429), Detail = "Too many attempts. Wait a few minutes and try again." },
                });
            };
        });
        return services;
    }

    private static string PartitionKey(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
}
