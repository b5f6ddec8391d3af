using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Sessions;

namespace Cms.Api.Users;

internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapPost("/", CreateUser.Handle)
            .RequireSession(Policies.Admin)
            .WithName("createUser")
            .WithSummary("Create a user (admin)")
            .WithDescription("Usernames are unique ignoring case: a taken one is 409 username_taken. Passwords are 10 to 256 characters.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/me", GetUser.Me)
            .RequireSession()
            .WithName("getSignedInUser")
            .WithSummary("The signed-in user");

        users.MapGet("/{id:guid}", GetUser.ById)
            .RequireSession(Policies.Admin)
            .WithName("getUser")
            .WithSummary("A user by id (admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
