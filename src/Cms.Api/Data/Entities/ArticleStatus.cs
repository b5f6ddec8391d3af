namespace Cms.Api.Data.Entities;

/// <summary>
/// draft, scheduled (published with a future publishAt: it reads scheduled until that moment, then published, with no
/// job to run), published or archived. Stored, scheduled is published with a future publishAt.
/// </summary>
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
    Archived,
}
