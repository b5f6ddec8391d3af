using Cms.Api.Data;
using Cms.Api.Infrastructure.Observability;
using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

public static class ReadCacheEndpointExtensions
{
    /// <summary>
    /// Anonymous GETs of this endpoint are served from the read cache under <paramref name="policy"/>, and, on a miss, read
    /// from the replica when one is configured and up to date (unless <see cref="ReadsPrimaryOnly"/>).
    /// </summary>
    public static TBuilder CachedForReaders<TBuilder>(this TBuilder builder, ReadCachePolicy? policy = null) where TBuilder : IEndpointConventionBuilder
    {
        policy ??= ReadCachePolicy.WholeAnswers;
        builder.WithMetadata(policy);
        builder.Add(endpoint =>
        {
            var services = endpoint.ApplicationServices;
            if (services.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
            {
                var filter = new ReadCacheFilter(services.GetRequiredService<ResponseCache>(), services.GetRequiredService<ArticleCounters>(),
                    services.GetRequiredService<CmsMetrics>(), endpoint.Metadata.OfType<ReadCachePolicy>().Last());
                endpoint.FilterFactories.Add((_, next) => invocation => filter.InvokeAsync(invocation, next));
            }

            // Inside the cache's filter: a miss is stamped (on the primary) before the read is routed.
            endpoint.FilterFactories.Add((_, next) => !services.GetRequiredService<ReplicaDataSource>().IsConfigured || endpoint.Metadata.OfType<PrimaryOnly>().Any()
                ? next
                : async invocation =>
                {
                    var http = invocation.HttpContext;
                    if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Headers.Authorization.Count > 0)
                    {
                        return await next(invocation);
                    }

                    // Handlers return read values (the result only writes them), so the lease can end with the handler.
                    await using var onReplica = await http.RequestServices.GetRequiredService<ReplicaReads>()
                        .TryUseAsync(http.RequestServices.GetRequiredService<CmsDbContext>(), http.RequestAborted);
                    return await next(invocation);
                });
        });
        return builder;
    }

    /// <summary>This endpoint's anonymous reads stay on the primary even when a replica is configured.</summary>
    public static TBuilder ReadsPrimaryOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PrimaryOnly());

    private sealed class PrimaryOnly;
}
