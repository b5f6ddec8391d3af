using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cms.Api.Data.Configurations;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        // One rating per rater per article: the key is what makes "rating again replaces the score" race-free.
        builder.HasKey(r => new { r.ArticleId, r.RaterId, r.ByUser });
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_ratings_score", "score BETWEEN 1 AND 5"));
    }
}
