using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Authors;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Articles;

internal static class ListArticles
{
    /// <summary>Every article readers can see: the unfiltered list's rows, whose cached total is the library's size.</summary>
    /// <summary>How long lists ordered by views or rating keep their anchors: their order moves without content writes.</summary>
    public static readonly TimeSpan CounterSortMaxAge = TimeSpan.FromSeconds(5);

    private static readonly string LibraryScope = new ArticleFilter(null, null, null, null, null, null, null, null, null, null).RowsScope();

    /// <summary>What this reader may see, filtered and ordered (newest first by default); items leave out the body.</summary>
    public static async Task<Results<Ok<PagedList<ArticleResponse>>, JsonHttpResult<PagedList<JsonObject>>, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] PageQuery page, [AsParameters] ArticleFilter filter, [AsParameters] ListServices services, CancellationToken cancellationToken)
    {
        return await PageAsync(filter, page, services, cancellationToken);
    }

    /// <summary>The articles bearing one author's byline: the same list with the author fixed.</summary>
    public static async Task<Results<Ok<PagedList<ArticleResponse>>, JsonHttpResult<PagedList<JsonObject>>, ValidationProblem, ProblemHttpResult>> ByAuthor(
        string idOrSlug, [AsParameters] PageQuery page, [AsParameters] ArticleFilter filter, [AsParameters] ListServices services,
        CancellationToken cancellationToken)
    {
        var authorId = await services.Db.Authors.ByIdOrSlug(idOrSlug).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (authorId is null)
        {
            return Problem.NotFound("The author");
        }

        return await PageAsync(filter with { Author = authorId.ToString() }, page, services, cancellationToken);
    }

    /// <summary>What a list needs besides its query.</summary>
    internal readonly record struct ListServices(HttpContext Http, CmsDbContext Db, CursorCodec Cursors, ListCache Lists,
        IOptions<ArticleListOptions> Options, IOptions<SearchOptions> Search, IOptions<JsonOptions> Json, TimeProvider Time);

    private static async Task<Results<Ok<PagedList<ArticleResponse>>, JsonHttpResult<PagedList<JsonObject>>, ValidationProblem, ProblemHttpResult>> PageAsync(
        ArticleFilter filter, PageQuery page, ListServices services, CancellationToken cancellationToken)
    {
        var (http, db, cursors, lists, time) = (services.Http, services.Db, services.Cursors, services.Lists, services.Time);
        var viewer = Viewer.Of(http);
        if (filter.Status is not null && !viewer.SeesEverything)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Filtering by status is for editors.");
        }

        if (filter.CreatedBy is { } createdBy)
        {
            // "me" becomes the id, so a cursor or scope never means different rows for different users.
            var own = createdBy == ArticleFilter.Me || (Guid.TryParse(createdBy, out var userId) && userId == viewer.UserId);
            if (viewer.UserId is not { } me || (!own && !viewer.SeesEverything))
            {
                return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden",
                    "Filtering by creator is for signed-in staff: createdBy=me, or any user's id for editors.");
            }

            filter = filter with { CreatedBy = (own ? me : Guid.Parse(createdBy)).ToString() };
        }

        var now = time.Now();
        var scope = filter.Scope();
        var visible = db.Articles.VisibleTo(viewer, now);
        var sort = filter.Sort ?? ArticleFilter.Sorts[0];
        var search = filter.Search;
        var filtered = Where(visible, filter, now);
        var listOptions = services.Options.Value;
        await using var planner = new SearchPlanChooser(db, listOptions.SearchWalkCost);
        var terms = search is null ? null : await planner.BeginAsync(search, cancellationToken);
        var articles = terms is null ? filtered : filtered.Where(a => a.SearchVector.Matches(terms.Vector));

        // A search's matches through its shards' GIN indexes (SearchShards); `articles` is what an index walk tests row by
        // row, on search_vector: smaller to read than search_words, and a prefix costs nothing in one article's words.
        var matches = terms is null ? articles : SearchShards.Union(filtered.Where(a => a.SearchWords.Matches(terms.Words)));

        // Two steps: the page's keys first (narrow, from the indexes, however deep the page), then those rows in full.
        var keys = ArticleOrder.Keys(sort == ArticleFilter.Relevance ? matches : articles, sort, terms);
        var matchedKeys = ArticleOrder.Keys(matches, sort, terms);
        var pageNumber = page.PageNumber;
        var skip = page.Skip();
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<ArticlePosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            (pageNumber, skip) = (resumed.Page, 0);
            keys = ArticleOrder.After(keys, sort, resumed.Position);
            matchedKeys = ArticleOrder.After(matchedKeys, sort, resumed.Position);
        }

        // Readers' lists are the same for everyone: their totals and deep-page anchors are cached (ListCache).
        var snapshots = viewer == Viewer.Anonymous ? lists : null;
        var numberedSkip = skip;
        if (snapshots is not null && page.Cursor is null
            && await snapshots.AnchorAsync(scope, skip, listOptions.AnchorEvery, ArticleFilter.ByCounters(sort) ? CounterSortMaxAge : null, db,
                () => ArticleOrder.Keys(matches, sort, terms).AsAsyncEnumerable(), key => ArticleOrder.PositionOf(key, sort),
                cancellationToken) is { } anchor)
        {
            keys = ArticleOrder.After(keys, sort, anchor.Position);
            matchedKeys = ArticleOrder.After(matchedKeys, sort, anchor.Position);
            skip = anchor.Skip;
        }

        var size = page.Size();
        var pageKeysQuery = keys.Skip(skip).Take(size + 1);
        // A search counts its matches only up to the exact-total limit (plus one, to know there are more): SearchTotal. Past
        // it the count is an estimate from the shards it read (SearchShards.CountUpToAsync), answered as the limit.
        var exactLimit = services.Search.Value.ExactTotalLimit;
        Task<long> Count() => search is null
            ? articles.LongCountAsync(cancellationToken)
            : SearchShards.CountUpToAsync(matches, SearchTotal.CountLimit(exactLimit), cancellationToken);
        Task<long>? counting = null;
        Task<long> Total() => counting ??= snapshots is null ? Count() : snapshots.TotalAsync(filter.RowsScope(), db, Count, cancellationToken);

        // A search in a btree-served order is told how many articles match before its keys are read (SearchPlanChooser):
        // the total (or its estimate past the limit) when it is wanted anyway, else a count that stops once there are enough.
        // Relevance ranks every match.
        Task<long> Library() => lists.TotalAsync(LibraryScope, db, () => db.Articles.VisibleTo(Viewer.Anonymous, now).LongCountAsync(cancellationToken), cancellationToken);
        async Task<long> MatchesUpTo(long enough) => !page.WantsTotal
            ? await SearchShards.CountUpToAsync(matches, enough, cancellationToken)
            : await Total();
        Task<List<ArticleKey>> ReadPageKeys() => search is null || sort == ArticleFilter.Relevance
            ? pageKeysQuery.ToListAsync(cancellationToken)
            : planner.KeysAsync(pageKeysQuery, matchedKeys.Skip(skip).Take(size + 1), skip + size + 1, Library, MatchesUpTo, cancellationToken);
        // Counter sorts are read every time: their order moves without any content write.
        var pageKeys = snapshots is not null && search is not null && page.Cursor is null && !ArticleFilter.ByCounters(sort)
            ? await snapshots.SearchPageAsync(scope, numberedSkip, size + 1, db, ReadPageKeys, cancellationToken)
            : await ReadPageKeys();
        string? nextCursor = null;
        if (pageKeys.Count > size)
        {
            pageKeys.RemoveAt(size);
            nextCursor = await cursors.EncodeAsync(scope, pageNumber + 1, ArticleOrder.PositionOf(pageKeys[^1], sort), cancellationToken);
        }

        var fields = ArticleFields.Parse(filter.Fields);
        var ids = pageKeys.Select(k => k.Id).ToList();
        var rows = ids.Count == 0 ? [] : await db.Articles.Where(a => ids.Contains(a.Id)).Rows(fields).ToDictionaryAsync(r => r.Id, cancellationToken);
        var items = ids.Where(rows.ContainsKey).Select(id => rows[id].ToResponse(now)).ToList();
        if (viewer.SeesEverything && items.Count > 0)
        {
            // Staff lists mark the live articles whose edits wait to be published (pending revisions past the live one).
            var pending = await (from r in db.ArticleRevisions
                                 join a in db.Articles on r.ArticleId equals a.Id
                                 where ids.Contains(a.Id) && r.Pending && r.Version > a.Version
                                 select a.Id).Distinct().ToListAsync(cancellationToken);
            items = [.. items.Select(i => i with { HasPendingChanges = pending.Contains(i.Id) })];
        }

        SearchTotal? total = !page.WantsTotal ? null : search is null ? new(await Total(), false) : SearchTotal.Of(await Total(), exactLimit);

        if (!fields.IsPicked)
        {
            return TypedResults.Ok(new PagedList<ArticleResponse>(items, pageNumber, size, total?.Total, nextCursor, total?.IsLowerBound));
        }

        var json = services.Json.Value.SerializerOptions;
        var picked = items.Select(item => Pick(JsonSerializer.SerializeToNode(item, json)!.AsObject(), fields)).ToList();
        return TypedResults.Json(new PagedList<JsonObject>(picked, pageNumber, size, total?.Total, nextCursor, total?.IsLowerBound), json);
    }

    /// <summary>The filters but the search, which the caller matches on search_vector (walks) or search_words (GIN).</summary>
    private static IQueryable<Article> Where(IQueryable<Article> articles, ArticleFilter filter, DateTimeOffset now)
    {
        if (filter.Category is { } category)
        {
            articles = Guid.TryParse(category, out var categoryId)
                ? articles.Where(a => a.Categories.Any(c => c.CategoryId == categoryId))
                : articles.Where(a => a.Categories.Any(c => c.Category.Slug == category));
        }

        if (filter.Author is { } author)
        {
            articles = Guid.TryParse(author, out var authorId)
                ? articles.Where(a => a.Authors.Any(x => x.AuthorId == authorId))
                : articles.Where(a => a.Authors.Any(x => x.Author.Slug == author));
        }

        if (filter.Tag is { } tag)
        {
            articles = articles.Where(a => a.Tags.Contains(tag));
        }

        if (Guid.TryParse(filter.CreatedBy, out var createdById))
        {
            articles = articles.Where(a => a.CreatedById == createdById);
        }

        articles = filter.StatusValue switch
        {
            ArticleStatus.Scheduled => articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now),
            ArticleStatus.Published => articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now),
            { } stored => articles.Where(a => a.Status == stored),
            null => articles,
        };
        // In UTC: PostgreSQL's timestamptz takes no other offset (a "+07:00" in the query was a 500).
        if (filter.PublishedFrom?.ToUniversalTime() is { } from)
        {
            articles = articles.Where(a => a.PublishAt >= from);
        }

        if (filter.PublishedTo?.ToUniversalTime() is { } to)
        {
            articles = articles.Where(a => a.PublishAt <= to);
        }

        return articles;
    }

    private static JsonObject Pick(JsonObject item, ArticleFields fields)
    {
        foreach (var name in item.Select(p => p.Key).Where(k => !fields.Properties.Contains(k)).ToList())
        {
            item.Remove(name);
        }

        return item;
    }
}
