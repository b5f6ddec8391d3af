using Cms.Api.Data.Entities;

namespace Cms.Api.Users;

/// <summary>The OpenAPI document's examples: an editor's account.</summary>
internal static class UserExamples
{
    private static readonly DateTimeOffset Created = new(2017, 1, 9, 2, 0, 0, TimeSpan.Zero);

    public static readonly CreateUserRequest Request = new("phai", "mat-khau-dai-hon-10", "Hồng Phái", UserRole.Editor);

    public static readonly UserResponse Response = new(Guid.Parse("018f1c2e-6000-7e50-9f60-7b8c9d0e1f01"), "phai", "Hồng Phái", UserRole.Editor,
        Created, Created, Version: 1);

    public static readonly Infrastructure.Paging.PagedList<UserResponse> List = new([Response], 1, 20, 1, null);

    public static readonly object MergePatch = new { role = "admin" };

    public static readonly UserResponse Promoted = Response with { Role = UserRole.Admin, UpdatedAt = Created.AddDays(30), Version = 2 };

    public static readonly PasswordResetResponse Reset = new("q3VxZk9yT2xkUGFzc3dvcmQ");
}
