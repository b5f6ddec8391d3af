using System.Text;
using System.Text.Json.Nodes;
using Cms.Api.Ratings;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Ratings;

public sealed class RatingTests : WriterTest
{
    private async Task<string> ArticleAsync(object? changes = null) =>
        (await CreateArticleResponseAsync(Editor, ArticleBody(Author, changes ?? new { publishAt = Now.AddHours(-1) }))).Id.ToString();

    private Task<HttpResponseMessage> RateAsync(string id, object body, string? token = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", token, body);

    private async Task<HttpResponseMessage> RatingsResponseAsync(string id)
    {
        var response = await Client.GetAsync($"/api/v1/articles/{id}/ratings");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return response;
    }

    private async Task<ArticleRatings> RatingsAsync(string id)
    {
        using var response = await RatingsResponseAsync(id);
        return await ReadAsync<ArticleRatings>(response);
    }

    /// <summary>The ratings as written, for the test that pins the contract's exact JSON.</summary>
    private async Task<JsonObject> RatingsJsonAsync(string id)
    {
        using var response = await RatingsResponseAsync(id);
        return await JsonAsync(response);
    }

    private static int[] Stars(RatingDistribution d) => [d.One, d.Two, d.Three, d.Four, d.Five];

    private async Task<JsonObject> ArticleRatingAsync(string id)
    {
        using var response = await Client.GetAsync($"/api/v1/articles/{id}");
        return (await JsonAsync(response))["rating"]!.AsObject();
    }

    [Test]
    public async Task OneRatingPerRaterAndTheTotalsFollow()
    {
        var id = await ArticleAsync();
        var reader = Guid.NewGuid();
        Assert.That((await RatingsJsonAsync(id)).ToJsonString(),
            Is.EqualTo("""{"totalPoints":0,"count":0,"average":null,"distribution":{"1":0,"2":0,"3":0,"4":0,"5":0}}"""));

        using var first = await RateAsync(id, new { score = 4, raterId = reader });
        var firstBody = await JsonAsync(first);
        using var other = await RateAsync(id, new { score = 5, raterId = Guid.NewGuid() });
        using var again = await RateAsync(id, new { score = 2, raterId = reader });
        var againBody = await JsonAsync(again);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(200));
            Assert.That(firstBody.ToJsonString(), Is.EqualTo("""{"totalPoints":4,"count":1,"average":4,"yourScore":4}"""));
            Assert.That(againBody.ToJsonString(), Is.EqualTo("""{"totalPoints":7,"count":2,"average":3.5,"yourScore":2}"""), "the second rating replaced the first");
            Assert.That((await RatingsJsonAsync(id)).ToJsonString(),
                Is.EqualTo("""{"totalPoints":7,"count":2,"average":3.5,"distribution":{"1":0,"2":1,"3":0,"4":0,"5":1}}"""));
            Assert.That((await ArticleRatingAsync(id)).ToJsonString(), Is.EqualTo("""{"totalPoints":7,"count":2,"average":3.5}"""));
        }
    }

    [Test]
    public async Task SignedInUsersRateAsThemselvesNotAsTheRaterIdTheySend()
    {
        var id = await ArticleAsync();
        var (_, _, token) = await CreateUserAsync("author");
        var someone = Guid.NewGuid();

        using var anonymous = await RateAsync(id, new { score = 5, raterId = someone });
        using var user = await RateAsync(id, new { score = 1, raterId = someone }, token);
        using var userAgain = await RateAsync(id, new { score = 3 }, token);

        Assert.That(await ReadAsync<RatingResult>(userAgain), Is.EqualTo(new RatingResult(TotalPoints: 8, Count: 2, Average: 4, YourScore: 3)));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM ratings"), Is.EqualTo(2));
    }

    [Test]
    public async Task HundredsOfRatersAtOnceAreAllCounted()
    {
        var id = await ArticleAsync();
        var scores = Enumerable.Range(0, 300).Select(i => i % 5 + 1).ToArray();

        var statuses = await Task.WhenAll(scores.Select(async score =>
        {
            using var response = await RateAsync(id, new { score, raterId = Guid.NewGuid() });
            return (int)response.StatusCode;
        }));

        var ratings = await RatingsAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.All.EqualTo(200));
            Assert.That(ratings.Count, Is.EqualTo(300));
            Assert.That(ratings.TotalPoints, Is.EqualTo(scores.Sum()));
            Assert.That(Stars(ratings.Distribution), Is.All.EqualTo(60));
            Assert.That(await ScalarAsync<long>("SELECT sum(score) FROM ratings"), Is.EqualTo(scores.Sum()), "totals equal the rows");
        }
    }

    [Test]
    public async Task OneRaterRacingItselfCountsOnce()
    {
        var id = await ArticleAsync();
        var racers = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();

        // Twenty raters, each sending ten different scores at the same moment, first votes included.
        var statuses = await Task.WhenAll(racers.SelectMany(rater => Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await RateAsync(id, new { score = i % 5 + 1, raterId = rater });
            return (int)response.StatusCode;
        })));

        var ratings = await RatingsAsync(id);
        var stored = await ScalarAsync<long>("SELECT sum(score) FROM ratings");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.All.EqualTo(200));
            Assert.That(ratings.Count, Is.EqualTo(20));
            Assert.That(ratings.TotalPoints, Is.EqualTo(stored), "whichever score won, the total is the rows' sum");
            Assert.That(Stars(ratings.Distribution).Sum(), Is.EqualTo(20));
        }
    }

    [Test]
    public async Task EachRatingAnswersTheTotalsRightAfterItsOwnVote()
    {
        // Ratings arriving together share a transaction (RatingBatcher); mixed in with refused ones, each still gets its
        // own answer: a hundred new raters of one article see the counts 1 to 100, each exactly once.
        var open = await ArticleAsync();
        var closed = await ArticleAsync(new { allowRating = false, publishAt = Now.AddHours(-1) });
        var unknown = Guid.CreateVersion7().ToString();
        var targets = Enumerable.Range(0, 150).Select(i => i % 3 == 0 ? open : i % 3 == 1 ? closed : unknown)
            .Concat(Enumerable.Range(0, 50).Select(_ => open)).ToArray();

        var answers = await Task.WhenAll(targets.Select(async target =>
        {
            using var response = await RateAsync(target, new { score = 4, raterId = Guid.NewGuid() });
            var body = await JsonAsync(response);
            return (target, status: (int)response.StatusCode, count: body["count"]?.GetValue<int>(), code: body["code"]?.GetValue<string>());
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Where(a => a.target == open).Select(a => a.count), Is.EquivalentTo(Enumerable.Range(1, 100).Select(i => (int?)i)));
            Assert.That(answers.Where(a => a.target == closed).Select(a => (a.status, a.code)), Is.All.EqualTo((409, "rating_disabled")));
            Assert.That(answers.Where(a => a.target == unknown).Select(a => (a.status, a.code)), Is.All.EqualTo((404, "not_found")));
            Assert.That((await RatingsAsync(open)).TotalPoints, Is.EqualTo(400));
        }
    }

    [Test]
    public async Task DisabledRatingsAre409AndUnknownArticles404()
    {
        var closed = await ArticleAsync(new { allowRating = false, publishAt = Now.AddHours(-1) });
        var draft = await ArticleAsync(new { status = "draft" });

        using var disabled = await RateAsync(closed, new { score = 5, raterId = Guid.NewGuid() });
        using var toDraft = await RateAsync(draft, new { score = 5, raterId = Guid.NewGuid() });
        using var unknown = await RateAsync(Guid.CreateVersion7().ToString(), new { score = 5, raterId = Guid.NewGuid() });
        using var readUnknown = await Client.GetAsync($"/api/v1/articles/{Guid.CreateVersion7()}/ratings");

        await AssertProblemAsync(disabled, 409, "rating_disabled");
        await AssertProblemAsync(toDraft, 404, "not_found");
        await AssertProblemAsync(unknown, 404, "not_found");
        await AssertProblemAsync(readUnknown, 404, "not_found");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM ratings"), Is.Zero);
    }

    [TestCase("""{"score":0,"raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"score":6,"raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"score":2.5,"raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"score":"5","raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"score":null,"raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"raterId":"0193a1b2-0000-7000-8000-000000000001"}""", "score")]
    [TestCase("""{"score":5}""", "raterId")]
    [TestCase("""{"score":5,"raterId":"not-a-uuid"}""", "raterId")]
    [TestCase("""{"score":5,"raterId":"00000000-0000-0000-0000-000000000000"}""", "raterId")]
    public async Task BadRatingsAre400NamingTheField(string json, string field)
    {
        var id = await ArticleAsync();
        using (await RateAsync(id, new { score = 3, raterId = Guid.NewGuid() }))
        {
        }

        using var response = await Client.PostAsync($"/api/v1/articles/{id}/ratings", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey(field), Is.True, problem.ToJsonString());
        Assert.That((await RatingsAsync(id)).TotalPoints, Is.EqualTo(3), "what was stored is untouched");
    }

    [Test]
    public async Task RaterIdsAreNeverShownToOthers()
    {
        var id = await ArticleAsync();
        var secret = Guid.NewGuid();
        using var rated = await RateAsync(id, new { score = 4, raterId = secret });

        using var article = await Client.GetAsync($"/api/v1/articles/{id}");
        using var ratings = await Client.GetAsync($"/api/v1/articles/{id}/ratings");
        using var list = await Client.GetAsync("/api/v1/articles");

        foreach (var response in new[] { rated, article, ratings, list })
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(secret.ToString()));
        }
    }
}

public sealed class RatingRateLimitTests : ContentTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:RateLimits:RatingsPerMinute"] = "3" };

    [Test]
    public async Task BallotStuffingFromOneAddressIsLimited()
    {
        var editor = await EditorAsync();
        var id = (await CreateArticleResponseAsync(editor, ArticleBody(await CreateAuthorAsync(editor), new { publishAt = Now.AddHours(-1) }))).Id;

        async Task<HttpResponseMessage> RateAsync(string address)
        {
            var request = Request(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", body: new { score = 5, raterId = Guid.NewGuid() });
            request.Headers.Add(CmsApp.ClientAddressHeader, address);
            return await Client.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await RateAsync("10.2.0.1");
            Assert.That((int)ok.StatusCode, Is.EqualTo(200));
        }

        using var limited = await RateAsync("10.2.0.1");
        using var other = await RateAsync("10.2.0.2");

        await AssertProblemAsync(limited, 429, "rate_limited");
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        Assert.That((int)other.StatusCode, Is.EqualTo(200));
        Assert.That(await ScalarAsync<int>("SELECT rating_count FROM article_stats"), Is.EqualTo(4));
    }
}
