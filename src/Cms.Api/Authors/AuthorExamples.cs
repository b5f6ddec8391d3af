using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Authors;

/// <summary>The OpenAPI document's examples: the byline of the project's model story.</summary>
internal static class AuthorExamples
{
    public static readonly Guid Id = Guid.Parse("018f1c2e-7f00-7a10-8c2d-3e4f5a6b7c01");

    private static readonly DateTimeOffset Created = new(2017, 1, 9, 2, 0, 0, TimeSpan.Zero);

    public static readonly AuthorRequest Request = new("Hồng Phái", Slug: null, Organization: "BTG", Bio: "Phóng viên Ban Tuyên giáo Tỉnh ủy.", AvatarUrl: null);

    public static readonly object MergePatch = new { organization = "Ban Tuyên giáo Tỉnh ủy" };

    public static readonly AuthorResponse Response = new(Id, "hong-phai", "Hồng Phái", "BTG", "Phóng viên Ban Tuyên giáo Tỉnh ủy.", null,
        ArticleCount: 1, Created, Created, Version: 1);

    public static readonly PagedList<AuthorResponse> List = new([Response], 1, 20, 1, null);
}
