using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// After any save that changed content readers see, advances the epoch here and tells the other instances. Writes that
/// bypass the change tracker (ExecuteDelete/ExecuteUpdate) call <see cref="ContentChangeSignal.ChangedAsync"/> themselves.
/// </summary>
internal sealed class ContentChangeInterceptor(ContentChangeSignal signal) : SaveChangesInterceptor
{
    private static readonly Type[] ContentTypes =
        [typeof(Article), typeof(ArticleAuthor), typeof(ArticleCategory), typeof(ArticleSlug), typeof(Author), typeof(Category)];

    // One interceptor serves every pooled context at once: what a save is about to do is kept per context.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _changing = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries()
                .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ContentTypes.Contains(e.Metadata.ClrType)))
        {
            _changing.AddOrUpdate(context, true);
        }

        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _changing.Remove(context))
        {
            await signal.ChangedAsync(cancellationToken);
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        // Whether anything committed is unknown (a lost acknowledgement): forgetting once too often is harmless.
        return eventData.Context is { } context && _changing.Remove(context) ? signal.ChangedAsync(cancellationToken) : Task.CompletedTask;
    }
}
