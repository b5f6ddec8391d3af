using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Media.Storage;
using Cms.Api.Sessions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Media;

internal static class UploadMedia
{
    public static async Task<Results<Created<MediaResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, CmsDbContext db, IMediaStore store, IValidator<MediaRequest> validator, IOptions<MediaOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
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

            if (ImageProbe.Refusal(upload.TempPath, options.Value.MaxPixels, out var image) is { } refused)
            {
                return refused.Unsupported
                    ? Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported Media Type", refused.Detail)
                    : Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.InvalidImage, "Invalid image", refused.Detail);
            }

            var now = time.Now();
            var id = Guid.CreateVersion7(now);
            var item = new MediaItem
            {
                Id = id,
                FileName = MediaFileName.Clean(upload.FileName, image!.Extension),
                ContentType = image.ContentType,
                Bytes = upload.Length,
                Width = image.Width,
                Height = image.Height,
                Alt = request.Alt,
                Caption = request.Caption,
                Credit = request.Credit,
                Sha256 = upload.Sha256,
                StorageKey = $"originals/{id}",
                CreatedById = http.Features.Get<CurrentSession>()?.UserId,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            await using (var file = File.OpenRead(upload.TempPath))
            {
                await store.PutAsync(item.StorageKey, file, upload.Length, item.ContentType, cancellationToken);
            }

            try
            {
                db.Media.Add(item);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // The row is what makes the file exist for anyone; without it the stored bytes are only litter.
                await store.DeleteAsync(item.StorageKey, CancellationToken.None);
                throw;
            }

            EntityTag.Set(http, item.Version);
            var response = await db.Media.Where(m => m.Id == id).ToResponses(db).SingleAsync(cancellationToken);
            return TypedResults.Created($"/api/v1/media/{id}", response);
        }
    }

    private static string? Text(MultipartUpload upload, string field) =>
        upload.Fields.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
