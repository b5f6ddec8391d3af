using Cms.Api.Media.Renditions;
using Microsoft.Extensions.Time.Testing;

namespace Cms.Api.Tests.Media;

public sealed class EncodeGateTests
{
    private const long MiB = 1024 * 1024;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public async Task PastTheSlotsRequestsQueueAndPastTheQueueTheyAreRefused()
    {
        using var gate = new EncodeGate(slots: 1, queueLength: 1, Wait, new FakeTimeProvider());
        var first = await gate.EnterAsync(CancellationToken.None);

        var queued = gate.EnterAsync(CancellationToken.None).AsTask();
        var refused = await gate.EnterAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(queued.IsCompleted, Is.False, "waiting for the slot");
            Assert.That(refused, Is.Null, "the queue is full");
        }

        first!.Dispose();
        using var second = await queued;
        Assert.That(second, Is.Not.Null);
    }

    [Test]
    public async Task AWaitThatRunsOutIsRefusedAndLeavesTheSlotToOthers()
    {
        var clock = new FakeTimeProvider();
        using var gate = new EncodeGate(slots: 1, queueLength: 2, Wait, clock);
        var first = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None).AsTask();

        clock.Advance(Wait - TimeSpan.FromSeconds(1));
        Assert.That(queued.IsCompleted, Is.False, "still within its wait");
        var later = gate.EnterAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await queued, Is.Null, "its wait ran out");
            Assert.That(later.IsCompleted, Is.False, "the later one waits on");
            Assert.That(gate.Waiting, Is.EqualTo(1));
        }

        first!.Dispose();
        using var second = await later;
        Assert.That(second, Is.Not.Null, "the slot went to the one still waiting, not to the one that gave up");
    }

    [TestCase(128, 2, 1)]
    [TestCase(256, 2, 2)]
    [TestCase(100, 8, 1)]
    [TestCase(12 * 1024, 2, 2)]
    [TestCase(12 * 1024, 16, 16)]
    [TestCase(640, 16, 5)]
    public void WithoutASettingEncodesAtOnceFollowMemoryAndCores(long availableMegabytes, int cores, int expected) =>
        Assert.That(EncodeGate.DerivedSlots(availableMegabytes * MiB, cores), Is.EqualTo(expected));
}
