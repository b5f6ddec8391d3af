using Cms.Api.Content;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cms.Api.Data.Configurations;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        // The key is the history's index: a page of it, newest first, and one revision, are each one range on it.
        builder.HasKey(r => new { r.ArticleId, r.Version });
        builder.Property(r => r.Content).HasColumnType("jsonb");
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.SavedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DeletedArticleConfiguration : IEntityTypeConfiguration<DeletedArticle>
{
    public void Configure(EntityTypeBuilder<DeletedArticle> builder)
    {
        builder.HasKey(d => d.ArticleId);
        builder.Property(d => d.Slug).HasMaxLength(Slug.MaxLength);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.HasIndex(d => new { d.DeletedAt, d.ArticleId });
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.DeletedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasIndex(p => p.ArticleId);
        builder.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
