using System.Security.Cryptography;
using Cms.Api.Media;
using NetVips;

namespace Cms.Api.Tests.Media;

/// <summary>Uploads: the type decided by decoding, the contract's answers for everything else, and nothing stored for a refusal.</summary>
[TestFixture(Local)]
[TestFixture(S3, Category = "S3")]
public sealed class MediaUploadTests(string store) : MediaTest(store)
{
    protected override IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>
    {
        ["Cms:Media:MaxUploadBytes"] = "200000",
        ["Cms:Media:MaxPixels"] = "1000000",
    };

    [TestCase("jpg", "image/jpeg")]
    [TestCase("png", "image/png")]
    [TestCase("webp", "image/webp")]
    [TestCase("avif", "image/avif")]
    [TestCase("gif", "image/gif")]
    public async Task EveryAcceptedFormatIsStoredWithItsSizeHashAndType(string format, string contentType)
    {
        var bytes = TestImages.Picture(format, 120, 80);

        // Named and sent as something else: what the bytes are decides.
        var item = await UploadedAsync(bytes, "Quang cảnh Hội nghị.jpeg", fields: new Dictionary<string, string>
        {
            ["alt"] = "Quang cảnh Hội nghị", ["caption"] = "Đại biểu dự hội nghị", ["credit"] = "Ảnh: Hồng Phái",
        });
        var stored = await EditorGetAsync<MediaResponse>($"/api/v1/media/{item.Id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(item.ContentType, Is.EqualTo(contentType));
            Assert.That((item.Width, item.Height), Is.EqualTo((120, 80)));
            Assert.That(item.Bytes, Is.EqualTo(bytes.Length));
            Assert.That(item.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
            Assert.That(item.FileName, Is.EqualTo("Quang-cảnh-Hội-nghị." + (format == "jpg" ? "jpg" : format)), "Vietnamese kept, extension from the content");
            Assert.That(item.Url, Is.EqualTo(MediaFileName.Url(item.Id, item.FileName)));
            Assert.That((item.Alt, item.Caption, item.Credit), Is.EqualTo(("Quang cảnh Hội nghị", "Đại biểu dự hội nghị", "Ảnh: Hồng Phái")));
            Assert.That(item.Public, Is.False);
            Assert.That(item.CreatedBy?.DisplayName, Is.Not.Null);
            Assert.That(stored, Is.EqualTo(item));
        }
    }

    [TestCase("../../etc/passwd.jpg", "passwd.jpg")]
    [TestCase("C:\\Users\\phai\\Ảnh\\hội nghị.JPG", "hội-nghị.jpg")]
    [TestCase("a\u0000b\u202Ec<>:\"|?*.jpg", "abc.jpg")]
    [TestCase("....jpg", "image.jpg")]
    [TestCase("photo.png", "photo.jpg")]
    public async Task FileNamesAreCleaned(string uploaded, string expected)
    {
        var item = await UploadedAsync(TestImages.Picture("jpg"), uploaded);

        Assert.That(item.FileName, Is.EqualTo(expected));
    }

    [TestCase("pdf", TestName = "APdfNamedJpgIsRefused")]
    [TestCase("svg", TestName = "AnSvgIsRefused")]
    [TestCase("html", TestName = "AnHtmlPageNamedJpgIsRefused")]
    [TestCase("polyglot", TestName = "AJpegThatIsAlsoAWebPageIsRefused")]
    [TestCase("heic", TestName = "AHeicPhotoIsRefusedClearly")]
    public async Task WhatIsNotAnAcceptedPictureIs415AndNothingIsStored(string kind)
    {
        var bytes = kind switch
        {
            "pdf" => TestImages.Pdf(),
            "svg" => TestImages.Svg(),
            "html" => TestImages.Html(),
            "polyglot" => TestImages.JpegWithPage(),
            _ => TestImages.HeicHeader(),
        };
        var (before, files) = (await LibrarySizeAsync(), await StoredCountAsync());

        using var response = await UploadAsync(bytes, "anh.jpg");
        var problem = await AssertProblemAsync(response, 415, "unsupported_media_type");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await LibrarySizeAsync(), Is.EqualTo(before));
            Assert.That(await StoredCountAsync(), Is.EqualTo(files));
            if (kind == "heic")
            {
                Assert.That((string?)problem["detail"], Does.Contain("HEIC"));
            }
        }
    }

    [TestCase("truncated", TestName = "ATruncatedPictureIsAnInvalidImage")]
    [TestCase("bomb", TestName = "ADecompressionBombIsRefusedBeforeDecoding")]
    [TestCase("large", TestName = "APictureOverThePixelLimitIsAnInvalidImage")]
    public async Task AnUnusablePictureIs400InvalidImageAndNothingIsStored(string kind)
    {
        var bytes = kind switch
        {
            "truncated" => TestImages.TruncatedJpeg(),
            "bomb" => TestImages.JpegClaiming(60_000),
            _ => TestImages.Picture("png", 1200, 1000),
        };

        var files = await StoredCountAsync();

        using var response = await UploadAsync(bytes, "anh.jpg");
        await AssertProblemAsync(response, 400, "invalid_image");

        Assert.That(await StoredCountAsync(), Is.EqualTo(files));
    }

    [Test]
    public async Task AFileOverTheUploadLimitIs413AndNothingIsStored()
    {
        using var noise = Image.Gaussnoise(600, 400);
        var bytes = noise.Cast(Enums.BandFormat.Uchar).PngsaveBuffer(compression: 0);
        Assert.That(bytes.Length, Is.GreaterThan(200_000));

        var files = await StoredCountAsync();

        using var response = await UploadAsync(bytes, "lon.png");
        await AssertProblemAsync(response, 413, "payload_too_large");

        Assert.That(await StoredCountAsync(), Is.EqualTo(files));
    }

    [Test]
    public async Task AnUploadNeedsAFilePartAMultipartBodyAndASession()
    {
        var noFile = Request(HttpMethod.Post, "/api/v1/media", Editor);
        noFile.Content = new MultipartFormDataContent { { new StringContent("Quang cảnh"), "alt" } };
        using var withoutFile = await Client.SendAsync(noFile);
        var json = Request(HttpMethod.Post, "/api/v1/media", Editor);
        json.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var notMultipart = await Client.SendAsync(json);
        using var anonymous = await Client.PostAsync("/api/v1/media", new MultipartFormDataContent { { new ByteArrayContent(TestImages.Picture("jpg")), "file", "a.jpg" } });

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AssertProblemAsync(withoutFile, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("file"), Is.True);
            await AssertProblemAsync(notMultipart, 415, "unsupported_media_type");
            await AssertProblemAsync(anonymous, 401, "unauthenticated");
        }
    }

    [Test]
    public async Task TooLongTextPartsAreRefusedNamingTheField()
    {
        var files = await StoredCountAsync();

        using var response = await UploadAsync(TestImages.Picture("jpg"), "a.jpg", fields: new Dictionary<string, string> { ["alt"] = new string('a', 501) });
        var problem = await AssertProblemAsync(response, 400, "validation_failed");

        Assert.That(problem["errors"]!.AsObject().ContainsKey("alt"), Is.True);
        Assert.That(await StoredCountAsync(), Is.EqualTo(files));
    }

    [TestCase("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nabc", TestName = "ABodyCutOffInsideThePartIs400")]
    [TestCase("no boundary here at all", TestName = "ABodyWithoutItsBoundaryIs400")]
    [TestCase("", TestName = "AnEmptyMultipartBodyIs400")]
    [TestCase("HUGEHEADER", TestName = "APartHeaderPastTheLimitIs400")]
    public async Task AMalformedMultipartBodyIs400AndNothingIsStored(string body)
    {
        if (body == "HUGEHEADER")
        {
            body = $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nX-Long: {new string('x', 20_000)}\r\n\r\nabc\r\n--b--\r\n";
        }

        var files = await StoredCountAsync();
        var request = Request(HttpMethod.Post, "/api/v1/media", Editor);
        request.Content = new StringContent(body);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, 400, "malformed_multipart");
        Assert.That(await StoredCountAsync(), Is.EqualTo(files));
    }

    [Test]
    public async Task TwoFileParts400SayingSendOne()
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestImages.Picture("jpg")), "file", "a.jpg" },
            { new ByteArrayContent(TestImages.Picture("png")), "file", "b.png" },
        };
        var request = Request(HttpMethod.Post, "/api/v1/media", Editor);
        request.Content = form;

        using var response = await Client.SendAsync(request);

        Assert.That((await AssertProblemAsync(response, 400, "validation_failed"))["errors"]!["file"]![0]!.GetValue<string>(), Does.Contain("one part"));
    }
}
