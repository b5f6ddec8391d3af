using Cms.Api.ReadPath;

namespace Cms.Api.Tests.Caching;

/// <summary>
/// Which NOTIFYs the listener may skip. The order of a write's NOTICE (its own connection) and its NOTIFY (the listener's)
/// is not fixed in the process, so both orders are run; a mistake may cost an extra advance, never a skipped one.
/// </summary>
public sealed class OwnNotificationsTests
{
    [Test]
    public void AClaimedNotifyIsSkippedOnceAndAnUnclaimedOneNever()
    {
        var own = new OwnNotifications();
        own.Ours(41);
        own.Claim(41);

        Assert.That(new[] { own.TryConsume(41), own.TryConsume(41), own.TryConsume(42) }, Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public void ANotifyHeardBeforeItsNoticeLeavesNoClaimBehind()
    {
        var own = new OwnNotifications();
        own.Ours(41);

        var skipped = own.TryConsume(41);   // heard first: advanced for, and remembered
        own.Claim(41);                      // then its NOTICE: uses that up instead of claiming

        Assert.That(skipped, Is.False);
        Assert.That(own.TryConsume(41), Is.False, "a later write's NOTIFY from the same backend is not skipped");
    }

    [Test]
    public void ARolledBackClaimIsReleasedAndAnotherInstancesBackendLeavesNoCredit()
    {
        var own = new OwnNotifications();
        own.Ours(41);
        own.Claim(41);
        own.Release(41);
        own.TryConsume(77);                 // not ours: nothing remembered
        own.Claim(77);

        Assert.That(own.TryConsume(41), Is.False);
        Assert.That(own.TryConsume(77), Is.True);
    }
}
