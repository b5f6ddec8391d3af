namespace Cms.Api.ReadPath;

/// <summary>"Tổng số điểm của bài viết là: 0 trong 0 đánh giá": total points, count, and their average (null with no ratings).</summary>
public sealed record RatingSummary(long TotalPoints, int Count, double? Average)
{
    public static RatingSummary Of(long total, int count) => new(total, count, count == 0 ? null : Math.Round((double)total / count, 2));
}
