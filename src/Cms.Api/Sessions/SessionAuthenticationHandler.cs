using System.Security.Claims;
using System.Text.Encodings.Web;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

/// <summary>
/// Bearer tokens checked against the sessions table: one indexed lookup by token hash, and at most one write per
/// <see cref="SessionOptions.ActivityWriteIntervalSeconds"/> to slide the idle expiry. What it enforces is what it
/// reports: the idle expiry a client sees is the stored one.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TimeProvider time,
    IOptionsMonitor<SessionOptions> sessionOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string RoleClaim = "cms:role";
    private const string FailureCodeKey = "cms:auth-failure";

    // Asked for only when a request carries a token: the handler is made for every request, and anonymous readers'
    // requests (almost all of them, most answered from memory) need no database context rented and returned.
    private CmsDbContext Db => Context.RequestServices.GetRequiredService<CmsDbContext>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        const string prefix = "Bearer ";
        var token = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
        if (token.Length is 0 or > SessionToken.MaxLength)
        {
            return Failure(ProblemCodes.Unauthenticated, "The Authorization header must be 'Bearer <token>'.");
        }

        var hash = SessionToken.Hash(token);
        var found = await Db.Sessions.AsNoTracking()
            .Where(s => s.TokenHash == hash)
            .Select(s => new
            {
                s.Id,
                s.UserId,
                s.User.Username,
                s.User.DisplayName,
                s.User.Role,
                s.CreatedAt,
                s.LastSeenAt,
                s.IdleExpiresAt,
                s.AbsoluteExpiresAt,
                s.EndedAt,
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return Failure(ProblemCodes.Unauthenticated, "The token is not known.");
        }

        var now = time.Now();
        if (found.EndedAt is not null || now >= found.IdleExpiresAt || now >= found.AbsoluteExpiresAt)
        {
            return Failure(ProblemCodes.SessionExpired, "The session has ended; sign in again.");
        }

        var session = new CurrentSession(found.Id, found.UserId, found.Username, found.DisplayName, found.Role,
            found.CreatedAt, found.LastSeenAt, found.IdleExpiresAt, found.AbsoluteExpiresAt);
        if (Context.GetEndpoint()?.Metadata.GetMetadata<NotSessionActivity>() is null)
        {
            session = await SlideAsync(session, now);
        }

        Context.Features.Set(session);
        Context.Features.Set(new CurrentUser(session.UserId, session.Username, session.DisplayName, session.Role));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.UserId.ToString()),
                new Claim(ClaimTypes.Name, session.Username),
                new Claim(RoleClaim, session.Role.ToString()),
                new Claim("sid", session.Id.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Context.Items[FailureCodeKey] as string ?? ProblemCodes.Unauthenticated;
        var detail = code == ProblemCodes.SessionExpired
            ? "The session has ended; sign in again."
            : "This request needs a session: send 'Authorization: Bearer <token>' from POST /api/v1/sessions.";
        Response.Headers.WWWAuthenticate = code == ProblemCodes.SessionExpired ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Context.WriteProblemAsync(StatusCodes.Status401Unauthorized, code, "Unauthenticated", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.WriteProblemAsync(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Your role does not allow this.");

    private async Task<CurrentSession> SlideAsync(CurrentSession session, DateTimeOffset now)
    {
        var settings = sessionOptions.CurrentValue;
        var slid = IdleExpiryFrom(now, session.AbsoluteExpiresAt, settings);
        if (slid - session.IdleExpiresAt < TimeSpan.FromSeconds(settings.ActivityWriteIntervalSeconds))
        {
            return session;
        }

        // Never revives a session signed out meanwhile, never moves the expiry backwards.
        var updated = await Db.Sessions
            .Where(s => s.Id == session.Id && s.EndedAt == null && s.IdleExpiresAt < slid)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IdleExpiresAt, slid).SetProperty(s => s.LastSeenAt, now), Context.RequestAborted);
        return updated == 1 ? session with { IdleExpiresAt = slid, LastSeenAt = now } : session;
    }

    private AuthenticateResult Failure(string code, string message)
    {
        Context.Items[FailureCodeKey] = code;
        return AuthenticateResult.Fail(message);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    internal static DateTimeOffset IdleExpiryFrom(DateTimeOffset now, DateTimeOffset absolute, SessionOptions settings) =>
        Min(now + settings.IdleTimeout, absolute);
}
