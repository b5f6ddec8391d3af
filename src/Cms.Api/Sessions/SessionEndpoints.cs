using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.RateLimits;

namespace Cms.Api.Sessions;

internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");

        sessions.MapPost("/", SignIn.Handle)
            .WithName("signIn")
            .WithSummary("Sign in with username and password")
            .WithDescription("Returns a bearer token (shown once) and the session. Wrong username or password: 401 invalid_credentials, the same for both. Repeated failures: 429 too_many_attempts with Retry-After.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.SignIns)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var current = sessions.MapGroup("/current").RequireSession().DoesNotCountAsActivity();

        current.MapGet("/", GetCurrentSession.Handle)
            .WithName("getCurrentSession")
            .WithSummary("The signed-in session; does not extend it")
            .WithDescription("Polling this never moves idleExpiresAt, so a page can show how long is left.");

        current.MapPost("/keep-alive", KeepAlive.Handle)
            .WithName("keepSessionAlive")
            .WithSummary("Stay signed in: idle expiry moves to now + idle timeout")
            .WithDescription("Never past absoluteExpiresAt. Clients offer it warningSeconds before idleExpiresAt.");

        current.MapDelete("/", SignOut.Handle)
            .WithName("signOut")
            .WithSummary("Sign out; the token never works again");

        return api;
    }
}
