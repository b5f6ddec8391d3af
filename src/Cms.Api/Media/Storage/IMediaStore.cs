namespace Cms.Api.Media.Storage;

/// <summary>Where originals live: a local folder, or an S3-compatible store that several instances share.</summary>
public interface IMediaStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken);

    /// <summary>The bytes under <paramref name="key"/>, to be disposed by the caller; null when there are none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="key"/>; nothing happens when it is not there.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
