using System.Text.RegularExpressions;
using Cms.Api.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>The newsroom's door: served at /admin/ from this service only, sign-in, and the idle prompt with a short idle timeout.</summary>
[Category("Browser")]
public sealed partial class AdminSessionTests : AdminTest
{
    private const int IdleSeconds = 6;
    private const int WarningSeconds = 4;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Sessions:IdleTimeoutSeconds"] = IdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cms:Sessions:WarningSeconds"] = WarningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập\. Thời gian chờ: [0-4] giây$")]
    private static partial Regex BannerText();

    private async Task<DateTimeOffset> IdleExpiresAtAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<SessionEnvelope>(response)).Session.IdleExpiresAt;
    }

    [Test]
    public async Task TheAppIsServedFromThisServiceWithItsPolicyAndSaysWrongPasswordsPlainly()
    {
        var response = await Page.GotoAsync("/admin/");
        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(await response.HeaderValueAsync("content-security-policy"), Does.StartWith("default-src 'self'"));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(Page, "sign-in");

        var (username, password, _) = await CreateUserAsync("editor");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(username);
        await Page.GetByLabel("Mật khẩu").FillAsync("not the password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(Page.Locator("#sign-in-notice")).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu.");

        await SignInAsync(Page, username, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Bài viết" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#result-count")).ToHaveTextAsync("0 bài");
        // Everything the app loaded came from this service, and no address carried the session token.
        var token = await Page.EvaluateAsync<string>("() => sessionStorage.getItem('cms.admin.token')");
        var requests = Requests.ToArray(); // the page goes on polling the session meanwhile
        Assert.That(requests.Select(r => new Uri(r.Url)).Where(u => u.Scheme is not ("data" or "blob")), Has.All.Matches<Uri>(u => u.Authority == App.Address.Authority));
        Assert.That(requests.Select(r => r.Url), Has.None.Contains(token));
        Assert.That(requests.Where(r => r.Url.Contains("/api/v1/articles", StringComparison.Ordinal)), Is.Not.Empty);

        // Signing out ends the session on the server.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
        using var after = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        Assert.That((int)after.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task TheIdlePromptCountsDownKeepAliveKeepsTheSessionAndTheServerEndsIt()
    {
        var (_, token, _) = await SignInAsync(Page);
        var banner = Page.Locator("#idle-banner");

        // warningSeconds before the server's idle deadline the prompt appears and counts down.
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveTextAsync(BannerText());
        var before = await IdleExpiresAtAsync(token);

        // Its link is keep-alive: the prompt goes and the server moved the deadline.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Bấm vào đây" }).ClickAsync();
        await Expect(banner).ToBeHiddenAsync();
        Assert.That(await IdleExpiresAtAsync(token), Is.GreaterThan(before));

        // Left alone, it comes back, reaches zero, and the page asks the server, which has ended the session.
        await Expect(banner).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync(new() { Timeout = (WarningSeconds + 4) * 1000 });
        await Expect(Page.Locator("#sign-in-notice")).ToHaveTextAsync("Phiên đăng nhập đã hết hạn do không sử dụng Site.");
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('cms.admin.token')"), Is.Null);
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        await AssertProblemAsync(response, 401, "session_expired");
    }
}
