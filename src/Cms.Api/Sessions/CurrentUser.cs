using Cms.Api.Data.Entities;

namespace Cms.Api.Sessions;

/// <summary>
/// Who a request acts as: the signed-in user of a session, or the admin who made an API token when the endpoint takes
/// one of its scopes (then <see cref="ApiTokenId"/> is set and <see cref="Role"/> is at most editor). Features that ask
/// "who is this and what may they see" read this, never <see cref="CurrentSession"/>, so tokens reach them too.
/// </summary>
public sealed record CurrentUser(Guid UserId, string Username, string DisplayName, UserRole Role, Guid? ApiTokenId = null);

public static class CurrentUserExtensions
{
    /// <summary>The user the request acts as; null for anonymous readers (and for a token on an endpoint outside its scopes).</summary>
    public static CurrentUser? CurrentUser(this HttpContext http) => http.Features.Get<CurrentUser>();
}
