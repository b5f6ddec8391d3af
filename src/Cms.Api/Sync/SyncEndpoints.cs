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
            .CachedForReaders(ReadCachePolicy.WholeAnswersWhen<SyncResponse>(page => page.IsEmpty))
            // Exact by snapshot and transaction ids, and mostly answered from the cache: the primary's (README, replicas).
            .ReadsPrimaryOnly()
            .WithTags("Sync")
            .WithName("sync")
            .WithSummary("Articles, categories and authors changed since a token, for apps that keep them offline")
            .WithDescription(
                "Without token: the initial sync, every article an anonymous reader can see, in pages, with every category and author. " +
                "With the last nextToken: the next page, or what changed since: new or updated visible articles in items, ids to remove " +
                "in deleted (deleted, unpublished, archived, expired, or moved out of the category synced); categories and authors new " +
                "or changed in categories and authors (as their own endpoints answer them), removed ones in deletedCategories and " +
                "deletedAuthors. Store items, remove deleted, follow nextToken while hasMore. An article changed many times appears " +
                "once, at its latest version. The menu and bylines come with the first page of each pass; with category they are " +
                "still all of them (the whole menu is small, and a section's app shows the rest of it too). media lists the pictures " +
                "of the page's articles with the renditions the reader pages load (fetch those to read offline). limit 1..500 " +
                "(default 100). A token carries its category and fields: send the same ones with it. 400 invalid_sync_token for a " +
                "token this service did not issue or one used with another category or fields; 410 sync_token_expired for one older " +
                "than the service keeps deletions (90 days by default): start over without a token.")
            .DescribeParameter("token", "The nextToken of the previous answer; none for the first sync.")
            .DescribeParameter("limit", "Items a page, 1 to 500 (default 100).")
            .DescribeParameter("category", "Sync one category (id or slug) and every category under it: an article moved out of it " +
                "comes in deleted, one moved in comes in items. Send it with every call of the sync (the token is bound to it).")
            .DescribeParameter("fields", "Article properties to send, comma-separated, as on lists (id and version always come); " +
                "none for whole articles. Send it with every call of the sync (the token is bound to it).")
            .WithResponseExample(StatusCodes.Status200OK, SyncExamples.Response)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }
}
