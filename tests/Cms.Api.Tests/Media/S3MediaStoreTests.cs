using System.Net;
using Amazon.S3;
using Cms.Api.Media.Storage;

namespace Cms.Api.Tests.Media;

/// <summary>What only the S3 store can get wrong: a server that checks signatures, and a bucket made at first use.</summary>
[Category("S3")]
public sealed class S3MediaStoreTests
{
    [Test]
    public async Task AWrongSecretKeyIsRefusedNotSilentlyAccepted()
    {
        var options = await RadosGateway.NewBucketAsync();
        using var store = new S3MediaStore(options);
        await PutAsync(store, "kept", [1, 2, 3]);
        using var forged = new S3MediaStore(With(options, secretKey: options.SecretKey + "x"));

        using (Assert.EnterMultipleScope())
        {
            await AssertForbiddenAsync(() => PutAsync(forged, "kept", [9]));
            await AssertForbiddenAsync(() => forged.OpenReadAsync("kept", CancellationToken.None));
            await AssertForbiddenAsync(() => forged.DeleteAsync("kept", CancellationToken.None));
        }

        await using var kept = await store.OpenReadAsync("kept", CancellationToken.None);
        Assert.That(kept, Is.Not.Null);
        using var copy = new MemoryStream();
        await kept!.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task AnUnknownAccessKeyIsRefused()
    {
        var options = await RadosGateway.NewBucketAsync();
        using var stranger = new S3MediaStore(With(options, accessKey: "nobody-" + Guid.NewGuid().ToString("N")[..8]));

        await AssertForbiddenAsync(() => PutAsync(stranger, "anything", [1]));
    }

    [Test]
    public async Task InstancesStartingTogetherShareTheBucketOneOfThemCreates()
    {
        var options = await RadosGateway.NewBucketAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new S3MediaStore(options)).ToList();
        try
        {
            await Task.WhenAll(stores.Select((store, i) => Task.Run(() => PutAsync(store, $"first/{i}", [(byte)i]))));

            foreach (var i in Enumerable.Range(0, stores.Count))
            {
                await using var stream = await stores[(i + 1) % stores.Count].OpenReadAsync($"first/{i}", CancellationToken.None);
                Assert.That(stream, Is.Not.Null, $"first/{i}");
                Assert.That(stream!.ReadByte(), Is.EqualTo(i));
            }
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task AnObjectsBodyKnowsItsLength()
    {
        var options = await RadosGateway.NewBucketAsync();
        using var store = new S3MediaStore(options);
        await PutAsync(store, "sized", new byte[12_345]);

        await using var stream = await store.OpenReadAsync("sized", CancellationToken.None);

        Assert.That(stream!.Length, Is.EqualTo(12_345));
    }

    private static async Task AssertForbiddenAsync(Func<Task> call)
    {
        var refused = Assert.ThrowsAsync<AmazonS3Exception>(async () => await call());
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), refused.ToString());
    }

    private static async Task PutAsync(IMediaStore store, string key, byte[] bytes)
    {
        await using var content = new MemoryStream(bytes);
        await store.PutAsync(key, content, bytes.Length, "application/octet-stream", CancellationToken.None);
    }

    private static S3StoreOptions With(S3StoreOptions options, string? accessKey = null, string? secretKey = null) => new()
    {
        ServiceUrl = options.ServiceUrl,
        Bucket = options.Bucket,
        AccessKey = accessKey ?? options.AccessKey,
        SecretKey = secretKey ?? options.SecretKey,
        ForcePathStyle = options.ForcePathStyle,
    };
}
