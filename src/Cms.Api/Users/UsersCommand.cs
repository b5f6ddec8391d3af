using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

/// <summary>
/// <c>users reset-password USERNAME</c> and <c>users create USERNAME --role admin|editor|author</c>: managing users
/// without the API, for the day the admin's password is lost. Each prints the new password once.
/// </summary>
internal static class UsersCommand
{
    public const string Usage = "usage: users reset-password USERNAME | users create USERNAME --role admin|editor|author [--name \"Display name\"]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().Now();
        switch (args)
        {
            case ["reset-password", var username]:
                return await ResetPasswordAsync(db, hasher, username, now, output, errors);
            case ["create", var username, .. var options] when Option(options, "--role") is { } roleText:
                if (!Enum.TryParse<UserRole>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role))
                {
                    await errors.WriteLineAsync($"Unknown role '{roleText}': use admin, editor or author.");
                    return 2;
                }

                return await CreateAsync(db, hasher, username, Option(options, "--name") ?? username, role, now, output, errors);
            default:
                await errors.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ResetPasswordAsync(CmsDbContext db, IPasswordHasher<User> hasher, string username, DateTimeOffset now,
        TextWriter output, TextWriter errors)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == User.Normalize(username));
        if (user is null)
        {
            await errors.WriteLineAsync($"No user is called '{username}'.");
            return 1;
        }

        var (password, ended) = await PasswordReset.ResetAsync(db, hasher, user, now, CancellationToken.None);
        await output.WriteLineAsync($"New password for '{user.Username}': {password}   ({ended} session(s) ended; shown once)");
        return 0;
    }

    private static async Task<int> CreateAsync(CmsDbContext db, IPasswordHasher<User> hasher, string username, string displayName, UserRole role,
        DateTimeOffset now, TextWriter output, TextWriter errors)
    {
        var problems = new CreateUserRequestValidator().Validate(new CreateUserRequest(username, new string('x', 16), displayName, role));
        if (!problems.IsValid)
        {
            await errors.WriteLineAsync(string.Join(Environment.NewLine, problems.Errors.Select(e => e.ErrorMessage)));
            return 2;
        }

        if (await db.Users.AnyAsync(u => u.NormalizedUsername == User.Normalize(username)))
        {
            await errors.WriteLineAsync($"The username '{username}' is taken: users reset-password {username} gives it a new password.");
            return 1;
        }

        var password = PasswordReset.NewPassword();
        var user = CreateUser.NewUser(username, displayName, role, now);
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await output.WriteLineAsync($"Created {role.ToString().ToLowerInvariant()} '{user.Username}' with password: {password}   (shown once)");
        return 0;
    }

    private static string? Option(string[] options, string name)
    {
        var at = Array.IndexOf(options, name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : null;
    }
}
