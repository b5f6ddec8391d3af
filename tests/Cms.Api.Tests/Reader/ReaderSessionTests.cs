using System.Text.RegularExpressions;
using Cms.Api.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

/// <summary>The idle prompt, with a short idle timeout so the whole life of a session fits in a test.</summary>
[Category("Browser")]
public sealed partial class ReaderSessionTests : ReaderTest
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

    private async Task<int> SecondsShownAsync() => int.Parse(await Page.Locator("#idle-seconds").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task TheIdleBannerCountsDownKeepAliveKeepsTheSessionAndExpirySignsOut()
    {
        var (username, password, _) = await CreateUserAsync("editor");
        await Page.GotoAsync("/reader/");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(username);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(Page.Locator("#signed-in-as")).ToHaveTextAsync("Xin chào, User " + username);
        var banner = Page.Locator("#idle-banner");
        await Expect(banner).ToBeHiddenAsync();
        var token = await Page.EvaluateAsync<string>("() => sessionStorage.getItem('cms.token')");
        Assert.That(token, Is.Not.Empty);

        // warningSeconds before the idle deadline the banner appears and counts down.
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveTextAsync(BannerText());
        var first = await SecondsShownAsync();
        await Page.WaitForFunctionAsync("s => Number(document.getElementById('idle-seconds').textContent) < s", first);
        var before = await IdleExpiresAtAsync(token);

        // Its link is keep-alive: the banner goes and the server moved the deadline.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Bấm vào đây" }).ClickAsync();
        await Expect(banner).ToBeHiddenAsync();
        Assert.That(await IdleExpiresAtAsync(token), Is.GreaterThan(before));
        await Expect(Page.Locator("#signed-in-as")).ToBeVisibleAsync();

        // Left alone, it comes back, reaches zero, and the page shows the reader signed out.
        await Expect(banner).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync(new() { Timeout = (WarningSeconds + 4) * 1000 });
        await Expect(Page.Locator("#account-notice")).ToHaveTextAsync("Phiên đăng nhập đã hết hạn do không sử dụng Site.");
        await Expect(banner).ToBeHiddenAsync();
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('cms.token')"), Is.Null);

        // And the server agrees.
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        await AssertProblemAsync(response, 401, "session_expired");
    }

    [Test]
    public async Task WrongPasswordIsSaidPlainlyAndSigningOutEndsTheSession()
    {
        var (username, password, _) = await CreateUserAsync("editor");
        await Page.GotoAsync("/reader/");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(username);
        await Page.GetByLabel("Mật khẩu").FillAsync("not the password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(Page.Locator("#account-notice")).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu.");

        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(Page.Locator("#signed-in-as")).ToBeVisibleAsync();
        var token = await Page.EvaluateAsync<string>("() => sessionStorage.getItem('cms.token')");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }
}
