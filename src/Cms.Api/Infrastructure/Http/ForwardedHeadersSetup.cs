using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Http;

/// <summary>
/// The client's address from <c>X-Forwarded-For</c>, only when the connection comes from a proxy named in
/// <c>Cms:Http:KnownProxies</c>: behind nginx every visitor would otherwise share its address, and so one rate limit.
/// From anyone else the header is ignored (anybody can send it). Nothing is trusted by default, loopback included.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddCmsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>()?.KnownProxies ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // Each known proxy in a chain peels one address off; the first unknown one is the client.
            options.ForwardLimit = null;
            foreach (var proxy in proxies.Where(p => !string.IsNullOrWhiteSpace(p)))
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException($"Cms:Http:KnownProxies takes addresses or CIDR networks (10.0.0.0/8); '{proxy}' is neither.");
                }
            }
        });
        return services;
    }

    public static IApplicationBuilder UseCmsForwardedHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }
}
