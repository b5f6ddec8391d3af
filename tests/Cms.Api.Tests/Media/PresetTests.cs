namespace Cms.Api.Tests.Media;

/// <summary>An operator who allows anonymous readers named presets only.</summary>
public sealed class PresetTests : MediaTest
{
    protected override IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>
    {
        ["Cms:Media:PresetsOnly"] = "true",
        ["Cms:Media:Presets:card:W"] = "200",
        ["Cms:Media:Presets:card:H"] = "100",
        ["Cms:Media:Presets:card:Fit"] = "cover",
    };

    [Test]
    public async Task ReadersGetPresetsAndTheWholePictureButNoSizesOfTheirOwn()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 400), isPublic: true);

        var (card, _) = await GetFileOkAsync(file, "?preset=card&format=webp");
        var (whole, _) = await GetFileOkAsync(file, "?format=jpeg");
        using var sized = await GetFileAsync(file, "?w=100");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestImages.Size(card), Is.EqualTo((200, 100)));
            Assert.That(TestImages.Size(whole), Is.EqualTo((400, 400)));
        }

        var body = await AssertProblemAsync(sized, 400, "validation_failed");
        Assert.That(body["errors"]!["w"]![0]!.GetValue<string>(), Does.Contain("preset=card"));
    }

    [Test]
    public async Task SignedInUsersStillAskForAnySize()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 400), isPublic: true);

        using var response = await GetFileAsync(file, "?w=100&format=jpeg", token: await SignInAsAdminAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
