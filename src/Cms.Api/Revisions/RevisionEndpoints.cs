using Cms.Api.ApiTokens;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Sessions;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Revisions;

/// <summary>An article's history, pending changes, deleted articles and preview links (README.md here).</summary>
internal static class RevisionEndpoints
{
    private const string WhoMayEdit = " Whoever may edit the article (editors; an author their own drafts); others get 403, or 404 for what they cannot see.";

    public static IEndpointRouteBuilder MapRevisionEndpoints(this IEndpointRouteBuilder api)
    {
        var articles = api.MapGroup("/articles").WithTags("Revisions").RequireSession()
            .DescribeParameter("id", "The article's id (a UUID).")
            .DescribeParameter("version", "The revision's version (an integer).");

        articles.MapGet("/{id:guid}/revisions", ListRevisions.Handle)
            .RequireScope(Scopes.ContentRead)
            .WithName("listRevisions")
            .WithSummary("An article's revisions, newest first")
            .WithDescription("Every save keeps one: who, when, which properties changed, and whether readers saw it (live) or it is pending. " +
                "Saves by one user within Cms:Revisions:MergeWindowSeconds of their previous save that is not live merge into it. Paged as every list." + WhoMayEdit)
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.List)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapGet("/{id:guid}/revisions/{version}", GetRevision.Handle)
            .RequireScope(Scopes.ContentRead)
            .WithName("getRevision")
            .WithSummary("The article as it was at a revision")
            .WithDescription("The article shape, with that revision's content; authors, categories and cover as they are now (one deleted since is left out)." + WhoMayEdit)
            .WithResponseExample(StatusCodes.Status200OK, ArticleExamples.Response)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapPost("/{id:guid}/revisions/{version}/restore", RestoreRevision.Handle)
            .RequireScope(Scopes.ContentWrite)
            .WithName("restoreRevision")
            .WithSummary("Save a revision's content as the next version")
            .WithDescription("An ordinary save of that content: If-Match with the current ETag (stale: 412), validated as a PUT (400), its slug back " +
                "(409 slug_taken when another article holds it), authors' rules as for PUT; it is a revision itself, so it can be undone. " +
                "409 pending_changes while the article has pending changes." + WhoMayEdit)
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Restored)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapGet("/{id:guid}/pending", GetPendingChanges.Handle)
            .RequireScope(Scopes.ContentRead)
            .WithName("getPendingChanges")
            .WithSummary("The article with its pending changes applied")
            .WithDescription("404 when there are none. The version (and ETag) is the pending changes' own: name it in If-Match to publish them." + WhoMayEdit)
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Pending)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapPut("/{id:guid}/pending", SavePendingChanges.Put)
            .RequireScope(Scopes.ContentWrite)
            .WithName("replacePendingChanges")
            .WithSummary("Save pending changes (whole article)")
            .WithDescription("Readers, lists, search, sync, feeds and caches keep the live article until an editor publishes them. " + WholeBodyDescription +
                " If-Match names the pending changes' version, or the article's when there are none. A slug another article holds is 409." + WhoMayEdit)
            .Accepts<ArticleRequest>("application/json")
            .WithRequestExample(ArticleExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Pending)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPatch("/{id:guid}/pending", SavePendingChanges.Patch)
            .RequireScope(Scopes.ContentWrite)
            .WithName("patchPendingChanges")
            .WithSummary("Change some of the pending changes")
            .WithDescription("Merged onto the pending changes, or onto the live article when there are none. " + MergePatchDescription + WhoMayEdit)
            .Accepts<ArticleRequest>(MergePatch.ContentType)
            .WithRequestExample(ArticleExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Pending)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        articles.MapPost("/{id:guid}/pending/publish", PublishPendingChanges.Handle)
            .RequireScope(Scopes.ContentWrite)
            .RequireSession(Policies.Editor)
            .WithName("publishPendingChanges")
            .WithSummary("Make the pending changes what readers see (editors)")
            .WithDescription("One ordinary save: a new version and revision. If-Match with the pending changes' ETag; 412 when they or the live " +
                "article changed since. 404 when there are none.")
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Restored)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapDelete("/{id:guid}/pending", DropPendingChanges.Handle)
            .RequireScope(Scopes.ContentWrite)
            .WithName("dropPendingChanges")
            .WithSummary("Drop the pending changes")
            .WithDescription("Answers 204; the live article is untouched. 404 when there are none; If-Match (optional) names the pending version." + WhoMayEdit)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapGet("/deleted", ListDeletedArticles.Handle)
            .RequireScope(Scopes.ContentRead)
            .RequireSession(Policies.Editor)
            .WithName("listDeletedArticles")
            .WithSummary("Deleted articles that can be brought back (editors)")
            .WithDescription("Most recently deleted first, kept Cms:Revisions:KeepDeletedDays (keptUntil), paged as every list.")
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Deleted)
            .ProducesValidationProblem();

        articles.MapPost("/{id:guid}/undelete", UndeleteArticle.Handle)
            .RequireScope(Scopes.ContentWrite)
            .RequireSession(Policies.Editor)
            .WithName("undeleteArticle")
            .WithSummary("Bring a deleted article back as a draft (editors)")
            .WithDescription("Its content as it was deleted, as a draft, with its history. Its slug comes back unless another article took it since " +
                "(then a numbered one). 409 when an author, category or media item it names was deleted since. Apps that sync get it again once published.")
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Undeleted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        articles.MapPost("/{id:guid}/preview-links", PreviewLinks.Create)
            .RequireScope(Scopes.ContentWrite)
            .WithName("createPreviewLink")
            .WithSummary("A link that shows the article as it will be, without signing in")
            .WithDescription("Answers 201 with the secret token (shown once; only its hash is stored), the reader's preview page for it, and when it " +
                "expires (Cms:Preview:LinkHours)." + WhoMayEdit)
            .WithResponseExample(StatusCodes.Status201Created, RevisionExamples.PreviewLink)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapDelete("/{id:guid}/preview-links", PreviewLinks.Revoke)
            .RequireScope(Scopes.ContentWrite)
            .WithName("revokePreviewLinks")
            .WithSummary("Revoke every preview link to the article")
            .WithDescription("Answers 204; the links answer 410 preview_expired from then on." + WhoMayEdit)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGroup("/preview").WithTags("Revisions")
            .MapGet("/{token}", PreviewLinks.Show)
            .WithName("getPreview")
            .WithSummary("The article a preview link shows (no session needed)")
            .WithDescription("Pending changes applied, whatever its status. Cache-Control: no-store and X-Robots-Tag: noindex; never from a cache. " +
                "Its media addresses on this service (coverImage.url and those in the body) carry ?preview=TOKEN, which opens those files to whoever " +
                "holds the link while it works, before readers may have them (see getMediaFile); the reader's answers are unchanged. " +
                "410 preview_expired when the link expired or was revoked; 404 for a token that never existed.")
            .DescribeParameter("token", "The token from createPreviewLink.")
            .WithResponseExample(StatusCodes.Status200OK, RevisionExamples.Pending with { HasPendingChanges = null })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        return api;
    }
}
