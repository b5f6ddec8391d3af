using Cms.Api.Data.Entities;
using Cms.Api.Sessions;

namespace Cms.Api.Media;

/// <summary>Who may change an item: its uploader, or an editor.</summary>
internal static class MediaAccess
{
    public static bool MayEdit(HttpContext http, MediaItem item) =>
        http.CurrentUser() is { } user && (user.Role >= UserRole.Editor || item.CreatedById == user.UserId);
}
