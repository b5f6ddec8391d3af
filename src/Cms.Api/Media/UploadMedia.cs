using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Memory;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Sessions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Media;

internal static class UploadMedia
{
    public static async Task<Results<Created<MediaResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, CmsDbContext db, MediaLibrary library, IValidator<MediaRequest> validator, IOptions<MediaOptions> options,
        NativeHeapTrimmer trimmer, CancellationToken cancellationToken)
    {
        var (upload, refusal) = await MultipartUpload.ReadAsync(http.Request, options.Value.MaxUploadBytes, cancellationToken);
        if (upload is null)
        {
            return refusal switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("An upload was refused without a problem."),
            };
        }

        using (upload)
        {
            var request = new MediaRequest(Text(upload, "alt"), Text(upload, "caption"), Text(upload, "credit"));
            if (await ValidationFilter.ProblemAsync(validator, request, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            ProbeRefusal? refused;
            ProbedImage? image;
            using (trimmer.Working())
            {
                refused = ImageProbe.Refusal(upload.TempPath, options.Value.MaxPixels, out image);
            }

            if (refused is not null)
            {
                return refused.Unsupported
                    ? Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported Media Type", refused.Detail)
                    : Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.InvalidImage, "Invalid image", refused.Detail);
            }

            var item = await library.AddAsync(upload.TempPath, upload.Length, upload.Sha256, upload.FileName, image!, request,
                http.CurrentUser()?.UserId, cancellationToken);
            EntityTag.Set(http, item.Version);
            var response = await db.Media.Where(m => m.Id == item.Id).ToResponses(db).SingleAsync(cancellationToken);
            return TypedResults.Created($"/api/v1/media/{item.Id}", response);
        }
    }

    private static string? Text(MultipartUpload upload, string field) =>
        upload.Fields.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
