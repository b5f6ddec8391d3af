using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <summary>
    /// Numbers every write of an article's counters (change_count, one more per write; writes of one row are serialized
    /// by its lock, so the number only grows). The counters an instance holds come from several reads in flight at once —
    /// its own writes' RETURNING, the refresh, a page's rows — and may land in any order: each keeps the value with the
    /// highest number, so an older read landing last cannot stand. Transaction ids (change_xid) cannot order them: a
    /// transaction may take its id before another that writes the row first.
    /// </summary>
    public partial class CounterVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                ALTER TABLE article_stats ADD COLUMN change_count bigint NOT NULL DEFAULT 0;
                CREATE OR REPLACE FUNCTION cms_article_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.change_xid := pg_current_xact_id();
                    NEW.change_count := OLD.change_count + 1;
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE OR REPLACE FUNCTION cms_article_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.change_xid := pg_current_xact_id();
                    RETURN NEW;
                END $$;
                ALTER TABLE article_stats DROP COLUMN change_count;
                """);
        }
    }
}
