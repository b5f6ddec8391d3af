using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Articles;

/// <summary>
/// Keeps a revision for every save, staged in the same SaveChanges (so the same transaction) as the save itself.
/// Revisions share the article's version numbers; pending changes take versions above the live one.
/// </summary>
internal sealed class RevisionLog(CmsDbContext db, IOptions<RevisionOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(ArticleRequest state) => JsonSerializer.Serialize(state, Json);

    public static ArticleRequest Deserialize(string content) =>
        JsonSerializer.Deserialize<ArticleRequest>(content, Json) ?? throw new InvalidOperationException("A revision's content is null.");

    /// <summary>
    /// Where the article's history stands, read in one query so that two racing saves compute the same next version
    /// and the revisions' key lets only one of them land: the newest version (what If-Match must name), the version
    /// the next save takes, and the pending changes (the newest revision, tracked, when it is pending above the live one).
    /// </summary>
    public async Task<Head> HeadAsync(Guid articleId, int liveVersion, CancellationToken cancellationToken)
    {
        var newest = await db.ArticleRevisions.Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        var current = Math.Max(liveVersion, newest?.Version ?? 0);
        return new Head(current, current + 1, newest is { Pending: true } && newest.Version > liveVersion ? newest : null);
    }

    public sealed record Head(int Current, int Next, ArticleRevision? Pending);

    public Task<ArticleRevision?> FindAsync(Guid articleId, int version, CancellationToken cancellationToken) =>
        db.ArticleRevisions.SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Version == version, cancellationToken);

    /// <summary>
    /// Stages the revision <paramref name="version"/> holding <paramref name="state"/>. When <paramref name="previous"/> (the
    /// revision this save follows) was saved by the same user within the merge window and is not live, it is replaced
    /// by this one, which then lists what either changed: autosaving every few seconds keeps one revision, not hundreds.
    /// </summary>
    public void Stage(Guid articleId, int version, ArticleRequest state, Guid? userId, DateTimeOffset now, bool live, bool pending,
        ArticleRevision? previous, bool mayMerge)
    {
        var content = Serialize(state);
        var changed = Changed(previous?.Content, content);
        if (mayMerge && previous is { Live: false } && userId is not null && previous.SavedById == userId && previous.Pending == pending
            && now - previous.SavedAt <= TimeSpan.FromSeconds(options.Value.MergeWindowSeconds))
        {
            changed = [.. Properties.Where(p => changed.Contains(p) || previous.Changed.Contains(p))];
            db.ArticleRevisions.Remove(previous);
        }

        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = articleId, Version = version, SavedAt = now, SavedById = userId, Changed = changed, Content = content, Live = live, Pending = pending,
        });
    }

    /// <summary>The writable properties, in the order a PUT body lists them.</summary>
    private static readonly string[] Properties = [.. typeof(ArticleRequest).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    /// <summary>The camelCase names whose values differ; every one when there is nothing before (the first save).</summary>
    private static string[] Changed(string? before, string after)
    {
        if (before is null)
        {
            return [.. Properties];
        }

        var (old, now) = (JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject());
        return [.. Properties.Where(p => !JsonNode.DeepEquals(old[p], now[p]))];
    }
}
