using Cms.Api.Media.Storage;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cms.Api.Tests.Media;

/// <summary>The store chosen by configuration: the S3 one starts with the service and serves it; a half-configured one stops the start.</summary>
public sealed class MediaStoreSettingsTests
{
    [Test]
    [Category("S3")]
    public async Task TheServiceStartsReadyOnTheS3StoreAndUsesIt()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("t_media_store_s3");
        var bucket = await RadosGateway.NewBucketAsync();
        await using var app = new CmsApp(database, RadosGateway.Settings(bucket));
        using var client = app.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        Assert.That((int)ready.StatusCode, Is.EqualTo(200), await ready.Content.ReadAsStringAsync());

        var store = app.Services.GetRequiredService<IMediaStore>();
        await store.PutAsync("smoke", new MemoryStream([42]), 1, "image/png", CancellationToken.None);
        using var elsewhere = new S3MediaStore(bucket);
        await using var stream = await elsewhere.OpenReadAsync("smoke", CancellationToken.None);
        Assert.That(stream?.ReadByte(), Is.EqualTo(42), "the service wrote to the configured bucket");
    }

    [TestCase("Cms:Media:S3:SecretKey", "", "Cms:Media:S3:AccessKey and Cms:Media:S3:SecretKey are required")]
    [TestCase("Cms:Media:S3:AccessKey", " ", "Cms:Media:S3:AccessKey and Cms:Media:S3:SecretKey are required")]
    [TestCase("Cms:Media:S3:Bucket", "", "Cms:Media:S3:Bucket is required")]
    [TestCase("Cms:Media:S3:Bucket", "Media_Bucket", "Cms:Media:S3:Bucket is required")]
    [TestCase("Cms:Media:S3:ServiceUrl", "127.0.0.1:7480", "Cms:Media:S3:ServiceUrl must be an absolute http or https address")]
    [TestCase("Cms:Media:S3:Region", "", "Cms:Media:S3:ServiceUrl (radosgw, MinIO, R2...) or Cms:Media:S3:Region (AWS) is required")]
    public async Task AnIncompleteS3ConfigurationStopsTheStartSayingWhatIsMissing(string key, string value, string message)
    {
        // The service's own composition, validated as its start validates it. Not through WebApplicationFactory: when a
        // start fails there, the entry point's disposal races the factory, which then may throw ObjectDisposedException.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:Cms"] = await TestPostgres.CreateMigratedDatabaseAsync("t_media_store_settings");
        builder.Configuration["Cms:Media:Store"] = "s3";
        builder.Configuration["Cms:Media:S3:Bucket"] = "cms-media";
        builder.Configuration["Cms:Media:S3:AccessKey"] = "access";
        builder.Configuration["Cms:Media:S3:SecretKey"] = "secret";
        if (key.EndsWith("Region", StringComparison.Ordinal))
        {
            builder.Configuration["Cms:Media:S3:ServiceUrl"] = "";
        }

        builder.Configuration[key] = value;
        builder.AddCmsApi();
        await using var app = builder.Build();

        var refused = Assert.Catch(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(refused!.ToString(), Does.Contain(message));
    }
}
