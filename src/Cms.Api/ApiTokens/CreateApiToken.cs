using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Sessions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.ApiTokens;

/// <param name="Name">What the token is for ("Build server"), shown in the list.</param>
/// <param name="Scopes">At least one of content:read, content:write, media:write.</param>
/// <param name="ExpiresInDays">7, 30 or 90; null (or left out) for a token that never expires.</param>
public sealed record CreateApiTokenRequest(string Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

internal sealed class CreateApiTokenRequestValidator : AbstractValidator<CreateApiTokenRequest>
{
    public static readonly int[] ExpiryDays = [7, 30, 90];

    public CreateApiTokenRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).NoControlCharacters();
        RuleFor(r => r.Scopes).NotEmpty().WithMessage("Name at least one scope: " + string.Join(", ", ApiTokens.Scopes.All) + ".");
        RuleForEach(r => r.Scopes).Must(s => ApiTokens.Scopes.All.Contains(s))
            .WithMessage((_, s) => $"'{s}' is not a scope; use " + string.Join(", ", ApiTokens.Scopes.All) + ".");
        RuleFor(r => r.ExpiresInDays).Must(d => d is null || ExpiryDays.Contains(d.Value))
            .WithMessage("Use 7, 30, 90, or null for a token that never expires.");
    }
}

internal static class CreateApiToken
{
    public static async Task<Created<CreatedApiTokenResponse>> Handle(
        CreateApiTokenRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var secret = ApiTokenSecret.New();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name.Trim(),
            TokenHash = ApiTokenSecret.Hash(secret),
            // In the order the contract lists them, each once, whatever order the request used.
            Scopes = [.. ApiTokens.Scopes.All.Where(request.Scopes!.Contains)],
            CreatedById = http.CurrentSession().UserId,
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        var response = new ApiTokenResponse(token.Id, token.Name, token.Scopes, token.CreatedAt, token.ExpiresAt, token.LastUsedAt);
        return TypedResults.Created($"/api/v1/api-tokens/{token.Id}", new CreatedApiTokenResponse(secret, response));
    }
}
