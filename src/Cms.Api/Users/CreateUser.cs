using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cms.Api.Users;

public sealed record CreateUserRequest(string Username, string Password, string DisplayName, UserRole? Role = null);

internal sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().Length(3, 64)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Use letters, digits, '.', '_' and '-', starting with a letter or digit.");
        RuleFor(r => r.Password).NotEmpty().Length(10, 256);
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Role).NotNull().IsInEnum();
    }
}

internal static class CreateUser
{
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Handle(
        CreateUserRequest request, HttpContext http, CmsDbContext db, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = NewUser(request.Username, request.DisplayName, request.Role!.Value, time.Now());
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.Conflict(ProblemCodes.UsernameTaken, $"The username '{request.Username}' is taken.");
        }

        EntityTag.Set(http, user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserQueries.ToResponse(user));
    }

    public static User NewUser(string username, string displayName, UserRole role, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Username = username.Trim(),
        NormalizedUsername = User.Normalize(username),
        DisplayName = displayName.Trim(),
        Role = role,
        PasswordHash = "",
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };
}
