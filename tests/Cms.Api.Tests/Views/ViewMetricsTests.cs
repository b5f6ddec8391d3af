using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Views;

/// <summary>The metrics say how far view counting is behind the database: views not yet written and the oldest one's wait.</summary>
// Alone: a metrics pipeline listens to every meter named "Cms" in the process, so another fixture's service running
// beside it would add its counts and gauges to this one's scrape.
[NonParallelizable]
public sealed class ViewMetricsTests : ContentTest
{
    // The flush timer ticks only when a test moves the clock a whole minute: the flusher is held while the clock moves less.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Metrics:Enabled"] = "true",
        ["Cms:Views:FlushIntervalMilliseconds"] = "60000",
    };

    [Test]
    public async Task PendingViewsAndTheFlushLagGrowWhileTheFlusherIsHeldAndClearWhenItWrites()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var id = (await CreateArticleAsync(editor, ArticleBody(author, new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();
        await App.FlushViewsAsync();
        var idle = await PrometheusText.ScrapeAsync(Client);

        for (var i = 0; i < 5; i++)
        {
            using var view = await Client.PostAsync($"/api/v1/articles/{id}/views", null);
            Assert.That((int)view.StatusCode, Is.EqualTo(202));
        }

        App.Clock.Advance(TimeSpan.FromSeconds(30));
        var held = await PrometheusText.ScrapeAsync(Client);
        await App.FlushViewsAsync();
        var written = await PrometheusText.ScrapeAsync(Client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PrometheusText.Value(idle, "cms_views_pending"), Is.Zero, "nothing counted yet");
            Assert.That(PrometheusText.Value(idle, "cms_views_flush_lag_seconds"), Is.Zero);
            Assert.That(PrometheusText.Value(held, "cms_views_pending"), Is.EqualTo(5), "five views counted, none written");
            Assert.That(PrometheusText.Value(held, "cms_views_flush_lag_seconds"), Is.EqualTo(30), "the oldest has waited the 30 s the clock moved");
            Assert.That(PrometheusText.Value(written, "cms_views_pending"), Is.Zero, "all written");
            Assert.That(PrometheusText.Value(written, "cms_views_flush_lag_seconds"), Is.Zero);
        }
    }
}
