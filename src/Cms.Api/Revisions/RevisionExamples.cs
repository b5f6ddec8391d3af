using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Revisions;

/// <summary>The OpenAPI document's examples: the same story, fixed in private and published.</summary>
internal static class RevisionExamples
{
    private static readonly DateTimeOffset Saved = new(2017, 10, 10, 8, 30, 0, TimeSpan.Zero);

    private static readonly RevisionUser Editor = new(Guid.Parse("018f1c2e-8a00-7c3e-9b1a-5d2c8e4f6b10"), "Hồng Phái");

    public static readonly PagedList<RevisionSummary> List = new(
        [
            new RevisionSummary(3, Saved, Editor, ["title", "body"], Live: false, Pending: true),
            new RevisionSummary(2, Saved.AddMinutes(-50), Editor, ["summary"], Live: true, Pending: false),
            new RevisionSummary(1, Saved.AddMinutes(-90), Editor, ["title", "authorIds", "slug", "summary", "body"], Live: true, Pending: false),
        ], 1, 20, 3, null);

    public static readonly ArticleResponse Pending = ArticleExamples.Response with
    {
        Title = "Ban Tuyên giáo Tỉnh ủy: Giao ban công tác Khoa giáo 9 tháng đầu năm 2017", Version = 3, UpdatedAt = Saved, HasPendingChanges = true,
    };

    public static readonly ArticleResponse Restored = ArticleExamples.Response with { Version = 4, UpdatedAt = Saved.AddMinutes(5) };

    public static readonly PagedList<DeletedArticleSummary> Deleted = new(
        [new DeletedArticleSummary(ArticleExamples.ArticleId, ArticleExamples.Response.Slug, ArticleExamples.Response.Title, 2, Saved, Editor, Saved.AddDays(30))],
        1, 20, 1, null);

    public static readonly ArticleResponse Undeleted = ArticleExamples.Response with
    {
        Status = Data.Entities.ArticleStatus.Draft, PublishedAt = null, Version = 3, UpdatedAt = Saved.AddDays(1),
    };

    public static readonly PreviewLinkResponse PreviewLink = new(
        "q8Hc3xVt0mZk2bJ7nW4sYp1dLfR9eA6gTuC5oIvK0xM", "https://cms.baolaichau.vn/reader/preview/q8Hc3xVt0mZk2bJ7nW4sYp1dLfR9eA6gTuC5oIvK0xM",
        Saved.AddHours(24));
}
