using Cms.Api.Content;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cms.Api.Data.Configurations;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Organization).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.SeoTitle).HasMaxLength(200);
        builder.Property(a => a.SeoDescription).HasMaxLength(500);
        builder.Property(a => a.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<ArticleStatus>(s, true)).HasMaxLength(16);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Authors).WithOne(x => x.Article).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Categories).WithOne(x => x.Article).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Media).WithOne().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.CoverMedia).WithMany().HasForeignKey(a => a.CoverMediaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Stats).WithOne().HasForeignKey<ArticleStats>(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Stats).IsRequired();

        // The visibility predicate and the default order (publishAt, then id) in one index; expiresAt and tags ride
        // along so the visible rows of a page, the offset before a numbered page, and a tag list's rows are all found
        // without visiting the table (a tag list at a million articles: 154 ms with heap visits, 0.8 ms without).
        builder.HasIndex(a => new { a.Status, a.PublishAt, a.Id }).IncludeProperties(a => new { a.ExpiresAt, a.Tags });
        builder.HasIndex(a => a.Tags).HasMethod("gin");
        // The next expiry to come: what cached lists are good until (ReadPath/VisibilityDeadline).
        builder.HasIndex(a => a.ExpiresAt).HasFilter("expires_at IS NOT NULL");
        // The moments a visibility scan records (Webhooks/VisibilityScanner): only articles saved before their publishAt or
        // expiresAt are in them, so finding the next is one index probe, not a walk over every article published since
        // the last scan (every instance asks after every save).
        builder.HasIndex(a => a.PublishAt, "ix_articles_scheduled_publish").HasFilter("status = 'published' AND updated_at < publish_at").HasDatabaseName("ix_articles_scheduled_publish");
        builder.HasIndex(a => a.ExpiresAt, "ix_articles_scheduled_expiry").HasFilter("status = 'published' AND updated_at < expires_at").HasDatabaseName("ix_articles_scheduled_expiry");

        // Written by PostgreSQL from title (weight A), summary (B) and the body's text (C), accents folded by
        // cms_unaccent: see the migration that creates the functions.
        // search_vector ranks (relevance); search_words is what a search's WHERE reads, indexed a shard at a time (an
        // id's last byte): a count that stops at the exact-total limit reads one shard's lists when they hold enough.
        builder.Property(a => a.SearchVector)
            .HasComputedColumnSql("cms_article_search(title, summary, body)", stored: true);
        builder.Property(a => a.SearchWords)
            .HasComputedColumnSql("cms_search_words(title, summary, body)", stored: true);
        builder.Property(a => a.SearchShard)
            .HasComputedColumnSql($"(get_byte(uuid_send(id), 15) % {Article.SearchShards})", stored: true);
        for (var shard = 0; shard < Article.SearchShards; shard++)
        {
            var name = $"ix_articles_search_words_{shard}";
            builder.HasIndex(a => a.SearchWords, name).HasMethod("gin").HasFilter($"search_shard = {shard}").HasDatabaseName(name);
        }
    }
}

internal sealed class ArticleStatsConfiguration : IEntityTypeConfiguration<ArticleStats>
{
    public void Configure(EntityTypeBuilder<ArticleStats> builder)
    {
        builder.HasKey(s => s.ArticleId);
        builder.Property(s => s.RatingAverage)
            .HasComputedColumnSql("CASE WHEN rating_count = 0 THEN 0 ELSE rating_total::double precision / rating_count END", stored: true);
        // The two counter sorts; id last so ties page stably.
        builder.HasIndex(s => new { s.ViewCount, s.ArticleId });
        builder.HasIndex(s => new { s.RatingAverage, s.RatingCount, s.ArticleId });
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.AuthorId });
        // Restrict: deleting an author who still has articles must fail, even when the check races a new article.
        builder.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.AuthorId);
    }
}

internal sealed class ArticleCategoryConfiguration : IEntityTypeConfiguration<ArticleCategory>
{
    public void Configure(EntityTypeBuilder<ArticleCategory> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.CategoryId });
        builder.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CategoryId, x.Position });
    }
}

internal sealed class ArticleSlugConfiguration : IEntityTypeConfiguration<ArticleSlug>
{
    public void Configure(EntityTypeBuilder<ArticleSlug> builder)
    {
        builder.HasKey(s => s.Slug);
        builder.Property(s => s.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ArticleId);
    }
}
