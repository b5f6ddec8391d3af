using System.Security.Claims;
using System.Text.Encodings.Web;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.ApiTokens;

/// <summary>
/// <c>Authorization: Bearer cms_pat_...</c>, checked against the api_tokens table on every request (one lookup by
/// the unique hash), so a revocation holds at once on every instance. The principal is the admin who made the token,
/// as an editor at most, with the token's scopes; the request acts as that user only on endpoints that take one of them.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "cms:api-token";
    public const string ScopeClaim = "scope";

    /// <summary>lastUsedAt moves at most this often, so a busy build server costs one write a minute, not one per request.</summary>
    public static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private const string FailureCodeKey = "cms:api-token-failure";

    private CmsDbContext Db => Context.RequestServices.GetRequiredService<CmsDbContext>();

    /// <summary>Set when the request carried an API token that did not authenticate; <see cref="ApiTokenSetup"/> answers 401 on every route then.</summary>
    public static bool Failed(HttpContext http) => http.Items.ContainsKey(FailureCodeKey);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokenSecret.IsSentWith(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var token = ApiTokenSecret.Of(Request);
        if (token.Length > SessionToken.MaxLength)
        {
            return Failure(ProblemCodes.Unauthenticated, "The token is not known.");
        }

        var hash = ApiTokenSecret.Hash(token);
        var found = await Db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new
            {
                t.Id,
                t.Scopes,
                t.ExpiresAt,
                t.LastUsedAt,
                t.RevokedAt,
                t.CreatedById,
                t.CreatedBy.Username,
                t.CreatedBy.DisplayName,
                t.CreatedBy.Role,
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return Failure(ProblemCodes.Unauthenticated, "The token is not known.");
        }

        var now = time.Now();
        if (found.RevokedAt is not null || now >= found.ExpiresAt)
        {
            return Failure(ProblemCodes.TokenExpired, "The token was revoked or has expired.");
        }

        if (found.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedWriteInterval)
        {
            var since = now - LastUsedWriteInterval;
            // Conditional, so requests racing on many instances write once between them.
            await Db.ApiTokens
                .Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt <= since))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        // Never more than an editor: a token does content work, whatever its maker may do besides.
        var role = found.Role < UserRole.Editor ? found.Role : UserRole.Editor;
        if (TakesOneOf(Context.GetEndpoint(), found.Scopes))
        {
            Context.Features.Set(new CurrentUser(found.CreatedById, found.Username, found.DisplayName, role, found.Id));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.CreatedById.ToString()),
                new Claim(ClaimTypes.Name, found.Username),
                new Claim(SessionAuthenticationHandler.RoleClaim, role.ToString()),
                new Claim(TokenIdClaim, found.Id.ToString()),
                .. found.Scopes.Select(s => new Claim(ScopeClaim, s)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Whether the endpoint declares one of these scopes (<see cref="Scopes.RequireScope"/>).</summary>
    public static bool TakesOneOf(Endpoint? endpoint, IEnumerable<string> scopes) =>
        endpoint?.Metadata.GetMetadata<ScopeMetadata>() is { } declared && declared.Scopes.Intersect(scopes).Any();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Context.Items[FailureCodeKey] as string ?? ProblemCodes.Unauthenticated;
        var detail = code == ProblemCodes.TokenExpired
            ? "This API token was revoked or has expired; ask an admin for a new one."
            : "This API token is not known.";
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Context.WriteProblemAsync(StatusCodes.Status401Unauthorized, code, "Unauthenticated", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var declared = Context.GetEndpoint()?.Metadata.GetMetadata<ScopeMetadata>();
        var detail = declared is null
            ? "API tokens cannot call this route: it takes no scope (tokens never manage users, tokens, webhooks or sessions)."
            : $"This API token's scopes do not allow this route; it needs {string.Join(" or ", declared.Scopes)}.";
        return Context.WriteProblemAsync(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", detail);
    }

    private AuthenticateResult Failure(string code, string message)
    {
        Context.Items[FailureCodeKey] = code;
        return AuthenticateResult.Fail(message);
    }
}
