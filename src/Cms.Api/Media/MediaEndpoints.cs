using Cms.Api.ApiTokens;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Media;

internal static class MediaEndpoints
{
    /// <summary>Room for the form's text parts and boundaries beside the largest picture.</summary>
    private const long FormOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder api)
    {
        var maxUpload = api.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes;
        var media = api.MapGroup("/media").WithTags("Media").RequireSession()
            .DescribeParameter("id", "The media item's id (a UUID).");

        media.MapPost("/", UploadMedia.Handle)
            .RequireScope(Scopes.MediaWrite)
            .WithName("uploadMedia")
            .WithSummary("Upload a picture (author and up)")
            .WithDescription($"multipart/form-data with the picture in the part file and optional parts alt, caption and credit. The type is " +
                $"decided from the content, never the name: JPEG, PNG, WebP, AVIF and GIF are accepted; anything else (SVG, HTML, a PDF named .jpg, " +
                $"HEIC) is 415 unsupported_media_type; a picture that does not decode or is over the pixel limit is 400 invalid_image; over " +
                $"{maxUpload:N0} bytes is 413. Answers 201 with Location and ETag; url serves it (and its renditions).")
            // Described, not declared with Accepts: routing answers a wrong Content-Type with 415 before authorization runs.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = await context.GetOrCreateSchemaAsync(typeof(MediaUploadForm), null, cancellationToken),
                        Example = System.Text.Json.JsonSerializer.SerializeToNode(MediaExamples.Upload),
                    },
                },
            })
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + FormOverhead))
            .WithResponseExample(StatusCodes.Status201Created, MediaExamples.Response)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        media.MapGet("/", GetMedia.List)
            // The library is signed-in only; a token that reads content needs its pictures' metadata too.
            .RequireScope(Scopes.ContentRead, Scopes.MediaWrite)
            .WithName("listMedia")
            .WithSummary("The media library, newest first")
            .WithDescription("Every item, newest first, paged like every list. q searches file name, alt and caption ignoring case and accents.")
            .DescribeParameter("q", "Words in the file name, alt or caption (accents optional).")
            .DescribeParameter("contentType", "Only items of this type.", MediaFilter.ContentTypes)
            .WithResponseExample(StatusCodes.Status200OK, MediaExamples.List)
            .ProducesValidationProblem();

        media.MapGet("/{id:guid}", GetMedia.Handle)
            .RequireScope(Scopes.ContentRead, Scopes.MediaWrite)
            .WithName("getMedia")
            .WithSummary("One media item")
            .WithDescription("Its metadata; the picture itself is at url. If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, MediaExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        media.MapGet("/{id:guid}/usage", GetMediaUsage.Handle)
            .RequireScope(Scopes.ContentRead, Scopes.MediaWrite)
            .WithName("getMediaUsage")
            .WithSummary("The articles using a media item")
            .WithDescription($"The articles that use the item, draft, scheduled, published or archived, most recently updated first, at most " +
                $"{GetMediaUsage.Limit} (total counts them all). as says where the article as saved uses it: its cover, its body or both (empty " +
                "when only its pending changes do). pendingAs says where its unpublished pending changes use it (empty when they do not): " +
                "publishing them makes that the article's use, dropping them releases it. These are the articles that make deleteMedia " +
                "answer 409 media_in_use. Deleted articles are not listed. Any signed-in user may ask, as anyone signed in sees the library.")
            .WithResponseExample(StatusCodes.Status200OK, MediaExamples.Usage)
            .ProducesProblem(StatusCodes.Status404NotFound);

        media.MapPut("/{id:guid}", UpdateMedia.Handle)
            .RequireScope(Scopes.MediaWrite)
            .WithName("replaceMedia")
            .WithSummary("Replace a media item's alt, caption, credit, focal point and public flag")
            .WithDescription(WholeBodyDescription + " The picture never changes: upload a new one. Authors edit what they uploaded; editors all.")
            .Accepts<MediaRequest>("application/json")
            .WithRequestExample(MediaExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, MediaExamples.Response with { FocalPoint = new FocalPoint(0.5, 0.4), Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        media.MapPatch("/{id:guid}", UpdateMedia.Patch)
            .RequireScope(Scopes.MediaWrite)
            .WithName("patchMedia")
            .WithSummary("Change some of a media item's metadata")
            .WithDescription(MergePatchDescription + " Authors edit what they uploaded; editors all.")
            .Accepts<MediaRequest>(MergePatch.ContentType)
            .WithRequestExample(MediaExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, MediaExamples.Response with { FocalPoint = new FocalPoint(0.3, 0.4), Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        media.MapDelete("/{id:guid}", DeleteMedia.Handle)
            .RequireScope(Scopes.MediaWrite)
            .WithName("deleteMedia")
            .WithSummary("Delete a media item")
            .WithDescription("Answers 204, and the file is gone. Refused with 409 media_in_use while any article uses it, as cover or in its body, " +
                "as saved or in its unpublished pending changes (getMediaUsage lists them). " +
                "Authors delete what they uploaded; editors all.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return api;
    }
}
