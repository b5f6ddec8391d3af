namespace Cms.Api.Media.Storage;

/// <summary>Originals as files in one folder: the default, for one instance (several instances need the S3 store).</summary>
internal sealed class LocalMediaStore(string root) : IMediaStore
{
    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place: a reader never sees half a file, a failed write leaves nothing.
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // File.Delete ignores a missing file but not a missing folder: either way the key is not there.
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(root, MediaKey.Checked(key));
}
