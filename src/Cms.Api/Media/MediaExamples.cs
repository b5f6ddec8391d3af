namespace Cms.Api.Media;

/// <summary>The OpenAPI document's examples: the conference-room photo of the project's model story.</summary>
internal static class MediaExamples
{
    private static readonly Guid Id = Guid.Parse("018f1c2e-7d00-7c30-8e4f-5a6b7c8d9e01");
    private static readonly DateTimeOffset Uploaded = new(2017, 10, 10, 6, 40, 0, TimeSpan.Zero);

    public static readonly object Upload = new { file = "(the picture's bytes)", alt = "Quang cảnh Hội nghị", caption = "Quang cảnh Hội nghị", credit = "Ảnh: Hồng Phái" };

    public static readonly MediaRequest Request = new("Quang cảnh Hội nghị", "Quang cảnh Hội nghị", "Ảnh: Hồng Phái", new FocalPoint(0.5, 0.4), Public: false);

    public static readonly object MergePatch = new { focalPoint = new { x = 0.3, y = 0.4 } };

    public static readonly MediaResponse Response = new(Id, "quang-canh-hoi-nghi.jpg", "image/jpeg", 1_482_311, 4000, 2667,
        "Quang cảnh Hội nghị", "Quang cảnh Hội nghị", "Ảnh: Hồng Phái", null, false,
        "9f2c1e0b7a4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b", MediaFileName.Url(Id, "quang-canh-hoi-nghi.jpg"), Uploaded,
        new MediaCreator(Guid.Parse("018f1c2e-6000-7e50-9f60-7b8c9d0e1f01"), "Hồng Phái"), Uploaded, 1);

    public static readonly MediaUsageResponse Usage = new(
        [
            new MediaUse(Guid.Parse("018f1c2e-8a00-7d10-9e20-3b4c5d6e7f01"), "Hội nghị tổng kết công tác năm 2017", "hoi-nghi-tong-ket-cong-tac-nam-2017",
                Data.Entities.ArticleStatus.Published, [GetMediaUsage.Cover, GetMediaUsage.Body], [GetMediaUsage.Cover]),
            new MediaUse(Guid.Parse("018f1c2e-8b00-7d10-9e20-3b4c5d6e7f02"), "Khai mạc Hội nghị Khoa giáo toàn quốc", "khai-mac-hoi-nghi-khoa-giao-toan-quoc",
                Data.Entities.ArticleStatus.Published, [], [GetMediaUsage.Body]),
        ], 2);

    public static readonly Infrastructure.Paging.PagedList<MediaResponse> List = new([Response], 1, 20, 1, null);
}
