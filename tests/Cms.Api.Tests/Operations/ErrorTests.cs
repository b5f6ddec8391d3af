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
}
