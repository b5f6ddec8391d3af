using Cms.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_search_vector",
                table: "articles");

            // cms_search_words and cms_search_words_query (the file is idempotent).
            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.Search));

            // Both columns in one statement: adding a stored generated column rewrites the table, once rather than twice.
            migrationBuilder.Sql("""
                ALTER TABLE articles
                    ADD COLUMN search_shard integer GENERATED ALWAYS AS ((get_byte(uuid_send(id), 15) % 8)) STORED NOT NULL,
                    ADD COLUMN search_words tsvector GENERATED ALWAYS AS (cms_search_words(title, summary, body)) STORED NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_0",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 0")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_1",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 1")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_2",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 2")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_3",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 3")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_4",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 4")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_5",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 5")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_6",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 6")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_words_7",
                table: "articles",
                column: "search_words",
                filter: "search_shard = 7")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_0",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_1",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_2",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_3",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_4",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_5",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_6",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_search_words_7",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "search_shard",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "search_words",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_articles_search_vector",
                table: "articles",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
