namespace Cms.Api.Articles;

public sealed class Article
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string? Summary { get; set; }

    /// <summary>Sanitized HTML.</summary>
    public required string Body { get; set; }

    public string? CoverImageUrl { get; set; }

    public string? CoverImageAlt { get; set; }

    public string? CoverImageCaption { get; set; }

    public ArticleStatus Status { get; set; }

    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? Source { get; set; }

    public string[] Tags { get; set; } = [];

    public bool AllowRating { get; set; } = true;

    public long ViewCount { get; set; }

    public long RatingTotal { get; set; }

    public int RatingCount { get; set; }

    /// <summary>The user who created it: an author-role user may edit only their own drafts.</summary>
    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<ArticleAuthor> Authors { get; set; } = [];

    public List<ArticleCategory> Categories { get; set; } = [];
}

public sealed class ArticleAuthor
{
    public Guid ArticleId { get; set; }

    public Guid AuthorId { get; set; }

    /// <summary>Byline order.</summary>
    public int Position { get; set; }

    public Article Article { get; set; } = null!;

    public Authors.Author Author { get; set; } = null!;
}

public sealed class ArticleCategory
{
    public Guid ArticleId { get; set; }

    public Guid CategoryId { get; set; }

    /// <summary>Position 0 is the article's first category, the one "related" reads from.</summary>
    public int Position { get; set; }

    public Article Article { get; set; } = null!;

    public Categories.Category Category { get; set; } = null!;
}

/// <summary>Every slug an article has had, current one included; one table so "taken" means taken now or before.</summary>
public sealed class ArticleSlug
{
    public required string Slug { get; set; }

    public Guid ArticleId { get; set; }
}
