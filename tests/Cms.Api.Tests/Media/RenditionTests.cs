using System.Text;

namespace Cms.Api.Tests.Media;

/// <summary>What a file request makes: sizes, fits, formats by Accept, orientation, no metadata, and its headers.</summary>
[TestFixture(Local)]
[TestFixture(S3, Category = "S3")]
public sealed class RenditionTests(string store) : MediaTest(store)
{
    [TestCase("jpeg", "image/jpeg")]
    [TestCase("png", "image/png")]
    [TestCase("webp", "image/webp")]
    [TestCase("avif", "image/avif")]
    public async Task EveryFormatDecodesToTheAskedWidth(string format, string contentType)
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 300), isPublic: true);

        var (bytes, type) = await GetFileOkAsync(file, $"?w=200&format={format}");

        var (width, height, _, _) = TestImages.Read(bytes);
        Assert.That((type, width, height), Is.EqualTo((contentType, 200, 150)));
    }

    [Test]
    public async Task InsideFitsWithinBothSides()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 300), isPublic: true);

        var (bytes, _) = await GetFileOkAsync(file, "?w=200&h=100&format=jpeg");

        Assert.That(TestImages.Size(bytes), Is.EqualTo((133, 100)));
    }

    [Test]
    public async Task APictureIsNeverUpscaled()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 300), isPublic: true);

        var (inside, _) = await GetFileOkAsync(file, "?w=4000&format=jpeg");
        var (cover, _) = await GetFileOkAsync(file, "?w=1600&h=800&fit=cover&format=jpeg");
        var (contain, _) = await GetFileOkAsync(file, "?w=1000&h=1000&fit=contain&format=jpeg");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestImages.Size(inside), Is.EqualTo((400, 300)));
            Assert.That(TestImages.Size(cover), Is.EqualTo((400, 200)), "the box's shape, shrunk to fit the original");
            Assert.That(TestImages.Size(contain), Is.EqualTo((300, 300)));
        }
    }

    [Test]
    public async Task CoverKeepsTheSideOfTheFocalPoint()
    {
        var centred = await AddMediaAsync(TestImages.HalfRedHalfBlue(400, 200), "hai-mau.png", isPublic: true);
        var onBlue = await AddMediaAsync(TestImages.HalfRedHalfBlue(400, 200), "hai-mau.png", isPublic: true, focalX: 0.9, focalY: 0.5);

        var (middle, _) = await GetFileOkAsync(centred, "?w=100&h=100&fit=cover&format=png");
        var (blue, _) = await GetFileOkAsync(onBlue, "?w=100&h=100&fit=cover&format=png");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestImages.Size(blue), Is.EqualTo((100, 100)));
            var (r, _, b) = TestImages.MeanColour(blue);
            Assert.That((r, b), Is.EqualTo((0d, 255d)).Using<(double, double)>((x, y) => Math.Abs(x.Item1 - y.Item1) < 2 && Math.Abs(x.Item2 - y.Item2) < 2),
                "only blue survives a crop around a focal point on the blue side");
            var (mr, _, mb) = TestImages.MeanColour(middle);
            Assert.That(Math.Abs(mr - mb), Is.LessThan(10), "the centre keeps half of each");
        }
    }

    [Test]
    public async Task ContainPadsToTheBoxWhiteInJpegTransparentElsewhere()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(400, 200), isPublic: true);

        var (jpeg, _) = await GetFileOkAsync(file, "?w=200&h=200&fit=contain&format=jpeg");
        var (png, _) = await GetFileOkAsync(file, "?w=200&h=200&fit=contain&format=png");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestImages.Size(jpeg), Is.EqualTo((200, 200)));
            Assert.That(TestImages.Size(png), Is.EqualTo((200, 200)));
            Assert.That(TestImages.Read(png).Bands, Is.EqualTo(4), "transparent bands above and below");
        }
    }

    [TestCase("image/avif,image/webp,image/apng,image/*,*/*;q=0.8", "image/avif")]
    [TestCase("image/webp,image/*;q=0.8", "image/webp")]
    [TestCase("image/avif;q=0,image/webp", "image/webp")]
    [TestCase("*/*", "image/jpeg")]
    [TestCase(null, "image/jpeg")]
    public async Task AutoPicksTheBestFormatAcceptAllows(string? accept, string expected)
    {
        var file = await AddMediaAsync(TestImages.Jpeg(120, 80), isPublic: true);

        using var response = await GetFileAsync(file, "?w=60", accept);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(expected));
            Assert.That(response.Headers.Vary, Does.Contain("Accept"));
        }
    }

    [Test]
    public async Task AutoFallsBackToPngForOriginalsThatMayBeTransparent()
    {
        var file = await AddMediaAsync(TestImages.Png(120, 80), "so-do.png", isPublic: true);

        var (_, type) = await GetFileOkAsync(file, "?w=60");

        Assert.That(type, Is.EqualTo("image/png"));
    }

    [Test]
    public async Task AnExplicitFormatIgnoresAcceptAndDoesNotVary()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(120, 80), isPublic: true);

        using var response = await GetFileAsync(file, "?w=60&format=webp", "image/jpeg");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/webp"));
            Assert.That(response.Headers.Vary, Does.Not.Contain("Accept"));
        }
    }

    [TestCase("jpeg")]
    [TestCase("webp")]
    [TestCase("avif")]
    [TestCase("png")]
    public async Task APhoneShotComesOutUprightWithNoMetadata(string format)
    {
        var original = TestImages.PhoneJpeg(300, 200);
        Assert.That(TestImages.Read(original).Fields, Does.Contain("orientation").And.Some.StartsWith("exif-ifd3-"), "the original has orientation 6 and GPS");
        var file = await AddMediaAsync(original, isPublic: true);

        var (bytes, _) = await GetFileOkAsync(file, $"?w=100&format={format}");

        var (width, height, fields, _) = TestImages.Read(bytes);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((width, height), Is.EqualTo((100, 150)), "turned a quarter: the stored 300x200 is shown 200x300");
            Assert.That(fields, Has.None.StartsWith("exif-").And.None.EqualTo("orientation").And.None.EqualTo("xmp-data").And.None.EqualTo("iptc-data"));
            Assert.That(Encoding.Latin1.GetString(bytes), Does.Not.Contain("Exif\0\0").And.Not.Contain("GPS"));
        }
    }

    [Test]
    public async Task AFileCarriesImmutableCachingAnETagAndItsNameInline()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(120, 80), "Ảnh hội nghị.jpg", isPublic: true);

        using var response = await GetFileAsync(file, "?w=60&format=webp");
        var etag = response.Headers.ETag;
        var request = Request(HttpMethod.Get, file.Url + "?w=60&format=webp");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag!.ToString());
        using var again = await Client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Header(response, "Cache-Control"), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(etag.IsWeak, Is.False);
            Assert.That(Header(response, "Content-Disposition"), Is.EqualTo("inline; filename=_nh-h_i-ngh_.webp; filename*=UTF-8''%E1%BA%A2nh-h%E1%BB%99i-ngh%E1%BB%8B.webp"));
            Assert.That((int)again.StatusCode, Is.EqualTo(304));
            Assert.That(again.Headers.ETag, Is.EqualTo(etag));
            Assert.That(Header(again, "Cache-Control"), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(Header(response, "Surrogate-Key"), Is.EqualTo($"media media-{file.Id}"), "a CDN can purge the item's files");
        }
    }

    [Test]
    public async Task ACoverCropFollowsTheFocalPointSoItIsRevalidatedNotKeptForAYear()
    {
        var file = await AddMediaAsync(TestImages.HalfRedHalfBlue(400, 200), "hai-mau.png", isPublic: true);

        using var before = await GetFileAsync(file, "?w=100&h=100&fit=cover&format=png");
        using (var moved = await SendAsync(HttpMethod.Put, $"/api/v1/media/{file.Id}", Editor,
            new { alt = (string?)null, caption = (string?)null, credit = (string?)null, focalPoint = new { x = 0.9, y = 0.5 }, @public = true }))
        {
            Assert.That((int)moved.StatusCode, Is.EqualTo(200));
        }

        var revalidate = Request(HttpMethod.Get, file.Url + "?w=100&h=100&fit=cover&format=png");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", before.Headers.ETag!.ToString());
        using var after = await Client.SendAsync(revalidate);
        var colour = TestImages.MeanColour(await after.Content.ReadAsByteArrayAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Header(before, "Cache-Control"), Is.EqualTo("public, max-age=86400"));
            Assert.That((int)after.StatusCode, Is.EqualTo(200), "the old crop's ETag no longer matches");
            Assert.That(colour.B, Is.GreaterThan(200), "the new crop is around the new focal point");
        }
    }

    [TestCase("?w=0", "w")]
    [TestCase("?w=5000", "w")]
    [TestCase("?h=-1", "h")]
    [TestCase("?w=abc", "w")]
    [TestCase("?fit=stretch", "fit")]
    [TestCase("?format=gif", "format")]
    [TestCase("?q=0", "q")]
    [TestCase("?q=101", "q")]
    [TestCase("?preset=card", "preset")]
    public async Task BadValuesAre400(string query, string field)
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40), isPublic: true);

        using var response = await GetFileAsync(file, query);

        var body = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(body["errors"]![field], Is.Not.Null, body.ToJsonString());
    }

    [Test]
    public async Task MessagesListTheValuesOfFitAndFormat()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40), isPublic: true);

        using var response = await GetFileAsync(file, "?fit=stretch&format=gif&unknown=1");

        var body = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(body["errors"]!["fit"]![0]!.GetValue<string>(), Does.Contain("inside, cover, contain"));
        Assert.That(body["errors"]!["format"]![0]!.GetValue<string>(), Does.Contain("auto, jpeg, png, webp, avif"));
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "fit", "format" }), "unknown parameters are ignored");
    }

    [Test]
    public async Task AnUnknownIdOrAnotherNameIs404()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40), isPublic: true);

        using var unknown = await GetFileAsync(file with { Id = Guid.CreateVersion7() });
        using var renamed = await GetFileAsync(file with { FileName = "khac.jpg" });

        await AssertProblemAsync(unknown, 404, "not_found");
        await AssertProblemAsync(renamed, 404, "not_found");
        Assert.That(Header(renamed, "Cache-Control"), Is.EqualTo("no-store"));
    }

    [Test]
    public async Task HeadAnswersAsGetDoes()
    {
        var file = await AddMediaAsync(TestImages.Jpeg(60, 40), isPublic: true);

        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, file.Url + "?format=jpeg"));

        Assert.That(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType), Is.EqualTo((200, "image/jpeg")));
    }
}
