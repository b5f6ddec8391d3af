namespace Cms.Api.Tests.Media;

/// <summary>A rendition is made once, however many ask for it first, and then read from the disk cache.</summary>
public sealed class SingleFlightTests : MediaTest
{
    [Test]
    public async Task SixtyFourFirstRequestsMakeOneEncode()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(800, 600), isPublic: true);
        var before = Encodes;

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            using var response = await GetFileAsync(file, "?w=320&format=webp");
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Encodes - before, Is.EqualTo(1));
            Assert.That(answers.Select(a => a.Item1), Is.All.EqualTo(200));
            Assert.That(answers.Select(a => Convert.ToBase64String(a.Item2)).Distinct().Count(), Is.EqualTo(1), "the same bytes for all");
        }
    }

    [Test]
    public async Task AnotherSizeOrFormatIsAnotherEncodeAndARepeatIsNone()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(200, 100), isPublic: true);
        var before = Encodes;

        foreach (var query in new[] { "?w=100&format=jpeg", "?w=100&format=jpeg", "?w=50&format=jpeg", "?w=100&format=png", "?w=100&format=jpeg&unknown=1" })
        {
            await GetFileOkAsync(file, query);
        }

        Assert.That(Encodes - before, Is.EqualTo(3));
    }
}
