using Cms.Api.Infrastructure.Memory;
using Cms.Api.Media.Renditions;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Media;

/// <summary>
/// One encode at a time, one request waiting for at most five seconds: what a small container does with a burst of new
/// renditions (it waits its turn, or is told to come back), and what happens to native memory once the burst is over.
/// </summary>
public sealed class EncodeQueueTests : MediaTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected override IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>
    {
        ["Cms:Media:MaxConcurrentEncodes"] = "1",
        ["Cms:Media:EncodeQueueLength"] = "1",
        ["Cms:Media:EncodeWaitSeconds"] = "5",
    };

    private EncodeGate Gate => App.Services.GetRequiredService<EncodeGate>();

    [Test]
    public async Task AQueuedRenditionIsMadeWhenTheSlotFrees()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        Task<HttpResponseMessage> queued;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            queued = GetFileAsync(file, "?w=100&format=webp");
            Assert.That(await QueuedAsync(), Is.True, "the request waits for the slot");
            App.Clock.Advance(TimeSpan.FromSeconds(4));
            Assert.That(queued.IsCompleted, Is.False, "still within its wait");
        }

        using var response = await queued;
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task AWaitThatRunsOutIs503WithRetryAfterAndTheNextAskIsMade()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        HttpResponseMessage busy;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            var queued = GetFileAsync(file, "?w=100&format=webp");
            Assert.That(await QueuedAsync(), Is.True, "the request waits for the slot");
            App.Clock.Advance(TimeSpan.FromSeconds(5));
            busy = await queued;
        }

        using (busy)
        {
            await AssertProblemAsync(busy, 503, "encode_busy");
            Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        }

        await GetFileOkAsync(file, "?w=100&format=webp");
    }

    [Test]
    public async Task NativeMemoryIsTrimmedOnceImageWorkHasBeenQuietAWhile()
    {
        var trimmer = App.Services.GetRequiredService<NativeHeapTrimmer>();
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        App.Clock.Advance(NativeHeapTrimmer.Quiet);
        var before = trimmer.Trims;

        await GetFileOkAsync(file, "?w=120&format=webp");
        await GetFileOkAsync(file, "?w=110&format=webp");
        App.Clock.Advance(NativeHeapTrimmer.Quiet - TimeSpan.FromMilliseconds(1));
        Assert.That(trimmer.Trims, Is.EqualTo(before), "not while image work may go on");
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(trimmer.Trims, Is.EqualTo(before + 1), "one trim for the burst");
    }

    /// <summary>Whether a request (on its way through the service) comes to wait at the gate within the patience.</summary>
    private async Task<bool> QueuedAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await Gate.WaitingReachesAsync(1, patience.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
