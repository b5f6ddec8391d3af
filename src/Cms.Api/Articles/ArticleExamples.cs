using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Media;
using Cms.Api.ReadPath;

namespace Cms.Api.Articles;

/// <summary>The OpenAPI document's examples: the provincial portal's story the project was modelled on.</summary>
internal static class ArticleExamples
{
    public static readonly Guid ArticleId = Guid.Parse("018f1c2e-8a00-7c3e-9b1a-5d2c8e4f6a01");

    private static readonly DateTimeOffset Published = new(2017, 10, 10, 7, 0, 0, TimeSpan.Zero);

    private const string Title = "Ban Tuyên giáo Tỉnh ủy: Giao ban công tác Khoa giáo 9 tháng năm 2017";
    private const string Summary = "Ban Tuyên giáo Tỉnh ủy phối hợp với các ngành trong khối Khoa giáo tổ chức Hội nghị giao ban công tác Khoa giáo 9 tháng.";
    private const string Body =
        "<p>Ngày 09/10, Ban Tuyên giáo Tỉnh ủy phối hợp với các ngành trong khối Khoa giáo tổ chức Hội nghị giao ban công tác Khoa giáo 9 tháng, " +
        "triển khai nhiệm vụ trọng tâm những tháng cuối năm 2017.</p>" +
        "<p>Đồng chí Trần Đức Vương, Ủy viên BTVTU, Trưởng Ban Tuyên giáo Tỉnh ủy chủ trì hội nghị.</p>";

    public static readonly ArticleRequest Request = new(
        Title,
        [AuthorExamples.Id],
        Slug: null,
        Summary,
        Body,
        new CoverImageInput(null, "Quang cảnh Hội nghị", "Quang cảnh Hội nghị", MediaExamples.Response.Id),
        ArticleStatus.Published,
        Published,
        ExpiresAt: null,
        Source: "Ban Tuyên giáo Tỉnh ủy",
        [CategoryExamples.Id],
        ["khoa giáo", "giao ban"],
        AllowRating: true,
        new SeoInput(null, null, null, NoIndex: false));

    /// <summary>A caption added to the cover, the rest kept.</summary>
    public static readonly object MergePatch = new { coverImage = new { caption = "Ảnh: Hồng Phái" }, summary = (string?)null };

    public static readonly ArticleResponse Response = new(
        ArticleId,
        "ban-tuyen-giao-tinh-uy-giao-ban-cong-tac-khoa-giao-9-thang-nam-2017",
        Title,
        Summary,
        Body,
        new CoverImage(MediaExamples.Response.Id, MediaExamples.Response.Url, "Quang cảnh Hội nghị", "Quang cảnh Hội nghị", MediaExamples.Response.Width,
            MediaExamples.Response.Height),
        ArticleStatus.Published,
        Published,
        Published,
        ExpiresAt: null,
        "Ban Tuyên giáo Tỉnh ủy",
        [new ArticleAuthorRef(AuthorExamples.Id, "hong-phai", "Hồng Phái", "BTG")],
        [new ArticleCategoryRef(CategoryExamples.Id, "khoa-giao", "Khoa giáo")],
        ["khoa giáo", "giao ban"],
        AllowRating: true,
        ViewCount: 98,
        new ArticleSeo(null, null, null, NoIndex: false),
        new RatingSummary(0, 0, null),
        Published.AddHours(-1),
        Published.AddHours(-1),
        Version: 1);

    /// <summary>As lists write it: without the body.</summary>
    public static readonly ArticleResponse ListItem = Response with { Body = null };

    public static readonly PagedList<ArticleResponse> List = new([ListItem], 1, 20, 1, null);

    public static readonly RelatedArticles Related = new([], [ListItem with { Title = "Trường vùng cao đón năm học mới" }]);
}
