using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

public sealed class ErrorTests : ApiTest
{
    [TestCase("/nothing-here")]
    [TestCase("/api/v1/nothing-here")]
    [TestCase("/api/v1/users/not-a-guid")]
    public async Task UnknownAddressesAre404ProblemJson(string url)
    {
        using var response = await Client.GetAsync(url);

        await AssertProblemAsync(response, 404, "not_found");
    }

    [Test]
    public async Task AWrongMethodIs405ProblemJson()
    {
        using var response = await Client.PutAsync("/api/v1/sessions", null);

        await AssertProblemAsync(response, 405, "method_not_allowed");
    }

    // Found by the fuzz test: PostgreSQL cannot store U+0000, and a NUL in any text once made a 500.
    [TestCase("/api/v1/articles?author=%00")]
    [TestCase("/api/v1/articles?tag=a%00b")]
    public async Task ANulCharacterInTheAddressIs400(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.That((int)response.StatusCode, Is.AnyOf(400, 404), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task ANulCharacterInABodyIs400AndStoresNothing()
    {
        using var signIn = await SignInResponseAsync("\u0000", "\u0000x");
        await AssertProblemAsync(signIn, 400, "bad_request");

        var token = await SignInAsAdminAsync();
        using var category = await SendAsync(HttpMethod.Post, "/api/v1/categories", token, new { name = "Thời\u0000sự" });
        // Refused by validation, naming the field: text with control characters would break the feeds.
        Assert.That((await AssertProblemAsync(category, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("name"), Is.True);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM categories"), Is.Zero);
    }
}
