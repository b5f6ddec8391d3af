using Cms.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Data;

public sealed class SchemaTests : ApiTest
{
    [Test]
    public async Task TheModelHasNoChangesThatAMigrationDoesNotHave()
    {
        var pending = await WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.That(pending, Is.False, "add a migration: dotnet ef migrations add <Name> --project src/Cms.Api --output-dir Data/Migrations");
    }

    [Test]
    public async Task TheServicesConnectionsRunWithoutJit()
    {
        // A generic plan's guessed cost passes jit_above_cost easily and compiling dwarfs the query (BENCHMARKS.md).
        await using var command = App.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("SHOW jit");

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("off"));
    }

    [Test]
    public async Task TheFunctionsAndTriggersTheCodeReliesOnExist()
    {
        string[] functions =
        [
            "cms_unaccent", "cms_article_search", "cms_search_query", "cms_visible_to_readers", "cms_article_changed",
            "cms_article_deleted", "cms_author_renamed", "cms_category_renamed", "cms_article_stats_changed", "cms_content_changed",
        ];
        string[] triggers =
        [
            "articles_changed", "articles_deleted", "authors_renamed", "categories_renamed", "article_stats_changed",
            "articles_content_changed", "article_authors_content_changed", "article_categories_content_changed",
            "article_slugs_content_changed", "authors_content_changed", "categories_content_changed",
        ];

        var foundFunctions = await NamesAsync("SELECT proname::text AS \"Value\" FROM pg_proc WHERE proname LIKE 'cms\\_%'");
        var foundTriggers = await NamesAsync("SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal");
        var columns = await NamesAsync(
            "SELECT (table_name || '.' || column_name)::text AS \"Value\" FROM information_schema.columns WHERE column_name IN ('change_xid', 'change_count', 'ever_published')");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(foundFunctions, Is.SupersetOf(functions));
            Assert.That(foundTriggers, Is.SupersetOf(triggers));
            Assert.That(columns, Is.SupersetOf(new[]
            {
                "articles.change_xid", "articles.ever_published", "article_stats.change_xid", "article_stats.change_count", "article_tombstones.change_xid",
            }));
        }
    }

    private async Task<List<string>> NamesAsync(string sql) =>
        await WithDbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());
}
