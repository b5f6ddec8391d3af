using Microsoft.AspNetCore.Authorization;

namespace Cms.Api.ApiTokens;

/// <summary>
/// Runs in every authorization of every endpoint, whatever its policy (those other features add too): an API token
/// passes only where the endpoint declares one of its scopes. Sessions are not its concern.
/// </summary>
internal sealed class ScopeAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim))
        {
            var endpoint = context.Resource switch
            {
                HttpContext http => http.GetEndpoint(),
                Endpoint e => e,
                _ => null,
            };
            var held = context.User.FindAll(ApiTokenAuthenticationHandler.ScopeClaim).Select(c => c.Value);
            if (!ApiTokenAuthenticationHandler.TakesOneOf(endpoint, held))
            {
                context.Fail(new AuthorizationFailureReason(this, "The API token's scopes do not include this endpoint."));
            }
        }

        return Task.CompletedTask;
    }
}
