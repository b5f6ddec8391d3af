using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class TagsInVisibilityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles",
                columns: new[] { "status", "publish_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "expires_at", "tags" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_articles_status_publish_at_id",
                table: "articles",
                columns: new[] { "status", "publish_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "expires_at" });
        }
    }
}
