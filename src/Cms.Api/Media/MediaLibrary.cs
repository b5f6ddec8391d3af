using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Media.Storage;

namespace Cms.Api.Media;

/// <summary>Adds a probed picture to the library: the original to the store, then the row that makes it exist.</summary>
internal sealed class MediaLibrary(CmsDbContext db, IMediaStore store, TimeProvider time)
{
    /// <summary>A file on local disk, already probed; <paramref name="metadata"/> gives alt, caption and credit.</summary>
    public async Task<MediaItem> AddAsync(string path, long length, string sha256, string? fileName, ProbedImage image, MediaRequest metadata,
        Guid? createdById, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var item = new MediaItem
        {
            Id = id,
            FileName = MediaFileName.Clean(fileName, image.Extension),
            ContentType = image.ContentType,
            Bytes = length,
            Width = image.Width,
            Height = image.Height,
            Alt = metadata.Alt,
            Caption = metadata.Caption,
            Credit = metadata.Credit,
            Sha256 = sha256,
            StorageKey = $"originals/{id}",
            CreatedById = createdById,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        await using (var file = File.OpenRead(path))
        {
            await store.PutAsync(item.StorageKey, file, length, item.ContentType, cancellationToken);
        }

        try
        {
            db.Media.Add(item);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row is what makes the file exist for anyone; without it the stored bytes are only litter.
            db.Media.Remove(item);
            try
            {
                await store.DeleteAsync(item.StorageKey, CancellationToken.None);
            }
            catch (Exception cleanup) when (cleanup is not OperationCanceledException)
            {
                // The save's failure is the one to report; the stray original is only litter.
            }

            throw;
        }

        return item;
    }
}
