using Cms.Api.Admin;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Admin;

/// <summary>A service whose newsroom was not built (no Node.js at build time): /admin/ says in one line what to install, the API works.</summary>
public sealed class AdminNotBuiltTests : ApiTest
{
    /// <summary>An empty folder stands for the missing build output; the real wwwroot/admin is left alone.</summary>
    private readonly string _empty = Directory.CreateTempSubdirectory("cms-admin-absent-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Admin:Folder"] = _empty };

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_empty, recursive: true);

    [TestCase("/admin/")]
    [TestCase("/admin/index.html")]
    [TestCase("/admin/app.js")]
    public async Task TheAppsAddressesAnswer503WithOneLineSayingWhatToInstall(string path)
    {
        using var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(503));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "gone once the app is built and the service restarted");
            Assert.That(text, Is.EqualTo(new[] { "Tòa soạn", AdminEndpoints.NotBuiltMessage }), "a title and one line");
            Assert.That(AdminEndpoints.NotBuiltMessage, Does.Contain("Node.js 20+").And.Contain("npm").And.Contain("dotnet build"));
        }
    }

    [Test]
    public async Task TheRestOfTheServiceWorks()
    {
        using var redirect = await Client.GetAsync("/admin");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)redirect.StatusCode, Is.EqualTo(302));
            Assert.That(redirect.Headers.Location?.ToString(), Is.EqualTo("/admin/"));
            Assert.That(await StatusOfAsync(Client, "/admin/settings.json"), Is.EqualTo(200));
            Assert.That(await StatusOfAsync(Client, "/api/v1/articles"), Is.EqualTo(200));
            Assert.That(await StatusOfAsync(Client, "/reader/"), Is.EqualTo(200));
        }
    }
}
