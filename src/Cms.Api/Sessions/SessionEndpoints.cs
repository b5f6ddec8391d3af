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
            .WithDescription("Answers 201 with a bearer token (shown once: send it as Authorization: Bearer <token>) and the session. " +
                "Wrong username or password: 401 invalid_credentials, the same for both. Repeated failures for one username: 429 " +
                "too_many_attempts; too many sign-ins from one address: 429 rate_limited; both with Retry-After.")
            .WithRequestExample(SessionExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, SessionExamples.SignedInResponse)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.SignIns)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var current = sessions.MapGroup("/current").RequireSession().DoesNotCountAsActivity();

        current.MapGet("/", GetCurrentSession.Handle)
            .WithName("getCurrentSession")
            .WithSummary("The signed-in session; does not extend it")
            .WithDescription("Polling this never moves idleExpiresAt, so a page can show how long is left. 401 session_expired once it has lapsed.")
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Envelope);

        current.MapPost("/keep-alive", KeepAlive.Handle)
            .WithName("keepSessionAlive")
            .WithSummary("Stay signed in: idle expiry moves to now + idle timeout")
            .WithDescription("The \"stay signed in\" button: idleExpiresAt becomes now + idleTimeoutSeconds, never past absoluteExpiresAt. " +
                "Offer it warningSeconds before idleExpiresAt (\"Thời gian chờ: 60 giây\").")
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Envelope);

        current.MapDelete("/", SignOut.Handle)
            .WithName("signOut")
            .WithSummary("Sign out; the token never works again")
            .WithDescription("Answers 204; the token is refused (401) from then on, on every instance.");

        return api;
    }
}
