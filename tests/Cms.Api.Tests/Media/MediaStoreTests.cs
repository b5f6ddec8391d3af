using System.IO.Pipelines;
using Cms.Api.Media.Storage;

namespace Cms.Api.Tests.Media;

/// <summary>What every media store promises, checked on the local folder and on a real S3 server (Ceph's radosgw).</summary>
[TestFixture("local")]
[TestFixture("s3", Category = "S3")]
public sealed class MediaStoreTests(string kind)
{
    private readonly List<IMediaStore> _stores = [];
    private string _folder = "";
    private S3StoreOptions? _bucket;
    private IMediaStore _store = null!;

    [SetUp]
    public async Task CreateStoreAsync()
    {
        if (kind == "s3")
        {
            _bucket = await RadosGateway.NewBucketAsync();
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("cms-media-store-").FullName;
        }

        _store = AnotherInstance();
    }

    [TearDown]
    public void DisposeStores()
    {
        foreach (var store in _stores.OfType<IDisposable>())
        {
            store.Dispose();
        }

        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task WhatIsPutIsReadBackByteForByte()
    {
        var bytes = RandomBytes(3 * 1024 * 1024 + 17);
        await PutAsync("originals/2026/01/a1b2", bytes);

        Assert.That(await ReadAsync("originals/2026/01/a1b2"), Is.EqualTo(bytes));
    }

    [Test]
    public async Task AStreamThatCannotSeekIsStoredFromItsStatedLength()
    {
        var bytes = RandomBytes(1024 * 1024 + 5);
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            // In pieces, as a request body arrives.
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });
        await using (var body = pipe.Reader.AsStream())
        {
            Assert.That(body.CanSeek, Is.False);
            await _store.PutAsync("streamed", body, bytes.Length, "image/jpeg", CancellationToken.None);
        }

        await writing;
        Assert.That(await ReadAsync("streamed"), Is.EqualTo(bytes));
    }

    [Test]
    public async Task AnEmptyObjectIsStoredAndReadBackEmpty()
    {
        await PutAsync("empty", []);

        Assert.That(await ReadAsync("empty"), Is.Empty);
    }

    [Test]
    public async Task AKeyNeverPutReadsAsNull()
    {
        Assert.That(await _store.OpenReadAsync("never/put", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ADeletedKeyReadsAsNull()
    {
        await PutAsync("to-delete", RandomBytes(1000));

        await _store.DeleteAsync("to-delete", CancellationToken.None);

        Assert.That(await _store.OpenReadAsync("to-delete", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task DeletingAKeyThatIsNotThereIsNoError()
    {
        await _store.DeleteAsync("never/put", CancellationToken.None);
        await PutAsync("once", RandomBytes(10));
        await _store.DeleteAsync("once", CancellationToken.None);

        Assert.That(async () => await _store.DeleteAsync("once", CancellationToken.None), Throws.Nothing);
    }

    [Test]
    public async Task PuttingAgainReplacesTheWholeObject()
    {
        await PutAsync("replaced", RandomBytes(200_000));
        var shorter = RandomBytes(1000);

        await PutAsync("replaced", shorter);

        Assert.That(await ReadAsync("replaced"), Is.EqualTo(shorter));
    }

    [Test]
    public async Task PutsOfManyKeysAtOnceAllLand()
    {
        var objects = Enumerable.Range(0, 16).ToDictionary(i => $"parallel/{i}", i => RandomBytes(50_000 + i));

        await Task.WhenAll(objects.Select(o => Task.Run(() => PutAsync(o.Key, o.Value))));

        foreach (var (key, bytes) in objects)
        {
            Assert.That(await ReadAsync(key), Is.EqualTo(bytes), key);
        }
    }

    [Test]
    public async Task AnotherInstanceSeesWritesAndDeletes()
    {
        var other = AnotherInstance();
        var bytes = RandomBytes(10_000);

        await PutAsync("shared", bytes);
        Assert.That(await ReadAsync("shared", other), Is.EqualTo(bytes));

        await other.DeleteAsync("shared", CancellationToken.None);
        Assert.That(await _store.OpenReadAsync("shared", CancellationToken.None), Is.Null);
    }

    [TestCase("")]
    [TestCase("../x")]
    [TestCase("a/../../x")]
    [TestCase("/abs")]
    [TestCase("a//b")]
    [TestCase("a/")]
    [TestCase("a.jpg")]
    [TestCase("a b")]
    [TestCase("a\\b")]
    [TestCase("ảnh")]
    public void AKeyTheServiceWouldNotMakeIsRefused(string key)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => _store.PutAsync(key, new MemoryStream([1]), 1, "image/png", CancellationToken.None), Throws.ArgumentException);
            Assert.That(() => _store.OpenReadAsync(key, CancellationToken.None), Throws.ArgumentException);
            Assert.That(() => _store.DeleteAsync(key, CancellationToken.None), Throws.ArgumentException);
        }
    }

    /// <summary>A second store over the same folder or bucket, as a second instance of the service has.</summary>
    private IMediaStore AnotherInstance()
    {
        IMediaStore store = _bucket is null ? new LocalMediaStore(_folder) : new S3MediaStore(_bucket);
        _stores.Add(store);
        return store;
    }

    private async Task PutAsync(string key, byte[] bytes)
    {
        await using var content = new MemoryStream(bytes);
        await _store.PutAsync(key, content, bytes.Length, "image/jpeg", CancellationToken.None);
    }

    private async Task<byte[]> ReadAsync(string key, IMediaStore? store = null)
    {
        await using var stream = await (store ?? _store).OpenReadAsync(key, CancellationToken.None);
        Assert.That(stream, Is.Not.Null, key);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
