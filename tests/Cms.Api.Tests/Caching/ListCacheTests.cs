using Cms.Api.Data;
using Cms.Api.ReadPath;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Caching;

/// <summary>
/// A list's total, anchors and search pages are worked out once however many readers miss them together, never across a
/// content change, and a reader whose shared read failed reads for itself.
/// </summary>
public sealed class ListCacheTests : ApiTest
{
    [Test]
    public async Task ReadersMissingTogetherShareOneRead()
    {
        var (cache, scopes) = (App.Services.GetRequiredService<ListCache>(), new List<IServiceScope>());
        var (reads, gate) = (0, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        var readers = Enumerable.Range(0, 8).Select(_ => cache.TotalAsync("together", DbContext(scopes), () =>
        {
            Interlocked.Increment(ref reads);
            return gate.Task;
        }, CancellationToken.None)).ToList();

        gate.SetResult(42);
        var totals = await Task.WhenAll(readers);
        var later = await cache.TotalAsync("together", DbContext(scopes), () => Task.FromResult(7L), CancellationToken.None);
        scopes.ForEach(s => s.Dispose());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reads, Is.EqualTo(1));
            Assert.That(totals, Is.All.EqualTo(42));
            Assert.That(later, Is.EqualTo(42), "kept");
        }
    }

    [Test]
    public async Task AReaderAfterAContentChangeDoesNotJoinAnOlderRead()
    {
        var (cache, scopes) = (App.Services.GetRequiredService<ListCache>(), new List<IServiceScope>());
        var gate = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = cache.TotalAsync("changing", DbContext(scopes), () => gate.Task, CancellationToken.None);

        App.Services.GetRequiredService<ContentEpoch>().Advance();
        var after = await cache.TotalAsync("changing", DbContext(scopes), () => Task.FromResult(2L), CancellationToken.None);
        gate.SetResult(1);
        var first = await before;
        scopes.ForEach(s => s.Dispose());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(1));
            Assert.That(after, Is.EqualTo(2), "read in the new epoch, not the old one's answer");
        }
    }

    [Test]
    public async Task WhenTheSharedReadFailsEachWaitingReaderReadsForItself()
    {
        var (cache, scopes) = (App.Services.GetRequiredService<ListCache>(), new List<IServiceScope>());
        var gate = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        var failing = cache.TotalAsync("failing", DbContext(scopes), () => gate.Task, CancellationToken.None);
        var waiting = cache.TotalAsync("failing", DbContext(scopes), () =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult(5L);
        }, CancellationToken.None);

        gate.SetException(new InvalidOperationException("the connection broke"));
        var failed = Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var total = await waiting;
        scopes.ForEach(s => s.Dispose());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed, Is.Not.Null);
            Assert.That(total, Is.EqualTo(5));
            Assert.That(reads, Is.EqualTo(1));
        }
    }

    private CmsDbContext DbContext(List<IServiceScope> scopes)
    {
        var scope = App.Services.CreateScope();
        scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<CmsDbContext>();
    }
}
