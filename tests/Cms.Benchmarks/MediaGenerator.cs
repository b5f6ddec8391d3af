using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Cms.Api.Content;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>A seeded library item the scenarios ask for: its id and file name make its url.</summary>
internal sealed record BenchMedia(Guid Id, string FileName)
{
    public string Url => Cms.Api.Media.MediaFileName.Url(Id, FileName);
}

/// <summary>
/// The media library, loaded once and kept like the articles: rows by binary COPY into <c>media</c>, originals put
/// straight into the service's local store as <c>originals/{id}</c>. 100 distinct 1200 × 800 photos and one 12 MP
/// picture are drawn; every item's original is a hard link to one of them (10,000 copies would be 2 GB of the same
/// bytes). The store writes aside and moves into place and deletes by unlinking, so a link is never changed in place.
/// Every item is public: anonymous readers (wrk) may fetch it, as they may a photo a visible article uses.
/// </summary>
internal static class MediaGenerator
{
    public const int Count = 10_000;

    /// <summary>Of <see cref="Count"/>, the 12 MP ones: first renditions need distinct items × widths for a whole run.</summary>
    public const int LargeCount = 64;

    /// <summary>The credit line that marks a seeded item (and, with <see cref="UploadCredit"/>, what a run uploaded).</summary>
    public const string Credit = "Ảnh: Cms.Benchmarks";

    public const string UploadCredit = "Ảnh: Cms.Benchmarks (upload)";

    private const int DistinctPhotos = 100;

    /// <summary>Seeds the library unless it is whole (every row there, every original on disk at its size).</summary>
    public static async Task EnsureAsync(NpgsqlDataSource db, string store, DateTimeOffset now, TextWriter log)
    {
        await RemoveAsync(db, store, UploadCredit);
        if (await IsWholeAsync(db, store))
        {
            return;
        }

        log.WriteLine($"Generating {Count:N0} media items (once; kept for later runs)...");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await RemoveAsync(db, store, Credit);
        var sources = Directory.CreateDirectory(Path.Combine(store, "bench-sources")).FullName;
        Directory.CreateDirectory(Path.Combine(store, "originals"));
        var photos = Enumerable.Range(0, DistinctPhotos).Select(i => Source(sources, $"photo-{i:D3}.jpg", () => BenchPictures.LibraryPhoto(i), 1200, 800))
            .ToArray();
        var large = Source(sources, "twelve-megapixel.jpg", BenchPictures.TwelveMegapixel, 4000, 3000);

        var corpus = new Corpus(seed: 2026);
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY media (id, file_name, content_type, bytes, width, height, alt, caption, credit, focal_x, focal_y, is_public, sha256, storage_key, " +
            "created_by_id, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Count; i++)
            {
                var source = i < LargeCount ? large : photos[i % photos.Length];
                var created = now.AddSeconds(-corpus.NextDouble() * 3 * 365 * 86400);
                var id = Guid.CreateVersion7(created);
                var key = $"originals/{id}";
                Link(source.Path, Path.Combine(store, key));
                var words = Slug.From(corpus.Sentence(2, 5)) ?? "anh";
                var fileName = $"{words[..Math.Min(words.Length, 80)].TrimEnd('-')}-{(i < LargeCount ? "12mp-" : "")}{i}.jpg";
                await copy.WriteRowAsync(default, id, fileName, "image/jpeg", source.Bytes, source.Width, source.Height, corpus.Sentence(6, 14),
                    corpus.Next(3) == 0 ? null : corpus.Sentence(12, 30) + ".", Credit, null, null, true, source.Sha256, key, null, created, created, 1);
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        log.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F0} s ({LargeCount} of them the 12 MP picture, {large.Bytes / 1048576.0:F1} MiB)");
    }

    /// <summary>The seeded items, the 12 MP ones (<paramref name="large"/>) or the others, in id order.</summary>
    public static async Task<List<BenchMedia>> ListAsync(NpgsqlDataSource db, bool large)
    {
        await using var command = db.CreateCommand($"SELECT id, file_name FROM media WHERE credit = $1 AND width {(large ? "=" : "<>")} 4000 ORDER BY id");
        command.Parameters.AddWithValue(Credit);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<BenchMedia>();
        while (await reader.ReadAsync())
        {
            items.Add(new BenchMedia(reader.GetGuid(0), reader.GetString(1)));
        }

        return items;
    }

    /// <summary>Rows and originals with this credit, removed before the service starts (so no cache of it holds them).</summary>
    private static async Task RemoveAsync(NpgsqlDataSource db, string store, string credit)
    {
        await using var command = db.CreateCommand("DELETE FROM media WHERE credit = $1 RETURNING storage_key");
        command.Parameters.AddWithValue(credit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            File.Delete(Path.Combine(store, reader.GetString(0)));
        }
    }

    private static async Task<bool> IsWholeAsync(NpgsqlDataSource db, string store)
    {
        await using var command = db.CreateCommand("SELECT storage_key, bytes FROM media WHERE credit = $1");
        command.Parameters.AddWithValue(Credit);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var file = new FileInfo(Path.Combine(store, reader.GetString(0)));
            if (!file.Exists || file.Length != reader.GetInt64(1))
            {
                return false;
            }
        }

        return rows == Count;
    }

    private sealed record SourceFile(string Path, long Bytes, int Width, int Height, string Sha256);

    private static SourceFile Source(string folder, string name, Func<byte[]> draw, int width, int height)
    {
        var path = Path.Combine(folder, name);
        var bytes = draw();
        // A new file, not the old one rewritten: items of an earlier library may still be links to the old one.
        File.Delete(path);
        File.WriteAllBytes(path, bytes);
        return new SourceFile(path, bytes.Length, width, height, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static void Link(string existing, string path)
    {
        File.Delete(path);
        if (link(CString(existing), CString(path)) != 0)
        {
            throw new IOException($"link {existing} -> {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    // .NET has symbolic links only; a hard link keeps working if the sources folder is cleared. Paths go as UTF-8 bytes.
    [DllImport("libc", SetLastError = true)]
    private static extern int link(byte[] oldpath, byte[] newpath);

    private static byte[] CString(string text) => System.Text.Encoding.UTF8.GetBytes(text + '\0');
}
