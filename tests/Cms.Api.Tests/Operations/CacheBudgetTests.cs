using Cms.Api.Infrastructure.Memory;
using Cms.Api.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cms.Api.Tests.Operations;

/// <summary>The rule that sizes every cache from the memory the runtime may use, as the README states it.</summary>
public sealed class CacheBudgetTests
{
    private const long MiB = 1024 * 1024;

    [TestCase(256, 32)]
    [TestCase(512, 64)]
    [TestCase(1024, 128)]
    [TestCase(2048, 224)]
    [TestCase(24 * 1024, 224)]
    [TestCase(64, 16)]
    public void WithoutASettingTheCachesTakeAnEighthOfTheMemoryWithinBounds(long availableMegabytes, long expectedMegabytes)
    {
        var budget = CacheBudget.From(new MemoryOptions(), availableMegabytes * MiB);

        Assert.That(budget.TotalBytes, Is.EqualTo(expectedMegabytes * MiB));
    }

    [Test]
    public void TheSettingWinsOverTheMachine()
    {
        var budget = CacheBudget.From(new MemoryOptions { CacheMegabytes = 700 }, 256 * MiB);

        Assert.That(budget.TotalBytes, Is.EqualTo(700 * MiB));
    }

    [Test]
    public void TheSharesAddUpToTheBudgetAndKeepTheOldProportions()
    {
        var budget = CacheBudget.From(new MemoryOptions { CacheMegabytes = 224 }, 0);

        Assert.Multiple(() =>
        {
            Assert.That(budget.AnswerBytes, Is.EqualTo(32 * MiB));
            Assert.That(budget.ArticleBytes, Is.EqualTo(128 * MiB));
            Assert.That(budget.HotRenditionBytes, Is.EqualTo(64 * MiB));
            Assert.That(budget.AnswerBytes + budget.ArticleBytes + budget.HotRenditionBytes, Is.LessThanOrEqualTo(budget.TotalBytes));
        });
    }

    [Test]
    public async Task ANonPositiveBudgetStopsTheStartNamingTheSetting()
    {
        // The service's own composition, validated as its start validates it. Not through WebApplicationFactory: when a
        // start fails there, the entry point's disposal races the factory, which then may throw ObjectDisposedException.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:Cms"] = await TestPostgres.CreateMigratedDatabaseAsync("t_cache_budget");
        builder.Configuration["Cms:Memory:CacheMegabytes"] = "0";
        builder.AddCmsApi();
        await using var app = builder.Build();

        var refused = Assert.Catch(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(refused!.ToString(), Does.Contain("Cms:Memory:CacheMegabytes"));
    }
}
