using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Reference;
using Vigil.Core.Security;
using Vigil.Web.Access;
using Vigil.Web.Audit;
using Vigil.Web.Cases;
using Vigil.Web.Governance;
using Vigil.Web.Intake;
using Vigil.Web.Platform;
using Vigil.Web.Presence;
using Vigil.Web.Reference;
using Vigil.Web.Retention;
using Vigil.Web.Screening;

namespace Vigil.Hosting;

/// <summary>
/// Builds the web host. `vigil serve` and the integration tests use the same code, so the tests
/// exercise the real host over real HTTP.
/// </summary>
public static class VigilHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Framework log categories that can carry personal data or whatever a client sent: a download's file name
    /// (the evidence register), an unhandled exception's message (Vigil.Errors logs its type and route instead),
    /// request header values (Accept-Language and the culture cookie at Debug; the Content-Type header and the
    /// query string in each request's start and end lines), and the key ring's XML (Data Protection's database
    /// repository logs each key element it reads at Debug: encrypted, but key material has no place in a log).
    /// </summary>
    public static IReadOnlyList<(string Category, LogLevel Level)> QuietCategories { get; } =
    [
        ("Microsoft.AspNetCore.Http.Result", LogLevel.Warning),
        ("Microsoft.AspNetCore.Mvc.Infrastructure", LogLevel.Warning),
        ("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None),
        ("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning),
        ("Microsoft.AspNetCore.Localization", LogLevel.Information),
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning),
        ("Microsoft.AspNetCore.DataProtection", LogLevel.Information),
    ];

    public static WebApplicationBuilder CreateBuilder(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The assembly that holds the Razor Pages, also when a test project starts the host.
            ApplicationName = typeof(VigilHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The staff forms' one-time key (FormKeys) reads a form before MVC's size and form-limit filters run; routing has
        // already applied the page's limits from the same attributes, so these filters' "could not apply" warnings are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestFormLimitsFilter", LogLevel.Error);
        // Categories that would echo request data (file names, exception messages) are pinned,
        // whatever level an operator turns the rest up to while troubleshooting.
        foreach (var (category, level) in QuietCategories)
        {
            builder.Logging.AddFilter(category, level);
        }

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<VigilDbContext>((sp, options) => AuditSetup.ConfigureDbContext(sp, settings, options));
        services.AddDataProtection().SetApplicationName("vigil").PersistKeysToDbContext<VigilDbContext>().ProtectKeysWithKeyRing();

        services.AddSingleton(_ => KeyRing.LoadOrCreate(settings.ResolvedKeyFile));
        services.AddSingleton<FieldProtector>();
        services.AddSingleton<KeyFileHealthCheck>();
        services.AddScoped<Vigil.Core.Replay.ApiReplays>();
        services.AddVigilAccess(builder.Configuration);
        services.AddAudit(builder.Configuration);
        services.AddIntake(builder.Configuration);
        services.AddCases(builder.Configuration);
        services.AddRetention(builder.Configuration);
        services.AddBreakGlass(builder.Configuration);
        services.AddPresence(builder.Configuration);
        services.AddScreening(builder.Configuration);
        services.AddScoped<PresenceOverview>();
        services.AddScoped<PersonnelQueries>();

        services.AddProblemDetails();
        // Let unreadable bodies reach the one error handler, which names the JSON field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddValidation();
        services.ConfigureHttpJsonOptions(o =>
        {
            // Names only: a number (kind: 2147483647) would pass as a value no enum defines and fail deep in a handler.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new Vigil.Web.Platform.NulGuard.StringConverter());
            o.SerializerOptions.Converters.Add(new Vigil.Web.Platform.JsonDates.DateOnlyConverter());
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddDbContextCheck<VigilDbContext>("database")
            .AddCheck<Web.Intake.HeadquartersIntakeCheck>(Web.Intake.HeadquartersIntakeCheck.Name)
            .AddCheck<AuditLogHealthCheck>(AuditLogHealthCheck.Name)
            .AddCheck<KeyFileHealthCheck>(KeyFileHealthCheck.Name);
        // Write French, Arabic and every other script as characters, not &#x…; entities: pages stay small.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new global::System.Text.Encodings.Web.TextEncoderSettings(global::System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
        {
            // Deny by default with a named decision: every page needs a staff role unless opened below.
            o.Conventions.AuthorizeFolder("/", Policies.Staff);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/Code");
            o.Conventions.AllowAnonymousToPage("/Account/Enrol");
            o.Conventions.AllowAnonymousToPage("/Account/External");
            o.Conventions.AuthorizePage("/Account/Security", Policies.Staff);
            o.Conventions.AllowAnonymousToPage("/Status");
            o.Conventions.AllowAnonymousToPage("/ApiReference");
            o.Conventions.AllowAnonymousToFolder("/Report");
            o.Conventions.AuthorizeFolder("/Inbox", Policies.IntakeHandlers);
            o.Conventions.AuthorizeFolder("/Reports", Policies.IntakeHandlers);
            o.Conventions.AuthorizeFolder("/Cases", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Personnel", Policies.PersonnelReaders);
            o.Conventions.AuthorizeFolder("/Rotation", Policies.IntakeHandlers);
            o.Conventions.AuthorizeFolder("/Evaluations", Policies.IntakeHandlers);
            // Corrections of records: the conduct team's policy, the chief's role checked by the use case.
            o.Conventions.AuthorizeFolder("/Officers", Policies.IntakeHandlers);
            o.Conventions.AuthorizeFolder("/Contingents", Policies.IntakeHandlers);
            o.Conventions.AuthorizePage("/Sites/Correct", Policies.IntakeHandlers);
            o.Conventions.AuthorizePage("/Sites/New", Policies.IntakeHandlers);
            o.Conventions.AuthorizeFolder("/Coverage", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Screening", Policies.ScreeningReaders);
            o.Conventions.AuthorizeFolder("/Audit", AuditSetup.Policy);
        }).AddViewLocalization().AddMvcOptions(o =>
        {
            // Pages validate in their use cases, with messages that name the field; model state then holds only what
            // could not be bound, which the filter refuses (a non-nullable string is not implicitly "required").
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            o.Filters.Add<Vigil.Web.Platform.FormBindingFilter>();
        });
        // The notice a page shows after its own redirect (Screening/Registry: "Record … added."): TempData, in a cookie sealed
        // by data protection and read once, so a crafted link cannot show one. Like the sign-in cookie: same site only.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "vigil-notice";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.IsEssential = true;
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Staff pages are in English and French; the public reporting pages also in Arabic.
            string[] cultures = ["en", "fr", "ar"];
            o.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseReverseProxy();
        app.UseVigilErrors();
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UsePublicNotFound();
        app.UseAuthentication();
        app.UseLanguageFromLinks();
        app.UseSessionChecks();
        app.UseAuthorization();
        app.UseBreakGlassGrants();
        app.UseRateLimiter();
        app.UseBodySizeCheck();
        app.UseJsonCharsetCheck();
        app.UseNulCheck();
        app.UseJsonBodyBuffering();
        app.UseIdempotencyKeys();
        app.UseFormKeys();

        app.MapSystemEndpoints();
        app.MapAccessEndpoints();
        app.MapReferenceEndpoints();
        app.MapPublicReportEndpoints();
        app.MapStaffReportEndpoints();
        app.MapCaseEndpoints();
        app.MapEvidenceAndAssistanceEndpoints();
        app.MapNotificationEndpoints();
        app.MapRetentionEndpoints();
        app.MapBreakGlassEndpoints();
        app.MapPresenceEndpoints();
        app.MapScreeningEndpoints();
        app.MapAuditEndpoints();
        app.MapRazorPages();
        return app;
    }
}
