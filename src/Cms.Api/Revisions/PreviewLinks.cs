using System.Security.Cryptography;
using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Revisions;

/// <summary>The secret (shown once), the reader's preview page for it, and when it stops working.</summary>
public sealed record PreviewLinkResponse(string Token, string Url, DateTimeOffset ExpiresAt);

internal static partial class PreviewLinks
{
    public const string ExpiresAtHeader = "Preview-Expires-At";

    /// <summary>256 random bits, URL-safe; only the SHA-256 is stored, so the table cannot be turned into working links.</summary>
    public static async Task<Results<Created<PreviewLinkResponse>, ProblemHttpResult>> Create(
        Guid id, HttpContext http, CmsDbContext db, TimeProvider time, IOptions<PreviewOptions> options, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        var now = time.Now();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var link = new PreviewLink
        {
            Id = Guid.CreateVersion7(now), ArticleId = id, TokenHash = Hash(token), CreatedById = Viewer.Of(http).UserId, CreatedAt = now,
            ExpiresAt = now.AddHours(options.Value.LinkHours),
        };
        db.PreviewLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{Reader.ReaderEndpoints.Path}/preview/{token}";
        return TypedResults.Created($"/api/v1/preview/{token}", new PreviewLinkResponse(token, url, link.ExpiresAt));
    }

    /// <summary>Every link to the article stops working at once (410 from then on).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        var now = time.Now();
        await db.PreviewLinks.Where(p => p.ArticleId == id && p.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.RevokedAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The article as it will be (pending changes applied, whatever its status), to whoever holds the link. Never
    /// cached by anyone: not the read cache (this route has no read-cache policy, and its path is not an article's),
    /// nor a browser or CDN (no-store), nor indexed.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Show(
        string token, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var hash = Hash(token);
        var link = await db.PreviewLinks.AsNoTracking().Where(p => p.TokenHash == hash).Select(p => new { p.ArticleId, p.ExpiresAt, p.RevokedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var now = time.Now();
        if (link is null)
        {
            return Problem.NotFound("This preview link");
        }

        if (link.RevokedAt is not null || link.ExpiresAt <= now)
        {
            return Problem.Of(StatusCodes.Status410Gone, ProblemCodes.PreviewExpired, "Preview expired",
                "This preview link has expired or was revoked. Ask for a new one.");
        }

        // When the link stops working: the reader's preview page shows it in its banner.
        http.Response.Headers[ExpiresAtHeader] = link.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == link.ArticleId, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("This preview link");
        }

        if ((await writer.Revisions.HeadAsync(article.Id, article.Version, cancellationToken)).Pending is { } pending)
        {
            return TypedResults.Ok(WithToken(await RevisionView.ToResponseAsync(db, article, RevisionLog.Deserialize(pending.Content), pending.Version,
                pending.SavedAt, now, cancellationToken), token));
        }

        var row = await db.RowAsync(article.Id, cancellationToken);
        return row is null ? Problem.NotFound("This preview link") : TypedResults.Ok(WithToken(row.ToResponse(now), token));
    }

    /// <summary>
    /// The article's media addresses on this service (cover, and every one in the body: src, srcset, links) carry the
    /// link's token, so the preview's pictures load before anonymous readers may have them (<see cref="PreviewMedia"/>).
    /// Addresses on other hosts are left alone: the token never leaves this service.
    /// </summary>
    public static ArticleResponse WithToken(ArticleResponse article, string token)
    {
        var parameter = $"{Media.IPreviewMedia.Parameter}={Uri.EscapeDataString(token)}";
        var cover = article.CoverImage is { MediaId: not null } own ? own with { Url = $"{own.Url}?{parameter}" } : article.CoverImage;
        var body = article.Body is null ? null : MediaAddress().Replace(article.Body, match =>
        {
            var query = match.Groups["query"].Value.TrimStart('?');
            return $"{match.Groups["path"].Value}?{parameter}{(query.Length > 0 ? "&amp;" + query : "")}";
        });
        return article with { CoverImage = cover, Body = body };
    }

    /// <summary>A /media/{id}/{file} address relative to this service (not the tail of another host's), with its query if any.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w/.:%-])(?<path>/media/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/[^\s""'<>?#,]+)(?<query>\?[^\s""'<>#,]*)?")]
    private static partial System.Text.RegularExpressions.Regex MediaAddress();

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
