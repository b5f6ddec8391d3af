using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

/// <summary>The user list's filters: <c>q</c> finds words in the username or display name ignoring case and accents; <c>role</c> picks one role.</summary>
public sealed record UserFilter(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "role")] string? Role)
{
    public static readonly string[] Roles = ["author", "editor", "admin"];

    public UserRole? RoleValue => Role is null ? null : Enum.Parse<UserRole>(Role, ignoreCase: true);
}

internal sealed class UserFilterValidator : AbstractValidator<UserFilter>
{
    public UserFilterValidator()
    {
        RuleFor(f => f.Q).MaximumLength(TextSearch.MaxLength);
        RuleFor(f => f.Role).Must(r => r is null || UserFilter.Roles.Contains(r)).WithMessage($"Use one of: {string.Join(", ", UserFilter.Roles)}.");
    }
}

internal static class ListUsers
{
    private const string Scope = "users";

    /// <summary>Where a page ended: by username (ignoring case), then id.</summary>
    private sealed record UserPosition(string Username, Guid Id);

    public static async Task<Results<Ok<PagedList<UserResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageQuery page, [AsParameters] UserFilter filter, CmsDbContext db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        // Each word somewhere in the username or display name, accents folded on both sides: "hong phai" finds "Hồng Phái".
        // A newsroom has hundreds of users, not millions: a scan is cheap, and the total is always exact.
        foreach (var word in TextSearch.Parse(filter.Q)?.Words ?? [])
        {
            var pattern = $"%{word}%";
            users = users.Where(u => EF.Functions.ILike(CmsDbContext.Unaccent(u.Username + " " + u.DisplayName), CmsDbContext.Unaccent(pattern)));
        }

        if (filter.RoleValue is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        var scope = string.Join('\u001f', Scope, filter.Q?.Trim(), filter.Role);
        var ordered = users.OrderBy(u => u.NormalizedUsername).ThenBy(u => u.Id);
        var (pageNumber, skip) = (page.PageNumber, page.Skip());
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<UserPosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            var (name, after) = (resumed.Position.Username, resumed.Position.Id);
            (pageNumber, skip) = (resumed.Page, 0);
            ordered = users.Where(u => EF.Functions.GreaterThan(ValueTuple.Create(u.NormalizedUsername, u.Id), ValueTuple.Create(name, after)))
                .OrderBy(u => u.NormalizedUsername).ThenBy(u => u.Id);
        }

        var size = page.Size();
        var items = await ordered.Skip(skip).Take(size + 1).Select(UserQueries.Response).ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, new UserPosition(User.Normalize(items[^1].Username), items[^1].Id), cancellationToken);
        }

        long? total = page.WantsTotal ? await users.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<UserResponse>(items, pageNumber, size, total, next));
    }
}
