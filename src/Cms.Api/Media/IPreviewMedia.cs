namespace Cms.Api.Media;

/// <summary>
/// Whether a preview link opens a media item's file: the link works and the article as previewed uses the item.
/// Revisions answers it (preview links and pending changes are theirs); declared here so Media never depends on them.
/// </summary>
public interface IPreviewMedia
{
    /// <summary>The query parameter a preview answer's media addresses carry the link's token in.</summary>
    public const string Parameter = "preview";

    Task<bool> OpensAsync(string token, Guid mediaId, CancellationToken cancellationToken);
}
