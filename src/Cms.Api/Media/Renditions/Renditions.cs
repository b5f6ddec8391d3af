using System.Collections.Concurrent;
using Cms.Api.Infrastructure.Memory;
using Cms.Api.Media.Storage;

namespace Cms.Api.Media.Renditions;

/// <summary>
/// A rendition from the disk cache, or made once: however many requests ask for one not yet made, one encodes it (in an
/// encode slot) and the rest wait for its bytes.
/// </summary>
public sealed class Renditions(RenditionCache cache, HotRenditions hot, EncodeGate gate, RenditionEncoder encoder, IMediaStore store, NativeHeapTrimmer trimmer)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _making = new(StringComparer.Ordinal);

    /// <summary>The rendition's bytes as a stream; throws <see cref="EncodeBusyException"/> when no encode slot is free.</summary>
    public async Task<Stream> OpenAsync(string storageKey, RenditionSpec spec, CancellationToken cancellationToken)
    {
        var key = spec.Key;
        if (hot.Get(key) is { } inMemory)
        {
            return InMemory(inMemory);
        }

        if (cache.TryOpen(key) is { } kept)
        {
            if (kept.Length > HotRenditions.MaxItemBytes)
            {
                return kept;
            }

            await using (kept)
            {
                var read = new byte[kept.Length];
                await kept.ReadExactlyAsync(read, cancellationToken);
                hot.Put(key, read);
                return InMemory(read);
            }
        }

        var making = _making.GetOrAdd(key, k => new Lazy<Task<byte[]>>(() => MakeAsync(k, storageKey, spec)));
        // The encode goes on when this request goes away: others may be waiting for it, and it will be cached.
        var bytes = await making.Value.WaitAsync(cancellationToken);
        return InMemory(bytes);
    }

    /// <summary>Bytes in memory as a stream whose buffer the answer may write from directly (no copy through a stream).</summary>
    private static MemoryStream InMemory(byte[] bytes) => new(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);

    private async Task<byte[]> MakeAsync(string key, string storageKey, RenditionSpec spec)
    {
        try
        {
            // Made meanwhile by a request that was just ahead of this one.
            if (cache.TryOpen(key) is { } kept)
            {
                await using (kept)
                {
                    using var copy = new MemoryStream();
                    await kept.CopyToAsync(copy);
                    return copy.ToArray();
                }
            }

            using var slot = await gate.EnterAsync(CancellationToken.None) ?? throw new EncodeBusyException();
            byte[] bytes;
            await using (var original = await OpenOriginalAsync(storageKey))
            using (trimmer.Working())
            {
                bytes = await Task.Run(() => encoder.Encode(original, spec));
            }

            await cache.PutAsync(key, bytes, CancellationToken.None);
            hot.Put(key, bytes);
            return bytes;
        }
        finally
        {
            // Only this flight removes its own entry, after the bytes are cached: a later request finds them there.
            _making.TryRemove(key, out _);
        }
    }

    /// <summary>The original as the encoder reads it, seekable: the store's file as it is, else (S3) its bytes in memory.</summary>
    private async Task<Stream> OpenOriginalAsync(string storageKey)
    {
        var stream = await store.OpenReadAsync(storageKey, CancellationToken.None)
            ?? throw new InvalidOperationException($"The original '{storageKey}' is not in the media store.");
        if (stream.CanSeek)
        {
            return stream;
        }

        await using (stream)
        {
            var copy = new MemoryStream(stream is S3ObjectStream { Length: > 0 and <= int.MaxValue } s3 ? (int)s3.Length : 0);
            await stream.CopyToAsync(copy);
            copy.Position = 0;
            return copy;
        }
    }
}
