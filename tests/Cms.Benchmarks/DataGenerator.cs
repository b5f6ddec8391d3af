using Cms.Api.Content;
using Npgsql;

namespace Cms.Benchmarks;

/// <summary>
/// Bulk-loads a library with binary COPY, not the API (a million rows; reading is what is measured): mostly published
/// articles over three years, some drafts, scheduled, archived and expired, bylines, categories, tags, views, ratings.
/// </summary>
internal static class DataGenerator
{
    public const int AuthorCount = 300;
    public const int CategoryCount = 24;
    public const int TagCount = 200;

    public static async Task LoadAsync(NpgsqlDataSource db, int articles, DateTimeOffset now, TextWriter log)
    {
        var corpus = new Corpus(seed: 2017);
        var authors = Enumerable.Range(0, AuthorCount).Select(i => Guid.CreateVersion7(now.AddDays(-2000).AddMinutes(i))).ToArray();
        var categories = Enumerable.Range(0, CategoryCount).Select(i => Guid.CreateVersion7(now.AddDays(-2000).AddMinutes(i))).ToArray();
        var tags = Enumerable.Range(0, TagCount).Select(_ => corpus.Word() + " " + corpus.Word()).Distinct().ToArray();

        await using var connection = await db.OpenConnectionAsync();
        // One transaction: an interrupted load leaves nothing half-made for the next run to mistake for a library.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY authors (id, slug, name, organization, bio, avatar_url, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < authors.Length; i++)
            {
                var name = corpus.Sentence(2, 3);
                await copy.WriteRowAsync(default, authors[i], $"{Cut(Slug.From(name))}-{i}", name, i % 3 == 0 ? "BTG" : "PV", null, null, now, now, 1);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY categories (id, slug, name, description, parent_id, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < categories.Length; i++)
            {
                var name = corpus.Sentence(1, 3);
                await copy.WriteRowAsync(default, categories[i], $"{Cut(Slug.From(name))}-{i}", name, null, i >= 4 ? categories[i % 4] : null, now, now, 1);
            }

            await copy.CompleteAsync();
        }

        log.WriteLine($"  authors {authors.Length}, categories {categories.Length}; articles...");
        var ids = new Guid[articles];
        var ratingArticles = new List<(Guid Id, short[] Scores)>();
        var slugs = new List<(string Slug, Guid Id)>(articles);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY articles (id, slug, title, summary, body, status, publish_at, expires_at, source, tags, allow_rating, created_at, updated_at, version) " +
            "FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < articles; i++)
            {
                var kind = corpus.Next(100);
                var publishAt = now.AddSeconds(-corpus.NextDouble() * 3 * 365 * 86400);
                var (status, publish, expires) = kind switch
                {
                    < 2 => ("draft", (DateTimeOffset?)null, (DateTimeOffset?)null),
                    < 4 => ("published", now.AddHours(1 + corpus.Next(24 * 30)), null),
                    < 5 => ("archived", publishAt, null),
                    < 6 => ("published", publishAt, now.AddDays(-1)),
                    _ => ("published", publishAt, null),
                };
                var created = publish ?? now.AddDays(-corpus.Next(30));
                ids[i] = Guid.CreateVersion7(created);
                var title = corpus.Sentence(7, 15);
                slugs.Add(($"{Cut(Slug.From(title))}-{i}", ids[i]));
                var articleTags = Enumerable.Range(0, 1 + corpus.Next(3)).Select(_ => tags[corpus.Next(tags.Length)]).Distinct().ToArray();
                await copy.WriteRowAsync(default, ids[i], slugs[^1].Slug, title, corpus.Sentence(20, 40) + ".", corpus.Body(), status,
                    publish, expires, i % 5 == 0 ? "Báo Quảng Ngãi" : null, articleTags, i % 50 != 0, created, created, 1);
                if (corpus.Next(10) == 0)
                {
                    ratingArticles.Add((ids[i], Enumerable.Range(0, 1 + corpus.Next(10)).Select(_ => (short)(1 + corpus.Next(5))).ToArray()));
                }

                if ((i + 1) % 20000 == 0)
                {
                    log.WriteLine($"  {i + 1} articles");
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY article_slugs (slug, article_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (slug, id) in slugs)
            {
                await copy.WriteRowAsync(default, slug, id);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY article_authors (article_id, author_id, position) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                var first = corpus.Next(authors.Length);
                await copy.WriteRowAsync(default, id, authors[first], 0);
                if (corpus.Next(10) == 0)
                {
                    await copy.WriteRowAsync(default, id, authors[(first + 1 + corpus.Next(authors.Length - 1)) % authors.Length], 1);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY article_categories (article_id, category_id, position) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                var first = corpus.Next(categories.Length);
                await copy.WriteRowAsync(default, id, categories[first], 0);
                if (corpus.Next(4) == 0)
                {
                    await copy.WriteRowAsync(default, id, categories[(first + 1 + corpus.Next(categories.Length - 1)) % categories.Length], 1);
                }
            }

            await copy.CompleteAsync();
        }

        var rated = ratingArticles.ToDictionary(r => r.Id, r => r.Scores);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY article_stats (article_id, view_count, rating_total, rating_count, rating1, rating2, rating3, rating4, rating5) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                var scores = rated.GetValueOrDefault(id, []);
                var views = (long)(-Math.Log(1 - corpus.NextDouble()) * 800);
                await copy.WriteRowAsync(default, id, views, (long)scores.Sum(s => s), scores.Length,
                    scores.Count(s => s == 1), scores.Count(s => s == 2), scores.Count(s => s == 3), scores.Count(s => s == 4), scores.Count(s => s == 5));
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ratings (article_id, rater_id, by_user, score, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, scores) in ratingArticles)
            {
                foreach (var score in scores)
                {
                    await copy.WriteRowAsync(default, id, Guid.NewGuid(), false, score, now, now);
                }
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        log.WriteLine("  VACUUM ANALYZE...");
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static string Cut(string? slug) => slug is null ? "x" : slug[..Math.Min(slug.Length, 100)].TrimEnd('-');
}
