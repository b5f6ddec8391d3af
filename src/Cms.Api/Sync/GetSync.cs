using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sync;

internal static class GetSync
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>What a sync needs besides its query.</summary>
    internal readonly record struct SyncServices(CmsDbContext Db, NpgsqlDataSource DataSource, SyncTokenCodec Tokens, TimeProvider Time,
        IOptions<SyncOptions> Options, IOptions<JsonOptions> Json);

    /// <summary>
    /// No token: the initial pass over everything readers see (in <paramref name="category"/>'s tree when given). With a
    /// token: the next page of its pass, or, when the last pass is complete, what changed since (see SyncQueries for why
    /// nothing is missed). The menu and bylines come with each pass's first page.
    /// </summary>
    public static async Task<Results<Ok<SyncResponse>, JsonHttpResult<JsonObject>, ValidationProblem, ProblemHttpResult>> Handle(
        string? token, int? limit, string? category, string? fields, [AsParameters] SyncServices services, CancellationToken cancellationToken)
    {
        var (db, tokens, options) = (services.Db, services.Tokens, services.Options.Value);
        if (limit is < 1 or > MaxLimit)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        }

        if (ArticleFields.Unknown(fields) is { Count: > 0 } unknown)
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["fields"] = [$"Unknown field(s): {string.Join(", ", unknown)}. Pick from: {string.Join(", ", ArticleFields.Names)}."],
            });
        }

        var now = services.Time.Now();
        category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        var picked = SyncFields(fields);
        SyncToken? position = null;
        if (!string.IsNullOrEmpty(token) && (position = await tokens.DecodeAsync(token, cancellationToken)) is null)
        {
            return InvalidToken("This token was not issued by this service or was changed. Pass nextToken back exactly as received, or start over without a token.");
        }

        if (position is not null && (position.Category != category || position.Fields != picked))
        {
            return InvalidToken($"This token belongs to a sync with category={position.Category} and fields={position.Fields}: send the same " +
                "category and fields with it, or start the other sync over without a token.");
        }

        if (position is not null && now - position.FromTime > TimeSpan.FromDays(options.RetentionDays))
        {
            return Problem.Of(StatusCodes.Status410Gone, ProblemCodes.SyncTokenExpired, "Sync token expired",
                $"Deletions are kept for {options.RetentionDays} days and this token is older. Start over: sync without a token.");
        }

        var categoryId = position?.CategoryId;
        if (position is null && category is not null
            && (categoryId = await db.Categories.ByIdOrSlug(category).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)) is null)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["category"] = [$"No category has the id or slug '{category}'."] });
        }

        var size = limit ?? DefaultLimit;
        // The pass's end in time is fixed when it starts, like its snapshot; an initial pass lists what is visible now.
        var toTime = position?.ToTime ?? now;
        var page = await SyncQueries.ReadAsync(services.DataSource, position is { Initial: false } ? position : null, position?.To,
            position is { Initial: true } ? now : toTime, position?.After, size + 1, categoryId, cancellationToken);
        var hasMore = page.Entries.Count > size;
        var entries = page.Entries.Take(size).ToList();

        var articleFields = picked is null ? ArticleFields.All : ArticleFields.Parse(picked);
        var visibleIds = entries.Where(e => e.Visible).Select(e => e.Id).ToList();
        var articles = db.Articles.Where(a => visibleIds.Contains(a.Id)).Where(ArticleVisibility.VisibleAt(now));
        if (categoryId is not null)
        {
            // Moved out of the tree since the pass's snapshot: as good as deleted, like an article hidden since (a later pass repeats it).
            var tree = await TreeAsync(db, categoryId.Value, cancellationToken);
            articles = articles.Where(a => a.Categories.Any(c => tree.Contains(c.CategoryId)));
        }

        var rows = visibleIds.Count == 0 ? [] : await articles.Rows(articleFields).ToDictionaryAsync(r => r.Id, cancellationToken);
        var items = visibleIds.Where(rows.ContainsKey).Select(id => rows[id].ToResponse(now)).ToList();
        // Visible when the pass started but gone or hidden a moment later: as good as deleted (a later pass repeats it).
        var deleted = entries.Where(e => !e.Visible || !rows.ContainsKey(e.Id)).Select(e => e.Id).ToList();

        var next = (position, hasMore) switch
        {
            // The initial pass starts: it remembers its start, which the first delta will begin from.
            (null, _) when hasMore => new SyncToken(true, page.Snapshot, now, null, null, entries[^1].Id, category, categoryId, picked),
            (null, _) => new SyncToken(false, page.Snapshot, now, null, null, null, category, categoryId, picked),
            ({ Initial: true }, true) => position with { After = entries[^1].Id },
            ({ Initial: true }, false) => position with { Initial = false, To = null, ToTime = null, After = null },
            // A delta pass: more pages keep its two ends; the last one's end is the next pass's start.
            (_, true) => position with { To = page.Snapshot, ToTime = toTime, After = entries[^1].Id },
            (_, false) => position with { From = page.Snapshot, FromTime = toTime, To = null, ToTime = null, After = null },
        };
        var (categories, deletedCategories, authors, deletedAuthors) = await MenuAsync(db, page.Menu, now, cancellationToken);
        var response = new SyncResponse(items, await MediaAsync(db, items, articleFields, cancellationToken), deleted, categories, deletedCategories, authors,
            deletedAuthors, await tokens.EncodeAsync(next, cancellationToken), hasMore);
        if (picked is null || items.Count == 0)
        {
            return TypedResults.Ok(response);
        }

        // fields: the items hold only the properties picked, as list items do.
        var json = services.Json.Value.SerializerOptions;
        var answer = JsonSerializer.SerializeToNode(response, json)!.AsObject();
        foreach (var item in answer["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            foreach (var name in item.Select(p => p.Key).Where(k => !articleFields.Properties.Contains(k)).ToList())
            {
                item.Remove(name);
            }
        }

        return TypedResults.Json(answer, json);
    }

    private static ProblemHttpResult InvalidToken(string detail) =>
        Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.InvalidSyncToken, "Invalid sync token", detail);

    /// <summary>The picked properties with id and version, in the article schema's order (what a token is bound to); null for all.</summary>
    private static string? SyncFields(string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return null;
        }

        var names = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("id").Append("version").ToHashSet();
        return string.Join(',', ArticleFields.Names.Where(names.Contains));
    }

    /// <summary>A category and everything under it; category trees are small, so the walk is in memory.</summary>
    private static async Task<List<Guid>> TreeAsync(CmsDbContext db, Guid root, CancellationToken cancellationToken)
    {
        var children = (await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(cancellationToken))
            .ToLookup(c => c.ParentId, c => c.Id);
        var tree = new List<Guid> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i]]);
        }

        return tree;
    }

    /// <summary>The categories and authors to store, as their own endpoints answer them, and the ids to remove.</summary>
    private static async Task<(List<CategoryResponse>, List<Guid>, List<AuthorResponse>, List<Guid>)> MenuAsync(
        CmsDbContext db, List<SyncQueries.MenuEntry> menu, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (menu.Count == 0)
        {
            return ([], [], [], []);
        }

        var categoryIds = menu.Where(m => m.IsCategory && m.Live).Select(m => m.Id).ToList();
        var authorIds = menu.Where(m => !m.IsCategory && m.Live).Select(m => m.Id).ToList();
        var categories = categoryIds.Count == 0 ? []
            : await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).OrderBy(c => c.Id).Select(CategoryQueries.Response).ToListAsync(cancellationToken);
        var authors = authorIds.Count == 0 ? []
            : await db.Authors.Where(a => authorIds.Contains(a.Id)).OrderBy(a => a.Id).ToResponses(db, now).ToListAsync(cancellationToken);
        // Deleted since, or stamped and deleted a moment after the pass's snapshot (a later pass repeats it).
        var deletedCategories = menu.Where(m => m.IsCategory && (!m.Live || categories.All(c => c.Id != m.Id))).Select(m => m.Id).ToList();
        var deletedAuthors = menu.Where(m => !m.IsCategory && (!m.Live || authors.All(a => a.Id != m.Id))).Select(m => m.Id).ToList();
        return (categories, deletedCategories, authors, deletedAuthors);
    }

    /// <summary>The pictures of the properties sent (cover, body), each with the renditions the reader pages load.</summary>
    private static async Task<List<SyncMedia>> MediaAsync(CmsDbContext db, List<ArticleResponse> items, ArticleFields fields, CancellationToken cancellationToken)
    {
        var renditions = new Dictionary<Guid, List<string>>();
        void Add(Guid id, IEnumerable<string> urls)
        {
            var list = renditions.TryGetValue(id, out var known) ? known : renditions[id] = [];
            list.AddRange(urls.Where(u => !list.Contains(u)));
        }

        foreach (var item in items)
        {
            if (fields.Properties.Contains("coverImage") && item.CoverImage is { MediaId: { } cover } image)
            {
                Add(cover, OfflineRenditions.Cover(image));
            }

            if (fields.Properties.Contains("body"))
            {
                foreach (var (id, url) in OfflineRenditions.Body(item.Body, item.CoverImage?.MediaId))
                {
                    Add(id, [url]);
                }
            }
        }

        if (renditions.Count == 0)
        {
            return [];
        }

        var ids = renditions.Keys.ToList();
        return (await db.Media.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.FileName, m.ContentType, m.Width, m.Height, m.Alt }).ToListAsync(cancellationToken))
            .Select(m => new SyncMedia(m.Id, MediaFileName.Url(m.Id, m.FileName), m.ContentType, m.Width, m.Height, m.Alt, renditions[m.Id])).ToList();
    }
}
