using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Media;

internal static class UpdateMedia
{
    public static async Task<Results<Ok<MediaResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, WholeBody<MediaRequest> body, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return item is null ? Problem.NotFound("The media item") : await ReplaceAsync(item, body.Value, http, db, time, cancellationToken);
    }

    public static async Task<Results<Ok<MediaResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, IValidator<MediaRequest> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return Problem.NotFound("The media item");
        }

        var current = new MediaRequest(item.Alt, item.Caption, item.Credit,
            item.FocalX is { } x && item.FocalY is { } y ? new FocalPoint(x, y) : null, item.IsPublic);
        var (request, invalid) = await patch.MergeAsync(current, validator, http);
        return invalid is not null ? invalid : await ReplaceAsync(item, request, http, db, time, cancellationToken);
    }

    private static async Task<Results<Ok<MediaResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        MediaItem item, MediaRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MediaAccess.MayEdit(http, item))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Authors edit the media they uploaded; editors edit all.");
        }

        if (!Preconditions.Matches(http, item.Version))
        {
            return Problem.VersionMismatch(item.Version);
        }

        var id = item.Id;
        item.Alt = Blank(request.Alt);
        item.Caption = Blank(request.Caption);
        item.Credit = Blank(request.Credit);
        (item.FocalX, item.FocalY) = (request.FocalPoint?.X, request.FocalPoint?.Y);
        item.IsPublic = request.Public ?? false;
        item.UpdatedAt = time.Now();
        item.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var version = await db.Media.Where(m => m.Id == id).Select(m => (int?)m.Version).SingleOrDefaultAsync(CancellationToken.None);
            return version is null ? Problem.NotFound("The media item") : Problem.VersionMismatch(version.Value);
        }

        EntityTag.Set(http, item.Version);
        return TypedResults.Ok(await db.Media.AsNoTracking().Where(m => m.Id == id).ToResponses(db).SingleAsync(cancellationToken));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
