using Cms.Api.Media.Renditions;

namespace Cms.Api.Tests.Media;

public sealed class EncodeGateTests
{
    [Test]
    public async Task PastTheSlotsRequestsQueueAndPastTheQueueTheyAreRefused()
    {
        using var gate = new EncodeGate(slots: 1, queueLength: 1);
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
}
