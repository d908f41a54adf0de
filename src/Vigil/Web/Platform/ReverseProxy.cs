using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Vigil.Web.Platform;

/// <summary>
/// Behind a reverse proxy (TLS termination), X-Forwarded-For and X-Forwarded-Proto are honoured
/// only from the proxies named in configuration: "ForwardedHeaders:KnownProxies" (addresses) and
/// "ForwardedHeaders:KnownNetworks" (CIDR, e.g. 10.0.0.0/24). Without either, the headers are
/// ignored, so nobody can forge an address to dodge a rate limit or fake HTTPS.
/// </summary>
public static class ReverseProxy
{
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1),
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network such as 10.0.0.0/24."));
        }
        return options;
    }

    public static void UseReverseProxy(this WebApplication app)
    {
        if (Options(app.Configuration) is { } options)
        {
            app.UseForwardedHeaders(options);
        }
    }
}
