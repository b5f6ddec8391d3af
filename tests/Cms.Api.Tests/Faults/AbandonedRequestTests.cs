using System.Diagnostics;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Faults;

/// <summary>
/// Clients who hang up: the statement their request was waiting on is cancelled in PostgreSQL (through the service's
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

        // A save ends in an UPDATE of the article's row; holding that row locked here keeps the service's statement
        // waiting inside PostgreSQL for as long as this test likes.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await using var holder = await RowLockAsync(connection, [id]);

        using var hangUp = new CancellationTokenSource();
        var save = Client.SendAsync(Request(HttpMethod.Put, $"/api/v1/articles/{id}", Editor, ArticleBody(Author, new { title = "Bỏ dở" })), hangUp.Token);
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 1), Is.True, "the service's save waits on the held row lock");

        await hangUp.CancelAsync();
        Assert.That(async () => await save, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 0), Is.True,
            "the hang-up reached PostgreSQL and cancelled the statement while the lock was still held");

        await holder.RollbackAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ScalarAsync<string>("SELECT title FROM articles WHERE id = $1", id), Is.Not.EqualTo("Bỏ dở"), "the abandoned save was not stored");
            Assert.That(await ScalarAsync<long>("SELECT version::bigint FROM articles WHERE id = $1", id), Is.EqualTo(1));
        }

        // And the same save, still connected this time, is served as usual.
        using var again = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{id}", Editor, ArticleBody(Author, new { title = "Lưu lại" }));
        Assert.That((int)again.StatusCode, Is.EqualTo(200), await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ManyHangUpsAtOnceAreAllCancelledAndTheServiceKeepsAnswering()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = Now.AddHours(-1) }))).Id);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await using var holder = await RowLockAsync(connection, ids);
        using var hangUp = new CancellationTokenSource();
        var saves = ids.Select(id =>
            Client.SendAsync(Request(HttpMethod.Put, $"/api/v1/articles/{id}", Editor, ArticleBody(Author, new { title = "Bỏ dở" })), hangUp.Token)).ToList();
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, ids.Count), Is.True, "every save waits on its article's row lock");

        await hangUp.CancelAsync();
        // The cancels go to PostgreSQL one after another on the relay's thread; the service answers meanwhile.
        using var read = await Client.GetAsync($"/api/v1/articles/{ids[0]}");
        Assert.That((int)read.StatusCode, Is.EqualTo(200));
        Assert.That(await EventuallyAsync(WaitingOnALockAsync, 0), Is.True, "all twelve statements were cancelled while their locks were held");
        foreach (var save in saves)
        {
            Assert.That(async () => await save, Throws.InstanceOf<OperationCanceledException>());
        }

        await holder.RollbackAsync();
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM articles WHERE title = 'Bỏ dở' OR version > 1"), Is.Zero, "no abandoned save was stored");
    }

    /// <summary>A transaction of the test's own holding these articles' rows (FOR UPDATE) until it is rolled back.</summary>
    private static async Task<NpgsqlTransaction> RowLockAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids)
    {
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM articles WHERE id = ANY($1) FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    /// <summary>Backends of this database other than the asking one that wait on a lock.</summary>
    private Task<long> WaitingOnALockAsync() => ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");

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
