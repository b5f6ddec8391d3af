using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Users;

/// <summary>Creates the first admin so a new installation can be signed into at all.</summary>
internal sealed class AdminBootstrapper(
    CmsDbContext db, IPasswordHasher<User> hasher, TimeProvider time, IOptions<BootstrapOptions> options,
    IHostEnvironment environment, ILogger<AdminBootstrapper> logger)
{
    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminUsername) || await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = settings.AdminPassword;
        var generated = string.IsNullOrEmpty(password) && environment.IsDevelopment();
        if (generated)
        {
            password = PasswordReset.NewPassword(bytes: 12);
        }

        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Cms:Bootstrap:AdminUsername is set but Cms:Bootstrap:AdminPassword is not; no admin was created");
            return;
        }

        var admin = CreateUser.NewUser(settings.AdminUsername, settings.AdminDisplayName, UserRole.Admin, time.Now());
        admin.PasswordHash = hasher.HashPassword(admin, password);
        db.Users.Add(admin);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance starting at the same moment created it first.
            return;
        }

        if (generated)
        {
            logger.LogWarning(
                "Created the first admin. Sign in with username '{Username}' and password '{Password}' (shown once; set Cms:Bootstrap:AdminPassword to choose it)",
                admin.Username, password);
        }
        else
        {
            logger.LogInformation("Created the first admin '{Username}' from Cms:Bootstrap", admin.Username);
        }
    }
}
