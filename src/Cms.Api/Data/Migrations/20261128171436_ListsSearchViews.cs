using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListsSearchViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search folds case and accents on both sides with the same functions. unaccent() is only STABLE (its
            // dictionary could change), which a stored generated column and an index cannot use; these wrappers name the
            // dictionary explicitly and declare themselves IMMUTABLE, the documented way to index unaccented text.
            // unaccent is a trusted extension: the database owner may create it without superuser rights.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql(
                """
                CREATE FUNCTION cms_unaccent(text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

                -- Title weighs most (A), then summary (B), then the body's text with tags and entities taken out (C).
                -- 'simple' lowercases without stemming: there is no Vietnamese stemmer, and words are short and unchanging.
                CREATE FUNCTION cms_article_search(title text, summary text, body text) RETURNS tsvector
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    RETURN setweight(to_tsvector('simple'::regconfig, cms_unaccent(coalesce(title, ''))), 'A')
                        || setweight(to_tsvector('simple'::regconfig, cms_unaccent(coalesce(summary, ''))), 'B')
                        || setweight(to_tsvector('simple'::regconfig,
                            cms_unaccent(regexp_replace(coalesce(body, ''), '<[^>]*>|&[#a-zA-Z0-9]+;', ' ', 'g'))), 'C');

                -- The service builds the query text from letters and digits only (ArticleSearch), so it is always valid.
                CREATE FUNCTION cms_search_query(text) RETURNS tsquery
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    RETURN to_tsquery('simple'::regconfig, cms_unaccent($1));
                """);

            migrationBuilder.CreateTable(
                name: "article_stats",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    view_count = table.Column<long>(type: "bigint", nullable: false),
                    rating_total = table.Column<long>(type: "bigint", nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false),
                    rating_average = table.Column<double>(type: "double precision", nullable: false, computedColumnSql: "CASE WHEN rating_count = 0 THEN 0 ELSE rating_total::double precision / rating_count END", stored: true),
                    rating1 = table.Column<int>(type: "integer", nullable: false),
                    rating2 = table.Column<int>(type: "integer", nullable: false),
                    rating3 = table.Column<int>(type: "integer", nullable: false),
                    rating4 = table.Column<int>(type: "integer", nullable: false),
                    rating5 = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_stats", x => x.article_id);
                    table.ForeignKey(
                        name: "fk_article_stats_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "server_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_server_secrets", x => x.name);
                });

            // The counters move to their own table; every article gets its row.
            migrationBuilder.Sql(
                """
                INSERT INTO article_stats (article_id, view_count, rating_total, rating_count, rating1, rating2, rating3, rating4, rating5)
                SELECT id, view_count, rating_total, rating_count, 0, 0, 0, 0, 0 FROM articles;
                """);

            migrationBuilder.DropIndex(
                name: "ix_articles_status_publish_at",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "rating_count",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "rating_total",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "view_count",
                table: "articles");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "articles",
                type: "tsvector",
                nullable: false,
                computedColumnSql: "cms_article_search(title, summary, body)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_vector",
                table: "articles",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles",
                columns: new[] { "status", "publish_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_article_stats_rating_average_rating_count_article_id",
                table: "article_stats",
                columns: new[] { "rating_average", "rating_count", "article_id" });

            migrationBuilder.CreateIndex(
                name: "ix_article_stats_view_count_article_id",
                table: "article_stats",
                columns: new[] { "view_count", "article_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_stats");

            migrationBuilder.DropTable(
                name: "server_secrets");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_vector",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "articles");

            migrationBuilder.AddColumn<int>(
                name: "rating_count",
                table: "articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "rating_total",
                table: "articles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "view_count",
                table: "articles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_articles_status_publish_at",
                table: "articles",
                columns: new[] { "status", "publish_at" });

            migrationBuilder.Sql("DROP FUNCTION cms_search_query(text); DROP FUNCTION cms_article_search(text, text, text); DROP FUNCTION cms_unaccent(text);");
        }
    }
}
