using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Sessions;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Users;

internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").DescribeParameter("id", "The user's id (a UUID).");

        users.MapGet("/", ListUsers.Handle)
            .RequireSession(Policies.Admin)
            .WithName("listUsers")
            .WithSummary("Users, by username (admin)")
            .WithDescription("Every user, ordered by username ignoring case, paged like every list. q finds users with every word in their " +
                "username or display name, ignoring case and accents (hong phai finds Hồng Phái); its total is always exact (a newsroom has hundreds " +
                "of users, not millions). No password, in any form, is ever in a user.")
            .DescribeParameter("q", "Words in the username or display name (accents optional).")
            .DescribeParameter("role", "Only users with this role.", UserFilter.Roles)
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.List)
            .ProducesValidationProblem();

        users.MapPost("/", CreateUser.Handle)
            .RequireSession(Policies.Admin)
            .WithName("createUser")
            .WithSummary("Create a user (admin)")
            .WithDescription("Answers 201 with Location and ETag. Usernames are unique ignoring case: a taken one is 409 username_taken. " +
                "Passwords are 10 to 256 characters. role defaults to author.")
            .WithRequestExample(UserExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, UserExamples.Response)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/me", GetUser.Me)
            .RequireSession()
            .WithName("getSignedInUser")
            .WithSummary("The signed-in user")
            .WithDescription("Who the token belongs to, with their role (author, editor, admin), to decide what a client offers. If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.Response)
            .Produces(StatusCodes.Status304NotModified);

        users.MapGet("/{id:guid}", GetUser.ById)
            .RequireSession(Policies.Admin)
            .WithName("getUser")
            .WithSummary("A user by id (admin)")
            .WithDescription("If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPatch("/{id:guid}", UpdateUser.Patch)
            .RequireSession(Policies.Admin)
            .WithName("patchUser")
            .WithSummary("Change a user's display name or role (admin)")
            .WithDescription(MergePatchDescription + " Writable: displayName and role (username and password are not: a password is reset with " +
                "resetUserPassword). A role change holds from the user's next request, on their sessions and the API tokens they made, without " +
                "signing them out: a demoted editor cannot publish with the session they have. Taking the admin role from the last admin is " +
                "409 last_admin, also when two admins demote each other at once (one of the two is refused).")
            .Accepts<UserMergePatch>(MergePatch.ContentType)
            .WithRequestExample(UserExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.Promoted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        users.MapPost("/{id:guid}/password-reset", ResetPassword.Handle)
            .RequireSession(Policies.Admin)
            .WithName("resetUserPassword")
            .WithSummary("Give a user a new random password (admin)")
            .WithDescription("Answers 200 with the new password, shown this once (Cache-Control: no-store; only its hash is kept, and it is never " +
                "logged), and ends every session of the user at once: their old tokens answer 401 session_expired. The same as the command line's " +
                "users reset-password. An admin's own password is 409 own_password_reset: another admin or the command line resets it. " +
                "If-Match with the user's ETag is optional; a stale one is 412.")
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.Reset)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return api;
    }
}
