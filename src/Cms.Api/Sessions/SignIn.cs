using System.Globalization;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Passwords;
using Cms.Api.Infrastructure.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

public sealed record SignInRequest(string Username, string Password);

internal sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
{
    public SignInRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(256);
    }
}

internal static class SignIn
{
    public static async Task<Results<Created<SignInResponse>, ProblemHttpResult>> Handle(
        SignInRequest request,
        HttpContext http,
        CmsDbContext db,
        SignInThrottler throttler,
        IPasswordHasher<User> hasher,
        PasswordHashingGate hashing,
        TimeProvider time,
        IOptionsSnapshot<SessionOptions> options,
        CancellationToken cancellationToken)
    {
        var address = ClientAddress.Of(http);
        if (await throttler.LockedForAsync(request.Username, address, cancellationToken) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem.Of(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyAttempts, "Too many attempts",
                "Too many failed sign-ins for this username or from this address; wait before trying again.");
        }

        var normalized = User.Normalize(request.Username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var (ran, verified) = await hashing.TryRunAsync(() => Verify(hasher, user, request.Password), cancellationToken);
        if (!ran)
        {
            // Every hashing slot is busy (a flood of sign-ins): come back in a moment, and readers keep their cores.
            http.Response.Headers.RetryAfter = "1";
            return Problem.Of(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
                "Too many sign-ins are being checked right now; try again in a moment.");
        }

        if (verified == PasswordVerificationResult.Failed)
        {
            await throttler.RecordFailureAsync(request.Username, address, cancellationToken);
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, "Invalid credentials",
                "The username or password is wrong.");
        }

        await throttler.ForgetAsync(request.Username, cancellationToken);
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Made with fewer iterations (or an older format) than new hashes get: upgraded now that the password is at hand.
            // Outside the slot on purpose: it happens once per user, and only after a correct password.
            user!.PasswordHash = hasher.HashPassword(user, request.Password);
        }

        var settings = options.Value;
        var now = time.Now();
        var absolute = now + settings.AbsoluteTimeout;
        var token = SessionToken.New();
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = user!.Id,
            TokenHash = SessionToken.Hash(token),
            CreatedAt = now,
            LastSeenAt = now,
            IdleExpiresAt = SessionAuthenticationHandler.IdleExpiryFrom(now, absolute, settings),
            AbsoluteExpiresAt = absolute,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);

        var current = new CurrentSession(session.Id, user.Id, user.Username, user.DisplayName, user.Role,
            session.CreatedAt, session.LastSeenAt, session.IdleExpiresAt, session.AbsoluteExpiresAt);
        return TypedResults.Created("/api/v1/sessions/current", new SignInResponse(token, SessionResponse.From(current, settings)));
    }

    /// <summary>
    /// An unknown user costs one hash too, made by the same hasher with the same iterations, so the answer's timing
    /// does not tell which usernames exist.
    /// </summary>
    private static PasswordVerificationResult Verify(IPasswordHasher<User> hasher, User? user, string password)
    {
        if (user is null)
        {
            var decoy = Decoys.GetValue(hasher, h =>
            {
                var made = new User { Username = "", NormalizedUsername = "", DisplayName = "", PasswordHash = "" };
                made.PasswordHash = h.HashPassword(made, Guid.NewGuid().ToString());
                return made;
            });
            hasher.VerifyHashedPassword(decoy, decoy.PasswordHash, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPasswordHasher<User>, User> Decoys = [];
}
