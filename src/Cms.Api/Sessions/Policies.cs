using Cms.Api.Data.Entities;
using Microsoft.AspNetCore.Authorization;

namespace Cms.Api.Sessions;

/// <summary>Authorization policies by minimum role: admin > editor > author.</summary>
public static class Policies
{
    public const string Author = "author";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static AuthorizationBuilder AddCmsPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Author, p => p.RequireAuthenticatedUser())
        .AddPolicy(Editor, p => p.RequireAssertion(c => AtLeast(c.User, UserRole.Editor)))
        .AddPolicy(Admin, p => p.RequireAssertion(c => AtLeast(c.User, UserRole.Admin)));

    public static bool AtLeast(System.Security.Claims.ClaimsPrincipal user, UserRole role) =>
        Enum.TryParse<UserRole>(user.FindFirst(SessionAuthenticationHandler.RoleClaim)?.Value, out var actual) && actual >= role;
}
