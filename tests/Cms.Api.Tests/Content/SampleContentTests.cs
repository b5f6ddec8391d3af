using System.Net;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Content;

public sealed class SampleContentTests
{
    [Test]
    public async Task AServiceThatCreatesItsDatabaseSeedsSampleArticlesOnce()
    {
        var empty = await TestPostgres.CreateEmptyDatabaseAsync("t_sample_content");
        var settings = new Dictionary<string, string?> { ["Cms:SampleContent:Enabled"] = "true" };

        int firstTotal;
        await using (var app = new CmsApp(empty, settings, clock: new(DateTimeOffset.UtcNow)))
        {
            using var client = app.CreateClient();
            using var list = await client.GetAsync("/api/v1/articles");
            var body = await ApiTest.ReadAsync<PagedList<ArticleResponse>>(list);
            firstTotal = (int)body.Total!.Value;
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstTotal, Is.GreaterThanOrEqualTo(3));
            Assert.That(body.Items[0].Authors[0].Organization, Is.Not.Null.And.Not.Empty);
            // Real pictures, drawn at first start and kept in the media library: no broken images for a newcomer.
            var covers = body.Items.Select(a => a.CoverImage).OfType<CoverImage>().ToList();
            Assert.That(covers, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(covers, Has.All.Matches<CoverImage>(c => c.MediaId != null && c.Width == 1600 && c.Height == 1000 && c.Url.StartsWith("/media/")));
            Assert.That(covers.Select(c => c.MediaId).Distinct().Count(), Is.EqualTo(covers.Count), "each story its own photo");
        }

        // A second start on the same database adds nothing.
        await using (var again = new CmsApp(empty, settings, clock: new(DateTimeOffset.UtcNow)))
        {
            using var client = again.CreateClient();
            using var list = await client.GetAsync("/api/v1/articles");
            var body = await ApiTest.ReadAsync<PagedList<ArticleResponse>>(list);
            Assert.That(body.Total, Is.EqualTo(firstTotal));
        }
    }
}
