using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Data;

public sealed class CmsDbContext(DbContextOptions<CmsDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();

    public DbSet<ArticleCategory> ArticleCategories => Set<ArticleCategory>();

    public DbSet<ArticleSlug> ArticleSlugs => Set<ArticleSlug>();

    public DbSet<ArticleStats> ArticleStats => Set<ArticleStats>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<MediaItem> Media => Set<MediaItem>();

    public DbSet<ArticleMedia> ArticleMedia => Set<ArticleMedia>();

    public DbSet<ArticlePendingMedia> ArticlePendingMedia => Set<ArticlePendingMedia>();

    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<WebhookSchedule> WebhookSchedules => Set<WebhookSchedule>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    public DbSet<DeletedArticle> DeletedArticles => Set<DeletedArticle>();

    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();

    /// <summary><c>cms_unaccent(text)</c> (Data/Sql/search.sql): the text with accents removed (đ → d), as searches fold it. Only callable inside queries.</summary>
    [DbFunction("cms_unaccent", IsBuiltIn = false)]
    public static string Unaccent(string text) => throw new NotSupportedException("Only for use in queries.");

    /// <summary>
    /// <c>cms_visible_to_readers(status, publish_at, expires_at, at)</c> (Data/Sql/visibility.sql): "visible to readers",
    /// written once in SQL. A plain SQL function, so PostgreSQL inlines it and the indexes serve it as before.
    /// </summary>
    [DbFunction("cms_visible_to_readers", IsBuiltIn = false)]
    public static bool VisibleToReaders(ArticleStatus status, DateTimeOffset? publishAt, DateTimeOffset? expiresAt, DateTimeOffset at) =>
        throw new NotSupportedException("Only for use in queries.");

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CmsDbContext).Assembly);
}
