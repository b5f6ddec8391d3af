using System.Linq.Expressions;
using Cms.Api.Data.Entities;

namespace Cms.Api.Users;

internal static class UserQueries
{
    /// <summary>The projection every user read uses, so EF selects only these columns.</summary>
    public static readonly Expression<Func<User, UserResponse>> Response =
        u => new UserResponse(u.Id, u.Username, u.DisplayName, u.Role, u.CreatedAt, u.UpdatedAt, u.Version);

    private static readonly Func<User, UserResponse> Compiled = Response.Compile();

    public static UserResponse ToResponse(User user) => Compiled(user);
}
