namespace Cms.Api.Data.Entities;

/// <summary>
/// One saved state of an article: its writable content as a PUT body states it (plus slug), as jsonb. Kept apart from
/// <c>articles</c> on purpose: readers, lists, search, sync and feeds read only that table, so nothing kept here (old
/// states, pending changes, a deleted article's content) can reach them. No foreign key: a deleted article keeps its history.
/// </summary>
public sealed class ArticleRevision
{
    public Guid ArticleId { get; set; }

    /// <summary>The article's version this state was saved as (pending changes: a version above the live one).</summary>
    public int Version { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public Guid? SavedById { get; set; }

    /// <summary>camelCase names of the writable properties that differ from the state before.</summary>
    public string[] Changed { get; set; } = [];

    /// <summary>The writable content (jsonb): what restore and undelete save back, what GET .../revisions/{version} shows.</summary>
    public required string Content { get; set; }

    /// <summary>Saved onto the article while readers could see it: such states are never merged into.</summary>
    public bool Live { get; set; }

    /// <summary>Saved as pending changes: pending while its version is above the article's.</summary>
    public bool Pending { get; set; }
}

/// <summary>An article deleted and kept for undelete; its content is its revision <see cref="Version"/>.</summary>
public sealed class DeletedArticle
{
    public Guid ArticleId { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public int Version { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset DeletedAt { get; set; }

    public Guid? DeletedById { get; set; }
}

/// <summary>A link that shows one article as it will be, without a session; only the token's SHA-256 is kept.</summary>
public sealed class PreviewLink
{
    public Guid Id { get; set; }

    public Guid ArticleId { get; set; }

    public required byte[] TokenHash { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
