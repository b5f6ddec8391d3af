using Cms.Api.Data;
using Cms.Api.Infrastructure.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.ApiTokens;

internal static class ListApiTokens
{
    /// <summary>Tokens not revoked, expired ones included (so an admin sees what stopped working), by name.</summary>
    public static Task<Results<Ok<PagedList<ApiTokenResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, CancellationToken cancellationToken) =>
        NamedPages.PageAsync(db.ApiTokens.Where(t => t.RevokedAt == null), tokens => tokens.Select(ApiTokenResponse.Projection),
            t => new NamePosition(t.Name, t.Id), "api-tokens", page, 20, cursors, cancellationToken);
}
