using Microsoft.Extensions.Caching.Memory;

namespace Cms.Api.Media.Renditions;

/// <summary>
/// The renditions read most, in memory: a kept rendition is then answered like a kept article, without opening a file
/// (from disk alone it measured 0.41-0.49x the kept article; BENCHMARKS.md, session 10). Small ones only, within a budget.
/// </summary>
public sealed class HotRenditions(long maxBytes) : IDisposable
{
    /// <summary>Larger renditions (full-size pictures) stay on disk: few readers ask for them, and they would crowd out many.</summary>
    public const int MaxItemBytes = 512 * 1024;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, maxBytes) });

    public void Dispose() => _kept.Dispose();

    public byte[]? Get(string key) => _kept.TryGetValue(key, out byte[]? bytes) ? bytes : null;

    public void Put(string key, byte[] bytes)
    {
        if (bytes.Length <= MaxItemBytes)
        {
            _kept.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }
}
