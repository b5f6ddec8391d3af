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
        var articles = api.MapGroup("/articles").WithTags("Articles");

        articles.MapGet("/", ListArticles.Handle)
            .CachedForReaders(ListsWithCounters)
            .WithName("listArticles")
            .WithSummary("Articles, newest first")
            .WithDescription("Anonymous readers see published articles whose publishAt has passed and whose expiresAt has not; authors also see their own; editors see all. Items leave out body.")
            .ProducesValidationProblem();

        articles.MapGet("/{idOrSlug}", GetArticle.Handle)
            .CachedForReaders(ReadCachePolicy.ItemWithCounters<ArticleResponse>(a => a.ExpiresAt))
            .WithName("getArticle")
            .WithSummary("One article by id or slug")
            .WithDescription("A slug the article used before answers 301 with Location to the current one. If-None-Match with the ETag answers 304.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapGet("/{idOrSlug}/related", GetRelatedArticles.Handle)
            .CachedForReaders()
            .WithName("getRelatedArticles")
            .WithSummary("Newer and older articles of the same first category")
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapPost("/", CreateArticle.Handle)
            .RequireSession()
            .WithName("createArticle")
            .WithSummary("Create an article (author and up; authors create drafts only)")
            .WithDescription("The body is sanitized HTML. The slug is made from the title unless given (409 slug_taken when a given one is used). Answers 201 with Location and ETag.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        articles.MapPut("/{id:guid}", UpdateArticle.Handle)
            .RequireSession()
            .WithName("replaceArticle")
            .WithSummary("Replace an article")
            .WithDescription(WholeBodyDescription + " Authors may edit only their own drafts.")
            .Accepts<ArticleRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPatch("/{id:guid}", PatchArticle.Handle)
            .RequireSession()
            .WithName("patchArticle")
            .WithSummary("Change some of an article")
            .WithDescription(MergePatchDescription + " Authors may edit only their own drafts.")
            .Accepts<ArticleRequest>(MergePatch.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        articles.MapDelete("/{id:guid}", DeleteArticle.Handle)
            .RequireSession()
            .WithName("deleteArticle")
            .WithSummary("Delete an article (editors; authors their own drafts)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        // An author's articles: the same list with the author fixed, under the author's address.
        api.MapGroup("/authors").WithTags("Authors")
            .MapGet("/{idOrSlug}/articles", ListArticles.ByAuthor)
            .CachedForReaders(ListsWithCounters)
            .WithName("listAuthorArticles")
            .WithSummary("An author's articles, newest first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
