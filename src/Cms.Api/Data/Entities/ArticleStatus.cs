namespace Cms.Api.Data.Entities;

/// <summary>
/// What clients read and write. Storage never holds <see cref="Scheduled"/>: a scheduled article is stored as
/// published with a future publishAt, and reads as scheduled until that moment passes, with no job to flip it.
/// </summary>
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
    Archived,
}
