using Cms.Api.ApiTokens;
using Cms.Api.Content;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.ReadPath;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Articles;

internal static class ArticleEndpoints
{
    /// <summary>Article lists splice live counters into cached pages, unless ordered by them.</summary>
    public static readonly ReadCachePolicy ListsWithCounters = ReadCachePolicy.PagesWithCounters<ArticleResponse>(
        http => ArticleFilter.ByCounters(http.Request.Query["sort"].ToString()));

    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder api)
    {
        var articles = api.MapGroup("/articles").WithTags("Articles")
            .DescribeParameter("idOrSlug", "The article's id, or its slug (current or former: a former one answers 301 to the current).")
            .DescribeParameter("id", "The article's id (a UUID).");

        articles.MapGet("/", ListArticles.Handle)
            .CachedForReaders(ListsWithCounters)
            .RequireScope(Scopes.ContentRead)
            .WithName("listArticles")
            .WithSummary("Articles, newest first")
            .WithDescription("Anonymous readers see published articles whose publishAt has passed and whose expiresAt has not; authors also see " +
                "their own; editors see all. Items leave out body unless fields names it. Page with page/pageSize (numbered) or cursor (infinite scroll).")
            .DescribeListFilters()
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.List)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        articles.MapGet("/{idOrSlug}", GetArticle.Handle)
            .CachedForReaders(ReadCachePolicy.ItemWithCounters<ArticleResponse>(a => a.ExpiresAt))
            .RequireScope(Scopes.ContentRead)
            .WithName("getArticle")
            .WithSummary("One article by id or slug")
            .WithDescription("Anonymous readers get 404 for an article they cannot see (a draft, scheduled, expired or archived one). " +
                "A slug the article used before answers 301 with Location to the current one. If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.Response)
            .Produces(StatusCodes.Status301MovedPermanently)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapGet("/{idOrSlug}/related", GetRelatedArticles.Handle)
            .CachedForReaders()
            .RequireScope(Scopes.ContentRead)
            .WithName("getRelatedArticles")
            .WithSummary("Newer and older articles of the same first category")
            .WithDescription("Up to 10 visible articles each side of this one in its first category, by publish time, as an article page's " +
                "\"newer / older\" links. Items leave out body. A former slug answers 301.")
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.Related)
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapPost("/", CreateArticle.Handle)
            .RequireSession()
            .RequireScope(Scopes.ContentWrite)
            .WithName("createArticle")
            .WithSummary("Create an article (author and up; authors create drafts only)")
            .WithDescription("title and authorIds are required; the rest default (status draft). The body is sanitized HTML. The slug is made " +
                "from the title unless given (409 slug_taken when a given one is or was used). Answers 201 with Location and ETag.")
            .WithRequestExample(ArticleExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, ArticleExamples.Response)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        articles.MapPut("/{id:guid}", UpdateArticle.Handle)
            .RequireSession()
            .RequireScope(Scopes.ContentWrite)
            .WithName("replaceArticle")
            .WithSummary("Replace an article")
            .WithDescription(WholeBodyDescription + " Authors may edit only their own drafts.")
            .Accepts<ArticleRequest>("application/json")
            .WithRequestExample(ArticleExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.Response with { Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPatch("/{id:guid}", PatchArticle.Handle)
            .RequireSession()
            .RequireScope(Scopes.ContentWrite)
            .WithName("patchArticle")
            .WithSummary("Change some of an article")
            .WithDescription(MergePatchDescription + " Authors may edit only their own drafts.")
            .Accepts<ArticleRequest>(MergePatch.ContentType)
            .WithRequestExample(ArticleExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.Response with { Summary = null, Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        articles.MapDelete("/{id:guid}", DeleteArticle.Handle)
            .RequireSession()
            .RequireScope(Scopes.ContentWrite)
            .WithName("deleteArticle")
            .WithSummary("Delete an article (editors; authors their own drafts)")
            .WithDescription("Answers 204. Apps that sync see the id in deleted. If-Match with the ETag you read refuses (412) to delete a version you have not seen.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        // An author's articles: the same list with the author fixed, under the author's address.
        api.MapGroup("/authors").WithTags("Authors")
            .MapGet("/{idOrSlug}/articles", ListArticles.ByAuthor)
            .CachedForReaders(ListsWithCounters)
            .RequireScope(Scopes.ContentRead)
            .WithName("listAuthorArticles")
            .WithSummary("An author's articles, newest first")
            .WithDescription("The articles list with the author fixed: the same filters, order, fields and paging, as the author's page shows them.")
            .DescribeListFilters()
            .DescribeParameter("idOrSlug", "The author's id or slug.")
            .DescribeParameter("author", "Ignored here: the path names the author.")
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.List)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>What the list's filters mean, with the values of those that take a fixed set.</summary>
    private static RouteHandlerBuilder DescribeListFilters(this RouteHandlerBuilder list) => list
        .DescribeParameter("q", "Full-text search in title, summary and body, ignoring case and accents (khoa giao finds Khoa giáo). " +
            $"Up to {TextSearch.MaxLength} characters.")
        .DescribeParameter("category", "Only articles in this category: id or slug.")
        .DescribeParameter("tag", "Only articles with exactly this tag.")
        .DescribeParameter("author", "Only articles bearing this author's byline: id or slug.")
        .DescribeParameter("status", "Editors only (403 otherwise): only articles in this status.", 
            [.. Enum.GetNames<ArticleStatus>().Select(n => n.ToLowerInvariant())])
        .DescribeParameter("createdBy", "Signed in only (403 otherwise): only the articles this user created, as \"my articles\" in an editing app: " +
            "me, or (editors) a user's id.")
        .DescribeParameter("publishedFrom", "Only articles published at or after this time (ISO 8601; an offset is converted to UTC).")
        .DescribeParameter("publishedTo", "Only articles published before this time (ISO 8601).")
        .DescribeParameter("sort", "The order: newest first (default), oldest first, most viewed, best rated, or best match (relevance, with q).", ArticleFilter.Sorts)
        .DescribeParameter("fields", "Comma-separated properties to answer with (id always comes); body only when named. Unknown names are 400.");
}
