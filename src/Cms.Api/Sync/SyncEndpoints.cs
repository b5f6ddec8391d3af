using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.ReadPath;

namespace Cms.Api.Sync;

internal static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder api)
    {
        // Any answer computed a moment ago is still a correct one: its token marks the snapshot it came from, so the
        // next call picks up whatever happened since. Devices polling with nothing new share one computed answer.
        api.MapGet("/sync", GetSync.Handle)
            // A page with content belongs to one device's pass and is asked for once; "nothing new" is polled by every device.
            .CachedForReaders(ReadCachePolicy.WholeAnswersWhen<SyncResponse>(page => page.Items.Count == 0 && page.Deleted.Count == 0))
            .WithTags("Sync")
            .WithName("sync")
            .WithSummary("Articles changed since a token, for apps that keep articles offline")
            .WithDescription(
                "Without token: the initial sync, every article an anonymous reader can see, in pages. With the last nextToken: " +
                "the next page, or what changed since (new or updated visible articles in items, ids to remove in deleted: " +
                "deleted, unpublished, archived, expired). Store items, remove deleted, follow nextToken while hasMore. " +
                "An article changed many times appears once, at its latest version. limit 1..500 (default 100). " +
                "400 invalid_sync_token for a token this service did not issue; 410 sync_token_expired for one older than the " +
                "service keeps deletions (90 days by default): start over without a token.")
            .DescribeParameter("token", "The nextToken of the previous answer; none for the first sync.")
            .DescribeParameter("limit", "Items a page, 1 to 500 (default 100).")
            .WithResponseExample(StatusCodes.Status200OK, SyncExamples.Response)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }
}
