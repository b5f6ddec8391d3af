using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.RateLimits;

/// <summary>
/// Per-address limits hold for the site: with Redis configured, two instances count one client against one limit; without
/// it, or while Redis is away, each instance counts alone (and says so in its log) rather than failing requests.
/// </summary>
public sealed class SharedRateLimitTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedisAsync() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task TwoInstancesWithRedisShareOneLimitPerAddress()
    {
        await using var pair = await InstancePair.StartAsync(Settings(_redis.Configuration));

        var statuses = await SignInsAsync(pair, "192.0.2.20", 4);
        var otherAddress = await SignInsAsync(pair, "192.0.2.21", 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 429 }), "3 a minute for the site: A, B, A, then B refuses");
            Assert.That(otherAddress, Is.EqualTo(new[] { 401 }), "another address has its own window");
        }
    }

    [Test]
    public async Task WithoutRedisEachInstanceCountsAlone()
    {
        await using var pair = await InstancePair.StartAsync(Settings(redis: null));

        var statuses = await SignInsAsync(pair, "192.0.2.30", 6);

        Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 401, 401, 401 }), "3 a minute on each of two instances");
    }

    [Test]
    public async Task WhileRedisIsAwayLimitsAreCountedPerInstanceAndNothingFails()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstancePair.StartAsync(Settings(redis.Configuration));
        var before = await SignInsAsync(pair, "192.0.2.40", 2);
        await redis.StopAsync();

        var statuses = await SignInsAsync(pair, "192.0.2.41", 8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new[] { 401, 401 }));
            Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 401, 401, 401, 429, 429 }), "3 a minute on each instance, none failed");
        }
    }

    private static Dictionary<string, string?> Settings(string? redis) => new()
    {
        ["Cms:RateLimits:SignInsPerMinute"] = "3",
        ["Cms:Redis:Configuration"] = redis,
    };

    /// <summary>Failed sign-ins (unknown users: no account lockout) from one address, alternating between A and B.</summary>
    private static async Task<int[]> SignInsAsync(InstancePair pair, string address, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            using var request = ApiTest.Request(HttpMethod.Post, "/api/v1/sessions", body: new { username = $"khong-co-{i}", password = "sai mat khau" });
            request.Headers.Add(CmsApp.ClientAddressHeader, address);
            using var response = await (i % 2 == 0 ? pair.ClientA : pair.ClientB).SendAsync(request);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }
}
