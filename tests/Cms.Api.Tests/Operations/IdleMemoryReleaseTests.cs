using Cms.Api.Infrastructure.Memory;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Operations;

/// <summary>Memory is given back once a load is over: once per burst, not while requests keep coming, not for health probes.</summary>
public sealed class IdleMemoryReleaseTests : ApiTest
{
    [Test]
    public async Task AQuietPeriodAfterABusyOneGivesMemoryBackOnce()
    {
        // The tests call the timer's look themselves (the fake clock is never moved here, so the timer stays still).
        var release = App.Services.GetRequiredService<IdleMemoryRelease>();
        release.Tick();
        release.Tick();
        var before = release.Releases;

        await RequestsAsync(40);
        var busy = release.Tick();
        var quiet = release.Tick();
        var again = release.Tick();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(busy, Is.False, "not while requests come in");
            Assert.That(quiet, Is.True, "quiet after a load: given back");
            Assert.That(again, Is.False, "once a burst");
            Assert.That(release.Releases, Is.EqualTo(before + 1));
        }
    }

    [Test]
    public async Task HealthProbesAloneAreNoLoad()
    {
        var release = App.Services.GetRequiredService<IdleMemoryRelease>();
        release.Tick();
        release.Tick();

        await RequestsAsync(2);
        release.Tick();

        Assert.That(release.Tick(), Is.False);
    }

    private async Task RequestsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await Client.GetAsync("/health/live");
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }
    }
}
