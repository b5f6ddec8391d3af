using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Media;
using Microsoft.Extensions.Options;

namespace Cms.Api.Startup;

/// <summary>
/// A small, realistic library for a newcomer's first <c>GET /api/v1/articles</c>: written for this project in the shape
/// of a provincial news portal's pages (photo with caption, byline with unit, a scheduled piece, a draft).
/// Seeded once, into a database the service has just created; on when <c>Cms:SampleContent:Enabled</c> is true.
/// </summary>
internal sealed class SampleContent(CmsDbContext db, HtmlBodySanitizer sanitizer, MediaLibrary library, IOptions<MediaOptions> media, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.Now();
        var news = NewCategory("Tin tức", "Tin hoạt động trong tỉnh", null, now);
        var education = NewCategory("Khoa giáo", "Giáo dục, y tế, khoa học và công nghệ", news.Id, now);
        var culture = NewCategory("Văn hóa - Xã hội", null, news.Id, now);
        db.Categories.AddRange(news, education, culture);

        var phai = NewAuthor("Hồng Phái", "BTG", now);
        var lan = NewAuthor("Ngọc Lan", "Báo Lai Châu", now);
        var minh = NewAuthor("Quang Minh", "Đài PT-TH tỉnh", now);
        db.Authors.AddRange(phai, lan, minh);
        var meeting = await PictureAsync(SamplePictures.ConferenceRoom(), "quang-canh-hoi-nghi.jpg", "Quang cảnh hội nghị giao ban", "Quang cảnh hội nghị", cancellationToken);
        var school = await PictureAsync(SamplePictures.HillSchool(), "diem-truong-vung-cao.jpg", "Điểm trường trên sườn đồi", "Điểm trường bản xa", cancellationToken);
        var festival = await PictureAsync(SamplePictures.FestivalGround(), "ngay-hoi-van-hoa.jpg", "Sân ngày hội cờ hoa rực rỡ", "Ngày hội văn hóa các dân tộc", cancellationToken);

        Add("Giao ban công tác khoa giáo quý III", "Các ngành khối khoa giáo rà soát kết quả chín tháng và bàn nhiệm vụ cuối năm.",
            """
            <p>Sáng nay, các ngành trong khối khoa giáo họp giao ban, đánh giá kết quả phối hợp trong chín tháng qua.</p>
            <p>Đại biểu thống nhất tập trung vào chất lượng giáo dục vùng khó khăn, y tế cơ sở và ứng dụng khoa học vào sản xuất.</p>
            """,
            [phai], [education, news], ["khoa giáo", "giao ban"], now.AddDays(-3), null, "Ban Tuyên giáo Tỉnh ủy", meeting);
        Add("Trường vùng cao đón năm học mới", "Thầy trò điểm trường bản xa sửa lớp, dựng bếp ăn bán trú trước ngày khai giảng.",
            "<p>Những ngày cuối tháng Tám, giáo viên và phụ huynh cùng sửa lại lớp học, dựng bếp ăn bán trú cho học sinh ở xa.</p><p>Năm nay điểm trường đón thêm hai lớp mầm non.</p>",
            [lan], [education], ["giáo dục", "vùng cao"], now.AddDays(-2), null, null, school);
        Add("Ngày hội văn hóa các dân tộc", "Hơn hai nghìn người dự ngày hội với thi trang phục, ẩm thực và trò chơi dân gian.",
            "<p>Ngày hội quy tụ đội văn nghệ của các xã, với thi trang phục truyền thống, ẩm thực và trò chơi dân gian như ném còn, kéo co.</p>",
            [minh, lan], [culture], ["văn hóa", "lễ hội"], now.AddDays(-1), null, null, festival);
        Add("Tiêm chủng mở rộng đạt kế hoạch năm", "Ngành y tế hoàn thành tiêm chủng cho trẻ dưới một tuổi sớm hơn kế hoạch.",
            "<p>Tỷ lệ tiêm chủng đầy đủ cho trẻ dưới một tuổi đạt trên 95%, sớm hơn kế hoạch hai tháng.</p>",
            [phai], [education], ["y tế"], now.AddHours(-6), null, null, null);
        Add("Hội thi sáng tạo kỹ thuật sẽ khai mạc tuần tới", "Bài đăng hẹn giờ: hiện ra đúng lúc khai mạc, không cần ai bấm nút.",
            "<p>Hội thi năm nay nhận hơn 40 giải pháp dự thi từ các huyện.</p>",
            [minh], [news], ["khoa học"], now.AddDays(7), null, null, null);
        Add("Bản nháp: kế hoạch tuyên truyền quý IV", "Bản nháp chỉ biên tập viên thấy.",
            "<p>Nội dung đang soạn.</p>", [phai], [news], [], null, ArticleStatus.Draft, null, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Add(
        string title, string summary, string body, Author[] authors, Category[] categories, string[] tags, DateTimeOffset? publishAt,
        ArticleStatus? status, string? source, MediaItem? cover)
    {
        var now = time.Now();
        var id = Guid.CreateVersion7(now);
        var article = new Article
        {
            Id = id,
            Slug = Slug.From(title)!,
            Title = title,
            Summary = summary,
            Body = sanitizer.Sanitize(body),
            Status = status ?? ArticleStatus.Published,
            PublishAt = publishAt,
            Source = source,
            Tags = tags,
            CoverMediaId = cover?.Id,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            Stats = new ArticleStats { ArticleId = id },
        };
        article.Authors.AddRange(authors.Select((a, i) => new ArticleAuthor { ArticleId = article.Id, AuthorId = a.Id, Position = i }));
        if (cover is not null)
        {
            article.Media.Add(new ArticleMedia { ArticleId = id, MediaId = cover.Id });
        }

        article.Categories.AddRange(categories.Select((c, i) => new ArticleCategory { ArticleId = article.Id, CategoryId = c.Id, Position = i }));
        db.Articles.Add(article);
        db.ArticleSlugs.Add(new ArticleSlug { Slug = article.Slug, ArticleId = article.Id });
    }

    /// <summary>A drawn photo, added to the library as an upload would add it.</summary>
    private async Task<MediaItem> PictureAsync(byte[] jpeg, string fileName, string alt, string caption, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cms-sample-{Guid.NewGuid():N}.jpg");
        try
        {
            await File.WriteAllBytesAsync(path, jpeg, cancellationToken);
            if (ImageProbe.Refusal(path, media.Value.MaxPixels, out var image) is { } refused)
            {
                throw new InvalidOperationException("A sample picture was refused: " + refused.Detail);
            }

            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg));
            return await library.AddAsync(path, jpeg.Length, sha256, fileName, image!, new MediaRequest(alt, caption, "Ảnh minh họa"), null, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Category NewCategory(string name, string? description, Guid? parentId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Slug = Slug.From(name)!, Name = name, Description = description, ParentId = parentId,
        CreatedAt = now, UpdatedAt = now, Version = 1,
    };

    private static Author NewAuthor(string name, string organization, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Slug = Slug.From(name)!, Name = name, Organization = organization,
        CreatedAt = now, UpdatedAt = now, Version = 1,
    };
}
