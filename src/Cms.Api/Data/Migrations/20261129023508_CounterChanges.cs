using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <summary>
    /// Stamps every write of an article's counters with the writing transaction's id (xid8), as the Sync migration does
    /// for articles, so each instance's once-a-second refresh of the counters it holds (ArticleCounters) asks for the
    /// rows written since its last refresh instead of every row it holds: its cost follows what changed, not how much of
    /// the library is being read. A trigger, so no writer (views, ratings, a hand-written fix) can forget it. Outside
    /// the EF model on purpose: only SQL reads and writes it.
    /// </summary>
    public partial class CounterChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                ALTER TABLE article_stats ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
                CREATE INDEX ix_article_stats_change_xid ON article_stats (change_xid);

                CREATE FUNCTION cms_article_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.change_xid := pg_current_xact_id();
                    RETURN NEW;
                END $$;
                CREATE TRIGGER article_stats_changed BEFORE UPDATE ON article_stats
                    FOR EACH ROW EXECUTE FUNCTION cms_article_stats_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER article_stats_changed ON article_stats;
                DROP FUNCTION cms_article_stats_changed();
                ALTER TABLE article_stats DROP COLUMN change_xid;
                """);
        }
    }
}
