using System.Diagnostics;
using Cms.Api.Ratings;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Faults;

/// <summary>
/// Readers who hang up: the statement their request was waiting on is cancelled in PostgreSQL (through the service's
/// abort relay, off the thread pool), nothing half-done is stored, and the service goes on answering.
/// </summary>
[Category("Faults")]
public sealed class AbandonedRequestTests : WriterTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Real sockets: a hang-up is the client closing its connection, as Kestrel sees it in production.
    protected override bool OnKestrel => true;

    [Test]
    public async Task AHangUpCancelsTheStatementTheRequestWaitsOn()
    {
        var id = (await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = Now.AddHours(-1) }))).Id;
        var rater = Guid.NewGuid();

        // A rating first takes a lock on (article, rater) (RateArticle.LockRater); holding that lock here keeps the
        // service's statement waiting inside PostgreSQL for as long as this test likes.
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await RaterLockAsync(holder, "pg_advisory_lock", id, rater);

        using var hangUp = new CancellationTokenSource();
        var rating = Client.SendAsync(Request(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", body: new { score = 5, raterId = rater }), hangUp.Token);
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 1), Is.True, "the service's rating statement waits on the held lock");

        await hangUp.CancelAsync();
        Assert.That(async () => await rating, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 0), Is.True,
            "the hang-up reached PostgreSQL and cancelled the statement while the lock was still held");

        await RaterLockAsync(holder, "pg_advisory_unlock", id, rater);
        using var read = await Client.GetAsync($"/api/v1/articles/{id}/ratings");
        read.EnsureSuccessStatusCode();
        var ratings = await ReadAsync<ArticleRatings>(read);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ratings.Count, Is.Zero, "the abandoned rating was not stored");
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM ratings"), Is.Zero);
        }

        // And the same rater, still connected this time, is served as usual.
        using var again = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", body: new { score = 4, raterId = rater });
        Assert.That((int)again.StatusCode, Is.EqualTo(200), await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ManyHangUpsAtOnceAreAllCancelledAndTheServiceKeepsAnswering()
    {
        var id = (await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = Now.AddHours(-1) }))).Id;
        var raters = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        foreach (var rater in raters)
        {
            await RaterLockAsync(holder, "pg_advisory_lock", id, rater);
        }

        using var hangUp = new CancellationTokenSource();
        var ratings = raters.Select(rater =>
            Client.SendAsync(Request(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", body: new { score = 3, raterId = rater }), hangUp.Token)).ToList();
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, raters.Count), Is.True, "every rating statement waits on its rater's lock");

        await hangUp.CancelAsync();
        // The cancels go to PostgreSQL one after another on the relay's thread; the service answers meanwhile.
        using var read = await Client.GetAsync($"/api/v1/articles/{id}");
        Assert.That((int)read.StatusCode, Is.EqualTo(200));
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 0), Is.True, "all twelve statements were cancelled while their locks were held");
        foreach (var rating in ratings)
        {
            Assert.That(async () => await rating, Throws.InstanceOf<OperationCanceledException>());
        }

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM ratings"), Is.Zero, "no abandoned rating was stored");
    }

    private static async Task RaterLockAsync(NpgsqlConnection connection, string function, Guid article, Guid rater)
    {
        // The same key as the service's: hashtextextended(article || rater || by_user, 7302), an anonymous rater.
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended($1::text || $2::text || $3::text, 7302))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = article });
        command.Parameters.Add(new NpgsqlParameter { Value = rater });
        command.Parameters.Add(new NpgsqlParameter { Value = false });
        await command.ExecuteScalarAsync();
    }

    /// <summary>Backends of this database other than the asking one that wait on an advisory lock.</summary>
    private Task<long> WaitingOnALockAsync() => ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
        "AND wait_event_type = 'Lock' AND wait_event = 'advisory'");

    private static async Task<bool> EventuallyAsync(Func<Task<long>> read, long expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (await read() == expected)
            {
                return true;
            }

            await Task.Delay(25);
        }

        return false;
    }
}
