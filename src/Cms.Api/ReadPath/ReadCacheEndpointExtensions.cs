using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

public static class ReadCacheEndpointExtensions
{
    /// <summary>Anonymous GETs of this endpoint are served from the read cache under <paramref name="policy"/>.</summary>
    public static TBuilder CachedForReaders<TBuilder>(this TBuilder builder, ReadCachePolicy? policy = null) where TBuilder : IEndpointConventionBuilder
    {
        policy ??= ReadCachePolicy.WholeAnswers;
        builder.WithMetadata(policy);
        builder.Add(endpoint =>
        {
            var services = endpoint.ApplicationServices;
            if (!services.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Enabled)
            {
                return;
            }

            var filter = new ReadCacheFilter(services.GetRequiredService<ResponseCache>(), services.GetRequiredService<ArticleCounters>(),
                endpoint.Metadata.OfType<ReadCachePolicy>().Last());
            endpoint.FilterFactories.Add((_, next) => invocation => filter.InvokeAsync(invocation, next));
        });
        return builder;
    }
}
