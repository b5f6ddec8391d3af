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
            .DescribeParameter("id", "The user's id (a UUID).")
            .WithResponseExample(StatusCodes.Status200OK, UserExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
