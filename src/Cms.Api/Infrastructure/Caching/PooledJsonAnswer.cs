using System.Buffers;
using System.Text.Json;

namespace Cms.Api.Infrastructure.Caching;

/// <summary>
/// A JSON answer that is not kept (<see cref="ReadCache.AskedOnce"/>), serialized into pooled memory and written in one
/// piece. Not kept, it needs no array of its own (a 500-article sync page is 1.4 MiB, which the large-object heap held
/// until a full collection); and written whole, it compresses as well as a kept answer: streamed, the serializer's
/// flushes each closed a Brotli block, and that page went to phones as 799 KiB instead of 491.
/// </summary>
internal sealed class PooledJsonAnswer(object value, string? etag, JsonSerializerOptions json) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBuffer();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), json);
        }

        if (KeptAnswer.Start(httpContext, etag, buffer.Written.Length))
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
