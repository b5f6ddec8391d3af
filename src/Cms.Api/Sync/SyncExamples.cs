using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Media;

namespace Cms.Api.Sync;

/// <summary>The OpenAPI document's example: a page of changes with one article, its picture, its category and author, and one article to remove.</summary>
internal static class SyncExamples
{
    public static readonly SyncResponse Response = new([ArticleExamples.Response],
        [new SyncMedia(MediaExamples.Response.Id, MediaExamples.Response.Url, "image/jpeg", MediaExamples.Response.Width, MediaExamples.Response.Height,
            MediaExamples.Response.Alt,
            [.. OfflineRenditions.Cover(new CoverImage(MediaExamples.Response.Id, MediaExamples.Response.Url, null, null, MediaExamples.Response.Width,
                MediaExamples.Response.Height))])],
        [Guid.Parse("018f1c2e-8b00-7c3e-9b1a-5d2c8e4f6a02")],
        [CategoryExamples.Response], [], [AuthorExamples.Response], [],
        "eyJ2IjoxLCJ4IjoiMTIzNDU2In0.c2lnbmF0dXJl", HasMore: false);
}
