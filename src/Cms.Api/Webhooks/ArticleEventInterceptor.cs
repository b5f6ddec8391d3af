using System.Runtime.CompilerServices;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cms.Api.Webhooks;

/// <summary>
/// Writes article events into the outbox in the SaveChanges that makes the change, so every write path that saves a
/// tracked article (create, replace, patch, delete, and whatever saves articles next) reports it without remembering to,
/// and a save that fails or rolls back reports nothing. Visibility is judged with the service's clock at the save's
/// moment (the article's new updatedAt), the rule readers are served by (ArticleVisibility). Time alone making an article
/// visible or not is <see cref="VisibilityScanner"/>'s. ExecuteUpdate/ExecuteDelete on articles would bypass this: there is none.
/// </summary>
internal sealed class ArticleEventInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>What readers see of an article besides its visibility: a change to one of these on a visible article is article.updated.</summary>
    private static readonly string[] LiveContent =
    [
        nameof(Article.Slug), nameof(Article.Title), nameof(Article.Summary), nameof(Article.Body), nameof(Article.CoverMediaId),
        nameof(Article.CoverImageUrl), nameof(Article.CoverImageAlt), nameof(Article.CoverImageCaption), nameof(Article.PublishAt),
        nameof(Article.ExpiresAt), nameof(Article.Source), nameof(Article.Tags), nameof(Article.AllowRating), nameof(Article.SeoTitle),
        nameof(Article.SeoDescription), nameof(Article.SeoCanonicalUrl), nameof(Article.SeoNoIndex),
    ];

    /// <summary>The events added to a context's pending save, so a second attempt of the same save replaces them.</summary>
    private readonly ConditionalWeakTable<DbContext, List<WebhookEvent>> _added = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _added.Remove(context);
        }
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (_added.TryGetValue(context, out var earlier))
        {
            // A save that failed and is tried again: its events are worked out afresh.
            foreach (var stale in earlier.Where(e => context.Entry(e).State == EntityState.Added))
            {
                context.Entry(stale).State = EntityState.Detached;
            }

            _added.Remove(context);
        }

        // SaveChanges detects changes after the interceptors run; what changed must be known here.
        context.ChangeTracker.DetectChanges();
        var relinked = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            .Select(e => e.Entity switch { ArticleAuthor a => a.ArticleId, ArticleCategory c => c.ArticleId, _ => Guid.Empty })
            .Where(id => id != Guid.Empty)
            .ToHashSet();
        var events = new List<WebhookEvent>();
        foreach (var entry in context.ChangeTracker.Entries<Article>())
        {
            if (EventFor(entry, relinked) is { } added)
            {
                events.Add(added);
            }
        }

        if (events.Count > 0)
        {
            context.AddRange(events);
            _added.AddOrUpdate(context, events);
        }
    }

    private WebhookEvent? EventFor(EntityEntry<Article> entry, HashSet<Guid> relinked)
    {
        var article = entry.Entity;
        var at = entry.State == EntityState.Added || entry.Property(a => a.UpdatedAt).IsModified ? article.UpdatedAt : time.GetUtcNow();
        WebhookEvent Event(string type, string? reason = null) =>
            WebhookEventTypes.ForArticle(type, at, article.Id, article.Slug, article.Version, article.Title, reason);

        switch (entry.State)
        {
            case EntityState.Added:
                return ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, at) ? Event(WebhookEventTypes.Published) : null;
            case EntityState.Deleted:
                return Event(WebhookEventTypes.Deleted);
            case EntityState.Modified:
                var was = ArticleVisibility.IsVisible(
                    entry.Property(a => a.Status).OriginalValue, entry.Property(a => a.PublishAt).OriginalValue, entry.Property(a => a.ExpiresAt).OriginalValue, at);
                var isNow = ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, at);
                if (!was && isNow)
                {
                    return Event(WebhookEventTypes.Published);
                }

                if (was && !isNow)
                {
                    return Event(WebhookEventTypes.Unpublished, article.Status == ArticleStatus.Archived ? "archived"
                        : article.Status == ArticleStatus.Published && article.ExpiresAt <= at ? "expired" : "unpublished");
                }

                var changed = relinked.Contains(article.Id) || LiveContent.Any(name => entry.Property(name).IsModified);
                return was && changed ? Event(WebhookEventTypes.Updated) : null;
            default:
                return null;
        }
    }
}
