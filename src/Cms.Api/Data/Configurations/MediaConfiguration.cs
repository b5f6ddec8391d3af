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
