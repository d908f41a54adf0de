using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Pages;

public sealed record ApiRoute(string Tag, string Method, string Pattern, string Access, string Summary);

/// <summary>
/// The API reference, rendered on the server from the app's own route table: no script, nothing
/// from third parties, and it cannot drift from the routes that exist.
/// </summary>
public sealed class ApiReferenceModel(EndpointDataSource endpoints) : PageModel
{
    public IReadOnlyList<ApiRoute> Routes { get; private set; } = [];

    public void OnGet() => Routes = Describe(endpoints);

    public static IReadOnlyList<ApiRoute> Describe(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.ApplicationModels.PageRouteMetadata>() is null)
            .Where(e => e.RoutePattern.RawText is not null && !e.RoutePattern.RawText.StartsWith("/status", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiRoute(
                e.Metadata.GetMetadata<ITagsMetadata>()?.Tags is [var first, ..] ? first : "System",
                m,
                e.RoutePattern.RawText!,
                AccessOf(e),
                e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "")))
            .OrderBy(r => r.Tag, StringComparer.Ordinal).ThenBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();

    private static string AccessOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "anyone";
        }
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        return policies.Count == 0 ? "signed-in staff" : string.Join(" + ", policies);
    }
}
