using Cms.Api.Sessions;
using Cms.Api.Users;

namespace Cms.Api.Articles;

/// <summary>Who is reading: anonymous, an author (own drafts too), or an editor and up (everything).</summary>
public sealed record Viewer(Guid? UserId, UserRole? Role)
{
    public static readonly Viewer Anonymous = new(null, null);

    public bool SeesEverything => Role >= UserRole.Editor;

    public static Viewer Of(HttpContext http) =>
        http.Features.Get<CurrentSession>() is { } session ? new Viewer(session.UserId, session.Role) : Anonymous;
}
