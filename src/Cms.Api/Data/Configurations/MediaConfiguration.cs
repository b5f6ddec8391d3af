using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cms.Api.Data.Configurations;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("media");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.ContentType).HasMaxLength(32);
        builder.Property(m => m.Alt).HasMaxLength(500);
        builder.Property(m => m.Caption).HasMaxLength(1000);
        builder.Property(m => m.Credit).HasMaxLength(200);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.StorageKey).HasMaxLength(200);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.CreatedById).OnDelete(DeleteBehavior.SetNull);
        // The library's default order, newest first, and the same picture uploaded twice found by its hash.
        builder.HasIndex(m => new { m.CreatedAt, m.Id });
        builder.HasIndex(m => m.Sha256);
        builder.Property(m => m.SearchVector).HasComputedColumnSql("cms_media_search(file_name, alt, caption)", stored: true);
        builder.HasIndex(m => m.SearchVector).HasMethod("gin");
    }
}

internal sealed class ArticleMediaConfiguration : IEntityTypeConfiguration<ArticleMedia>
{
    public void Configure(EntityTypeBuilder<ArticleMedia> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.MediaId });
        // Restrict: a media item in use cannot go, even when an article naming it is saved while it is being deleted.
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.MediaId);
    }
}

internal sealed class ArticlePendingMediaConfiguration : IEntityTypeConfiguration<ArticlePendingMedia>
{
    public void Configure(EntityTypeBuilder<ArticlePendingMedia> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.Version, x.MediaId });
        // Restrict, as for live uses: a pending save naming the item and a delete of it cannot both land.
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Restrict);
        // Gone with the revision (dropped, or merged into a newer save) in the same statement. A deleted article's
        // pending changes are history, not uses (undelete starts above them); the article's key also refuses a
        // pending save landing after the delete, which would leave a use nobody could see or remove.
        builder.HasOne<ArticleRevision>().WithMany().HasForeignKey(x => new { x.ArticleId, x.Version }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.MediaId);
    }
}
