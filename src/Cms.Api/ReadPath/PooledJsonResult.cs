using System.Buffers;
using System.Text.Json;

namespace Cms.Api.ReadPath;

/// <summary>
/// An answer its policy does not cache (a sync page with content), serialized into pooled memory and written whole:
/// no array of its own on the large-object heap, and compressed as well as a cached answer (streamed, each serializer
/// flush closed a Brotli block; BENCHMARKS.md, session 8).
/// </summary>
internal sealed class PooledJsonResult(object value, string? etag, JsonSerializerOptions json) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBuffer();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), json);
        }

        if (CachedBodyResult.Start(httpContext, etag, buffer.Written.Length))
        {
            await httpContext.Response.Body.WriteAsync(buffer.Written, httpContext.RequestAborted);
        }
    }

    /// <summary>Bytes written into arrays rented from the shared pool, doubling as needed; returned on dispose.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsMemory(_length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsSpan(_length);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }

        private void Reserve(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
