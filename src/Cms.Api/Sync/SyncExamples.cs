using Cms.Api.Articles;
using Cms.Api.Media;

namespace Cms.Api.Sync;

/// <summary>The OpenAPI document's example: a page of changes with one article to store and one to remove.</summary>
internal static class SyncExamples
{
    public static readonly SyncResponse Response = new([ArticleExamples.Response],
        [new SyncMedia(MediaExamples.Response.Id, MediaExamples.Response.Url, "image/jpeg", MediaExamples.Response.Width, MediaExamples.Response.Height,
            MediaExamples.Response.Alt)],
        [Guid.Parse("018f1c2e-8b00-7c3e-9b1a-5d2c8e4f6a02")],
        "eyJ2IjoxLCJ4IjoiMTIzNDU2In0.c2lnbmF0dXJl", HasMore: false);
}
