using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.ReadPath;

/// <summary>
/// The next moment any article becomes visible (its publishAt arrives) or invisible (its expiresAt passes) by time
/// alone, with no write: what everything cached about readers' content is good until. Worked out once per content
/// epoch, from two index lookups.
/// </summary>
public sealed class VisibilityDeadline
{
    private Known _known = new(-1, default);

    public async Task<DateTimeOffset> NextAsync(CmsDbContext db, long epoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = _known;
        if (known.Epoch == epoch && now < known.Until)
        {
            return known.Until;
        }

        var published = db.Articles.Where(a => a.Status == ArticleStatus.Published);
        var nextPublish = await published.Where(a => a.PublishAt > now).MinAsync(a => a.PublishAt, cancellationToken);
        var nextExpiry = await published.Where(a => a.ExpiresAt > now).MinAsync(a => a.ExpiresAt, cancellationToken);
        // At most an hour ahead, so a clock that jumps (or a missed change) costs one recomputation an hour.
        var until = new[] { nextPublish, nextExpiry, now.AddHours(1) }.Where(t => t is not null).Min()!.Value;
        _known = new Known(epoch, until);
        return until;
    }

    private sealed record Known(long Epoch, DateTimeOffset Until);
}
