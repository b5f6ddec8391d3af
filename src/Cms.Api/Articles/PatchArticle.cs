using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Articles;

internal static class PatchArticle
{
    /// <summary>Changes only what the merge patch names: applied to the article as a PUT body reads, then saved as that PUT.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, ArticleWriter writer, IValidator<ArticleRequest> validator,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var article = await UpdateArticle.LoadAsync(db, id, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        var (request, invalid) = await patch.MergeAsync(ArticleRequest.Of(article, time.Now()), validator, http);
        return invalid is not null ? invalid : await UpdateArticle.ReplaceAsync(article, request, http, db, writer, time, cancellationToken);
    }
}
