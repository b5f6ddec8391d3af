using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Sessions;

/// <summary>Password hashing is bounded: a flood of sign-ins queues for one slot and the overflow is told to come back.</summary>
public sealed class SignInFloodTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Slow hashes and one slot with a short queue, so a dozen at once cannot all be served.
        ["Cms:Passwords:Iterations"] = "400000",
        ["Cms:Passwords:MaxConcurrentHashes"] = "1",
        ["Cms:Passwords:QueueTimeoutMilliseconds"] = "100",
    };

    [Test]
    public async Task SignInsBeyondTheHashingSlotsAre429WithRetryAfterAndNothingBreaks()
    {
        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await SignInResponseAsync($"nobody-{i}", "wrong password", $"10.0.0.{i + 1}");
            var retryAfter = response.Headers.RetryAfter?.Delta;
            var code = (int)response.StatusCode == 429 ? (await AssertProblemAsync(response, 429, "rate_limited"))["code"]!.GetValue<string>() : null;
            return ((int)response.StatusCode, code, retryAfter);
        });
        var answers = await Task.WhenAll(attempts);

        Assert.That(answers.Select(a => a.Item1), Is.All.AnyOf(401, 429));
        Assert.That(answers.Count(a => a.Item1 == 401), Is.GreaterThanOrEqualTo(1), "the slot serves someone");
        Assert.That(answers.Count(a => a.Item1 == 429), Is.GreaterThanOrEqualTo(1), "the overflow is turned away");
        Assert.That(answers.Where(a => a.Item1 == 429).Select(a => a.retryAfter), Is.All.EqualTo(TimeSpan.FromSeconds(1)));

        // The slot was given back every time: a sign-in afterwards is served.
        await SignInAsAdminAsync();
    }
}
